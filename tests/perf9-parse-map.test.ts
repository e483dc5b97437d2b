/**
 * The ninth performance pass maps a parse's points through the run of
 * equally shifted working offsets and the line the last point fell in
 * (PositionMap.segmentInto / lineInto, used by parse/context's mapLast):
 * every offset of a run maps as `toOriginalOffset` maps it, an exact run
 * is one the inverse gives back, and `lineInto` gives `pointAtOriginal`'s
 * line and column.  Inputs: seeded random texts with random repairs (made
 * longer, shorter, emptied, inserted), with and without a BOM.
 */

import {describe, expect, test} from 'vitest'
import {PositionMap, type LineRange, type OffsetSegment} from '../src/util/position.js'
import {newContext, pointAt, recordText} from '../src/parse/context.js'
import type {Repair} from '../src/model/types.js'
import {generator} from './random.js'

const rnd = generator(9091)

function randomCase(): {map: PositionMap; workLength: number} {
  const skip = rnd(4) === 0 ? 1 : 0
  const units = ['a', 'b', ' ', '\n', 'é', '\r\n']
  let body = ''
  const n = rnd(120)
  for (let i = 0; i < n; i++) body += units[rnd(units.length)]
  const repairs: Repair[] = []
  let workLength = body.length
  let at = 0
  while (at < body.length && rnd(3) !== 0) {
    at += rnd(12)
    if (at > body.length) break
    const originalLength = Math.min(rnd(4), body.length - at)
    const replacement = 'xyz'.slice(0, rnd(4))
    repairs.push({offset: at, original: body.slice(at, at + originalLength), replacement} as unknown as Repair)
    workLength += replacement.length - originalLength
    at += originalLength
  }
  const original = (skip ? '\ufeff' : '') + body
  return {map: new PositionMap(original, repairs, skip), workLength}
}

describe('perf9 parse: points through runs of equal shift', () => {
  test('segmentInto and lineInto agree with toOriginalOffset, toWorkOffset and pointAtOriginal', () => {
    let exact = 0
    let inside = 0
    const wrong: string[] = []
    for (let c = 0; c < 3000; c++) {
      const {map, workLength} = randomCase()
      const seg: OffsetSegment = {segLo: 0, segHi: 0, segShift: 0, segExact: false}
      const line: LineRange = {lineNo: 0, lineLo: 0, lineHi: 0}
      // In order (as the parser asks) and in a random order (the hints).
      const order = Array.from({length: workLength + 1}, (_, i) => i)
      if (c % 2 === 1) order.sort(() => rnd(3) - 1)
      // (Plain comparisons, the failures collected: `expect` per offset was slow.)
      for (const w of order) {
        map.segmentInto(w, seg)
        if (!(seg.segLo <= w && w < seg.segHi)) wrong.push(`run of ${w}`)
        // Every offset of the run, not only w (a run's bounds are clipped to the text).
        const hi = Math.min(seg.segHi, workLength + 1)
        for (let v = Math.max(0, seg.segLo, w - 3); v < Math.min(hi, w + 4); v++) {
          if (v + seg.segShift !== map.toOriginalOffset(v)) wrong.push(`shift at ${v}`)
          if (seg.segExact && map.toWorkOffset(v + seg.segShift) !== v) wrong.push(`inverse at ${v}`)
        }
        if (seg.segExact) exact++
        else inside++
        const orig = w + seg.segShift
        map.lineInto(orig, line)
        const p = map.pointAtOriginal(orig)
        if (line.lineNo !== p.line || orig - line.lineLo + 1 !== p.column || !(orig < line.lineHi)) wrong.push(`line at ${orig}`)
      }
    }
    expect(wrong).toEqual([])
    expect(exact).toBeGreaterThan(10_000)
    expect(inside).toBeGreaterThan(1000)
  })

  test('pointAt gives map.point, and recordText stores what TextOffsets.record stores', () => {
    const wrong: string[] = []
    for (let c = 0; c < 1000; c++) {
      const {map, workLength} = randomCase()
      const ctx = newContext(map)
      const reference = newContext(map)
      const order = Array.from({length: 200}, () => rnd(workLength + 1))
      if (c % 2 === 0) order.sort((a, b) => a - b)
      for (const w of order) {
        const p = pointAt(ctx, w)
        const q = map.point(w)
        if (p.line !== q.line || p.column !== q.column || p.offset !== q.offset) wrong.push(`point at ${w}`)
        const node = {type: 'text', position: {start: p, end: p}}
        recordText(ctx, node, w, p.offset)
        reference.offsets.record(node, w, p.offset)
        if (ctx.offsets.get(node) !== w) wrong.push(`offset at ${w}`)
      }
      if (ctx.offsets.storedCount !== reference.offsets.storedCount) wrong.push(`stored in case ${c}`)
    }
    expect(wrong).toEqual([])
  })
})
