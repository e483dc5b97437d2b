/**
 * Fast paths of the model stage, round 7 (issue 8):
 *
 * - The flattening keeps its footnote markers as two arrays (ids and
 *   offsets) and the model cuts claims from them with `cutClaimsOfArrays`:
 *   the same claims as `cutClaims` with one object per marker, on random
 *   texts with markers in order, out of order, repeated, fractional,
 *   negative and past the end of the text (as a marker after a broken
 *   template is), in every scope.
 */

import {describe, expect, test} from 'vitest'
import {CUT, cutClaims, cutClaimsOfArrays, type Marker} from '../src/resolve/claims.js'
import type {ClaimScope} from '../src/model/types.js'
import {generator, mixture} from './random.js'

const PIECES = ['Mali', ' ', '.', '. ', 'U.S. ', 'Gen. ', 'the', ', ', '; ', ' – ', '—', '\n', '\n\n', '?', '!', '…', '"', ')', 'e.g. ', 'No. 5', 'Inc. The', 'a']
const SOURCES = ['Mali and France signed a treaty in 1960. The U.S. Embassy opened in Bamako, Mali. Gen. Traoré visited Washington, D.C. The visit ended.']

function snapshot(count: number): Array<[number, number, number[]]> {
  const out: Array<[number, number, number[]]> = []
  for (let k = 0; k < count; k++) out.push([CUT.starts[k]!, CUT.ends[k]!, [...CUT.citations[k]!]])
  return out
}

describe('round 7: markers as two arrays', () => {
  test('cutClaimsOfArrays equals cutClaims', () => {
    const rnd = generator(71)
    const ids: number[] = []
    const at: number[] = []
    for (let t = 0; t < 4000; t++) {
      const text = mixture(rnd, {sources: SOURCES, pieces: PIECES, maxParts: 12, sliceOneIn: 3, maxSlice: 60, spaceOneIn: 4})
      const n = rnd(6)
      const markers: Marker[] = []
      let last = 0
      for (let q = 0; q < n; q++) {
        const kind = rnd(10)
        const index = kind === 0 ? rnd(text.length + 5) : kind === 1 ? last : kind === 2 ? -1 : kind === 3 ? last + 0.5 : kind === 4 ? text.length + 3 : Math.min(text.length, last + rnd(20))
        last = Math.max(0, Math.floor(index))
        markers.push({id: 1 + rnd(8), index})
      }
      // Stale values past `n`, as the flattening's reused arrays hold.
      ids.length = 0
      at.length = 0
      for (const m of markers) {
        ids.push(m.id)
        at.push(m.index)
      }
      ids.push(99, 98)
      at.push(0, 1)
      for (const scope of ['clause', 'sentence', 'paragraph'] as ClaimScope[]) {
        const expected = snapshot(cutClaims(text, markers, scope))
        const got = snapshot(cutClaimsOfArrays(text, ids, at, n, scope))
        expect(got).toEqual(expected)
      }
    }
  })
})
