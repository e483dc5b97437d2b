/**
 * Fast paths of the claim cutter, round 9 (issue 8):
 *
 * - The cutter hands its scratch array of anchor offsets to the sentence
 *   splitter as it is, with the count of those that are the paragraph's
 *   (`sentenceBoundsInto(text, anchors, spans, anchorCount)`), instead of a
 *   copy: stale offsets past the count (left by a longer paragraph before)
 *   must not count as anchors.  Compared with `sentenceBounds` of the
 *   paragraph's own anchors, on every paragraph of the seed and the corpus,
 *   with random stale offsets after them.
 * - The claims cut through that path equal the frozen reference
 *   (tests/reference/claims.ts) is tested in perf7-model.test.ts; here the
 *   corpus's paragraphs again, in every scope, after a call that leaves
 *   many stale anchors behind.
 */

import {describe, expect, test} from 'vitest'
import type {FlatText} from '../src/model/text.js'
import {sentenceBounds, sentenceBoundsInto} from '../src/resolve/sentences.js'
import {CUT, cutClaimsOfArrays} from '../src/resolve/claims.js'
import {splitClaims as splitClaimsReference} from './reference/claims.js'
import type {ClaimScope} from '../src/model/types.js'
import {seedAndDumpsParagraphs} from './corpus-helpers.js'
import {generator} from './random.js'

const flats: FlatText[] = seedAndDumpsParagraphs()

describe('anchor count', () => {
  test('offsets past the count are not anchors', () => {
    expect(flats.length).toBeGreaterThan(2000)
    const rnd = generator(9101)
    const scratch: number[] = []
    for (const f of flats) {
      const own = [...new Set(f.markers.map((m) => m.index))].sort((a, b) => a - b)
      // Stale offsets after the paragraph's own: anywhere in the text, mostly where a period is.
      const anchors = own.slice()
      const stale = rnd(6)
      for (let s = 0; s < stale; s++) {
        const dot = f.text.indexOf('.', rnd(f.text.length + 1))
        anchors.push(dot === -1 ? rnd(f.text.length + 1) : dot + 1 + rnd(2))
      }
      const count = sentenceBoundsInto(f.text, anchors, scratch, own.length)
      expect(scratch.slice(0, count)).toEqual(sentenceBounds(f.text, own))
    }
  })

  test('claims after a paragraph with many anchors equal the reference', () => {
    const many = 'A. B. C. D. E. F. G. H. I. J. K. L. M. N. O. P.'
    const manyIds = Array.from({length: 16}, (_, q) => q + 1)
    const manyAt = manyIds.map((_, q) => 2 + 3 * q)
    for (const scope of ['clause', 'sentence', 'paragraph'] as ClaimScope[]) {
      for (const f of flats) {
        cutClaimsOfArrays(many, manyIds, manyAt, manyIds.length, scope)
        const ids = f.markers.map((m) => m.id)
        const at = f.markers.map((m) => m.index)
        const count = cutClaimsOfArrays(f.text, ids, at, ids.length, scope)
        const got = []
        for (let k = 0; k < count; k++) got.push({start: CUT.starts[k], end: CUT.ends[k], citations: CUT.citations[k]})
        const want = splitClaimsReference(f.text, f.markers, scope).map((c) => ({start: c.start, end: c.end, citations: c.citations}))
        expect(got).toEqual(want)
      }
    }
  })
})
