/**
 * The Mali facts, however the dump was damaged.
 *
 * Every variant is made here from `fixtures/foreign-relations-of-mali.txt`
 * (the seed: a UTF-8 file whose six en dashes went through a UTF-8 →
 * Windows-1252 mix-up): the clean text, Latin-1 damage, double Windows-1252
 * damage, CRLF + BOM, pandoc ≥ 3.7 list marks, a Windows-1252 file and
 * UTF-16 (LE and BE with a BOM, LE without).  Each one must give the same
 * partners, dates, main articles, references, memberships and claims as the
 * seed, with the diagnostics and repairs at their places in the variant's own
 * text.
 */

import {readFileSync} from 'node:fs'
import iconv from 'iconv-lite'
import {describe, expect, it} from 'vitest'
import {createResolver, decode, parseForeignRelations, repairMojibake} from '../src/index.js'
import type {ForeignRelations} from '../src/index.js'
import {newListMarks} from './dumps.js'

const seedBytes = readFileSync(new URL('../fixtures/foreign-relations-of-mali.txt', import.meta.url))
const seed = seedBytes.toString('utf8')

/** Mojibake of `text`: its UTF-8 bytes read as `codec`, as a string. */
function misread(text: string, codec: 'latin1' | 'windows-1252'): string {
  return iconv.decode(Buffer.from(text, 'utf8'), codec)
}


/** The seed with its mojibake undone. */
const clean = repairMojibake(seed).text

interface Variant {
  name: string
  input: string | Uint8Array
  /** The text that positions refer to (decoded, BOM kept). */
  text: string
  /** The damage each repair must point at (null: no repair expected). */
  damage: string | null
}

function bytesVariant(name: string, bytes: Uint8Array, damage: string | null): Variant {
  return {name, input: bytes, text: decode(bytes).text, damage}
}

const withCrlfBom = `\uFEFF${seed.replaceAll('\n', '\r\n')}`
const utf16le = iconv.encode(seed, 'utf-16le')
const bom16le = Uint8Array.of(0xff, 0xfe)
const bom16be = Uint8Array.of(0xfe, 0xff)
const concat = (a: Uint8Array, b: Uint8Array): Uint8Array => Uint8Array.from([...a, ...b])

const variants: Variant[] = [
  {name: 'the seed (Windows-1252 damage), as a string', input: seed, text: seed, damage: 'â€“'},
  bytesVariant('the seed, as bytes', seedBytes, 'â€“'),
  {name: 'clean text', input: clean, text: clean, damage: null},
  {name: 'Latin-1 damage (UTF-8 read as ISO-8859-1)', input: misread(clean, 'latin1'), text: misread(clean, 'latin1'), damage: 'â\u0080\u0093'},
  {
    name: 'double Windows-1252 damage',
    input: misread(misread(clean, 'windows-1252'), 'windows-1252'),
    text: misread(misread(clean, 'windows-1252'), 'windows-1252'),
    damage: 'Ã¢â‚¬â€œ'
  },
  bytesVariant('CRLF and a UTF-8 BOM, as bytes', Buffer.from(withCrlfBom, 'utf8'), 'â€“'),
  {name: 'CRLF and a BOM, as a string', input: withCrlfBom, text: withCrlfBom, damage: 'â€“'},
  {name: 'pandoc ≥ 3.7 list marks (`- `)', input: newListMarks(seed), text: newListMarks(seed), damage: 'â€“'},
  bytesVariant('a Windows-1252 file', iconv.encode(clean, 'windows-1252'), null),
  bytesVariant('UTF-16 LE with BOM', concat(bom16le, utf16le), 'â€“'),
  bytesVariant('UTF-16 BE with BOM', concat(bom16be, iconv.encode(seed, 'utf-16be')), 'â€“'),
  bytesVariant('UTF-16 LE without BOM', utf16le, 'â€“')
]

