/**
 * Property tests (fast-check) over arbitrary strings and bytes: the public
 * entry points never throw, repair is idempotent and keeps the number of
 * lines, and parsing keeps every letter and digit: the multiset of
 * \p{L}\p{N} of the parsed tree equals that of the repaired text.
 *
 * Runs: 12,000 in all (see RUNS).  Sizes are kept small so that the suite
 * stays fast; the named hostile cases (tests/hostile.test.ts) cover size.
 * A failure prints fast-check's seed and shrunk counterexample; replay it
 * with `fc.assert(…, {seed, path})`.
 */

import fc from 'fast-check'
import type {Nodes, Root} from 'mdast'
import {describe, expect, it} from 'vitest'
import {decode, parseDocument, parseForeignRelations, repairMojibake} from '../src/index.js'
import {alnumCounts, treeText} from './corpus-helpers.js'

/**
 * Runs per property; the total is asserted below (≥ 10,000).  Set
 * `FR_PROPERTY_SCALE=10` to search ten times longer (not in CI).
 */
const SCALE = Math.max(1, Number(process.env.FR_PROPERTY_SCALE ?? 1) || 1)
const RUNS = {strings: 3500 * SCALE, bytes: 2500 * SCALE, mojibake: 2500 * SCALE, tables: 2000 * SCALE, damagedTables: 1500 * SCALE}

/** Letters and digits as a sorted list, comparable with `toEqual`. */
function alnum(text: string): Array<[string, number]> {
  return [...alnumCounts(text)].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
}

/** The repaired working text, as the parser sees it (BOM dropped). */
function repairedBody(text: string): string {
  return repairMojibake(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).text
}

/** Checks the model's shape on any input (it must be well-formed, not right). */
function assertModelShape(input: string | Uint8Array): void {
  const model = parseForeignRelations(input)
  expect(Array.isArray(model.bilateral)).toBe(true)
  expect(Array.isArray(model.claims)).toBe(true)
  expect(typeof model.subject.name).toBe('string')
  for (const claim of model.claims) expect(claim.id).toMatch(/^c\d+$/)
}

// ---------------------------------------------------------------------------
// Generators.

/** Pieces of pandoc plain output, artifacts, mojibake and hostile names. */
const TOKENS = [
  '+', '-', '---', '+-----+------+', '+=====+======+', '|', '| ', ' |', ' ', '  ', '    ', '\n', '\n\n', '\r\n', '\r',
  '[1]', '[2]', '[12]', '[1] ', '[9999]', '-   ', '- ', '1.  ', '2)', 'a', 'Mali', 'Canada', 'Country', 'Notes',
  'Formal Relations Began', 'See also', 'References', 'Foreign relations of ', '__proto__', 'constructor', 'toString',
  'hasOwnProperty', '{{Cite web', '{{', '}}', 'â€“', 'Ã', 'Ã©', 'â€™', 'Ã¢â‚¬â€œ', 'é', '–', 'http://example.com/a_(b)',
  'https://x.org/', '_x_', '_', '[TABLE]', 'Category:', 'See ', '–Mali relations', '1994', '21 February 1994', '\t',
  '\0', '\ud800', '\udc00', '\ufeff', '日本', '👨‍👩‍👧', '  -------- --------', '=====', '[Caption] ', 'File.jpg '
]

/** Text made of dump-like tokens. */
const dumpish = fc.array(fc.constantFrom(...TOKENS), {maxLength: 50}).map((parts) => parts.join(''))

/** Any UTF-16 string, lone surrogates included. */
const anyString = fc.string({unit: 'binary', maxLength: 60})

/** Strings of the characters mojibake is made of. */
const mojibakeChars = fc.string({
  unit: fc.constantFrom('Ã', 'â', '€', '™', 'Â', '©', '\u00a0', 'é', '\u0080', '\u009d', 'œ', 'ž', 'Å', '¡', 'ƒ', '–', '“', '”', 'a', ' ', '\n', 'Ð', '°', 'Ñ', '\ud83d', '\ude00'),
  maxLength: 40
})

