/**
 * The code-unit readers of the parse stage give the answers of the regular
 * expressions they replaced: list markers (`BULLET`/`ORDERED`), grid-table
 * starts and dash-run lines.  Inputs: every line of the seed and of
 * the corpus dumps, and seeded random lines built from pieces chosen to hit
 * the edge cases (markers of every kind and length, white space other than
 * spaces, surrogates, URLs next to brackets, `_` beside letters).
 */

import {readdirSync, readFileSync} from 'node:fs'
import {describe, expect, test} from 'vitest'
import {DASH_RUNS, GRID_START, isDashRuns, isGridStart, listMarker, listMarkerByRegex} from '../src/parse/blocks.js'

const corpusDir = new URL('../fixtures/corpus/', import.meta.url)
const texts: string[] = [
  readFileSync(new URL('../fixtures/foreign-relations-of-mali.txt', import.meta.url), 'utf8'),
  ...readdirSync(corpusDir)
    .filter((f) => f.endsWith('.dump.txt') || f.endsWith('.plain.txt'))
    .sort()
    .map((f) => readFileSync(new URL(f, corpusDir), 'utf8'))
]
const corpusLines = texts.flatMap((t) => t.split(/\r?\n/))

/** A small deterministic generator (the tests must not depend on the run). */
function generator(seed: number): (n: number) => number {
  let state = seed
  return (n) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff
    return state % n
  }
}

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
  const out: string[] = []
  for (let k = 0; k < count; k++) {
    let s = ''
    const parts = 1 + rnd(10)
    for (let p = 0; p < parts; p++) {
      if (rnd(5) === 0) {
        const t = corpusLines[rnd(corpusLines.length)]!
        const a = rnd(t.length + 1)
        s += t.slice(a, a + rnd(80))
      } else s += PIECES[rnd(PIECES.length)]
    }
    out.push(s)
  }
  return out
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
})
