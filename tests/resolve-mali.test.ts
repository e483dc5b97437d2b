import {readFileSync} from 'node:fs'
import {describe, expect, test} from 'vitest'
import {parseForeignRelations} from '../src/index.js'
import {createResolver, linkCitations} from '../src/resolve/index.js'

// End to end: the whole pipeline on the seed, then the resolver.
const input = readFileSync(new URL('../fixtures/foreign-relations-of-mali.txt', import.meta.url))

describe('resolver on the parsed Mali seed', () => {
  const model = parseForeignRelations(input)
  const resolver = createResolver(model)

  test('footnote 6 backs exactly the "while Canada\'s embassy" clause, and back', () => {
    const claims = resolver.claimsCiting(6)
    expect(claims.map((c) => [c.text, c.partner])).toEqual([["while Canada's embassy in Mali has been open since 1995.", 'Canada']])
    const [claim] = claims
    expect(resolver.citationsOf(claim?.id ?? '').map((r) => r.id)).toEqual([6])
    expect(resolver.claimsCiting(5)[0]?.text).toMatch(/ambassador Zana Ousmane Dao$/)
    expect(resolver.claimsCiting(8).map((c) => c.text)).toEqual(["The value of Canada's exports of goods to Mali exceeded imports from Mali by Cdn.$22m. between 1990-2008."])
  })

  test('uncited claims include Pakistan\'s row; every footnote 1–22 is cited once, none dangles', () => {
    expect(resolver.uncitedClaims().map((c) => c.text)).toContain('Pakistan supports the integrity and sovereignty of Mali.')
    for (let id = 1; id <= 22; id++) expect(resolver.claimsCiting(id)).toHaveLength(1)
    const linked = linkCitations(model.claims, model.references)
    expect(linked.dangling).toEqual([])
    expect(linked.unused).toEqual([])
  })

  test('coverage names its scope and grows from sentence to paragraph scope', () => {
    const clause = resolver.coverage()
    const sentence = createResolver(parseForeignRelations(input, {claimScope: 'sentence'})).coverage()
    const paragraph = createResolver(parseForeignRelations(input, {claimScope: 'paragraph'})).coverage()
    expect([clause.scope, sentence.scope, paragraph.scope]).toEqual(['clause', 'sentence', 'paragraph'])
    expect(clause.overall.cited).toBe(22)
    expect(sentence.overall.cited).toBe(20)
    expect(paragraph.overall.total).toBe(sentence.overall.total)
    expect(paragraph.overall.cited).toBeGreaterThan(sentence.overall.cited)
    expect(clause.byPartner.find((p) => p.partner === 'Canada')).toEqual({partner: 'Canada', cited: 6, total: 6, share: 1})
    // [2]–[4], [12], [13], [17]–[19] are empty definitions: their claims are cited without a source.
    expect(clause.citedWithoutSource).toBe(8)
  })
})
