/**
 * The tenth performance pass makes a one-line paragraph (a table cell, a
 * one-line footnote, any one-line paragraph) with `lineParagraph`: when the
 * text certainly holds no leading image and nothing inline, its one text
 * node is made directly.  It must give what the general path gave
 * (tests/reference/parse-paragraph.ts, the frozen `paragraph`): the same
 * node (positions included), markers, diagnostics and recorded text
 * offsets, in tables (`depth > 0`) and out.  Inputs: every one-line cell of
 * the corpus tables, every corpus line, and seeded random mixtures of
 * pieces that hit each test (`[`, `.jpg`, `_`, `{{`, `://`, white space).
 */

import {describe, expect, test} from 'vitest'
import type {Node} from 'unist'
import {prepare} from '../src/pipeline.js'
import type {Line} from '../src/parse/lines.js'
import {splitLines} from './reference/lines.js'
import {isDashRuns, isGridStart, lineParagraph} from '../src/parse/blocks.js'
import {newContext, type ParseContext} from '../src/parse/context.js'
import {firstInlineHint, inlineMatches} from '../src/parse/inline.js'
import {scanGridTable} from '../src/parse/grid-table.js'
import {scanSimpleTable} from '../src/parse/simple-table.js'
import type {PositionMap} from '../src/util/position.js'
import {paragraphReference} from './reference/parse-paragraph.js'
import {seedAndDumps} from './corpus-helpers.js'
import {generator, mixture} from './random.js'

interface Case {
  line: Line
  map: PositionMap
}

const docs = seedAndDumps().map((b) => {
  const p = prepare(b)
  return {map: p.map, lines: splitLines(p.text)}
})

function corpusCells(): Case[] {
  const out: Case[] = []
  for (const {map, lines} of docs) {
    for (let i = 0; i < lines.length; i++) {
      const t = lines[i]!.text
      let s = isGridStart(t) ? scanGridTable(lines, i) : null
      if (!s && (isDashRuns(t) || (i + 1 < lines.length && isDashRuns(lines[i + 1]!.text) && lines[i + 1]!.text.trim() !== ''))) s = scanSimpleTable(lines, i)
      if (!s) continue
      for (const row of [...s.head, ...s.body, ...s.foot]) for (const c of row.cells) if (c.lines.length === 1) out.push({line: c.lines[0]!, map})
      i = Math.max(i, s.end - 1)
    }
  }
  return out
}

function texts(node: Node, out: Node[] = []): Node[] {
  if (node.type === 'text') out.push(node)
  for (const c of (node as {children?: Node[]}).children ?? []) texts(c, out)
  return out
}

/** Everything a paragraph build leaves behind, as one string. */
function run(build: (ctx: ParseContext) => Node, map: PositionMap, depth: number): string {
  const ctx = newContext(map, depth)
  const node = build(ctx)
  const offsets = texts(node).map((t) => ctx.offsets.get(t))
  return JSON.stringify([node, ctx.markers, ctx.diagnostics, offsets, ctx.offsets.storedCount])
}

function compare(cases: Case[]): {wrong: string[]; direct: number} {
  const wrong: string[] = []
  let direct = 0
  for (const {line, map} of cases) {
    if (line.text.trim() === '') continue
    for (const depth of [0, 1]) {
      const want = run((ctx) => paragraphReference([line], 0, 1, ctx), map, depth)
      const got = run((ctx) => lineParagraph(line.text, line.offset, ctx), map, depth)
      if (got !== want) wrong.push(JSON.stringify(line.text))
    }
    if (firstInlineHint(line.text) < 0) direct++
  }
  return {wrong, direct}
}

const PIECES = [
  ' ', '  ', '\t', '\u00a0', '\u3000', '.', '..', '[', ']', '[]', '[1]', '[23]', '[A caption]', 'x.jpg', 'Flag.PNG ', 'a.svg', '.gif',
  '_', '_em_', 'a_b', '{', '{{', '{{Cite web', '}}', ':', '::', ':/', '://', 'http://x.org/p', 'https://example.com/a_(b)', 'ftp://f.org.',
  'word', 'Word', '1994', '1.', '-', '+', '*', 'é', 'â€“', '\ud83d\ude00'
]

describe('lineParagraph (perf10)', () => {
  test('every one-line cell of the corpus tables', () => {
    const cells = corpusCells()
    const {wrong, direct} = compare(cells)
    expect(wrong).toEqual([])
    expect(cells.length).toBeGreaterThan(1000)
    expect(direct).toBeGreaterThan(1000)
  })
  test('every corpus line', () => {
    const cases: Case[] = []
    for (const {map, lines} of docs) for (const line of lines) cases.push({line, map})
    const {wrong, direct} = compare(cases)
    expect(wrong).toEqual([])
    expect(direct).toBeGreaterThan(1000)
  })
  test('random mixtures (indentation, trailing white space, images, inline hints)', () => {
    const rnd = generator(1010)
    const sources = docs.flatMap((d) => d.lines.map((l) => l.text)).filter((t) => t.length > 0)
    const cases: Case[] = []
    for (let k = 0; k < 20000; k++) {
      const text = mixture(rnd, {sources, pieces: PIECES, maxParts: 10, sliceOneIn: 4, maxSlice: 40, spaceOneIn: 3})
      const p = prepare(text)
      // The working text's first line, at its own offset.
      const line = splitLines(p.text)[0]!
      cases.push({line, map: p.map})
    }
    const {wrong, direct} = compare(cases)
    expect(wrong).toEqual([])
    expect(direct).toBeGreaterThan(1000)
    expect(cases.length - direct).toBeGreaterThan(1000)
  })
  test('the inline scan finds nothing where firstInlineHint finds no hint', () => {
    const rnd = generator(1011)
    const sources = docs.flatMap((d) => d.lines.map((l) => l.text))
    const wrong: string[] = []
    const all = [...sources, ...Array.from({length: 20000}, () => mixture(rnd, {sources, pieces: PIECES, maxParts: 12, sliceOneIn: 3, maxSlice: 120, spaceOneIn: 3}))]
    let none = 0
    for (const t of all) {
      if (firstInlineHint(t) >= 0) continue
      none++
      if (inlineMatches(t).length > 0) wrong.push(t)
    }
    expect(wrong).toEqual([])
    expect(none).toBeGreaterThan(1000)
  })
})
