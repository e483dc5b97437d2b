import {describe, expect, test} from 'vitest'
import {createResolver, linkCitations, splitClaims, type Coverage} from '../src/resolve/index.js'
import type {Claim, ForeignRelations, Reference} from '../src/model/types.js'
import {unmark} from './dumps.js'

/** Claims of one seed paragraph (markers as `[n]`), numbered from `first`. */
function claims(raw: string, section: string, partner: string | null | undefined, first: number): Claim[] {
  const {text, markers} = unmark(raw)
  return splitClaims(text, markers, 'clause').map((span, i) => {
    const claim: Claim = {id: `c${first + i}`, text: span.text, citations: span.citations, section, position: {line: 1, column: 1 + span.start}}
    if (partner !== undefined) claim.partner = partner
    return claim
  })
}

function reference(id: number, text: string): Reference {
  return {id, text, empty: text === '', urls: text.startsWith('http') ? [text] : [], claimIds: [], position: {line: 100 + id, column: 1}}
}

// Seed text (fixtures/foreign-relations-of-mali.txt), one lead paragraph and three table rows.
const lead = claims(
  'Although Azawad, a region spanning the expansive north of Mali, was proclaimed independent in April 2012 by Tuareg rebels, Mali has not recognised the _de facto_ state.[3] Britain has closed its embassy; ECOWAS has declared an embargo against Mali, aiming to squeeze out Malinese oil supplies; closed Mali\'s assets in the ECOWAS regional bank and has prepared a potential intervention force of 3,000 troops. France has declared it will assist in a potential intervention.[4]',
  '(lead)', undefined, 1
)
const canada = claims(
  "Mali established its embassy in Canada in 1978 at 50 avenue Golburn in Ottawa, with its 1st appointed ambassador Zana Ousmane Dao,[5] while Canada's embassy in Mali has been open since 1995.[6] Canada has moved from Mali's sixth-largest donor of bilateral official development assistance in 2000 to third-largest in 2007.[7]",
  'Bilateral relations', 'Canada', 4
)
const pakistan = claims('Pakistan supports the integrity and sovereignty of Mali.', 'Bilateral relations', 'Pakistan', 7)
// An unresolved row, and a claim citing footnote 99, which has no definition.
const unresolved = claims('Both countries established diplomatic relations on 21 February 1994.[99]', 'Bilateral relations', null, 8)
// A section whose name is a prototype key.
const odd = claims('Seven hostages were taken, including the consul.', 'constructor', undefined, 9)

const allClaims = [...lead, ...canada, ...pakistan, ...unresolved, ...odd]

const model: ForeignRelations = {
  subject: {name: 'Mali', iso2: 'ML', article: 'Foreign relations of Mali'},
  overview: [],
  multilateral: [],
  bilateral: [],
  seeAlso: [],
  references: [
    reference(3, ''),
    reference(4, ''),
    reference(5, "L'Ambassadeur Mamadou Bandiougou Diawara, Welcome, Mali Embassy website."),
    reference(6, 'Government of Canada, Canada - Mali Relations, web page, Date Modified: 2009-07-06.'),
    reference(7, 'Organisation for Economic Co-operation and Development. "ODA Total, Net disbursements", OECD.Stat.'),
    reference(11, 'http://www.china.org.cn/english/features/focac/183436.htm')
  ],
  claims: allClaims,
  claimScope: 'clause',
  repairs: [],
  diagnostics: [],
  source: {encoding: 'utf-8', bom: false, lineEnding: 'lf'}
}

