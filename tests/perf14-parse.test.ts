/**
 * The fourteenth performance pass (parser).
 *
 * - parseText reads the document's lines from `loadDocumentLines`: the
 *   lines the frozen `splitLines` gives (tests/reference/lines.ts), in
 *   `Line` objects kept between documents and overwritten by the next
 *   call.  Compared with it on the corpus (whole and in the pipeline's
 *   chunks) and on seeded random texts and chunkings (CR, LF, empty chunks,
 *   a final line feed or none), one call after another with lengths that
 *   grow and shrink; `splitLines` (the same code into a new array) too.
 * - parseText hands the lines back (no text left in the pool) when it
 *   returns and when it throws; a document parsed after a longer or a
 *   failed one, or with text of another left in the pool, gives the tree it
 *   gives alone; a pool grown past its bound is dropped.
 */

import {beforeEach, describe, expect, test} from 'vitest'
import {prepare} from '../src/pipeline.js'
import {parseText} from '../src/parse/index.js'
import {documentLinePool, loadDocumentLines, releaseDocumentLines, splitLines as splitLinesNow, type Line} from '../src/parse/lines.js'
import type {PositionMap} from '../src/util/position.js'
import {splitLines} from './reference/lines.js'
import {seedAndDumps} from './corpus-helpers.js'
import {generator, mixture} from './random.js'

/** The first `count` pooled lines, copied (the pool's objects are overwritten by the next load). */
const loaded = (text: string | readonly string[]): Line[] =>
  documentLinePool()
    .slice(0, loadDocumentLines(text))
    .map((l) => ({text: l.text, offset: l.offset}))

/** Whether no pooled line holds text. */
const poolIsBlank = (): boolean => documentLinePool().every((l) => l.text === '')

describe('loadDocumentLines', () => {
  test('gives the lines of splitLines on the corpus, one document after another', () => {
    for (const b of seedAndDumps()) {
      const p = prepare(b)
      const got = loaded(p.chunks)
      expect(got).toEqual(splitLines(p.chunks))
      expect(got).toEqual(splitLines(p.text))
      releaseDocumentLines(got.length)
      expect(loaded(p.text)).toEqual(splitLines(p.text))
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
      const got = loaded(k % 2 === 0 ? chunks : text)
      expect(got).toEqual(expected)
      expect(splitLinesNow(k % 2 === 0 ? text : chunks)).toEqual(expected)
      if (rnd(2) === 0) releaseDocumentLines(got.length)
    }
  })

  test('releaseDocumentLines lets go of the text', () => {
    const count = loadDocumentLines(['first\n', 'second'])
    expect(documentLinePool().slice(0, count).map((l) => l.text)).toEqual(['first', 'second'])
    releaseDocumentLines(count)
    expect(documentLinePool().slice(0, count).map((l) => l.text)).toEqual(['', ''])
  })
})

describe('parseText and the pool', () => {
  // (The tests above load lines without always handing them back.)
  beforeEach(() => releaseDocumentLines(documentLinePool().length))
  const parse = (text: string) => parseText(text, prepare(text).map)
  const short = 'Intro with a note.[1]\n\nReferences\n\n[1] Short note.\n'
  const long =
    Array.from({length: 60}, (_, k) => `Paragraph ${k} cites a source.[${k + 1}]\n`).join('\n') +
    '\nReferences\n\n' +
    Array.from({length: 60}, (_, k) => `[${k + 1}] Note ${k + 1}.`).join('\n') +
    '\n'

  test('leaves no text in the pool, and a document gives the same tree before and after a longer one', () => {
    const alone = parse(short)
    expect(poolIsBlank()).toBe(true)
    const big = parse(long)
    expect(big.tree.children.length).toBeGreaterThan(60)
    expect(poolIsBlank()).toBe(true)
    expect(documentLinePool().length).toBeGreaterThan(100)
    expect(parse(short)).toEqual(alone)
    expect(parse(long)).toEqual(big)
    for (const b of seedAndDumps().slice(0, 6)) {
      const p = prepare(b)
      parseText(p.chunks, p.map)
      expect(poolIsBlank()).toBe(true)
    }
    // Whatever the pool holds past the document's lines is never read: here
    // the long document's lines, loaded and not handed back.
    loadDocumentLines(long)
    expect(parse(short)).toEqual(alone)
  })

  test('hands the lines back when the parse throws; the next document parses as alone', () => {
    const alone = parse(short)
    const broken = new Proxy(prepare(long).map, {
      get() {
        throw new Error('map broken on purpose')
      },
    }) as PositionMap
    expect(() => parseText(long, broken)).toThrow('map broken on purpose')
    expect(poolIsBlank()).toBe(true)
    expect(parse(short)).toEqual(alone)
  })

  test('drops a pool grown past its bound', () => {
    const huge = 'a\n'.repeat(70_000)
    const tree = parse(huge).tree
    expect(tree.children.length).toBe(1)
    expect(documentLinePool().length).toBe(0)
    expect(poolIsBlank()).toBe(true)
  })
})
