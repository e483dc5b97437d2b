/**
 * Differential test: random tables (fast-check: column counts, widths, empty
 * cells, several paragraphs, bullet lists, wide and combining characters,
 * alignments, with or without head) are built as pandoc AST JSON, drawn by
 * pandoc 2.17 (/usr/bin/pandoc) and pandoc 3.10 (pandoc-wasm) with
 * `-f json -t plain --wrap=none`, scanned by us, and compared with the source
 * AST cell by cell (text level: list markers at line starts removed, white
 * space collapsed), plus head/body shape and alignments.
 * Skips with a message where a pandoc is missing.
 */

import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {Align, ScannedTable} from '../src/parse/table-types.js'
import {findTables, hasPandoc217, norm, pandoc217, pandoc3} from './table-helpers.js'

type Block = {t: 'Para'; words: string[]} | {t: 'Bullet'; items: string[][]}
interface GenTable {
  align: Align[]
  head: Block[][] | null
  body: Block[][][]
}

const ascii = fc.constantFrom('alpha', 'Beta', 'gamma', '1994', 'x', 'relations', 'Mali', 'a+b', 'c:d', 'e=f', 'embassy.', '(note)')
const wide = fc.constantFrom('日本', '東京', '国家', '한국', 'Ελλάδα', 'Ünïcödé', 'Côte', 'हिन्दी', 'עִבְרִית', 'العَرَبِيَّة', '👨‍👩‍👧', 'ab\u00adcd')
const word = fc.oneof({weight: 4, arbitrary: ascii}, {weight: 1, arbitrary: wide})
const words = fc.array(word, {minLength: 1, maxLength: 6})
const block: fc.Arbitrary<Block> = fc.oneof(
  {weight: 3, arbitrary: words.map((w): Block => ({t: 'Para', words: w}))},
  {weight: 1, arbitrary: fc.array(words, {minLength: 1, maxLength: 3}).map((items): Block => ({t: 'Bullet', items}))}
)
const cell = fc.oneof({weight: 1, arbitrary: fc.constant([] as Block[])}, {weight: 4, arbitrary: fc.array(block, {minLength: 1, maxLength: 3})})

const table: fc.Arbitrary<GenTable> = fc
  .integer({min: 1, max: 5})
  .chain((n) =>
    fc.record({
      align: fc.array(fc.constantFrom<Align>(null, 'left', 'right', 'center'), {minLength: n, maxLength: n}),
      head: fc.option(fc.array(cell, {minLength: n, maxLength: n}), {nil: null}),
      body: fc.array(fc.array(cell, {minLength: n, maxLength: n}), {minLength: 1, maxLength: 5})
    })
  )
  // The plain writer draws a grid table only when some cell has 2+ blocks or a list.
  .filter((t) => [...(t.head ?? []), ...t.body.flat()].some((c) => c.length > 1 || c.some((b) => b.t === 'Bullet')))

/** Tables of single-paragraph cells: the plain writer draws them as simple tables. */
const simpleCell = fc.oneof({weight: 1, arbitrary: fc.constant([] as Block[])}, {weight: 5, arbitrary: words.map((w): Block[] => [{t: 'Para', words: w}])})
const simpleTableArb: fc.Arbitrary<GenTable> = fc
  .integer({min: 1, max: 6})
  .chain((n) =>
    fc.record({
      align: fc.constant(Array.from({length: n}, (): Align => null)),
      head: fc.option(fc.array(simpleCell, {minLength: n, maxLength: n}), {nil: null}),
      body: fc.array(fc.array(simpleCell, {minLength: n, maxLength: n}), {minLength: 1, maxLength: 6})
    })
  )
  // A row of empty cells is drawn as a blank line, which ends a simple table
  // for any reader; keep at least one non-empty cell per row, and a first
  // row with text when there is no head (it decides the column edges).
  .filter((t) => t.body.every((r) => r.some((c) => c.length > 0)))

const inl = (ws: string[]): unknown[] => ws.flatMap((w, i) => (i === 0 ? [{t: 'Str', c: w}] : [{t: 'Space'}, {t: 'Str', c: w}]))
const blockJson = (b: Block): unknown =>
  b.t === 'Para' ? {t: 'Para', c: inl(b.words)} : {t: 'BulletList', c: b.items.map((it) => [{t: 'Plain', c: inl(it)}])}
const attr = ['', [], []]
const alignJson: Record<string, string> = {left: 'AlignLeft', right: 'AlignRight', center: 'AlignCenter', null: 'AlignDefault'}
const rowJson = (cells: Block[][]): unknown => [attr, cells.map((c) => [attr, {t: 'AlignDefault'}, 1, 1, c.map(blockJson)])]

function astJson(t: GenTable, api: number[]): string {
  const tbl = {
    t: 'Table',
    c: [
      attr,
      [null, []],
      t.align.map((a) => [{t: alignJson[String(a)]}, {t: 'ColWidthDefault'}]),
      [attr, t.head ? [rowJson(t.head)] : []],
      [[attr, 0, [], t.body.map(rowJson)]],
      [attr, []]
    ]
  }
  return JSON.stringify({'pandoc-api-version': api, meta: {}, blocks: [tbl]})
}

const cellText = (c: Block[]): string => norm(c.map((b) => (b.t === 'Para' ? b.words.join(' ') : b.items.map((i) => i.join(' ')).join(' '))).join(' '))
const ourText = (lines: string[]): string => norm(lines.map((l) => l.replace(/^\s*[-*+]\s+/, '')).join('\n'))

