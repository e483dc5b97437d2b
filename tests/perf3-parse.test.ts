/**
 * The code-unit readers of the parse stage give the answers of the regular
 * expressions they replaced: list markers (`BULLET`/`ORDERED`), grid-table
 * starts and dash-run lines; and the native scans of table lines against
 * the loops they replaced (border kinds, trailing white space).  Inputs: every line of the seed and of
 * the corpus dumps, and seeded random lines built from pieces chosen to hit
 * the edge cases (markers of every kind and length, white space other than
 * spaces, surrogates, URLs next to brackets, `_` beside letters).
 */

import {readFileSync} from 'node:fs'
import {describe, expect, test} from 'vitest'
import {BARE_CATEGORY, CATEGORY, DASH_RUNS, GRID_START, KNOWN_SECTIONS, THIRTEEN_WORDS, isDashRuns, mayBeCategory, isGridStart, isKnownSection, listMarker, listMarkerByRegex} from '../src/parse/blocks.js'
import {borderKind, borderKindByUnit} from '../src/parse/grid-table.js'
import {isTrimmedSpace, trimmedLength} from '../src/parse/table-layout.js'
import {trimLine} from '../src/parse/simple-table.js'
import {INLINE, inlineMatches, inlineSearchStart} from '../src/parse/inline.js'
import {DEFINITION, definitionId} from '../src/parse/index.js'
import {generator, mixture} from './random.js'
import {seedAndCorpusTexts} from './corpus-helpers.js'
import {compareOn, inlineByRegex, isKnownSectionByNormalising} from './parse-references.js'

const texts: string[] = seedAndCorpusTexts('.dump.txt', '.plain.txt')
const corpusLines = texts.flatMap((t) => t.split(/\r?\n/))

const PIECES = [
  ' ', '  ', '   ', '    ', '\t', '\u00a0', '\u3000', '\ufeff', '-', '*', '+', '.', ')', '(', ':', '=', '_', '[', ']', '{', '{{', '}}', '|',
  '1', '12', '0', '123456789', '1234567890', 'a', 'b', 'z', 'A', 'Z', 'i', 'iv', 'xii', 'IV', 'XII', 'viiiiiiii', 'MMMMMMMM',
  'Iv', 'iV', '1a', 'a1', '[1]', '[12]', '[1234]', '[12345]', '[0]', '[01]', 'http://', 'https://', 'ftp://', 'http:/', 'https//',
  'httpx://', 'example.org/a_b', 'example.org/(x)', '"', '<', '>', '\\', '^', '`', '\u0001', '\u007f', '\u0085', 'é', 'Mali',
  '\ud83d\ude00', '\ud800', '\udc00', '_word_', 'a_b_c', '_ spaced _', '{{Cite web', '{{lang|fr|x}}', 'Category:', '+-', '+=',
  '+:', '---', '-- --', 'text'
]

function mixtures(count: number, seed: number): string[] {
  const rnd = generator(seed)
  return Array.from({length: count}, () => mixture(rnd, {sources: corpusLines, pieces: PIECES, maxParts: 10, sliceOneIn: 5, maxSlice: 80, spaceOneIn: 0, startAtEnd: true}))
}

const lines = [...corpusLines, ...mixtures(40_000, 8)]

