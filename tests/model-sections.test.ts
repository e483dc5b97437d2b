/**
 * The model on article shapes beyond the seed: bilateral tables split by
 * region, footnotes on the Country and date cells, and tables that are not
 * bilateral tables.
 */

import {describe, expect, it} from 'vitest'
import {createResolver, parseForeignRelations} from '../src/index.js'

const border = '+------------+-------+----------------------------------+'
const row = (a: string, b: string, c: string): string => `| ${a.padEnd(10)} | ${b.padEnd(5)} | ${c.padEnd(32)} |`
const table = (rows: Array<[string, string, string]>): string =>
  [border, row('Country', 'Began', 'Notes'), border.replace(/-/g, '='), ...rows.flatMap((r) => [row(...r), border])].join('\n')

const dump = `Chad is a landlocked country in Central Africa.[1]


Bilateral relations

Africa

${table([
  ['Cameroon[2]', '1960[3]', 'See Cameroon–Chad relations'],
  ['', '', 'Sudanese troops crossed in 2006.[4]']
])}

Americas

${table([
  ['Brazil', '', 'Brazilian firms build roads.[5]'],
  ['', '', 'Brazil opened an embassy.[6]']
])}


Economy

+---------+--------+
| Item    | Value  |
+=========+========+
| Cotton  | 12     |
+---------+--------+
| Oil     | Exports grew fast in 2005 and 2006.[7] |
+---------+--------+


References

[1] One.

[2] Two.

[3] Three.

[4] Four.

[5] Five.

[6] Six.

[7] Seven.
`

describe('bilateral tables by region', () => {
  const model = parseForeignRelations(dump, {title: 'Foreign relations of Chad'})

  it('reads every table of the bilateral section and its regional sub-sections', () => {
    expect(model.subject.iso2).toBe('TD')
    expect(model.bilateral.map((r) => r.partner.iso2)).toEqual(['CM', 'SD', 'BR', 'BR'])
    expect(model.bilateral[0]!.established).toMatchObject({date: '1960', precision: 'year'})
  })

  it('reports a duplicate partner across rows', () => {
    const d = model.diagnostics.filter((x) => x.ruleId === 'duplicate-partner')
    expect(d).toHaveLength(1)
    expect(d[0]!.data).toMatchObject({rows: [3, 4], iso2: 'BR'})
  })

  it('keeps footnotes on the Country and date cells as claims of the row', () => {
    const resolver = createResolver(model)
    expect(resolver.claimsCiting(2).map((c) => [c.text, c.partner])).toEqual([['Cameroon', 'Cameroon']])
    expect(resolver.claimsCiting(3).map((c) => c.text)).toEqual(['1960'])
    expect(model.bilateral[0]!.claimIds).toHaveLength(2)
    expect(resolver.claimsCiting(5).map((c) => [c.text, c.section])).toEqual([['Brazilian firms build roads.', 'Americas']])
  })

  it('takes claims from sentence cells of other tables, not from data cells', () => {
    const resolver = createResolver(model)
    expect(resolver.claimsCiting(7).map((c) => c.text)).toEqual(['Exports grew fast in 2005 and 2006.'])
    expect(model.claims.some((c) => c.text === 'Cotton' || c.text === '12')).toBe(false)
    // Every reference is cited.
    expect(model.references.every((r) => r.claimIds.length > 0)).toBe(true)
  })
})

describe('table captions', () => {
  const grid = ['+-----+-----+', '| a   | b   |', '+=====+=====+', '| 1   | 2   |', '+-----+-----+'].join('\n')
  it('takes a caption after the table onto the table', async () => {
    const {parseDocument} = await import('../src/index.js')
    const tree = parseDocument(`Intro.\n\n${grid}\n\nTable: Numbers\n\nAfter.\n`)
    expect(tree.children.map((c) => c.type)).toEqual(['paragraph', 'table', 'paragraph'])
    expect(tree.children[1]!.data).toMatchObject({caption: 'Numbers'})
  })
  it('takes a caption before the table onto the table, not a paragraph', async () => {
    const {parseDocument} = await import('../src/index.js')
    const tree = parseDocument(`Intro.\n\nTable: Numbers\n\n${grid}\n\nAfter.\n`)
    expect(tree.children.map((c) => c.type)).toEqual(['paragraph', 'table', 'paragraph'])
    expect(tree.children[1]!.data).toMatchObject({caption: 'Numbers'})
  })
})

describe('a footnote after an unparsed template', () => {
  it('cites the prose before the template, and the template is reported', () => {
    const model = parseForeignRelations('Mali is a small market for trade.{{Cite web|url=x}}[1]\n\nReferences\n\n[1] One.\n')
    expect(model.claims.map((c) => [c.text, c.citations])).toEqual([['Mali is a small market for trade.', [1]]])
    expect(model.diagnostics.filter((d) => d.ruleId === 'broken-template')).toHaveLength(1)
  })
})
