/**
 * The fast paths of the model stage (issue 8) give the answers of the code
 * they replaced.  `tests/reference/` holds the sentence splitter and the
 * claim cutter as they were before (one Set per paragraph, a regex search
 * per stop, a slice and two regexes per period, a Map and a sort per
 * paragraph's markers); they are compared here with today's on every prose
 * paragraph of the 38 corpus dumps and the seed, in every claim scope, and
 * on seeded random mixtures of that text with the cases the fast paths
 * decide differently (ASCII and non-ASCII words, abbreviations, initials,
 * acronyms, digits, closers, blank lines, markers in any order, repeated,
 * fractional or out of range).
 */

import {describe, expect, test} from 'vitest'
import type {PhrasingContent, RootContent} from 'mdast'
import {prepare} from '../src/pipeline.js'
import {parseText} from '../src/parse/index.js'
import {flattenPhrasing, hasMarkerOrWords, plainText, plainTextHasWords, plainTextWithUrls} from '../src/model/text.js'
import {
  BEFORE_NUMBER_ABBREVIATIONS,
  FINAL_CAPABLE_ABBREVIATIONS,
  NON_FINAL_ABBREVIATIONS,
  splitSentences
} from '../src/resolve/sentences.js'
import {splitClaims, type Marker} from '../src/resolve/claims.js'
import {splitSentences as splitSentencesReference} from './reference/sentences.js'
import {splitClaims as splitClaimsReference} from './reference/claims.js'
import type {ClaimScope} from '../src/model/types.js'
import {findMentions, findMentionsReference} from '../src/model/countries.js'
import {generator, mixture} from './random.js'
import {seedAndDumps} from './corpus-helpers.js'

const inputs: Buffer[] = seedAndDumps()

interface Paragraph {
  text: string
  markers: Marker[]
}

/** Every paragraph of every input, flattened as the model flattens it; and every table cell. */
const paragraphs: Paragraph[] = []
const cells: RootContent[][] = []
const definitions: RootContent[] = []
for (const bytes of inputs) {
  const doc = prepare(bytes, {})
  const parsed = parseText(doc.text, doc.map)
  const visit = (node: {type: string; children?: unknown[]}): void => {
    if (node.type === 'paragraph') {
      const flat = flattenPhrasing((node as {children: PhrasingContent[]}).children, doc.map, parsed.offsets)
      paragraphs.push({text: flat.text, markers: flat.markers})
    }
    if (node.type === 'tableCell') cells.push(node.children as RootContent[])
    if (node.type === 'footnoteDefinition') definitions.push(node as RootContent)
    if (Array.isArray(node.children)) for (const c of node.children) visit(c as {type: string})
  }
  visit(parsed.tree)
}

const PIECES = [
  'Mr.', 'Gen.', 'Jan.', 'e.g.', 'i.e.', 'Messrs.', 'approx.', 'No.', 'No. 5', 'p. 7', 'c. 1960', 'Inc.', 'Co. Ltd.', 'Sr. (',
  'U.S.', 'D.C.', 'U.S.A.', 'E.', 'V.', 'v.', 'K.', 'X.', 'İ.', 'Ö.', 'Σ.', '\ud835\udc00.', '\ud835\udc00.\ud835\udc01.', 'a.b.c.',
  'government.', 'Government.', 'war.', 'WAR.', 'wars.', 'abcdefg.', 'ABCDEF.', 'Bros.', '1990.', '3.5', 'www.example.com.',
  'Müller.', 'naïve.', 'straße.', 'x-ray.', '"quoted."', "'it'.", '(paren.)', '[bracket.]', 'Why?', 'Yes!', 'So…', 'Wait...',
  '。', '？', '！', ' ', '  ', '\n', '\n\n', '\n \n', '\t', '\u00a0', '\u2009', '\u3000', ',', ';', ':', ')', '%', '—', '– ', ' –',
  'The', 'the', 'He', 'it', '«Le»', '“Quote”', '‘x’', '¿Qué?', '¡Sí!', 'Δ', 'ω', '5', 'Ⅻ.', 'ǅ.', 'Kelvin\u212a.', '\u212a.'
]

