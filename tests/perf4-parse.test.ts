/**
 * perf4 (parse): the fast forms of the parse stage give the answers of what
 * they replaced.  The category regexes without the `u` flag against the `u`
 * ones, on every line of the corpus and seeded random lines (prefixes in
 * every language, white space other than spaces, surrogates); and the
 * simple-table cut that trims a cell's part on the document line against
 * `trimLine(sliceColumns(…))`.
 */

import {describe, expect, test} from 'vitest'
import {CATEGORY_PREFIXES, CATEGORY_PREFIXES_U, CATEGORY_SPLIT, CATEGORY_SPLIT_U} from '../src/parse/blocks.js'
import {trimLine, trimmedSlice} from '../src/parse/simple-table.js'
import {layoutLine, sliceColumns} from '../src/parse/table-layout.js'
import {fallbackWidths} from '../src/parse/width.js'
import {generator, mixture} from './random.js'
import {seedAndCorpusTexts} from './corpus-helpers.js'

const texts: string[] = seedAndCorpusTexts('.dump.txt', '.plain.txt')
const corpusLines = texts.flatMap((t) => t.split(/\r?\n/))

const PIECES = [
  'Category:', 'Kategorie:', 'Catégorie:', 'Categoría:', 'Categoria:', 'Categorie:', 'Kategori:', 'Kategoria:', 'Kategorija:',
  'Kategória:', 'Luokka:', 'Категория:', 'Kategorî:', 'Category', 'Kategori', ':', ' ', '  ', '\t', '\u00a0', '\u3000', '\ufeff',
  '\u2028', '\u0085', '\u180e', '\ud83d\ude00', '\ud800', '\udc00', 'Mali', 'Foreign_relations', 'é', '_', 'x'
]

function mixtures(count: number, seed: number): string[] {
  const rnd = generator(seed)
  return Array.from({length: count}, () => mixture(rnd, {sources: corpusLines, pieces: PIECES, maxParts: 12, sliceOneIn: 6, maxSlice: 60, spaceOneIn: 3}))
}

const lines = [...corpusLines, ...mixtures(30_000, 41)]

function prefixes(re: RegExp, t: string): string[] {
  return [...t.matchAll(re)].map((m) => `${m.index}:${m[0]}:${m[1]}`)
}

describe('parse: category regexes without the u flag', () => {
  test('CATEGORY_PREFIXES finds what CATEGORY_PREFIXES_U finds', () => {
    let found = 0
    for (const t of lines) {
      const want = prefixes(CATEGORY_PREFIXES_U, t)
      expect(prefixes(CATEGORY_PREFIXES, t), JSON.stringify(t)).toEqual(want)
      found += want.length
    }
    expect(found).toBeGreaterThan(5000)
  })

  test('CATEGORY_SPLIT splits as CATEGORY_SPLIT_U', () => {
    for (const t of lines) expect(t.split(CATEGORY_SPLIT), JSON.stringify(t)).toEqual(t.split(CATEGORY_SPLIT_U))
  })
})

describe('parse: simple-table parts trimmed on the document line', () => {
  test('trimmedSlice equals trimLine(sliceColumns(…))', () => {
    const rnd = generator(77)
    const cellPieces = ['  ', ' ', '\t', '\u00a0', '\u3000', '\u2003', '\ufeff', 'é', '漢', '\u0301', '\u200b', '\ud83d\ude00', 'word', 'x', '–', '']
    const sample = [...corpusLines.filter((l) => l.length > 0).slice(0, 4000), ...Array.from({length: 6000}, () => mixture(rnd, {sources: corpusLines, pieces: cellPieces, maxParts: 14, sliceOneIn: 4, maxSlice: 40, spaceOneIn: 2}))]
    let checked = 0
    for (const [i, text] of sample.entries()) {
      const line = {text, offset: 1000 + i}
      for (const mode of [undefined, ...fallbackWidths]) {
        const l = layoutLine(line, 0, mode)
        for (let r = 0; r < 4; r++) {
          const from = rnd(l.cols + 3)
          const to = rnd(2) === 0 ? Number.MAX_SAFE_INTEGER : from + rnd(l.cols + 3)
          expect(trimmedSlice(l, from, to), JSON.stringify([text, from, to])).toEqual(trimLine(sliceColumns(l, from, to)))
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(50_000)
  })
})

describe('positions are not shared between nodes', () => {
  // A user may shift positions in place (embedding a parsed fragment in a
  // larger file): that must move one node only.
  test('every node of the seed and corpus trees has Position and Point objects of its own', async () => {
    const {parseDocument} = await import('../src/index.js')
    for (const text of texts) {
      const seen = new Set<object>()
      let shared = 0
      const walk = (node: {position?: {start: object; end: object}; children?: unknown[]}): void => {
        const p = node.position
        if (p) {
          for (const o of [p, p.start, p.end]) {
            if (seen.has(o)) shared++
            seen.add(o)
          }
        }
        for (const child of node.children ?? []) walk(child as typeof node)
      }
      walk(parseDocument(text) as never)
      expect(shared).toBe(0)
    }
  })
})
