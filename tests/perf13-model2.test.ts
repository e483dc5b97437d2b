/**
 * Fast paths of the model stage, round 13 (issue 8):
 *
 * - `pointAt` of the flattening keeps the map's run of equally shifted
 *   offsets and the original's line around its last point, for the whole
 *   document, and answers inside them without asking the map: every index of
 *   every paragraph of the seed and the corpus (in increasing order, as the
 *   claims ask, then at random, with one flattening per document as the
 *   model has it) gives the point that `map.point` gives, as before.
 */

import {describe, expect, test} from 'vitest'
import type {Paragraph} from 'mdast'
import {prepare} from '../src/pipeline.js'
import {parseText} from '../src/parse/index.js'
import {flattening, reflatten, type Flattener} from '../src/model/text.js'
import type {PositionMap} from '../src/util/position.js'
import type {TextOffsetLookup} from '../src/parse/context.js'
import type {Point} from '../src/model/types.js'
import {seedAndDumps} from './corpus-helpers.js'
import {generator} from './random.js'

function paragraphsOf(node: {type: string; children?: unknown[]}, out: Paragraph[]): Paragraph[] {
  if (node.type === 'paragraph') out.push(node as unknown as Paragraph)
  else if (Array.isArray(node.children)) for (const c of node.children) paragraphsOf(c as {type: string}, out)
  return out
}

/** The point of `index` as `pointAt` gave it before round 13: a linear search of the segments, then `map.point`. */
function referencePoint(f: Flattener, p: Paragraph, map: PositionMap, offsets: TextOffsetLookup, index: number): Point {
  let found = -1
  for (let k = 0; k < f.segments; k++) if (f.starts[k]! <= index) found = k
  const fallback = (): Point => {
    const s = p.children[0]?.position?.start
    return s ? {line: s.line, column: s.column, offset: s.offset} : {line: 1, column: 1}
  }
  if (found === -1) return fallback()
  const work = offsets.get(f.nodes[found]!) ?? null
  if (work === null) {
    const s = f.nodes[found]!.position?.start
    return s ? {line: s.line, column: s.column, offset: s.offset} : fallback()
  }
  return map.point(work + (index - f.starts[found]!))
}

describe('round 13: points by the kept run and line', () => {
  test('every index of every paragraph of the seed and the corpus gives map.point', () => {
    const rnd = generator(131)
    let checked = 0
    let repaired = 0
    for (const bytes of seedAndDumps()) {
      const doc = prepare(bytes, {})
      if (doc.repairs.length > 0) repaired++
      const {tree, offsets} = parseText(doc.text, doc.map)
      const f = flattening(doc.map, offsets)
      for (const p of paragraphsOf(tree, [])) {
        reflatten(f, p.children)
        const n = f.text.length
        for (let i = 0; i <= n; i++) {
          const got = f.pointAt(i)
          const want = referencePoint(f, p, doc.map, offsets, i)
          if (got.line !== want.line || got.column !== want.column || got.offset !== want.offset) expect(got).toEqual(want)
          expect(Object.keys(got)).toEqual(Object.keys(want))
          checked++
        }
        for (let r = 0; r < 8; r++) {
          const i = rnd(n + 1)
          expect(f.pointAt(i)).toEqual(referencePoint(f, p, doc.map, offsets, i))
        }
      }
    }
    expect(checked).toBeGreaterThan(100_000)
    expect(repaired).toBeGreaterThan(0)
  })
})