describe('createResolver', () => {
  const resolver = createResolver(model)

  test('the hand-built model holds the claims the seed gives', () => {
    expect(allClaims.map((c) => [c.id, c.citations])).toEqual([
      ['c1', [3]], ['c2', []], ['c3', [4]],
      ['c4', [5]], ['c5', [6]], ['c6', [7]],
      ['c7', []],
      ['c8', [99]],
      ['c9', []]
    ])
  })

  test('reference → claims', () => {
    expect(resolver.claimsCiting(6).map((c) => c.text)).toEqual(["while Canada's embassy in Mali has been open since 1995."])
    expect(resolver.claimsCiting(5).map((c) => c.id)).toEqual(['c4'])
    expect(resolver.claimsCiting(11)).toEqual([])
    expect(resolver.claimsCiting(12345)).toEqual([])
  })

  test('claim → references, leaving out citations with no definition', () => {
    expect(resolver.citationsOf('c5').map((r) => r.id)).toEqual([6])
    expect(resolver.citationsOf('c5')[0]?.text).toMatch(/^Government of Canada/)
    expect(resolver.citationsOf('c8')).toEqual([])
    expect(resolver.citationsOf('c2')).toEqual([])
    expect(resolver.citationsOf('nope')).toEqual([])
    expect(resolver.citationsOf('__proto__')).toEqual([])
  })

  test('both ways agree', () => {
    for (const ref of model.references) {
      for (const claim of resolver.claimsCiting(ref.id)) expect(resolver.citationsOf(claim.id)).toContain(ref)
    }
  })

  test('uncited claims', () => {
    expect(resolver.uncitedClaims().map((c) => c.id)).toEqual(['c2', 'c7', 'c9'])
    expect(resolver.uncitedClaims()[1]?.text).toBe('Pakistan supports the integrity and sovereignty of Mali.')
  })

  test('coverage overall, per section and per partner, naming the scope', () => {
    const coverage: Coverage = resolver.coverage()
    expect(coverage.scope).toBe('clause')
    expect(coverage.overall).toEqual({cited: 6, total: 9, share: 6 / 9})
    expect(coverage.bySection).toEqual([
      {section: '(lead)', cited: 2, total: 3, share: 2 / 3},
      {section: 'Bilateral relations', cited: 4, total: 5, share: 4 / 5},
      {section: 'constructor', cited: 0, total: 1, share: 0}
    ])
    expect(coverage.byPartner).toEqual([
      {partner: 'Canada', cited: 3, total: 3, share: 1},
      {partner: 'Pakistan', cited: 0, total: 1, share: 0},
      {partner: null, cited: 1, total: 1, share: 1}
    ])
    // c1 and c3 cite only empty definitions ([3], [4]); c8 cites the undefined [99].
    expect(coverage.citedWithoutSource).toBe(3)
  })

  test('the scope comes from the options, else the model, else clause; empty models give null shares', () => {
    expect(createResolver(model, {claimScope: 'paragraph'}).coverage().scope).toBe('paragraph')
    expect(createResolver({...model, claimScope: 'sentence'}).scope).toBe('sentence')
    const fromJson = JSON.parse(JSON.stringify({...model, claimScope: undefined})) as ForeignRelations
    expect(createResolver(fromJson).scope).toBe('clause')
    const empty = createResolver({...model, claims: []}).coverage()
    expect(empty.overall).toEqual({cited: 0, total: 0, share: null})
    expect(empty.bySection).toEqual([])
  })
})

describe('linkCitations', () => {
  test('fills claimIds, reports dangling citations and unused references, mutates nothing', () => {
    const before = JSON.stringify(model)
    const linked = linkCitations(model.claims, model.references)
    expect(JSON.stringify(model)).toBe(before)
    expect(linked.references.map((r) => [r.id, r.claimIds])).toEqual([
      [3, ['c1']], [4, ['c3']], [5, ['c4']], [6, ['c5']], [7, ['c6']], [11, []]
    ])
    expect(linked.dangling).toEqual([{id: 99, claimIds: ['c8']}])
    expect(linked.unused).toEqual([11])
  })

  test('a footnote cited by several claims lists them all, once each', () => {
    const twice: Claim[] = [
      {id: 'c1', text: 'A', citations: [8, 8], section: '(lead)', position: {line: 1, column: 1}},
      {id: 'c2', text: 'B', citations: [8], section: '(lead)', position: {line: 1, column: 3}}
    ]
    const linked = linkCitations(twice, [reference(8, 'Industry Canada. "Trade by Product (HS Codes)"')])
    expect(linked.references[0]?.claimIds).toEqual(['c1', 'c2'])
    expect(linked.dangling).toEqual([])
  })
})
