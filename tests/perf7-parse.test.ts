/**
 * The heading test of the seventh performance pass gives what the regexes
 * gave: `hasHeadingShape` (first and last characters read by code unit,
 * regexes made once, a word count that does not backtrack) equals the
 * chain of regexes it replaces, `THIRTEEN_WORDS_TRIMMED` equals
 * `THIRTEEN_WORDS` on trimmed texts, and `isKnownSection` (titles compared
 * in place while the line is ASCII) still equals the Set look-up of the
 * normalised title.  Inputs: the corpus lines, crafted titles and seeded
 * random short mixtures.
 */

import {describe, expect, test} from 'vitest'
import {KNOWN_SECTIONS, THIRTEEN_WORDS, THIRTEEN_WORDS_TRIMMED, hasHeadingShape, hasHeadingShapeByRegex, isKnownSection} from '../src/parse/blocks.js'
import {generator, mixture} from './random.js'
import {seedAndCorpusTexts} from './corpus-helpers.js'

const texts: string[] = seedAndCorpusTexts('.dump.txt', '.plain.txt')
const corpusLines = texts.flatMap((t) => t.split(/\r?\n/))

const PIECES = [
  ' ', '  ', '\t', '\u000b', '\f', '\r', '\u00a0', '\u3000', '.', ',', ';', ':', '!', '?', '"', "'", '\u201d', '\u2019', ')', '(', '|', '=',
  '[', ']', '[1]', '[12]', '{{', '}}', 'http://', 'https://x.org', 'Table:', 'table:', ': ', 'a', 'b', 'aB', 'Ab', 'é', 'É', 'ß', 'İ',
  '\ud835\udc1a', '\ud83d\ude00', 'word', 'Word', 'see also', 'References', 'NOTES', 'Notes and', 'notes\tand references', 'r'
]

function shortMixtures(count: number, seed: number): string[] {
  const rnd = generator(seed)
  return Array.from({length: count}, () => mixture(rnd, {sources: corpusLines, pieces: PIECES, maxParts: 24, sliceOneIn: 4, maxSlice: 40, spaceOneIn: 2}))
}

const inputs = [...corpusLines, ...shortMixtures(20000, 71), ...[...KNOWN_SECTIONS].flatMap((k) => [k, k.toUpperCase(), k.replace(/ /g, ' \t '), k.replace(/ /g, '\r'), k.replace(/ /g, '\u000b\f'), k + ' x', k.slice(0, -1), `${k} \u00a0 ${k}`])]
  .map((t) => t.trim())
  .filter((t) => t !== '')

describe('heading test (perf7)', () => {
  test('hasHeadingShape equals the regex chain on short trimmed lines', () => {
    const wrong: string[] = []
    let shaped = 0
    for (const t of inputs) {
      if (t.length > 90) continue
      const want = hasHeadingShapeByRegex(t)
      if (hasHeadingShape(t) !== want) wrong.push(t)
      if (want) shaped++
    }
    expect(wrong).toEqual([])
    expect(shaped).toBeGreaterThan(500)
  })
  test('THIRTEEN_WORDS_TRIMMED equals THIRTEEN_WORDS on trimmed texts', () => {
    const wrong = inputs.filter((t) => THIRTEEN_WORDS_TRIMMED.test(t) !== THIRTEEN_WORDS.test(t))
    expect(wrong).toEqual([])
  })
  test('isKnownSection equals KNOWN_SECTIONS.has of the normalised title', () => {
    const wrong: string[] = []
    let known = 0
    for (const t of inputs) {
      const want = KNOWN_SECTIONS.has(t.trim().toLowerCase().replace(/\s+/g, ' '))
      if (isKnownSection(t) !== want) wrong.push(t)
      if (want) known++
    }
    expect(wrong).toEqual([])
    expect(known).toBeGreaterThan(150)
  })
})
