/**
 * perf11: the country matcher walks a trie packed into node records (one
 * typed array), tests first letter pairs in a bit set and leading letters
 * in a hashed bit table.  Its answers must be those of the specification
 * kept in the source, `findMentionsReference` (which folds the whole text
 * and walks the trie's `Map`s from every word start, with none of those
 * filters): `findMentions`, and `countryMentionCounts` (subject detection),
 * on the text subject detection sees for the corpus pages (their leads'
 * plain text), on the whole pages, and on seeded random mixtures of country
 * names, demonyms, diacritics, dashes and case variants.
 */

import {readFileSync, readdirSync} from 'node:fs'
import {describe, expect, test} from 'vitest'
import {CANDIDATE, countryMentionCounts, findMentions, findMentionsReference} from '../src/model/countries.js'
import {prepare} from '../src/pipeline.js'
import {parseText} from '../src/parse/index.js'
import {plainText} from '../src/model/text.js'
import {generator, mixture} from './random.js'
import {seedAndCorpusTexts} from './corpus-helpers.js'

const corpusDir = new URL('../fixtures/corpus/', import.meta.url)

/** The lead's plain text of each corpus page, joined as subject detection joins it. */
function corpusLeads(): string[] {
  return readdirSync(corpusDir).filter((f) => f.endsWith('.dump.txt')).sort().map((f) => {
    const p = prepare(readFileSync(new URL(f, corpusDir)), {})
    const tree = parseText(p.text, p.map).tree
    const lead = []
    for (const n of tree.children) {
      if (n.type === 'heading') break
      lead.push(n)
    }
    return lead.map((b) => plainText(b)).join('\n')
  })
}

const PIECES = [
  'Mali', 'MALI', 'mali', 'Malian', 'Malians', 'Niger', 'Nigeria', 'Nigerien', 'Nigerian', 'U.S.', 'U.S', 'US', 'UK', 'U.K.',
  'the Gambia', 'The Gambia', 'Gambian', "Côte d'Ivoire", 'Cote d’Ivoire', 'CÔTE D’IVOIRE', 'Co\u0302te d\u2019Ivoire', 'Ivorian',
  'South  Korea', 'South_Korea', 'South\u00a0Korea', 'South Korean', 'SOUTH KOREA', 'south korea', 'North Korea',
  'Republic of Korea', 'Æland', 'Ærø', 'Øresund', 'İstanbul', 'Türkiye', 'Turkey', 'Turkish', 'Congo', 'Congolese',
  'Democratic Republic of the Congo', 'Republic of the Congo', 'Guinea-Bissau', 'Guinea–Bissau', 'Guinea—Bissau',
  'Guinea\u2011Bissau', 'Guinea', 'Equatorial Guinea', 'Papua New Guinea', 'New Guinea', 'Lake Chad', 'Chad', 'Chadian',
  'Indian Ocean', 'Indian', 'India', 'French', 'France', 'Britain', 'British', 'Briton', 'Britons', 'Great Britain',
  'United Kingdom', 'United States', 'United States of America', 'United Nations', 'United Arab Emirates', 'American',
  'Latin American', 'South America', 'São Tomé', 'Sao Tome and Principe', 'São Tomé and Príncipe', 'St. Lucia',
  'Saint Lucia', 'PRC', 'ROK', 'DPRK', 'Kazakhstani', 'Kazakhstan', 'Bosnian', 'Herzegovinian', 'Dominican',
  'Dominica', 'Mexico City', 'Mexican', 'Timor-Leste', 'Timor', 'Virgin Islands', 'Park', 'Para', 'Parag',
  'ǅ', 'ǈ', 'Σ', 'É', 'Ö', 'ß', 'ﬁ', 'A\u0308', 'Ⅻ', 'Ⓜ', 'Ａ', 'ａ', '×', '÷', '\u00a0', '\u2014', '\u201c', '\u2126', '\u212b', '\u0301', '\u0308', '한국', '\ud835\udc00', '\ud800',
  ' ', '  ', '\n', '\t', '_', '-', '\u2013', '.', ',', "'", '’', '(', ')', '1', 'x'
]

function mixtures(count: number, seed: number, sources: string[]): string[] {
  const rnd = generator(seed)
  return Array.from({length: count}, () => mixture(rnd, {sources, pieces: PIECES, maxParts: 14, sliceOneIn: 3, maxSlice: 200, spaceOneIn: 3}))
}

/** The counts of `countryMentionCounts` from the specification: mentions with one candidate, in order of first mention. */
function referenceCounts(text: string): Array<[string, number]> {
  const counts = new Map<string, number>()
  for (const m of findMentionsReference(text)) if (m.candidates.length === 1) counts.set(m.candidates[0]!, (counts.get(m.candidates[0]!) ?? 0) + 1)
  return [...counts]
}

function same(t: string): number {
  expect([...countryMentionCounts(t)]).toEqual(referenceCounts(t))
  const mentions = findMentions(t)
  expect(mentions).toEqual(findMentionsReference(t))
  return mentions.length
}

describe('perf11: the packed matcher equals the specification', () => {
  const leads = corpusLeads()

  test('on the corpus leads (the text subject detection counts)', () => {
    expect(leads.length).toBe(38)
    let mentions = 0
    for (const t of leads) mentions += same(t)
    expect(mentions).toBeGreaterThan(100)
  })

  test('on the seed and the whole corpus pages', () => {
    let mentions = 0
    for (const t of seedAndCorpusTexts('.plain.txt')) mentions += same(t)
    expect(mentions).toBeGreaterThan(500)
  })

  test('on 4,000 random mixtures of lead text, names, demonyms, diacritics, dashes and case variants', () => {
    let mentions = 0
    for (const t of mixtures(4000, 11, leads)) mentions += same(t)
    expect(mentions).toBeGreaterThan(4000)
  })

  test('every code unit left out of the candidate class fails startsUpper', () => {
    const re = new RegExp(CANDIDATE.source)
    let left = 0
    for (let c = 0x80; c < 0x10000; c++) {
      const ch = String.fromCharCode(c)
      if (re.test(ch)) continue
      left++
      // startsUpper's test of a unit not ASCII.
      expect(ch === ch.toUpperCase() && ch !== ch.toLowerCase(), `U+${c.toString(16)}`).toBe(false)
    }
    expect(left).toBeGreaterThan(50000)
    for (let c = 0; c < 0x80; c++) expect(re.test(String.fromCharCode(c))).toBe(c >= 65 && c <= 90)
  })

  test('on every piece alone, capitalized, upper and lower case, and after a letter', () => {
    for (const piece of PIECES) {
      for (const t of [piece, piece.toUpperCase(), piece.toLowerCase(), 'x' + piece, piece + 'x', `(${piece}).`, `the ${piece}'s`]) same(t)
    }
  })
})
