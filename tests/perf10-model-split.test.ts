/**
 * The sentence splitter, round 10 (issue 8): its stop scan is fused with
 * the sentence-end test.  The pass stops only where a sentence can end
 * without an anchor (a terminal run and its closers before white space or
 * the end, a blank line), and goes stop by stop only in the stretch before
 * an anchor.  Compared with the frozen splitter (tests/reference/sentences.ts)
 * on every corpus paragraph with anchors at each terminal run's edges, and
 * on random mixtures dense in terminals, closers, line feeds and anchors.
 */

import {describe, expect, test} from 'vitest'
import {sentenceBounds, sentenceBoundsInto, splitSentences} from '../src/resolve/sentences.js'
import {splitSentences as splitSentencesReference} from './reference/sentences.js'
import {seedAndDumpsParagraphs} from './corpus-helpers.js'
import {generator, mixture} from './random.js'

const texts: string[] = seedAndDumpsParagraphs().map((f) => f.text)

const TERMINAL = /[.?!\u2026\u3002\uff1f\uff01]/
const CLOSER = /["'\u201d\u2019\u00bb\u203a)\]}]/

/** Offsets at the edges of terminals and closers (where markers may sit), each kept with odds 1 in `oneIn`. */
function edgeAnchors(text: string, rnd: (n: number) => number, oneIn: number): number[] {
  const out: number[] = []
  for (let q = 0; q <= text.length; q++) {
    const before = text[q - 1] ?? ''
    if ((TERMINAL.test(before) || CLOSER.test(before)) && rnd(oneIn) === 0) out.push(q)
  }
  return out
}

function check(text: string, anchors: number[]): void {
  const expected = splitSentencesReference(text, {anchors})
  expect(splitSentences(text, {anchors}), JSON.stringify({text, anchors})).toEqual(expected)
  const bounds = sentenceBounds(text, [...new Set(anchors)].filter(Number.isInteger).sort((a, b) => a - b))
  expect(bounds).toEqual(expected.flatMap((s) => [s.start, s.end]))
}

const PIECES = [
  '.', '..', '...', '?', '!', '?!', '…', '。', '？', '！', '."', '.)', '.".', '."."', '.”', '.’»', '!)]', '.}', "'.", '")',
  ' ', '  ', '\n', '\n\n', '\n \n', '\n\t\r\n', '\t', '\u00a0', '\u2009', '\u202f', '\u3000', '\u2028', '\u1680', '\u200a',
  'U.S.', 'D.C.', 'E.', 'Mr.', 'Co.', 'Ltd.', 'No.', '5', '3.5', 'file.jpg', 'The', 'the', 'He', '(', '“', 'x', ',', '%'
]

describe('the fused splitter equals the reference', () => {
  test('on every corpus paragraph, with anchors at the edges of terminal runs', () => {
    expect(texts.length).toBeGreaterThan(2000)
    const rnd = generator(10_1)
    for (const text of texts) {
      check(text, [])
      check(text, edgeAnchors(text, rnd, 1))
      check(text, edgeAnchors(text, rnd, 3))
      // Anchors anywhere, as markers after words sit.
      const anywhere: number[] = []
      for (let m = rnd(5); m > 0; m--) anywhere.push(rnd(text.length + 1))
      check(text, anywhere)
    }
  })

  test('on 20,000 random mixtures dense in terminals, closers, white space and anchors', () => {
    const rnd = generator(10_2)
    const scratch: number[] = []
    for (let k = 0; k < 20_000; k++) {
      const text = mixture(rnd, {sources: texts, pieces: PIECES, maxParts: 20, sliceOneIn: 5, maxSlice: 80, spaceOneIn: 3, startAtEnd: true})
      const anchors = rnd(2) === 0 ? edgeAnchors(text, rnd, 1 + rnd(4)) : []
      for (let m = rnd(4); m > 0; m--) anchors.push(rnd(text.length + 2) - 1)
      check(text, anchors)
      // Through one reused array, as the claim cutter calls it.
      const sorted = [...new Set(anchors)].sort((a, b) => a - b)
      const count = sentenceBoundsInto(text, sorted, scratch)
      expect(scratch.slice(0, count)).toEqual(sentenceBounds(text, sorted))
    }
  })
})
