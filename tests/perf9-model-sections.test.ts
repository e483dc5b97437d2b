/**
 * Fast paths of the model stage, round 9 (issue 8):
 *
 * - `sectionKind` tests its literals with `includes` instead of two regexes
 *   of alternatives: the same kinds as the frozen reference
 *   (tests/reference/model-sections.ts) on random titles built of the
 *   literals, their near misses, case variants and other text.
 * - `fromTitle` skips its regex normalisation for a title that
 *   `isNormalTitle` accepts: whenever it does, the normalisation gives the
 *   title back unchanged, on random titles of spaces, underscores, every
 *   kind of white space and letters; and it accepts the usual names.
 * - The category node is found in the walk that splits the sections: the
 *   first category of the root is the one read, as before.
 */

import {describe, expect, test} from 'vitest'
import {sectionKind} from '../src/model/index.js'
import {detectSubjectWithSource, isNormalTitle} from '../src/model/subject.js'
import {normalizeTitle, sectionKind as sectionKindReference} from './reference/model-sections.js'
import {generator, mixture} from './random.js'
import {parseForeignRelations} from '../src/index.js'

const SECTION_PIECES = [
  'multilateral', 'Multilateral', 'membership', 'MEMBERSHIP', 'international organizations', 'International Organisations',
  'international organi', 'international membership', 'international  organizations', 'bilateral', 'Bilateral',
  'relations by country', 'relations by', 'diplomatic relations', 'Diplomatic Relations', 'countries', 'country',
  'see also', 'See also', 'references', 'Notes', 'notes and references', 'external links', 'Further reading',
  'bibliography', '(lead)', ' ', '  ', '-', 'İ', 'ſ', 'K', 'a', 'relations', 'of', 'Mali'
]

describe('sectionKind', () => {
  test('equals the regex reference on random titles', () => {
    const rnd = generator(9001)
    for (let n = 0; n < 20000; n++) {
      const title = mixture(rnd, {sources: ['Foreign relations of Mali by country and membership'], pieces: SECTION_PIECES, maxParts: 4, sliceOneIn: 5, maxSlice: 20, spaceOneIn: 3})
      expect(sectionKind(title), JSON.stringify(title)).toBe(sectionKindReference(title))
    }
  })
  test('the usual titles', () => {
    for (const t of ['(lead)', 'Multilateral relations', 'Bilateral relations', 'Relations by country', 'Membership in international organizations', 'See also', 'References', 'External links', 'History'])
      expect(sectionKind(t)).toBe(sectionKindReference(t))
  })
})

const TITLE_PIECES = ['Foreign', 'relations', 'of', 'the', 'Gambia', 'Côte d\'Ivoire', ' ', '  ', '_', '__', '\t', '\n', '\u00a0', '\u2009', '\u3000', '\ufeff', '\u007f', '\u0085', 'Category:', 'x', '']

describe('isNormalTitle', () => {
  test('whenever it holds, the normalisation gives the title back', () => {
    const rnd = generator(9002)
    let accepted = 0
    for (let n = 0; n < 30000; n++) {
      const raw = mixture(rnd, {sources: ['Foreign_relations_of_Mali'], pieces: TITLE_PIECES, maxParts: 6, sliceOneIn: 4, maxSlice: 12, spaceOneIn: 2})
      if (isNormalTitle(raw)) {
        accepted++
        expect(normalizeTitle(raw), JSON.stringify(raw)).toBe(raw)
      }
    }
    expect(accepted).toBeGreaterThan(1000)
  })
  test('accepts the usual names, refuses what the regexes change', () => {
    for (const t of ['', 'Foreign relations of Mali', 'Association football clubs established in 1883', 'Category:Foreign relations of the Gambia'])
      expect(isNormalTitle(t)).toBe(true)
    for (const t of [' Mali', 'Mali ', 'Foreign  relations', 'Foreign_relations_of_Mali', 'Foreign\trelations', 'Côte d\'Ivoire', 'a\u00a0b'])
      expect(isNormalTitle(t)).toBe(false)
  })
  test('subjects from titles and categories are as the regexes give them', () => {
    for (const t of ['Foreign relations of Mali', 'Foreign_relations_of_Mali', ' Foreign relations of  the Gambia ', 'Category:Foreign relations of Chad', 'Foreign relations of the Sovereign Military Order of Malta']) {
      const fast = detectSubjectWithSource({title: t, text: ''})
      const slow = detectSubjectWithSource({title: normalizeTitle(t), text: ''})
      expect(fast).toEqual(slow)
    }
  })
})

describe('category', () => {
  test('the first category of the root decides the subject', () => {
    const dump = 'Mali is a country. France is a country. France is big.\n\nCategory:Foreign_relations_of_Mali\n\nCategory:Foreign_relations_of_France\n'
    const model = parseForeignRelations(dump)
    expect(model.subject.iso2).toBe('ML')
  })
})