let withProblems = 0

/** Compare one drawn table with its source; returns null or the first difference. */
function check(t: GenTable, drawn: string, simple = false): string | null {
  const found = findTables(drawn, {simple}).filter((x): x is ScannedTable => x !== 'lost')
  if (found.length !== 1) return `found ${found.length} tables in\n${drawn}`
  const s = found[0]!
  if (s.problems.length > 0) withProblems++
  const headShown = t.head !== null && t.head.some((c) => c.length > 0)
  const want = [...(headShown ? [t.head!] : []), ...t.body]
  const got = [...s.head, ...s.body, ...s.foot]
  if (s.head.length !== (headShown ? 1 : 0)) return `head rows ${s.head.length}\n${drawn}`
  if (got.length !== want.length) return `rows ${got.length} vs ${want.length}\n${drawn}`
  for (let r = 0; r < want.length; r++) {
    if (got[r]!.cells.length !== want[r]!.length) return `row ${r}: ${got[r]!.cells.length} cells\n${drawn}`
    for (let k = 0; k < want[r]!.length; k++) {
      const a = ourText(got[r]!.cells[k]!.lines.map((l) => l.text))
      const b = cellText(want[r]![k]!)
      if (a !== b) return `row ${r} cell ${k}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}\n${drawn}`
    }
  }
  if (simple) return s.kind === 'grid' ? `expected a simple table\n${drawn}` : null
  if (JSON.stringify(s.align) !== JSON.stringify(t.align)) return `align ${JSON.stringify(s.align)} vs ${JSON.stringify(t.align)}\n${drawn}`
  return null
}

const RUNS = Number(process.env.TABLE_DIFF_RUNS ?? 30)
const p3 = await pandoc3()
const has217 = hasPandoc217()

describe('differential: random tables drawn by pandoc, scanned by us', () => {
  it.skipIf(!has217)('pandoc 2.17 plain writer', () => {
    withProblems = 0
    fc.assert(
      fc.property(table, (t) => {
        const drawn = pandoc217(['-f', 'json', '-t', 'plain', '--wrap=none'], astJson(t, [1, 22, 2, 1]))
        const why = check(t, drawn)
        if (why) throw new Error(why)
      }),
      {numRuns: RUNS}
    )
    console.log(`[table-differential] pandoc 2.17: ${RUNS} random tables equal cell by cell (${withProblems} read with a width fallback: ragged-row problems)`)
  })
  if (!has217) console.warn('skipped: pandoc 2.17 missing at /usr/bin/pandoc: differential test against 2.17 not run')

  it.skipIf(!p3)('pandoc 3.10 plain writer (pandoc-wasm)', async () => {
    const convert = (await pandoc3())!
    withProblems = 0
    await fc.assert(
      fc.asyncProperty(table, async (t) => {
        const drawn = (await convert({from: 'json', to: 'plain', wrap: 'none'}, astJson(t, [1, 23, 1]), {})).stdout
        const why = check(t, drawn)
        if (why) throw new Error(why)
      }),
      {numRuns: RUNS}
    )
    console.log(`[table-differential] pandoc 3.10: ${RUNS} random tables equal cell by cell (${withProblems} read with a width fallback)`)
  })
  if (!p3) console.warn('skipped: pandoc-wasm missing: differential test against 3.10 not run')

  it.skipIf(!has217)('pandoc 2.17 plain writer, simple tables (single-paragraph cells)', () => {
    fc.assert(
      fc.property(simpleTableArb, (t) => {
        const drawn = pandoc217(['-f', 'json', '-t', 'plain', '--wrap=none'], astJson(t, [1, 22, 2, 1]))
        const why = check(t, drawn, true)
        if (why) throw new Error(why)
      }),
      {numRuns: RUNS}
    )
    console.log(`[table-differential] pandoc 2.17: ${RUNS} random simple tables equal cell by cell`)
  })

  it.skipIf(!p3)('pandoc 3.10 plain writer, simple tables (pandoc-wasm)', async () => {
    const convert = (await pandoc3())!
    await fc.assert(
      fc.asyncProperty(simpleTableArb, async (t) => {
        const drawn = (await convert({from: 'json', to: 'plain', wrap: 'none'}, astJson(t, [1, 23, 1]), {})).stdout
        const why = check(t, drawn, true)
        if (why) throw new Error(why)
      }),
      {numRuns: RUNS}
    )
    console.log(`[table-differential] pandoc 3.10: ${RUNS} random simple tables equal cell by cell`)
  })

  it.skipIf(!has217)('a fixed table with CJK and Hindi text, drawn by 2.17, read back by us and by pandoc', () => {
    const t: GenTable = {align: [null, 'right'], head: [[{t: 'Para', words: ['日本']}], [{t: 'Para', words: ['x']}]], body: [[[{t: 'Para', words: ['a']}, {t: 'Bullet', items: [['b']]}], [{t: 'Para', words: ['हिन्दी']}]]]}
    const drawn = pandoc217(['-f', 'json', '-t', 'plain', '--wrap=none'], astJson(t, [1, 22, 2, 1]))
    expect(check(t, drawn)).toBeNull()
    const back = JSON.parse(pandoc217(['-f', 'markdown', '-t', 'json'], drawn)) as {blocks: Array<{t: string}>}
    expect(back.blocks.map((b) => b.t)).toEqual(['Table'])
  })
})
