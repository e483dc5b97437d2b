/**
 * Hostile input: huge, degenerate, binary and prototype-polluting dumps.
 * Each case asserts its result; the per-test `timeout` is only the guard
 * against a hang (no timing is asserted: speed belongs in `npm run bench`).
 */

import type {Nodes, Root} from 'mdast'
import {afterEach, describe, expect, it} from 'vitest'
import {createResolver, decode, parseDocument, parseForeignRelations, repairMojibake} from '../src/index.js'
import {parseRuleOption, validateConfig} from '../src/check/config.js'
import {alnumCounts, treeText} from './corpus-helpers.js'

/** The hang guard of every case: far above what any case needs. */
const GUARD = {timeout: 20_000}

function count(tree: Nodes, type: string): number {
  let n = 0
  const stack: Nodes[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === type) n++
    if ('children' in node) for (const c of node.children as Nodes[]) stack.push(c)
  }
  return n
}

function sameAlnum(tree: Root, text: string): void {
  const want = [...alnumCounts(repairMojibake(text).text)].sort()
  const got = [...alnumCounts(treeText(tree as Nodes))].sort()
  expect(got).toEqual(want)
}

/** A Mali-like dump around a bilateral table with these rows. */
function dumpWithRows(rows: Array<[string, string, string]>, extra: {title?: string; reference?: string} = {}): string {
  const w = [Math.max(7, ...rows.map((r) => r[0].length)), 22, Math.max(5, ...rows.map((r) => r[2].length))]
  const border = (ch: string): string => `+${w.map((n) => ch.repeat(n + 2)).join('+')}+`
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(w[i]!)).join(' | ')} |`
  const table = [border('-'), line(['Country', 'Formal Relations Began', 'Notes']), border('=')]
  for (const r of rows) table.push(line(r), border('-'))
  return [
    'Mali is a country in West Africa.[1]',
    '',
    '',
    extra.title ?? 'History',
    '',
    'Mali has relations with many states.',
    '',
    '',
    'Bilateral relations',
    '',
    ...table,
    '',
    '',
    'References',
    '',
    `[1] ${extra.reference ?? 'A source.'}`,
    ''
  ].join('\n')
}

describe('huge and degenerate input', () => {
  it('a 1 MB border line, alone and as the border of a table', GUARD, () => {
    const border = `+${'-'.repeat(1_000_000)}+`
    const alone = parseDocument(`${border}\n`)
    expect(alone.type).toBe('root')
    expect(count(alone, 'table')).toBe(0)
    const row = `| ${'x'.padEnd(999_998)} |`
    const table = parseDocument(`${border}\n${row}\n${border}\n`)
    expect(count(table, 'table')).toBe(1)
    expect(count(table, 'tableCell')).toBe(1)
    sameAlnum(table, row)
  })

  it('2 MB of `|`', GUARD, () => {
    const text = '|'.repeat(2_000_000)
    const tree = parseDocument(text)
    expect(treeText(tree as Nodes).replace(/\s/g, '')).toBe(text)
    const model = parseForeignRelations(text)
    expect(model.bilateral).toEqual([])
    expect(model.claims.length).toBeLessThanOrEqual(1)
  })

  it('100,000 table rows (the model, so the tree too)', GUARD, () => {
    const rows: Array<[string, string, string]> = []
    for (let i = 0; i < 100_000; i++) rows.push(['', '', `Row ${i} note.`])
    const model = parseForeignRelations(dumpWithRows(rows))
    expect(model.bilateral).toHaveLength(100_000)
    expect(model.bilateral[99_999]!.notes).toHaveLength(1)
    expect(model.bilateral[99_999]!.partner.iso2).toBe(null)
    expect(model.claims.filter((c) => c.section === 'Bilateral relations')).toHaveLength(100_000)
    expect(model.claims.at(-1)?.text).toBe('Row 99999 note.')
  })

  it('300,000 footnote markers `[1]`', GUARD, () => {
    const text = `${'[1]'.repeat(300_000)}\n\n[1] The source.\n`
    const tree = parseDocument(text)
    expect(count(tree, 'footnoteReference')).toBe(300_000)
    expect(count(tree, 'footnoteDefinition')).toBe(1)
    const model = parseForeignRelations(text)
    expect(model.references).toHaveLength(1)
    expect(model.references[0]!.text).toBe('The source.')
  })

  it('1 MB of `Ã` (not mojibake of anything: kept)', GUARD, () => {
    const text = 'Ã'.repeat(1_000_000)
    const repaired = repairMojibake(text)
    expect(repaired.text).toBe(text)
    expect(repaired.repairs).toEqual([])
    const tree = parseDocument(text)
    expect(treeText(tree as Nodes)).toBe(text)
    expect(parseForeignRelations(text).repairs).toEqual([])
  })

  it('deep list nesting (1,000 levels, both marker styles)', GUARD, () => {
    for (const [marker, step] of [['-   ', 4], ['- ', 2]] as const) {
      let text = ''
      for (let i = 0; i < 1000; i++) text += `${' '.repeat(i * step)}${marker}item${i}\n`
      const tree = parseDocument(text)
      expect(count(tree, 'list')).toBeGreaterThanOrEqual(32)
      sameAlnum(tree, text)
      expect(parseForeignRelations(text).claims.length).toBeGreaterThan(0)
    }
  })

  it('`{{` × 500,000: one broken template, reported', GUARD, () => {
    const text = '{{'.repeat(500_000)
    const tree = parseDocument(text)
    expect(count(tree, 'template')).toBe(1)
    expect(tree.data?.diagnostics?.filter((d) => d.ruleId === 'broken-template')).toHaveLength(1)
    expect(parseForeignRelations(text).claims).toEqual([])
  })
})

describe('binary and broken encodings', () => {
  it('NUL bytes (not UTF-16) are kept as text', GUARD, () => {
    const bytes = new Uint8Array([...Buffer.from('Mali\0is\0'), 0, 0, ...Buffer.from('a country.\n')])
    const decoded = decode(bytes)
    expect(decoded.encoding).toBe('utf-8')
    expect(decoded.text).toBe('Mali\0is\0\0\0a country.\n')
    const tree = parseDocument(bytes)
    expect(treeText(tree as Nodes)).toContain('Mali\0is')
    expect(parseForeignRelations(bytes).subject.name).toBeTypeOf('string')
  })

  it('lone surrogates pass through and serialize', GUARD, () => {
    const text = 'Mali \ud800 and \udc00 Canada.[1]\n\n[1] Source \udbff.\n'
    const tree = parseDocument(text)
    expect(treeText(tree as Nodes)).toContain('\ud800')
    const model = parseForeignRelations(text)
    expect(model.references[0]!.text).toBe('Source \udbff.')
    expect(() => JSON.stringify(model)).not.toThrow()
    expect(JSON.parse(JSON.stringify(model)).references[0].text).toBe('Source \udbff.')
  })

  it('invalid UTF-8 is read as Windows-1252 with a diagnostic', GUARD, () => {
    const bytes = new Uint8Array([...Buffer.from('Caf'), 0xe9, 0x20, 0xc3, 0x28, ...Buffer.from(' Mali\n')])
    const model = parseForeignRelations(bytes)
    expect(model.source.encoding).toBe('windows-1252')
    expect(model.diagnostics.map((d) => d.ruleId)).toContain('not-utf8')
    const tree = parseDocument(bytes)
    expect(treeText(tree as Nodes)).toContain('Café')
  })

  it('random bytes of every value decode and parse', GUARD, () => {
    const bytes = new Uint8Array(65_536)
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + (i >> 8)) & 0xff
    const tree = parseDocument(bytes)
    expect(tree.type).toBe('root')
    expect(parseForeignRelations(bytes).source.encoding).toBeTypeOf('string')
  })
})

describe('prototype pollution', () => {
  const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', 'valueOf']

  afterEach(() => {
    const probe = {} as Record<string, unknown>
    expect(probe.polluted).toBe(undefined)
    expect(Object.prototype.toString).toBe(Object.prototype.toString)
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(
      ['__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__', '__proto__', 'constructor', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'toString', 'valueOf'].sort()
    )
  })

  it('as Country cells: kept as names with no ISO code; coverage per partner keyed safely', GUARD, () => {
    const rows = NAMES.map((n): [string, string, string] => [n, '1960', `${n} polluted.`])
    const model = parseForeignRelations(dumpWithRows(rows))
    expect(model.bilateral.map((r) => r.partner.name)).toEqual(NAMES)
    for (const relation of model.bilateral) {
      expect(relation.partner.iso2).toBe(null)
      expect(relation.partner.evidenceDetails.map((e) => e.kind)).toEqual(['country-cell'])
      expect(relation.established?.date).toBe('1960')
      expect(Object.getPrototypeOf(relation.partner)).toBe(Object.prototype)
    }
    const coverage = createResolver(model).coverage()
    expect(coverage.overall.total).toBe(model.claims.length)
    expect(coverage.byPartner.map((p) => p.partner)).toEqual(NAMES)
    for (const p of coverage.byPartner) expect(p).toMatchObject({cited: 0, total: 1})
  })

  it('a real Country cell next to them still resolves', GUARD, () => {
    const model = parseForeignRelations(dumpWithRows([['__proto__', '', 'Note.'], ['Canada', '1962', 'Note.'], ['constructor', '', 'Note.']]))
    expect(model.bilateral.map((r) => r.partner.iso2)).toEqual([null, 'CA', null])
  })

  // Section titles that start with a lower-case letter are sentences, not
  // headings (docs/mdast.md), so the names tried as titles are those a
  // heading can have.
  it('as a section title and as a reference text', GUARD, () => {
    for (const name of ['__proto__', '__defineGetter__', '__lookupSetter__', 'Constructor']) {
      const model = parseForeignRelations(dumpWithRows([['Canada', '', 'Note.[1]']], {title: name, reference: name}))
      expect(model.references).toHaveLength(1)
      expect(model.references[0]!.text).toBe(name)
      expect(model.claims.find((c) => c.text === 'Mali has relations with many states.')?.section).toBe(name)
      const resolver = createResolver(model)
      expect(resolver.claimsCiting(1).map((c) => c.text)).toEqual(['Mali is a country in West Africa.', 'Note.'])
      expect(resolver.coverage().bySection.map((s) => s.section)).toEqual(['(lead)', name, 'Bilateral relations'])
    }
    for (const name of NAMES) {
      const model = parseForeignRelations(dumpWithRows([['Canada', '', 'Note.[1]']], {reference: name}))
      expect(model.references[0]!.text).toBe(name)
    }
  })

  it('rule ids from a config or --rule that are property names are rejected', GUARD, () => {
    expect(() => validateConfig(JSON.parse('{"rules": {"__proto__": "off"}}'), 'config')).toThrow(/__proto__/)
    expect(() => validateConfig(JSON.parse('{"rules": {"constructor": "off"}}'), 'config')).toThrow(/constructor/)
    expect(() => parseRuleOption('toString=off')).toThrow(/toString/)
    expect(() => validateConfig(JSON.parse('{"__proto__": {"rules": {}}}'), 'config')).toThrow(/__proto__/)
  })

  it('footnote ids that are property names of arrays and objects', GUARD, () => {
    const model = parseForeignRelations('Text.[1]\n\n[1] length\n\n[2] __proto__\n')
    expect(model.references.map((r) => r.text)).toEqual(['length', '__proto__'])
    expect(createResolver(model).claimsCiting(2)).toEqual([])
  })
})