function mixtures(count: number, seed: number): Paragraph[] {
  const rnd = generator(seed)
  const paragraphTexts = paragraphs.map((p) => p.text)
  const out: Paragraph[] = []
  for (let k = 0; k < count; k++) {
    const text = mixture(rnd, {sources: paragraphTexts, pieces: PIECES, maxParts: 14, sliceOneIn: 4, maxSlice: 200, spaceOneIn: 2, startAtEnd: true})
    const markers: Marker[] = []
    const count = rnd(6)
    for (let m = 0; m < count; m++) markers.push({id: 1 + rnd(5), index: rnd(text.length + 3) - 1})
    // Mostly in order (as flattening gives them), sometimes not, sometimes
    // fractional.  (Not NaN: the cutter never ends on it, before as now.)
    if (rnd(3) !== 0) markers.sort((x, y) => x.index - y.index)
    if (rnd(10) === 0 && markers.length > 0) markers[rnd(markers.length)]!.index += 0.5
    out.push({text, markers})
  }
  return out
}

const SCOPES: ClaimScope[] = ['clause', 'sentence', 'paragraph']

describe('the sentence splitter equals the reference', () => {
  test('on every corpus paragraph, with and without its markers as anchors', () => {
    expect(paragraphs.length).toBeGreaterThan(2000)
    for (const p of paragraphs) {
      const anchors = p.markers.map((m) => m.index)
      expect(splitSentences(p.text, {anchors}), p.text).toEqual(splitSentencesReference(p.text, {anchors}))
      expect(splitSentences(p.text), p.text).toEqual(splitSentencesReference(p.text))
    }
  })

  test('on 5,000 random mixtures, with anchors in any order, repeated or fractional', () => {
    for (const p of mixtures(5000, 7)) {
      const anchors = p.markers.map((m) => m.index)
      expect(splitSentences(p.text, {anchors}), JSON.stringify(p)).toEqual(splitSentencesReference(p.text, {anchors}))
    }
  })

  test('the abbreviation lists hold lowercase letters and periods, six at most (the ASCII fast path relies on it)', () => {
    for (const set of [NON_FINAL_ABBREVIATIONS, BEFORE_NUMBER_ABBREVIATIONS, FINAL_CAPABLE_ABBREVIATIONS]) {
      for (const word of set) expect(word).toMatch(/^[a-z.]{1,6}$/)
    }
  })
})

describe('the claim cutter equals the reference', () => {
  test('on every corpus paragraph, in every scope', () => {
    for (const p of paragraphs) {
      for (const scope of SCOPES) expect(splitClaims(p.text, p.markers, scope), p.text).toEqual(splitClaimsReference(p.text, p.markers, scope))
    }
  })

  test('on 5,000 random mixtures with markers in any order, in every scope', () => {
    for (const p of mixtures(5000, 11)) {
      for (const scope of SCOPES) {
        expect(splitClaims(p.text, p.markers, scope), JSON.stringify({...p, scope})).toEqual(splitClaimsReference(p.text, p.markers, scope))
      }
    }
  })
})

