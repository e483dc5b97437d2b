/**
 * End to end on the real dump: "Foreign relations of Mali" (the seed), the
 * facts of the end-to-end issue, asserted exactly.
 */

import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {createResolver, parseDocument, parseForeignRelations} from '../src/index.js'
import type {ForeignRelations} from '../src/index.js'

const bytes = readFileSync(new URL('../fixtures/foreign-relations-of-mali.txt', import.meta.url))
const text = bytes.toString('utf8')
const model: ForeignRelations = parseForeignRelations(bytes)

/** Every string anywhere in the model except the repair log. */
function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value)
  else if (Array.isArray(value)) for (const v of value) allStrings(v, out)
  else if (value && typeof value === 'object') for (const v of Object.values(value)) allStrings(v, out)
  return out
}

describe('Mali: repairs and tables', () => {
  it('repairs the six en dashes, at their lines', () => {
    expect(model.repairs).toHaveLength(6)
    for (const r of model.repairs) {
      expect(r.original).toBe('â€“')
      expect(r.replacement).toBe('–')
      // The position points at the damage in the original file.
      const line = text.split('\n')[r.line - 1]!
      expect(line.slice(r.column - 1, r.column - 1 + 3)).toBe('â€“')
    }
    expect(model.repairs.map((r) => r.line)).toEqual([24, 28, 36, 43, 52, 58])
  })

  it('leaves no mojibake in any text of the model', () => {
    const {repairs: _repairs, diagnostics, ...rest} = model
    const strings = allStrings(rest).concat(allStrings(diagnostics.filter((d) => d.ruleId !== 'mojibake-repaired')))
    expect(strings.filter((s) => s.includes('â€'))).toEqual([])
  })

  it('parses the grid table even without repair (damaged rows are wider than the border)', () => {
    const raw = parseForeignRelations(bytes, {repair: false})
    expect(raw.bilateral).toHaveLength(13)
    // Nothing past the (misplaced) right wall is lost: the damaged rows keep
    // their whole text, and each of them is reported.
    const canada = JSON.stringify(raw.bilateral[2]!.notes)
    expect(canada).toContain('See Canadaâ€“Mali relations')
    expect(canada).toContain('73 mining concessions were held by Canadian firms in Mali.')
    expect(raw.bilateral.map((r) => r.partner.iso2)).toEqual(model.bilateral.map((r) => r.partner.iso2))
    const ragged = raw.diagnostics.filter((d) => d.ruleId === 'ragged-row').map((d) => d.line)
    expect(ragged).toEqual([24, 28, 36, 43, 52, 58])
  })
})

describe('Mali: the model', () => {
  it('knows its subject', () => {
    expect(model.subject).toEqual({name: 'Mali', iso2: 'ML', article: 'Foreign relations of Mali'})
  })

  it('has 13 bilateral relations with the partners in table order', () => {
    expect(model.bilateral).toHaveLength(13)
    expect(model.bilateral.map((r) => r.partner.iso2)).toEqual(['DZ', null, 'CA', 'CN', 'FR', 'IN', 'LY', 'MR', 'MX', 'PK', 'RU', 'KR', 'US'])
    for (const r of model.bilateral) {
      if (r.partner.iso2) expect(r.partner.evidence.length).toBeGreaterThan(0)
    }
    expect(model.bilateral[0]!.partner.evidence.some((e) => /Algerian/.test(e))).toBe(true)
    expect(model.bilateral[11]!.partner.evidence.some((e) => /Republic of Korea|South Koreans/.test(e))).toBe(true)
  })

  it('does not guess row 2 and says so at line 22', () => {
    const row = model.bilateral[1]!
    expect(row.partner).toMatchObject({name: null, iso2: null, evidence: []})
    expect(row.position.line).toBe(22)
    const d = model.diagnostics.filter((x) => x.ruleId === 'partner-unresolved')
    expect(d).toHaveLength(1)
    expect(d[0]!.line).toBe(22)
  })

  it('reads the dates relations began', () => {
    const dates = model.bilateral.map((r) => r.established && [r.established.date, r.established.precision])
    expect(dates).toEqual([
      null,
      ['1994-02-21', 'day'],
      null,
      ['1960-10-25', 'day'],
      null,
      null,
      null,
      null,
      ['1977-03-23', 'day'],
      null,
      null,
      ['1990-09-27', 'day'],
      null
    ])
  })

  it('reads main articles, normalizing the hyphen', () => {
    expect(model.bilateral[2]!.mainArticle).toBe('Canada–Mali relations')
    expect(model.bilateral[6]!.mainArticle).toBe('Libya–Mali relations')
    expect(model.bilateral.filter((r) => r.mainArticle).map((r) => r.mainArticle)).toEqual([
      'Canada–Mali relations',
      'China–Mali relations',
      'India–Mali relations',
      'Libya–Mali relations',
      'Mali–Mauritania relations',
      'Mali–Russia relations',
      'Mali–United States relations'
    ])
  })

  it('has 22 references with the empty ones and the link numbers', () => {
    expect(model.references.map((r) => r.id)).toEqual(Array.from({length: 22}, (_, i) => i + 1))
    expect(model.references.filter((r) => r.empty).map((r) => r.id)).toEqual([2, 3, 4, 12, 13, 17, 18, 19])
    expect(model.references[10]!.urls).toEqual(['http://www.china.org.cn/english/features/focac/183436.htm'])
    expect(model.references[5]!.text.endsWith('Date Modified: 2009-07-06.')).toBe(true)
    expect(model.references[6]!.text.endsWith('03:34 UTC.')).toBe(true)
    expect(model.references[7]!.text.endsWith('Trade Type: Trade Balance.')).toBe(true)
    expect(model.references[8]!.text.endsWith('Modified: 2009-07-06')).toBe(true)
    // Ref 10 ends with "p.7.23": not the next link number (5), so kept.
    expect(model.references[9]!.text.endsWith('p.7.23')).toBe(true)
    const linkNumbers = model.diagnostics.filter((d) => d.ruleId.includes('link-number'))
    expect(linkNumbers.map((d) => d.line)).toEqual([86, 88, 90, 92])
  })

  it('has the 18 memberships', () => {
    expect(model.multilateral).toHaveLength(18)
    expect(model.multilateral[0]!.name).toBe('United Nations')
    expect(model.multilateral[17]!.acronym).toBe('OMVS')
    expect(model.multilateral).toContainEqual(
      expect.objectContaining({name: 'Economic Community of West African States', acronym: 'ECOWAS'})
    )
    const ec = model.multilateral.find((m) => m.acronym === 'EC')
    expect(ec).toMatchObject({name: 'European Community', status: 'associate member'})
    expect(model.multilateral.every((m) => m.position.line === 10 || m.position.line === 12)).toBe(true)
    // Each membership belongs to the claim that names it.
    const byId = new Map(model.claims.map((c) => [c.id, c]))
    for (const m of model.multilateral) {
      expect(m.claimIds, m.name).toHaveLength(1)
      expect(byId.get(m.claimIds[0]!)!.text, m.name).toContain(m.name)
    }
  })

  it('has the 2 see-also entries', () => {
    expect(model.seeAlso).toEqual(['List of diplomatic missions in Mali', 'List of diplomatic missions of Mali'])
  })
})

