/**
 * The heading test of the seventh performance pass gives what the regexes
 * gave: `hasHeadingShape` (first and last characters read by code unit,
 * regexes made once, a word count that does not backtrack) equals the
 * chain of regexes it replaces, `THIRTEEN_WORDS_TRIMMED` equals
 * `THIRTEEN_WORDS` on trimmed texts, and `isKnownSection` (titles compared
 * in place while the line is ASCII) still equals the Set look-up of the
 * normalised title; `categoryNames` (one scan) gives the names and the
 * null that the split and the prefix check gave.  Inputs: the corpus lines, crafted titles and seeded
 * random short mixtures.
 */

import {describe, expect, test} from 'vitest'
import {CATEGORY, CATEGORY_PREFIXES_U, CATEGORY_SPLIT_U, KNOWN_SECTIONS, categoryNames, THIRTEEN_WORDS, THIRTEEN_WORDS_TRIMMED, hasHeadingShape, hasHeadingShapeByRegex, isKnownSection} from '../src/parse/blocks.js'
import {generator, mixture} from './random.js'
import {seedAndCorpusTexts} from './corpus-helpers.js'
import {compareOn, isKnownSectionByNormalising} from './parse-references.js'

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
    const {wrong, accepted} = compareOn(
      inputs.filter((t) => t.length <= 90),
      hasHeadingShape,
      hasHeadingShapeByRegex
    )
    expect(wrong).toEqual([])
    expect(accepted).toBeGreaterThan(500)
  })
  test('THIRTEEN_WORDS_TRIMMED equals THIRTEEN_WORDS on trimmed texts', () => {
    const wrong = inputs.filter((t) => THIRTEEN_WORDS_TRIMMED.test(t) !== THIRTEEN_WORDS.test(t))
    expect(wrong).toEqual([])
  })
  test('isKnownSection equals KNOWN_SECTIONS.has of the normalised title', () => {
    const {wrong, accepted} = compareOn(inputs, isKnownSection, isKnownSectionByNormalising)
    expect(wrong).toEqual([])
    expect(accepted).toBeGreaterThan(150)
  })
  test('categoryNames equals the split and the prefix check', () => {
    const rnd = generator(72)
    const pieces = ['Category:', 'Kategorie:', 'Categoria:', 'Kategori:', 'Kategoria:', 'Luokka:', 'Категория:', 'Category', ':', ' ', '  ', '\t', '\u00a0', '\u3000', 'a', 'Living people', '1969 births', 'x:y', '_', 'é']
    const lines = Array.from({length: 20000}, () => mixture(rnd, {sources: corpusLines, pieces, maxParts: 16, sliceOneIn: 6, maxSlice: 30, spaceOneIn: 2}))
    const wrong: string[] = []
    let clean = 0
    for (const line of [...lines, ...lines.map((l) => 'Category:' + l), ...corpusLines]) {
      const t = line.trim()
      const p = CATEGORY.exec(t)
      if (!p) continue
      let want: string[] | null = t.split(CATEGORY_SPLIT_U).slice(1).map((x) => x.trim())
      if (want.some((n) => n === '')) want = null
      else for (const m of t.matchAll(CATEGORY_PREFIXES_U)) if (m[1] !== p[1]) want = null
      if (JSON.stringify(categoryNames(t, p[1]!)) !== JSON.stringify(want)) wrong.push(t)
      if (want) clean++
    }
    expect(wrong).toEqual([])
    expect(clean).toBeGreaterThan(1000)
  })
})
