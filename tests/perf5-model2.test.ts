/**
 * Fast paths of the model stage, round 5 (issue 8), against the code they
 * replaced:
 *
 * - `countryMentionCounts` (what subject detection now counts, without
 *   building mention objects) against counting the mentions of the
 *   unit-by-unit reference matcher, and the text subject (one pass for the
 *   unique maximum instead of sorting the counts) against the sort of the
 *   old code; the `includes` test in front of the category-line regex
 *   against giving the regex's match as the category line.
 * - The sentence splitter (its backward scan of the word before a period,
 *   and the stop searches) against the frozen reference, on texts that are
 *   slices of two-byte strings as the model's paragraphs are (the engine
 *   searches those differently from the one-byte strings of a literal).
 *
 * Inputs: the seed and the 38 corpus pages, and seeded random mixtures of
 * their text with names, category lines and every stop character.
 */

import {describe, expect, test} from 'vitest'
import {countryMentionCounts, findMentionsReference} from '../src/model/countries.js'
import {detectSubjectWithSource} from '../src/model/subject.js'
import {splitSentences} from '../src/resolve/sentences.js'
import {splitSentences as splitSentencesReference} from './reference/sentences.js'
import {generator, mixture} from './random.js'
import {seedAndCorpusTexts} from './corpus-helpers.js'

const texts: string[] = seedAndCorpusTexts('.plain.txt')

const NAMES = [
  'Mali', 'Malian', 'Niger', 'Nigeria', 'Nigerien', 'U.S.', 'US', 'UK', 'U.K.', 'the Gambia', 'Chad', 'Lake Chad', 'China',
  'Chinese', 'Congo', 'Congolese', 'French', 'France', 'Indian Ocean', 'India', 'Côte d\u2019Ivoire', 'South\u00a0Korea',
  'Ærø', 'Türkiye', 'Turkey', 'Latin American', 'American', 'Senegal', 'Senegalese', 'Algeria', 'Morocco'
]
const SEPARATORS = [' ', '  ', '\n', '\n\n', '_', '-', ', ', '. ', '(', ')', '', '\u2013', 'a', 'É', '1']
const CATEGORY = ['Foreign_relations_of_Mali', 'Category:Foreign_relations_of_Chad', 'Foreign_relations_of_', 'Foreign_relations_of_X y',
  'Foreign_relations_of_the_Sovereign_Military_Order_of_Malta', 'Category:Foreign_relations_of_Atlantis']

function mixtures(count: number, seed: number, pieces: readonly string[]): string[] {
  const rnd = generator(seed)
  return Array.from({length: count}, () => mixture(rnd, {sources: texts, pieces, maxParts: 14, sliceOneIn: 4, maxSlice: 300, spaceOneIn: 3}))
}

/** The counting of the old `detectSubjectWithSource`, on the reference matcher. */
function referenceCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const m of findMentionsReference(text)) {
    if (m.iso2 === null) continue
    counts.set(m.iso2, (counts.get(m.iso2) ?? 0) + 1)
  }
  return counts
}

/** The old choice of the text subject: sort the counts, the first wins if strictly ahead of the second. */
function referenceTextSubject(text: string): string | null {
  const ranked = [...referenceCounts(text).entries()].sort((a, b) => b[1] - a[1])
  const [first, second] = ranked
  return first && (!second || first[1] > second[1]) ? first[0] : null
}

const CATEGORY_LINE = /^(?:Category:)?Foreign_relations_of_\S+$/m

function expectSameSubject(text: string): void {
  const got = detectSubjectWithSource({text})
  const category = CATEGORY_LINE.exec(text)?.[0] ?? null
  if (category !== null) {
    // The regex's answer given as the category line: the old path.
    expect(got, JSON.stringify(text)).toEqual(detectSubjectWithSource({categoryLine: category, text}))
    return
  }
  const iso2 = referenceTextSubject(text)
  expect(got.subject.iso2, JSON.stringify(text)).toBe(iso2)
  expect(got.source, JSON.stringify(text)).toBe(iso2 === null ? null : 'text')
}

describe('countryMentionCounts and the text subject equal the old counting and sort', () => {
  test('on the seed and the 38 corpus pages', () => {
    let countries = 0
    for (const t of texts) {
      const counts = countryMentionCounts(t)
      expect([...counts]).toEqual([...referenceCounts(t)])
      countries += counts.size
      expectSameSubject(t)
    }
    expect(countries).toBeGreaterThan(100)
  })

  test('on 2,000 random mixtures of corpus text, names and category lines', () => {
    let decided = 0
    for (const t of mixtures(2000, 55, [...NAMES, ...SEPARATORS, ...CATEGORY])) {
      expect([...countryMentionCounts(t)], JSON.stringify(t)).toEqual([...referenceCounts(t)])
      expectSameSubject(t)
      if (referenceTextSubject(t) !== null) decided++
    }
    expect(decided).toBeGreaterThan(200)
  })

  test('on 3,000 texts of names alone (ties, one name, none)', () => {
    const rnd = generator(56)
    let ties = 0
    for (let k = 0; k < 3000; k++) {
      let text = ''
      const parts = rnd(8)
      for (let p = 0; p < parts; p++) text += NAMES[rnd(NAMES.length)]! + SEPARATORS[rnd(SEPARATORS.length)]!
      expect([...countryMentionCounts(text)], JSON.stringify(text)).toEqual([...referenceCounts(text)])
      expectSameSubject(text)
      if (referenceCounts(text).size > 1 && referenceTextSubject(text) === null) ties++
    }
    expect(ties).toBeGreaterThan(100)
  })
})

describe('the sentence splitter on slices of two-byte strings equals the reference', () => {
  const STOPS = ['.', '. ', '.\n', '?', '! ', '\u2026', '\u3002', '\uff1f', '\uff01', '\n', '\n\n', ' \n \n', 'Gen.', 'U.S.', 'E. ', 'No. 5', '."', '.) ']
  /** `text` as a slice of a two-byte string (a sliced string when long enough). */
  const twoByte = (text: string): string => ('\u2013' + text + '\u2013').slice(1, text.length + 1)

  test('on the seed and the corpus pages, cut into paragraphs', () => {
    let sentences = 0
    for (const page of texts) {
      const doc = twoByte(page)
      let at = 0
      for (const part of page.split('\n\n')) {
        const text = doc.slice(at, at + part.length)
        at += part.length + 2
        const anchors = [text.indexOf('. ') + 1, text.lastIndexOf('.') + 1].filter((a) => a > 0)
        const spans = splitSentences(text, {anchors})
        expect(spans).toEqual(splitSentencesReference(text, {anchors}))
        expect(splitSentences(text)).toEqual(splitSentencesReference(text))
        sentences += spans.length
      }
    }
    expect(sentences).toBeGreaterThan(1000)
  })

  test('on 4,000 random mixtures of corpus text and stops', () => {
    const rnd = generator(57)
    for (const t of mixtures(4000, 58, [...STOPS, ...NAMES])) {
      const text = twoByte(t)
      const anchors: number[] = []
      for (let k = rnd(4); k > 0; k--) anchors.push(rnd(text.length + 1))
      expect(splitSentences(text), JSON.stringify(text)).toEqual(splitSentencesReference(text))
      expect(splitSentences(text, {anchors}), JSON.stringify({text, anchors})).toEqual(splitSentencesReference(text, {anchors}))
    }
  })
})
