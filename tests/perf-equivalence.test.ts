/**
 * The fast paths of issue 8 give the same answers as the straightforward
 * code they replaced: the country matcher against its unit-by-unit
 * reference, the per-code-unit character classes against the regular
 * expressions they cache, the position map's last-line cache against a
 * fresh search, and the line-ending and blank-line checks against their
 * regex definitions.  Inputs: the 38 corpus dumps and the seed, and seeded
 * random mixtures of their text with characters chosen to hit the edge
 * cases (combining marks, `æ`, white space runs, capitals outside ASCII,
 * surrogates, dotted acronyms).
 */

import {describe, expect, test} from 'vitest'
import {findMentions, findMentionsReference} from '../src/model/countries.js'
import {isLetterOrDigitUnit, isWhiteSpaceUnit, hasLetterOrDigit} from '../src/util/chars.js'
import {PositionMap} from '../src/util/position.js'
import {isBlank} from '../src/parse/lines.js'
import {parseDocument} from '../src/index.js'
import {splitSentences} from '../src/resolve/sentences.js'
import {generator, mixture} from './random.js'
import {seedAndCorpusTexts} from './corpus-helpers.js'

const texts: string[] = seedAndCorpusTexts('.plain.txt')

const PIECES = [
  'Mali', 'MALI', 'mali', 'Niger', 'Nigeria', 'Nigerien', 'U.S.', 'U.S', 'US', 'UK', 'U.K.', 'the Gambia', 'The Gambia',
  "Côte d'Ivoire", 'Cote d’Ivoire', 'Co\u0302te d\u2019Ivoire', 'South  Korea', 'South_Korea', 'South\u00a0Korea',
  'South \u0301 Korea', 'Æland', 'Ærø', 'Øresund', 'İstanbul', 'Türkiye', 'Turkey', 'Congo', 'Democratic Republic of the Congo',
  'Republic of the Congo', 'Guinea-Bissau', 'Guinea–Bissau', 'Lake Chad', 'Chad', 'Indian Ocean', 'Indian', 'French',
  'Congolese', 'ǅ', 'ǈ', 'Σ', '\ud835\udc00', '\ud83d\ude00', '\ud800', '\u0301', '\u0308', ' ', '  ', '\n', '\t', '_', '-',
  '.', ',', '(', ')', '한국', 'Ö', 'Ⅻ', '١', 'É', 'ß', 'ﬁ', 'Ǆ', 'ǲ', 'A\u0308', 'PRC', 'ROK', 'São Tomé',
  'Sao Tome and Principe', 'Britain', 'British', 'Britons', 'St. Lucia', 'Saint Lucia', 'Latin American', 'American'
]

function mixtures(count: number, seed: number): string[] {
  const rnd = generator(seed)
  return Array.from({length: count}, () => mixture(rnd, {sources: texts, pieces: PIECES, maxParts: 12, sliceOneIn: 4, maxSlice: 300, spaceOneIn: 3}))
}

describe('findMentions: the fast matcher equals the unit-by-unit reference', () => {
  test('on the seed and the 38 corpus pages', () => {
    let mentions = 0
    for (const t of texts) {
      const fast = findMentions(t)
      expect(fast).toEqual(findMentionsReference(t))
      mentions += fast.length
    }
    // The pages do name countries: the comparison is not between empty lists.
    expect(mentions).toBeGreaterThan(500)
  })

  test('on 3,000 random mixtures of corpus text and edge-case characters', () => {
    let mentions = 0
    for (const t of mixtures(3000, 8)) {
      const fast = findMentions(t)
      expect(fast).toEqual(findMentionsReference(t))
      mentions += fast.length
    }
    expect(mentions).toBeGreaterThan(1000)
  })

  test('known answers around folding', () => {
    expect(findMentions('Co\u0302te d\u2019Ivoire and  South\u00a0Korea.').map((m) => [m.iso2, m.index, m.end])).toEqual([
      ['CI', 0, 14],
      ['KR', 20, 31]
    ])
    // Not inside a word, not lower case, acronyms exact.
    expect(findMentions('Nigeria, mali, US and U.S. troops').map((m) => m.text)).toEqual(['Nigeria', 'U.S.'])
  })
})

describe('character classes by code unit', () => {
  test('equal the regular expressions on every BMP code unit and past the end', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c)
      if (isLetterOrDigitUnit(c) !== /[\p{L}\p{N}]/u.test(ch)) throw new Error(`letter/digit differs at U+${c.toString(16)}`)
      if (isWhiteSpaceUnit(c) !== /\s/u.test(ch)) throw new Error(`white space differs at U+${c.toString(16)}`)
    }
    expect(isLetterOrDigitUnit(Number.NaN)).toBe(false)
    expect(isWhiteSpaceUnit(Number.NaN)).toBe(false)
    expect(hasLetterOrDigit('  ,;\u00a0é', 0, 5)).toBe(false)
    expect(hasLetterOrDigit('  ,;\u00a0é', 0, 6)).toBe(true)
  })

  test('isBlank equals /^\\s*$/', () => {
    for (const s of ['', ' ', '\t \u00a0\u3000', ' x ', '\ufeff', '\u200b', '\u2028', 'a']) expect(isBlank(s)).toBe(/^\s*$/.test(s))
    for (const t of texts.slice(0, 10)) for (const line of t.split('\n')) expect(isBlank(line)).toBe(/^\s*$/.test(line))
  })
})

describe('PositionMap: the last-line cache gives what a fresh search gives', () => {
  test('offsets in increasing, decreasing and random order', () => {
    const text = texts[0]!
    const repairs = [
      {original: 'â€“', replacement: '–', line: 1, column: 1, offset: 100, codecs: ['windows-1252']},
      {original: 'Ã©', replacement: 'é', line: 1, column: 1, offset: 900, codecs: ['windows-1252']}
    ]
    const cached = new PositionMap(text, repairs, 1)
    const rnd = generator(3)
    const offsets = [
      ...Array.from({length: 400}, (_, i) => i * 37),
      ...Array.from({length: 400}, (_, i) => text.length + 5 - i * 41),
      ...Array.from({length: 2000}, () => rnd(text.length + 10) - 3)
    ]
    for (const offset of offsets) expect(cached.point(offset)).toEqual(new PositionMap(text, repairs, 1).point(offset))
  })
})

describe('line endings and sentences', () => {
  test('source.lineEnding: lf, crlf, mixed, none', () => {
    const ending = (s: string) => (parseDocument(s).data as {source: {lineEnding: string}}).source.lineEnding
    expect(ending('a\nb\n')).toBe('lf')
    expect(ending('a\r\nb\r\n')).toBe('crlf')
    expect(ending('a\r\nb\nc')).toBe('mixed')
    expect(ending('\na\r\nb')).toBe('mixed')
    expect(ending('a')).toBe('none')
  })

  test('splitSentences stops at every terminal kind and at blank lines only', () => {
    const text = 'One. Two? Three! Four… Five。Six？ Seven！ Eight\n\nNine\nten. U.S. troops. Gen. Keita left.'
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
      'One.',
      'Two?',
      'Three!',
      'Four…',
      'Five。Six？',
      'Seven！',
      'Eight',
      'Nine\nten.',
      'U.S. troops.',
      'Gen. Keita left.'
    ])
  })
})