describe('Mali: claims and the resolver', () => {
  const resolver = createResolver(model)

  it('cuts the Canada paragraph at its markers', () => {
    const five = resolver.claimsCiting(5)
    expect(five).toHaveLength(1)
    expect(five[0]!.text.endsWith('Zana Ousmane Dao')).toBe(true)
    expect(five[0]!.partner).toBe('Canada')
    expect(resolver.claimsCiting(6).map((c) => c.text)).toEqual(["while Canada's embassy in Mali has been open since 1995."])
    expect(resolver.claimsCiting(8)[0]!.text).toContain('Cdn.$22m. between 1990-2008')
  })

  it('keeps abbreviations inside sentences', () => {
    expect(model.claims.some((c) => c.text.includes('described by the U.S. Department of State'))).toBe(true)
    const pakistan = model.claims.find((c) => c.text === 'Pakistan supports the integrity and sovereignty of Mali.')
    expect(pakistan).toBeDefined()
    expect(pakistan!.citations).toEqual([])
    expect(resolver.uncitedClaims()).toContainEqual(pakistan)
  })

  it('links every reference to a claim, both ways', () => {
    for (const ref of model.references) {
      expect(ref.claimIds.length, `reference ${ref.id}`).toBeGreaterThan(0)
      for (const id of ref.claimIds) {
        expect(resolver.citationsOf(id).map((r) => r.id)).toContain(ref.id)
      }
    }
  })

  it('gives claims positions in the original file', () => {
    const lines = text.split('\n')
    for (const claim of model.claims) {
      const line = lines[claim.position.line - 1]!
      const at = line.slice(claim.position.column - 1)
      // The original holds the claim's first word at its position.
      const firstWord = claim.text.split(/[\s,]/)[0]!
      expect(at.startsWith(firstWord), `${claim.id} ${claim.text}`).toBe(true)
    }
  })

  it('reports the broken template and keeps it out of claims', () => {
    const t = model.diagnostics.filter((d) => d.ruleId.includes('template'))
    expect(t).toHaveLength(1)
    expect(t[0]!.line).toBe(62)
    expect(model.claims.some((c) => c.text.includes('{{'))).toBe(false)
    expect(model.claims.some((c) => c.text.endsWith('as its economy expands.'))).toBe(true)
  })
})

describe('Mali: the document tree', () => {
  const tree = parseDocument(bytes)

  it('has the headings, the table, the list and the 22 footnote definitions', () => {
    const headings = tree.children.filter((c) => c.type === 'heading').map((h) => h.position!.start.line)
    expect(headings).toEqual([8, 15, 66, 72])
    expect(tree.children.filter((c) => c.type === 'table')).toHaveLength(1)
    expect(tree.children.filter((c) => c.type === 'footnoteDefinition')).toHaveLength(22)
    expect(tree.children.filter((c) => c.type === 'category').map((c) => c.position!.start.line)).toEqual([74])
  })

  it('takes the image name off the first paragraph', () => {
    const first = tree.children[0]!
    expect(first.type).toBe('paragraph')
    if (first.type !== 'paragraph') return
    expect(first.children[0]).toMatchObject({type: 'image', url: 'Visa_Mali.jpg'})
  })

  it('gives table cells block content with positions in the original', () => {
    const table = tree.children.find((c) => c.type === 'table')
    if (!table || table.type !== 'table') throw new Error('no table')
    expect(table.children).toHaveLength(14)
    const india = table.children[6]!.children[2] as unknown as {children: Array<{type: string; position?: {start: {line: number}}}>}
    expect(india.children.map((c) => c.type)).toEqual(['paragraph', 'list'])
    expect(india.children[1]!.position!.start.line).toBe(38)
  })
})
