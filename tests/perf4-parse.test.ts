/**
 * perf4 (parse): the fast forms of the parse stage give the answers of what
 * they replaced.  The category regexes without the `u` flag against the `u`
 * ones, on every line of the corpus and seeded random lines (prefixes in
 * every language, white space other than spaces, surrogates).
 */

import {readdirSync, readFileSync} from 'node:fs'
import {describe, expect, test} from 'vitest'
import {CATEGORY_PREFIXES, CATEGORY_PREFIXES_U, CATEGORY_SPLIT, CATEGORY_SPLIT_U} from '../src/parse/blocks.js'
import {generator, mixture} from './random.js'

const corpusDir = new URL('../fixtures/corpus/', import.meta.url)
const texts: string[] = [
  readFileSync(new URL('../fixtures/foreign-relations-of-mali.txt', import.meta.url), 'utf8'),
  ...readdirSync(corpusDir)
    .filter((f) => f.endsWith('.dump.txt') || f.endsWith('.plain.txt'))
    .sort()
    .map((f) => readFileSync(new URL(f, corpusDir), 'utf8'))
]
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
