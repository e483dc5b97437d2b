/**
 * Fast paths of the model stage, round 4 (issue 8), against the code they
 * bypass:
 *
 * - `hasMarkerOrWords` on a cell of one paragraph of one text node counts
 *   the text's words without the tree walk: compared with the walk (the
 *   same paragraph given as a node, which the fast path does not take) and
 *   with counting the words of `plainText`, on seeded random texts of
 *   words and every kind of white space.
 * - The sentence splitter's abbreviation lookup by packed key and its
 *   `indexOf` search for the other stops are covered by the reference
 *   comparisons of tests/perf3-model.test.ts; here, texts built from the
 *   abbreviations themselves in every case and position, and every stop.
 */

import {describe, expect, test} from 'vitest'
import type {RootContent} from 'mdast'
import {hasMarkerOrWords, plainText} from '../src/model/text.js'
import {
  BEFORE_NUMBER_ABBREVIATIONS,
  FINAL_CAPABLE_ABBREVIATIONS,
  NON_FINAL_ABBREVIATIONS,
  splitSentences
} from '../src/resolve/sentences.js'
import {splitSentences as splitSentencesReference} from './reference/sentences.js'
import {splitClaims, type Marker} from '../src/resolve/claims.js'
import {splitClaims as splitClaimsReference} from './reference/claims.js'
import {generator, mixture} from './random.js'

const hasWords = (text: string, count: number): boolean => text.trim().split(/\s+/).length >= count

describe('hasMarkerOrWords on a one-text-paragraph cell (fast path)', () => {
  const SPACES = [' ', '  ', '\t', '\n', '\u00a0', '\u2003', '\u3000', '\u2028', '\ufeff', '\u200b']
  const WORDS = ['a', 'Mali', '9', '1960', 'U.S.', '\u00e9t\u00e9', '\ud83c\uddf2\ud83c\uddf1', '', '-', '\u200b']
  test('equals the walk and the word count on 5,000 random texts', () => {
    const rnd = generator(404)
    for (let n = 0; n < 5000; n++) {
      const value = mixture(rnd, {sources: [], pieces: [...SPACES, ...WORDS], maxParts: 14, sliceOneIn: 1_000_000, maxSlice: 0, spaceOneIn: 3})
      const paragraph = {type: 'paragraph', children: [{type: 'text', value}]} as RootContent
      const cell: RootContent[] = [paragraph]
      for (const count of [0, 1, 2, 3, 4, 5, 6, 9]) {
        const fast = hasMarkerOrWords(cell, count)
        expect(fast, JSON.stringify({value, count})).toBe(hasMarkerOrWords(paragraph, count))
        expect(fast, JSON.stringify({value, count})).toBe(hasWords(plainText(cell), count))
      }
    }
  })
})

describe('the sentence splitter on abbreviations and stops', () => {
  const words = [...NON_FINAL_ABBREVIATIONS, ...BEFORE_NUMBER_ABBREVIATIONS, ...FINAL_CAPABLE_ABBREVIATIONS]
  const cased = words.flatMap((w) => [w, w.toUpperCase(), w.charAt(0).toUpperCase() + w.slice(1)])
  const pieces = [
    ...cased.map((w) => `${w}.`), 'Mali.', 'club.', 'E.', 'x.', 'ABCDEFG.', 'abcdef.', 'abcdefg.', '1990.',
    ' ', ' ', ' ', '  ', '\n', '\n\n', 'The', 'the', '5', '(', '"', ')', '?', '!', '\u2026', '\u3002', '\uff1f', '\uff01', 'Co.', 'Ltd.', '\u00e9t\u00e9.'
  ]
  test('equals the reference on 5,000 random texts, with and without anchors', () => {
    const rnd = generator(4040)
    for (let n = 0; n < 5000; n++) {
      const text = mixture(rnd, {sources: [], pieces, maxParts: 16, sliceOneIn: 1_000_000, maxSlice: 0, spaceOneIn: 2})
      const anchors: number[] = []
      for (let k = rnd(4); k > 0; k--) anchors.push(rnd(text.length + 1))
      expect(splitSentences(text), JSON.stringify(text)).toEqual(splitSentencesReference(text))
      expect(splitSentences(text, {anchors}), JSON.stringify({text, anchors})).toEqual(splitSentencesReference(text, {anchors}))
      const markers: Marker[] = anchors.map((index, id) => ({id: id + 1, index}))
      for (const scope of ['clause', 'sentence', 'paragraph'] as const) {
        expect(splitClaims(text, markers, scope), JSON.stringify({text, markers, scope})).toEqual(splitClaimsReference(text, markers, scope))
      }
    }
  })
})
