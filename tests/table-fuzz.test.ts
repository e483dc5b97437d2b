/**
 * Damaged tables, harder than the "damaged tables" property of
 * tests/property.test.ts: the 106 grid-table cases of
 * fixtures/gridtables/cases.jsonl (spans, feet, nested tables, wide
 * characters) and a few simple, multiline and wide-character tables, each
 * damaged by up to 6 random edits (wide characters, combining marks, ZWJ,
 * tabs, walls, borders, newlines).  The parsed tree must keep every letter
 * and digit of the input exactly once: the scanners put text they cannot
 * place in the nearest cell, or give up on the table.
 *
 * Runs: 3,000 by default; `TABLE_FUZZ_RUNS` and `TABLE_FUZZ_EDITS` to search
 * harder (checked with 150,000 runs of 10 edits).  A failure prints
 * fast-check's seed and shrunk counterexample.
 */

import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import type {Nodes} from 'mdast'
import {describe, expect, it} from 'vitest'
import {parseDocument, repairMojibake} from '../src/index.js'
import {alnumCounts, treeText} from './corpus-helpers.js'

const RUNS = Number(process.env.TABLE_FUZZ_RUNS ?? 3000) || 3000
const EDITS = Number(process.env.TABLE_FUZZ_EDITS ?? 6) || 6

function alnum(text: string): Array<[string, number]> {
  return [...alnumCounts(text)].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
}

/** The tree's text plus its table captions (kept on `table.data.caption`, which `treeText` does not read). */
function textWithCaptions(tree: Nodes): string {
  let captions = ''
  const walk = (n: Nodes): void => {
    const data = (n as {data?: {caption?: string}}).data
    if (n.type === 'table' && data?.caption) captions += ` ${data.caption}`
    if ('children' in n) for (const c of n.children as Nodes[]) walk(c)
  }
  walk(tree)
  return treeText(tree) + captions
}

const seeds: string[] = readFileSync(new URL('../fixtures/gridtables/cases.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => (JSON.parse(l) as {input: string}).input)
seeds.push(
  '  Country   Began   Notes\n  --------- ------- ----------\n  Mali      1960    日本 note\n  Canada    1962    Ã© x\n\n',
  '  --------- ------- ----------\n  Mali      1960    note a\n  Canada    1962    note b\n  --------- ------- ----------\n',
  '  -------------------------\n  Country   Notes\n  --------- ---------------\n  Mali      first line\n            second line\n\n  Canada    other\n  -------------------------\n',
  '+-------+------+\n| 日本  | a\tb |\n+=======+======+\n| é́ x  | 👨‍👩‍👧 y |\n+-------+------+\n'
)

const pieces = ['|', '+', '-', '=', ' ', '\n', 'a', '日', '\u0301', '\u200c', '\u200d', '\t', '[1]', '', '+---+', '| x |', ':', 'Ã©']
const edit = fc.tuple(fc.nat(), fc.constantFrom('del', 'ins', 'rep'), fc.constantFrom(...pieces))
const damagedSeed = fc.tuple(fc.constantFrom(...seeds), fc.array(edit, {maxLength: EDITS})).map(([text, edits]) => {
  let s = text
  for (const [at, op, piece] of edits) {
    const i = s.length > 0 ? at % s.length : 0
    s = op === 'del' ? s.slice(0, i) + s.slice(i + 1) : op === 'ins' ? s.slice(0, i) + piece + s.slice(i) : s.slice(0, i) + piece + s.slice(i + 1)
  }
  return s
})

describe('damaged tables (fixture cases + random edits)', () => {
  it('has the fixture cases to damage', () => {
    expect(seeds.length).toBeGreaterThan(100)
  })

  it('keeps every letter and digit exactly once', {timeout: 60_000 + RUNS * 20}, () => {
    fc.assert(
      fc.property(damagedSeed, (text) => {
        // A `Table:` caption loses its prefix word by design.
        fc.pre(!/[Tt]able:/.test(text))
        expect(alnum(textWithCaptions(parseDocument(text) as Nodes))).toEqual(alnum(repairMojibake(text).text))
      }),
      {numRuns: RUNS}
    )
  })
})