/** The facts of the end-to-end issue, position-free. */
function facts(model: ForeignRelations) {
  return {
    subject: model.subject,
    partners: model.bilateral.map((r) => r.partner.iso2),
    partnerNames: model.bilateral.map((r) => r.partner.name),
    dates: model.bilateral.map((r) => r.established && [r.established.date, r.established.precision]),
    mainArticles: model.bilateral.map((r) => r.mainArticle),
    noteBlocks: model.bilateral.map((r) => r.notes.map((b) => (b.type === 'list' ? `list(${b.children.length})` : b.type)).join(' ')),
    references: model.references.map((r) => ({id: r.id, empty: r.empty, text: r.text, urls: r.urls, claimIds: r.claimIds})),
    memberships: model.multilateral.map((m) => ({name: m.name, acronym: m.acronym, status: m.status, claimIds: m.claimIds})),
    seeAlso: model.seeAlso,
    claims: model.claims.map((c) => ({id: c.id, text: c.text, citations: c.citations, section: c.section, partner: c.partner})),
    diagnostics: model.diagnostics
      .filter((d) => d.ruleId !== 'mojibake-repaired' && d.ruleId !== 'not-utf8')
      .map((d) => [d.ruleId, d.line])
  }
}

const reference = parseForeignRelations(seed)
const referenceFacts = facts(reference)

describe('the reference: the seed’s facts', () => {
  // The facts every variant is compared with, pinned here so that a change
  // that breaks all variants the same way still fails.
  it('are the end-to-end facts', () => {
    expect(referenceFacts.subject).toEqual({name: 'Mali', iso2: 'ML', article: 'Foreign relations of Mali'})
    expect(referenceFacts.partners).toEqual(['DZ', null, 'CA', 'CN', 'FR', 'IN', 'LY', 'MR', 'MX', 'PK', 'RU', 'KR', 'US'])
    expect(referenceFacts.dates.filter(Boolean)).toEqual([
      ['1994-02-21', 'day'],
      ['1960-10-25', 'day'],
      ['1977-03-23', 'day'],
      ['1990-09-27', 'day']
    ])
    expect(referenceFacts.mainArticles.filter(Boolean)).toEqual([
      'Canada–Mali relations',
      'China–Mali relations',
      'India–Mali relations',
      'Libya–Mali relations',
      'Mali–Mauritania relations',
      'Mali–Russia relations',
      'Mali–United States relations'
    ])
    expect(referenceFacts.noteBlocks[5]).toBe('paragraph list(2)')
    expect(referenceFacts.noteBlocks[8]).toBe('list(2)')
    expect(referenceFacts.references).toHaveLength(22)
    expect(referenceFacts.references.filter((r) => r.empty).map((r) => r.id)).toEqual([2, 3, 4, 12, 13, 17, 18, 19])
    expect(referenceFacts.memberships).toHaveLength(18)
    expect(referenceFacts.seeAlso).toEqual(['List of diplomatic missions in Mali', 'List of diplomatic missions of Mali'])
    expect(referenceFacts.diagnostics.filter(([id]) => id === 'partner-unresolved')).toEqual([['partner-unresolved', 22]])
  })
})

