/**
 * The twelfth performance pass.
 *
 * - A one-line list item of plain text (`isPlainParagraph`) is made as
 *   `[lineParagraph(…)]` instead of `parseBlocks([line])`, as one-line table
 *   cells already were: both must give the same blocks, markers,
 *   diagnostics and text offsets, inside a list or table (`depth > 0`).
 *   Inputs: every corpus line, cut at every list marker's content column,
 *   and seeded random mixtures.
 * - Offsets stay small integers (V8 keeps a field's representation for
 *   every object of a shape: one `Infinity` or boxed double in a Point's
 *   field made every Point carry two heap numbers).  The open bounds of
 *   `segmentInto` and `lineInto` are `FAR`, an integer beyond any offset,
 *   and the map reads the same with repairs whose offsets are computed
 *   doubles.
 */

import {describe, expect, test} from 'vitest'
import type {Node} from 'unist'
import {prepare} from '../src/pipeline.js'
import type {Line} from '../src/parse/lines.js'
import {splitLines} from './reference/lines.js'
import {isPlainParagraph, lineParagraph, listMarker, parseBlocks} from '../src/parse/blocks.js'
import {newContext, type ParseContext} from '../src/parse/context.js'
import {FAR, PositionMap, type LineRange, type OffsetSegment} from '../src/util/position.js'
import {seedAndDumps} from './corpus-helpers.js'
import {generator, mixture} from './random.js'

const docs = seedAndDumps().map((b) => {
  const p = prepare(b)
  return {map: p.map, lines: splitLines(p.text), text: p.text}
})

function texts(node: Node, out: Node[] = []): Node[] {
  if (node.type === 'text') out.push(node)
  for (const c of (node as {children?: Node[]}).children ?? []) texts(c, out)
  return out
}

function run(build: (ctx: ParseContext) => Node[], map: PositionMap): string {
  const ctx = newContext(map, 1)
  const nodes = build(ctx)
  const offsets = nodes.flatMap((n) => texts(n)).map((t) => ctx.offsets.get(t))
  return JSON.stringify([nodes, ctx.markers, ctx.diagnostics, offsets, ctx.offsets.storedCount])
}

function compare(cases: Array<{line: Line; map: PositionMap}>): {wrong: string[]; plain: number} {
  const wrong: string[] = []
  let plain = 0
  for (const {line, map} of cases) {
    if (!isPlainParagraph(line.text)) continue
    plain++
    const want = run((ctx) => parseBlocks([line], ctx), map)
    const got = run((ctx) => [lineParagraph(line.text, line.offset, ctx)], map)
    if (got !== want) wrong.push(JSON.stringify(line.text))
  }
  return {wrong, plain}
}

describe('one-line items (perf12)', () => {
  test('every corpus line, whole and from its list marker’s content column', () => {
    const cases: Array<{line: Line; map: PositionMap}> = []
    for (const {map, lines} of docs) {
      for (const line of lines) {
        cases.push({line, map})
        const m = listMarker(line.text)
        if (m) cases.push({line: {text: line.text.slice(m.content), offset: line.offset + m.content}, map})
      }
    }
    const {wrong, plain} = compare(cases)
    expect(wrong).toEqual([])
    expect(plain).toBeGreaterThan(1000)
  })
  test('random mixtures', () => {
    const rnd = generator(1212)
    const sources = docs.flatMap((d) => d.lines.map((l) => l.text)).filter((t) => t.length > 0)
    const pieces = [' ', '  ', '\t', '\u00a0', '[', ']', '[1]', '[23]', 'x.jpg', '_em_', '{{Cite web', '}}', 'http://x.org/p', 'word', '1.', 'a)', '-', '+', '*', 'é', 'â€“']
    const cases: Array<{line: Line; map: PositionMap}> = []
    for (let k = 0; k < 10000; k++) {
      const text = mixture(rnd, {sources, pieces, maxParts: 8, sliceOneIn: 4, maxSlice: 40, spaceOneIn: 3})
      const p = prepare(text)
      cases.push({line: splitLines(p.text)[0]!, map: p.map})
    }
    const {wrong, plain} = compare(cases)
    expect(wrong).toEqual([])
    expect(plain).toBeGreaterThan(1000)
  })
})

describe('integer offsets (perf12)', () => {
  test('the open bounds of a run and of a line are FAR, an integer', () => {
    for (const {map, text} of docs.slice(0, 12)) {
      const seg: OffsetSegment = {segLo: 0, segHi: 0, segShift: 0, segExact: false}
      const line: LineRange = {lineNo: 0, lineLo: 0, lineHi: 0}
      for (const w of [0, text.length >> 1, text.length]) {
        map.segmentInto(w, seg)
        for (const x of [seg.segLo, seg.segHi, seg.segShift]) expect(Number.isInteger(x) && Math.abs(x) <= FAR).toBe(true)
        map.lineInto(map.toOriginalOffset(w), line)
        for (const x of [line.lineNo, line.lineLo, line.lineHi]) expect(Number.isInteger(x) && x <= FAR).toBe(true)
      }
      map.lineInto(map.original.length, line)
      expect(line.lineHi).toBe(FAR)
    }
    expect(FAR).toBeGreaterThan(2 ** 29)
  })
})