describe('parse: code-unit readers equal their regex definitions', () => {
  test('listMarker equals BULLET/ORDERED', () => {
    let found = 0
    for (const t of lines) {
      const want = listMarkerByRegex(t)
      expect(listMarker(t), JSON.stringify(t)).toEqual(want)
      if (want) found++
    }
    expect(found).toBeGreaterThan(500)
  })

  test('isGridStart and isDashRuns equal GRID_START and DASH_RUNS', () => {
    let grid = 0
    let dash = 0
    for (const t of lines) {
      const g = GRID_START.test(t)
      const d = DASH_RUNS.test(t)
      expect(isGridStart(t), JSON.stringify(t)).toBe(g)
      expect(isDashRuns(t), JSON.stringify(t)).toBe(d)
      if (g) grid++
      if (d) dash++
    }
    expect(grid).toBeGreaterThan(100)
    expect(dash).toBeGreaterThan(100)
  })
  test('borderKind equals the loop over the code units', () => {
    const gridCases = readFileSync(new URL('../fixtures/gridtables/cases.jsonl', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .flatMap((l) => String((JSON.parse(l) as {input: string}).input).split('\n'))
    const rnd = generator(3)
    const borderPieces = ['+', '-', '=', ':', '+-', '-+', '---', '===', ' ', '\t', '\u00a0', '|', 'x', '+=']
    const random: string[] = []
    for (let k = 0; k < 20_000; k++) {
      let t = ' '.repeat(rnd(3)) + '+'
      const parts = rnd(12)
      for (let p = 0; p < parts; p++) t += borderPieces[rnd(borderPieces.length)]
      random.push(t)
    }
    let borders = 0
    const wrong: string[] = []
    for (const t of [...lines, ...gridCases, ...random]) {
      let from = 0
      while (from < 3 && t.charCodeAt(from) === 32) from++
      // The columns of the line itself, of a shifted copy, and none.
      const own: number[] = [0]
      for (let i = t.indexOf('+', from + 1); i !== -1; i = t.indexOf('+', i + 1)) own.push(i - from)
      for (const B of [own, own.map((c, k) => (k === 2 ? c + 1 : c)), [0]]) {
        const want = borderKindByUnit(t, from, B)
        if (borderKind(t, from, B) !== want) wrong.push(JSON.stringify([t, B]))
        if (want >= 0) borders++
      }
    }
    expect(wrong).toEqual([])
    expect(borders).toBeGreaterThan(1000)
  })

  test('trimmedLength equals the loop back over white space, for every BMP code unit', () => {
    const byLoop = (t: string): number => {
      let e = t.length
      while (e > 0 && isTrimmedSpace(t.charCodeAt(e - 1))) e--
      return e
    }
    const wrong: string[] = []
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c)
      for (const t of [ch, `x${ch}`, `x${ch}${ch} `, `${ch} x`, ` \u00a0${ch}`]) if (trimmedLength(t) !== byLoop(t)) wrong.push(t)
    }
    for (const t of lines) if (trimmedLength(t) !== byLoop(t)) wrong.push(t)
    expect(wrong).toEqual([])
  })
  test('INLINE searched from inlineSearchStart finds what it finds from 0', () => {
    const wrong: string[] = []
    let matched = 0
    const re = new RegExp(INLINE.source, INLINE.flags)
    for (const t of lines) {
      re.lastIndex = 0
      const want = re.exec(t)
      const from = inlineSearchStart(t)
      if (from === -1) {
        if (want) wrong.push(t)
        continue
      }
      re.lastIndex = from
      const got = re.exec(t)
      if (JSON.stringify(got) !== JSON.stringify(want) || got?.index !== want?.index) wrong.push(t)
      if (want) matched++
    }
    expect(wrong).toEqual([])
    expect(matched).toBeGreaterThan(2000)
  })
  test('definitionId equals DEFINITION', () => {
    const wrong: string[] = []
    let found = 0
    const extra = ['[1]', '[1] x', '[1]x', '[0] x', '[12345] x', '[123456] x', '[99999]', '[1 ]', '[1]\tx', '[', '[]', '[9']
    for (const t of [...lines, ...extra]) {
      const m = DEFINITION.exec(t)
      const want = m ? Number(m[1]) : -1
      if (definitionId(t) !== want) wrong.push(t)
      if (m) found++
    }
    expect(wrong).toEqual([])
    expect(found).toBeGreaterThan(1000)
  })
  test('isKnownSection equals KNOWN_SECTIONS.has of the normalised title', () => {
    const titles = [...KNOWN_SECTIONS]
    const crafted: string[] = []
    const rnd = generator(5)
    const spaces = [' ', '  ', '\t', '\u00a0', '\u3000 ']
    for (const k of titles) {
      const words = k.split(' ')
      for (let v = 0; v < 6; v++) {
        let t = ''
        for (let w = 0; w < words.length; w++) {
          const word = rnd(2) ? words[w]!.toUpperCase() : words[w]!.charAt(0).toUpperCase() + words[w]!.slice(1)
          t += (w > 0 ? spaces[rnd(spaces.length)] : '') + word
        }
        if (v === 5) t += ' and more words to make the line long enough to be a paragraph'
        crafted.push(t, t.replace(/i/g, 'İ'), `${t}${' '.repeat(30)}x`)
      }
    }
    const trimmed = [...lines, ...crafted].map((line) => line.trim()).filter((t) => t !== '')
    const {wrong, accepted} = compareOn(trimmed, isKnownSection, isKnownSectionByNormalising)
    expect(wrong).toEqual([])
    expect(accepted).toBeGreaterThan(200)
  })
  test('the inline search (markers read by hand) finds what INLINE finds', () => {
    const wrong: string[] = []
    const kinds = [0, 0, 0, 0, 0]
    for (const t of lines) {
      const want = inlineByRegex(t)
      for (const [, , kind] of want) kinds[kind]!++
      if (JSON.stringify(inlineMatches(t)) !== JSON.stringify(want)) wrong.push(t)
    }
    expect(wrong).toEqual([])
    for (let k = 1; k <= 4; k++) expect(kinds[k]).toBeGreaterThan(20)
  })
  test('mayBeCategory rules out only lines that are no category, and THIRTEEN_WORDS counts words as split does', () => {
    const prefixes = ['Category', 'Kategorie', 'Catégorie', 'Categoría', 'Categoria', 'Categorie', 'Kategori', 'Kategoria', 'Kategorija', 'Kategória', 'Luokka', 'Категория', 'Kategorî']
    const crafted = [
      ...prefixes.flatMap((p) => [`${p}:Foreign_relations_of_Mali`, `  ${p}:A ${p}:B`, `\u00a0${p}:X`]),
      'Foreign_relations_of_Mali', '  Foreign_relations_of_Mali  ', 'Foreign relations_of_Mali', 'Éire_x', 'Canada_and_Mali', 'Kenya_(country)'
    ]
    const wrong: string[] = []
    let categories = 0
    for (const line of [...lines, ...crafted]) {
      const t = line.trim()
      const could = CATEGORY.test(t) || BARE_CATEGORY.test(t)
      if (could) categories++
      if (could && !mayBeCategory(line)) wrong.push(line)
      if (t !== '' && THIRTEEN_WORDS.test(t) !== t.split(/\s+/).length > 12) wrong.push(`words: ${t}`)
    }
    expect(wrong).toEqual([])
    expect(categories).toBeGreaterThan(30)
  })
  test('the simple-table cell trim equals its definition with trimEnd and trimStart', () => {
    const wrong: string[] = []
    const inputs = [...lines, ...['', ' ', '\u00a0x\u00a0', '\t', ' a ', 'a', '  a b  ', '\u3000\u3000']]
    for (let c = 0; c <= 0xffff; c += 7) inputs.push(String.fromCharCode(c) + 'x' + String.fromCharCode(c))
    for (const t of inputs) {
      const b = t.trimEnd().length
      const a = b - t.slice(0, b).trimStart().length
      const got = trimLine({text: t, offset: 100})
      if (got.text !== t.slice(a, b) || got.offset !== 100 + a) wrong.push(t)
    }
    expect(wrong).toEqual([])
  })
})
