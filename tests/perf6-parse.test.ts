/**
 * The shortcuts of the sixth performance pass over the parse stage give what
 * the general code gives: the inline search of long texts (`indexOf` per
 * hint character instead of a regex run from each match) finds what INLINE
 * finds, and a line `isPlainParagraph` accepts is the one paragraph that
 * `parseBlocks` makes of it (table cells and footnote notes skip the block
 * scanner).  Inputs: the corpus lines and seeded random long mixtures.
 */

import {describe, expect, test} from 'vitest'
import {isPlainParagraph, paragraph, parseBlocks} from '../src/parse/blocks.js'
import {TextOffsets, type ParseContext} from '../src/parse/context.js'
import {inlineMatches} from '../src/parse/inline.js'
import {PositionMap} from '../src/util/position.js'
import {generator, mixture} from './random.js'
import {seedAndCorpusTexts} from './corpus-helpers.js'
import {inlineByRegex} from './parse-references.js'

const texts: string[] = seedAndCorpusTexts('.dump.txt', '.plain.txt')
const corpusLines = texts.flatMap((t) => t.split(/\r?\n/))

const PIECES = [
  ' ', '  ', '\t', '\u00a0', '-', '*', '+', '.', ')', ':', '::', ': //', '://', '=', '_', '__', '[', ']', '{', '{{', '}}', '|',
  '1', '12', '1.', '1.  ', 'a)  ', 'iv.  ', '[1]', '[12]', '[1234]', '[12345]', '[0]', 'http://', 'https://example.org/a_b', 'ftp://x.y/z',
  'http:/', 'example.org/(x)', '_word_', 'a_b_c', '{{Cite web', '{{lang|fr|x}}', '[TABLE]', '+-', '+=', '---', 'é', '\ud83d\ude00', 'text'
]

function longMixtures(count: number, seed: number): string[] {
  const rnd = generator(seed)
  return Array.from({length: count}, () => mixture(rnd, {sources: corpusLines, pieces: PIECES, maxParts: 40, sliceOneIn: 3, maxSlice: 120, spaceOneIn: 2, startAtEnd: true}))
}

function context(text: string): ParseContext {
  const map = new PositionMap(text)
  return {map, diagnostics: [], markers: [], depth: 1, offsets: new TextOffsets(map), lastWork: -1, lastLine: 0, lastColumn: 0, lastOffset: 0}
}

describe('perf6 parse shortcuts', () => {
  const lines = [...corpusLines, ...longMixtures(20_000, 61)]

  test('the inline search finds what INLINE finds, on long texts too', () => {
    const wrong: string[] = []
    let long = 0
    for (const t of lines) {
      const want = inlineByRegex(t)
      if (t.length >= 200 && want.length >= 3) long++
      if (JSON.stringify(inlineMatches(t)) !== JSON.stringify(want)) wrong.push(t)
    }
    expect(wrong).toEqual([])
    expect(long).toBeGreaterThan(1000)
  })

  test('a line isPlainParagraph accepts is the one paragraph parseBlocks makes', () => {
    const wrong: string[] = []
    let plain = 0
    for (const raw of lines) {
      const t = raw.trimEnd()
      if (!isPlainParagraph(t)) continue
      plain++
      const a = context(t)
      const b = context(t)
      const want = parseBlocks([{text: t, offset: 0}], a)
      const got = [paragraph([{text: t, offset: 0}], 0, 1, b)]
      if (JSON.stringify(got) !== JSON.stringify(want) || JSON.stringify(a.diagnostics) !== JSON.stringify(b.diagnostics) || JSON.stringify(a.markers) !== JSON.stringify(b.markers)) wrong.push(t)
    }
    expect(wrong).toEqual([])
    expect(plain).toBeGreaterThan(5000)
  })
})