describe('plainTextHasWords', () => {
  /** The definition it replaces: `text.trim().split(/\s+/).length >= count`. */
  const hasWords = (text: string, count: number): boolean => text.trim().split(/\s+/).length >= count

  test('equals counting the words of plainText, on every corpus table cell', () => {
    expect(cells.length).toBeGreaterThan(100)
    for (const cell of cells) {
      const text = plainText(cell)
      for (const count of [0, 1, 2, 3, 5, 8]) expect(plainTextHasWords(cell, count), text).toBe(hasWords(text, count))
    }
  })

  test('hasMarkerOrWords equals a marker search or the word count, on every corpus table cell', () => {
    const hasMarker = (n: {type: string; children?: unknown[]}): boolean =>
      n.type === 'footnoteReference' || (Array.isArray(n.children) && n.children.some((c) => hasMarker(c as {type: string})))
    let marked = 0
    for (const cell of cells) {
      const marker = cell.some((b) => hasMarker(b))
      if (marker) marked++
      for (const count of [1, 3, 5, 50]) expect(hasMarkerOrWords(cell, count)).toBe(marker || hasWords(plainText(cell), count))
    }
    expect(marked).toBeGreaterThan(0)
  })

  test('on white space at the ends, inside and between block children', () => {
    const text = (value: string): RootContent => ({type: 'paragraph', children: [{type: 'text', value}]})
    const list = (...items: string[]): RootContent => ({type: 'list', children: items.map((v) => ({type: 'listItem', children: [text(v) as never]}))})
    const cases: RootContent[][] = [
      [], [text('')], [text('   ')], [text(' a ')], [text('a b c d e')], [text('a  b\tc\n d  e  ')], [text('a b c d')],
      [list('a', 'b', 'c', 'd', 'e')], [list('a b', 'c'), text('d e')], [text('\u00a0a\u00a0b\u2003c d\u3000e')]
    ]
    for (const cell of cases) {
      const t = plainText(cell)
      for (const count of [0, 1, 2, 3, 4, 5, 6]) expect(plainTextHasWords(cell, count), JSON.stringify(t)).toBe(hasWords(t, count))
    }
  })
})

describe('findMentions (two-unit prefix table, resolved trie nodes) equals the unit-by-unit reference', () => {
  const NAMES = [
    'Mali', 'MALI', 'Malian', 'Malta', 'Niger', 'Nigeria', 'Nigerien', 'U.S.', 'US', 'UK', 'U.K.', 'the Gambia', 'The Gambia', 'Chad',
    'Lake Chad', 'China', 'Chinese', 'South China Sea', 'Congo', 'Congolese', 'DR Congo', 'Ireland', 'Northern Ireland', 'India',
    'Indian', 'Indian Ocean', 'French', 'France', 'Iran', 'Iraq', 'I', 'A', 'X', 'Ab', 'Zz', 'Qatar', 'Oman', 'Peru', 'Korea',
    'South Korea', 'South_Korea', 'Côte d\u2019Ivoire', 'Ærø', 'Éire', 'Österreich', 'Türkiye', 'İran', 'The', 'In', 'He',
    'Ma', 'Ch', 'Th', 'Un', 'United', 'United Kingdom', 'United States', 'United Nations', 'American', 'Americans', 'Latin American'
  ]
  const SEPARATORS = [' ', '  ', '\n', '\t', '_', '-', ',', '.', '(', ')', '', '\u00a0', "'", '\u2019', 'a', 'É', '1']
  test('on 5,000 mixtures of names, prefixes and separators', () => {
    const rnd = generator(23)
    for (let k = 0; k < 5000; k++) {
      let text = ''
      const parts = 1 + rnd(10)
      for (let p = 0; p < parts; p++) text += NAMES[rnd(NAMES.length)]! + SEPARATORS[rnd(SEPARATORS.length)]!
      expect(findMentions(text), JSON.stringify(text)).toEqual(findMentionsReference(text))
    }
  })

  test('on every corpus paragraph', () => {
    for (const p of paragraphs) expect(findMentions(p.text)).toEqual(findMentionsReference(p.text))
  })
})

describe('plainTextWithUrls', () => {
  /** The two walks it replaces: the text, and the links' URLs in document order, each once. */
  const collectUrls = (node: {type: string; children?: unknown[]; url?: string}, out: string[]): void => {
    if (node.type === 'link' && typeof node.url === 'string' && !out.includes(node.url)) out.push(node.url)
    if (Array.isArray(node.children)) for (const c of node.children) collectUrls(c as {type: string}, out)
  }

  test('equals plainText and a URL walk on every footnote definition of the corpus', () => {
    let withUrls = 0
    for (const d of definitions) {
      const want: string[] = []
      collectUrls(d, want)
      if (want.length > 0) withUrls++
      const urls: string[] = []
      expect(plainTextWithUrls(d, urls)).toBe(plainText(d))
      expect(urls).toEqual(want)
    }
    expect(withUrls).toBeGreaterThan(10)
  })
})