/** Real mojibake: text encoded as UTF-8 and read as Windows-1252 (once or twice). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'
function asWindows1252(text: string): string {
  let out = ''
  for (const byte of Buffer.from(text, 'utf8')) out += byte >= 0x80 && byte < 0xa0 ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte)
  return out
}
const mojibake = fc
  .tuple(fc.string({unit: 'grapheme', maxLength: 16}), fc.integer({min: 0, max: 2}))
  .map(([text, times]) => {
    let s = text
    for (let i = 0; i < times; i++) s = asWindows1252(s)
    return s
  })

/** Cell words, some of them hostile. */
const word = fc.oneof(
  fc.constantFrom('Mali', 'Canada', '1994', 'x', 'é', 'Ã©', 'â€“', '日本', '[1]', '[2]', '__proto__', 'constructor', 'http://a.com/x', '_y_', '{{Cite', '}}', '|', '+', '-', '=', '-   a', '1.'),
  fc.string({unit: fc.constantFrom('a', 'b', '1', 'é', ' ', '-', '|', '+', '['), minLength: 1, maxLength: 6})
)
const cellText = fc.array(word, {maxLength: 4}).map((words) => words.join(' '))

/** A grid table as pandoc draws it (cell text wrapped over 1–3 lines). */
const gridTable = fc
  .record({
    cols: fc.integer({min: 1, max: 4}),
    rows: fc.integer({min: 1, max: 5}),
    head: fc.boolean(),
    texts: fc.array(cellText, {minLength: 20, maxLength: 20}),
    wrap: fc.integer({min: 1, max: 3})
  })
  .map(({cols, rows, head, texts, wrap}) => {
    const cells = Array.from({length: rows}, (_, r) => Array.from({length: cols}, (_, c) => texts[(r * cols + c) % 20] ?? ''))
    const widths = Array.from({length: cols}, (_, c) => Math.max(3, ...cells.map((row) => Math.ceil((row[c] ?? '').length / wrap))))
    const border = (ch: string): string => `+${widths.map((w) => ch.repeat(w + 2)).join('+')}+`
    const out = [border('-')]
    cells.forEach((row, r) => {
      const chunks = row.map((t, c) => Array.from({length: wrap}, (_, i) => t.slice(i * widths[c]!, (i + 1) * widths[c]!)))
      for (let i = 0; i < wrap; i++) out.push(`| ${chunks.map((p, c) => (p[i] ?? '').padEnd(widths[c]!)).join(' | ')} |`)
      out.push(border(head && r === 0 ? '=' : '-'))
    })
    return out.join('\n')
  })

/** A simple table (dash rules above and below). */
const simpleTable = fc
  .record({cols: fc.integer({min: 2, max: 4}), rows: fc.array(fc.array(word, {minLength: 4, maxLength: 4}), {minLength: 1, maxLength: 4})})
  .map(({cols, rows}) => {
    const widths = Array.from({length: cols}, (_, c) => Math.max(3, ...rows.map((r) => (r[c] ?? '').length)))
    const rule = `  ${widths.map((w) => '-'.repeat(w)).join('  ')}`
    return [rule, ...rows.map((r) => `  ${r.slice(0, cols).map((t, c) => t.padEnd(widths[c]!)).join('  ')}`), rule].join('\n')
  })

/** Up to three edits at random places (delete, insert or replace one character or marker). */
function damaged(arb: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.constantFrom('del', 'ins', 'rep'), fc.constantFrom('|', '+', '-', '=', ' ', '\n', 'a', 'Ã', '[1]', ''))
  return fc.tuple(arb, fc.array(edit, {maxLength: 3})).map(([text, edits]) => {
    let s = text
    for (const [at, op, piece] of edits) {
      const i = s.length > 0 ? at % s.length : 0
      s = op === 'del' ? s.slice(0, i) + s.slice(i + 1) : op === 'ins' ? s.slice(0, i) + piece + s.slice(i) : s.slice(0, i) + piece + s.slice(i + 1)
    }
    return s
  })
}