describe.each(variants)('Mali, $name', (variant) => {
  const model = parseForeignRelations(variant.input)
  const got = facts(model)
  const lines = variant.text.split(/\r?\n/)

  it('has the partners, dates and main articles', () => {
    expect(got.subject).toEqual(referenceFacts.subject)
    expect(got.partners).toEqual(referenceFacts.partners)
    expect(got.partnerNames).toEqual(referenceFacts.partnerNames)
    expect(got.dates).toEqual(referenceFacts.dates)
    expect(got.mainArticles).toEqual(referenceFacts.mainArticles)
    // The lists of the India and Mexico rows stay lists.
    expect(got.noteBlocks).toEqual(referenceFacts.noteBlocks)
  })

  it('has the 22 references (8 empty), 18 memberships and the see-also list', () => {
    expect(got.references).toEqual(referenceFacts.references)
    expect(got.memberships).toEqual(referenceFacts.memberships)
    expect(got.seeAlso).toEqual(referenceFacts.seeAlso)
  })

  it('has the same claims, and the key ones', () => {
    expect(got.claims).toEqual(referenceFacts.claims)
    const resolver = createResolver(model)
    expect(resolver.claimsCiting(5)[0]!.text.endsWith('Zana Ousmane Dao')).toBe(true)
    expect(resolver.claimsCiting(6).map((c) => c.text)).toEqual(["while Canada's embassy in Mali has been open since 1995."])
    expect(resolver.claimsCiting(8)[0]!.text).toContain('Cdn.$22m. between 1990-2008')
    expect(resolver.claimsCiting(14).map((c) => [c.text, c.partner])).toEqual([['India has an embassy in Bamako.', 'India']])
    const pakistan = model.claims.find((c) => c.text === 'Pakistan supports the integrity and sovereignty of Mali.')
    expect(pakistan?.citations).toEqual([])
  })

  it('has the same diagnostics at the same lines; row 2 unresolved at line 22', () => {
    expect(got.diagnostics).toEqual(referenceFacts.diagnostics)
    const unresolved = model.diagnostics.filter((d) => d.ruleId === 'partner-unresolved')
    expect(unresolved.map((d) => d.line)).toEqual([22])
    expect(model.bilateral[1]!.position.line).toBe(22)
    expect(lines[21]).toContain('Both countries established diplomatic relations on 21 February 1994.')
  })

  it('points every repair at its damage in its own text', () => {
    if (variant.damage === null) {
      expect(model.repairs).toEqual([])
      return
    }
    expect(model.repairs.map((r) => r.line)).toEqual([24, 28, 36, 43, 52, 58])
    for (const r of model.repairs) {
      expect(r.original).toBe(variant.damage)
      expect(r.replacement).toBe('–')
      expect(lines[r.line - 1]!.slice(r.column - 1, r.column - 1 + r.original.length)).toBe(r.original)
      expect(variant.text.slice(r.offset, r.offset + r.original.length)).toBe(r.original)
    }
    const logged = model.diagnostics.filter((d) => d.ruleId === 'mojibake-repaired')
    expect(logged.map((d) => [d.line, d.column, d.offset])).toEqual(model.repairs.map((r) => [r.line, r.column, r.offset]))
  })

  it('gives claims positions in its own text', () => {
    for (const claim of model.claims) {
      const at = lines[claim.position.line - 1]!.slice(claim.position.column - 1)
      const firstWord = claim.text.split(/[\s,]/)[0]!
      expect(at.startsWith(firstWord), `${claim.id} ${claim.text}`).toBe(true)
      expect(variant.text.slice(claim.position.offset).startsWith(firstWord), `${claim.id} offset`).toBe(true)
    }
  })
})

describe('the variants are what they claim to be', () => {
  it('differ from each other in the ways intended', () => {
    expect(clean).not.toContain('â€')
    expect(clean.match(/–/g)).toHaveLength(6)
    expect(misread(clean, 'latin1')).toContain('Canadaâ\u0080\u0093Mali')
    expect(newListMarks(seed)).toContain('| - India has an embassy in Bamako.[14]  ')
    expect(newListMarks(seed).split('\n').map((l) => l.length)).toEqual(seed.split('\n').map((l) => l.length - (l.startsWith('-   ') ? 2 : 0)))
    expect(decode(iconv.encode(clean, 'windows-1252')).encoding).toBe('windows-1252')
    expect(decode(utf16le)).toMatchObject({encoding: 'utf-16le', bom: false})
    expect(decode(concat(bom16be, iconv.encode(seed, 'utf-16be')))).toMatchObject({encoding: 'utf-16be', bom: true})
  })

  it('report their source encoding, BOM and line ends', () => {
    expect(parseForeignRelations(Buffer.from(withCrlfBom, 'utf8')).source).toEqual({encoding: 'utf-8', bom: true, lineEnding: 'crlf'})
    expect(parseForeignRelations(concat(bom16le, utf16le)).source).toEqual({encoding: 'utf-16le', bom: true, lineEnding: 'lf'})
    const cp = parseForeignRelations(iconv.encode(clean, 'windows-1252'))
    expect(cp.source.encoding).toBe('windows-1252')
    expect(cp.diagnostics.filter((d) => d.ruleId === 'not-utf8')).toHaveLength(1)
  })
})
