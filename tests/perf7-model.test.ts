/**
 * Fast paths of the model stage, round 7 (issue 8):
 *
 * - The flattening keeps its footnote markers as two arrays (ids and
 *   offsets) and the model cuts claims from them with `cutClaimsOfArrays`
 *   (which `cutClaims` now calls too): the same claims as the frozen
 *   reference `splitClaims` (tests/reference/claims.ts), on random
 *   texts with markers in order, out of order, repeated, fractional,
 *   negative and past the end of the text (as a marker after a broken
 *   template is), in every scope.
 * - A table cell of one text is tested for its words by an anchored regex:
 *   `hasMarkerOrWords` on it equals `plainTextHasWords`, which feeds the
 *   text through the loop over code units, on random texts of every kind of
 *   white space, lone surrogates and words, for several word counts.
 */

import {describe, expect, test} from 'vitest'
import {CUT, cutClaimsOfArrays, type Marker} from '../src/resolve/claims.js'
import {splitClaims as splitClaimsReference} from './reference/claims.js'
import type {ClaimScope} from '../src/model/types.js'
import {generator, mixture} from './random.js'
import {hasMarkerOrWords, plainTextHasWords} from '../src/model/text.js'
import type {Paragraph} from 'mdast'

const PIECES = ['Mali', ' ', '.', '. ', 'U.S. ', 'Gen. ', 'the', ', ', '; ', ' – ', '—', '\n', '\n\n', '?', '!', '…', '"', ')', 'e.g. ', 'No. 5', 'Inc. The', 'a']
const SOURCES = ['Mali and France signed a treaty in 1960. The U.S. Embassy opened in Bamako, Mali. Gen. Traoré visited Washington, D.C. The visit ended.']

function snapshot(count: number): Array<[number, number, number[]]> {
  const out: Array<[number, number, number[]]> = []
  for (let k = 0; k < count; k++) out.push([CUT.starts[k]!, CUT.ends[k]!, [...CUT.citations[k]!]])
  return out
}

describe('round 7: markers as two arrays', () => {
  test('cutClaimsOfArrays equals the reference splitClaims', () => {
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
        const expected = splitClaimsReference(text, markers, scope).map((c): [number, number, number[]] => [c.start, c.end, c.citations])
        const got = snapshot(cutClaimsOfArrays(text, ids, at, n, scope))
        expect(got).toEqual(expected)
      }
    }
  })
})

describe('round 7: the words of a one-text cell by regex', () => {
  test('hasMarkerOrWords equals the loop of plainTextHasWords', () => {
    const rnd = generator(74)
    const pieces = [' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2009', '\u3000', '\u2028', '\ufeff', '\u180e', '\u200b', 'a', 'Mali', '9', '.', '\ud800', '\udc00', '\ud83d\ude00', 'é', '-', '']
    for (let t = 0; t < 20000; t++) {
      let value = ''
      for (let p = 1 + rnd(12); p > 0; p--) value += pieces[rnd(pieces.length)]!
      const cell: Paragraph[] = [{type: 'paragraph', children: [{type: 'text', value}]}]
      for (const count of [0, 1, 2, 3, 5, 7]) {
        expect(hasMarkerOrWords(cell, count), JSON.stringify([value, count])).toBe(plainTextHasWords(cell, count))
      }
    }
  })
})
