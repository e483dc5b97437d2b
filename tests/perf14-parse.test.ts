/**
 * The fourteenth performance pass (parser).
 *
 * - parseText reads the document's lines from `loadDocumentLines` (tested
 *   here through `documentLines`, the same lines in an array): the lines
 *   `splitLines` gives, in `Line` objects kept between documents and
 *   overwritten by the next call.  Compared with `splitLines` on the corpus
 *   (whole and in the pipeline's chunks) and on seeded random texts and
 *   chunkings (CR, LF, empty chunks, a final line feed or none), one call
 *   after another with lengths that grow and shrink.
 */

import {describe, expect, test} from 'vitest'
import {prepare} from '../src/pipeline.js'
import {documentLines, releaseDocumentLines, splitLines, type Line} from '../src/parse/lines.js'
import {seedAndDumps} from './corpus-helpers.js'
import {generator, mixture} from './random.js'

const copy = (lines: Line[]): Line[] => lines.map((l) => ({text: l.text, offset: l.offset}))

describe('documentLines', () => {
  test('gives the lines of splitLines on the corpus, one document after another', () => {
    for (const b of seedAndDumps()) {
      const p = prepare(b)
      const got = documentLines(p.chunks)
      expect(copy(got)).toEqual(splitLines(p.chunks))
      expect(copy(got)).toEqual(splitLines(p.text))
      releaseDocumentLines(got.length)
      expect(copy(documentLines(p.text))).toEqual(splitLines(p.text))
    }
  })

  test('gives the lines of splitLines on random texts and chunkings', () => {
    const rnd = generator(1414)
    const pieces = ['\n', '\r\n', '\r', 'a', ' ', 'line', '[1] note', '', '\n\n', 'x\r']
    const sources = ['one\ntwo\r\nthree\n\nfour', 'a longer line of text that is sliced\nand another one\n']
    for (let k = 0; k < 3000; k++) {
      const text = mixture(rnd, {sources, pieces, maxParts: 1 + rnd(40), sliceOneIn: 3, maxSlice: 30, spaceOneIn: 0})
      // Chunks each ending in a line feed (but the last), as the pipeline cuts them.
      const chunks: string[] = []
      let from = 0
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
        if (rnd(3) === 0) {
          chunks.push(text.slice(from, i + 1))
          from = i + 1
        }
      }
      chunks.push(text.slice(from))
      if (rnd(4) === 0) chunks.splice(rnd(chunks.length), 0, '')
      const expected = splitLines(text)
      expect(splitLines(chunks)).toEqual(expected)
      const got = documentLines(k % 2 === 0 ? chunks : text)
      expect(copy(got)).toEqual(expected)
      if (rnd(2) === 0) releaseDocumentLines(got.length)
    }
  })

  test('releaseDocumentLines lets go of the text', () => {
    const got = documentLines(['first\n', 'second'])
    releaseDocumentLines(got.length)
    expect(got.map((l) => l.text)).toEqual(['', ''])
  })
})