const paragraph = fc.array(word, {maxLength: 8}).map((words) => words.join(' '))
function documentOf(block: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.array(block, {minLength: 1, maxLength: 4}).map((blocks) => `${blocks.join('\n\n')}\n`)
}

// ---------------------------------------------------------------------------

describe('property tests', () => {
  it('runs at least 10,000 cases in all', () => {
    expect(Object.values(RUNS).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(10_000)
  })

  it('strings: no throw, repair idempotent, letters and digits kept by parseDocument', {timeout: 60_000 * SCALE}, () => {
    fc.assert(
      fc.property(fc.oneof(dumpish, anyString, mojibakeChars), (text) => {
        const once = repairMojibake(text)
        expect(repairMojibake(once.text).text).toBe(once.text)
        expect(once.text.split('\n')).toHaveLength(text.split('\n').length)
        const tree = parseDocument(text)
        expect(tree.type).toBe('root')
        expect(alnum(treeText(tree as Nodes))).toEqual(alnum(repairedBody(text)))
        assertModelShape(text)
      }),
      {numRuns: RUNS.strings}
    )
  })

  it('bytes: no throw; the tree keeps the letters and digits of the decoded, repaired text', {timeout: 60_000 * SCALE}, () => {
    const bytes = fc.oneof(
      fc.uint8Array({maxLength: 80}),
      dumpish.map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
      dumpish.map((s) => new Uint8Array(Buffer.from(s, 'utf16le'))),
      fc.tuple(dumpish, fc.uint8Array({maxLength: 4})).map(([s, junk]) => new Uint8Array([...Buffer.from(s, 'utf8'), ...junk]))
    )
    fc.assert(
      fc.property(bytes, (input) => {
        const decoded = decode(input)
        expect(typeof decoded.text).toBe('string')
        const tree: Root = parseDocument(input)
        expect(alnum(treeText(tree as Nodes))).toEqual(alnum(repairedBody(decoded.text)))
        assertModelShape(input)
      }),
      {numRuns: RUNS.bytes}
    )
  })

  it('mojibake: repair is idempotent, keeps lines, and each repair points at its original text', {timeout: 60_000 * SCALE}, () => {
    fc.assert(
      fc.property(mojibake, (text) => {
        const once = repairMojibake(text)
        expect(repairMojibake(once.text).text).toBe(once.text)
        expect(once.text.split('\n')).toHaveLength(text.split('\n').length)
        for (const r of once.repairs) expect(text.slice(r.offset, r.offset + r.original.length)).toBe(r.original)
      }),
      {numRuns: RUNS.mojibake}
    )
  })

  it('tables as pandoc draws them: letters and digits kept, no throw', {timeout: 60_000 * SCALE}, () => {
    fc.assert(
      fc.property(documentOf(fc.oneof(gridTable, simpleTable, paragraph)), (text) => {
        const tree = parseDocument(text)
        expect(alnum(treeText(tree as Nodes))).toEqual(alnum(repairedBody(text)))
        assertModelShape(text)
      }),
      {numRuns: RUNS.tables}
    )
  })

  // Damaged grid and simple tables: text is never lost or doubled (the
  // scanners put it in the nearest cell or give up on the table).
  it('damaged tables: no throw, letters and digits kept, a well-formed tree and model', {timeout: 60_000 * SCALE}, () => {
    fc.assert(
      fc.property(documentOf(fc.oneof(damaged(gridTable), damaged(simpleTable), paragraph)), (text) => {
        const tree = parseDocument(text)
        expect(tree.type).toBe('root')
        for (const child of tree.children) expect(child.position?.start.offset).toBeTypeOf('number')
        expect(alnum(treeText(tree as Nodes))).toEqual(alnum(repairedBody(text)))
        assertModelShape(text)
      }),
      {numRuns: RUNS.damagedTables}
    )
  })
})
