/**
 * The thirteenth performance pass makes a one-line table cell (most cells)
 * a `LineCell`: its text and offset held by the cell, no `lines` array and
 * no `Line` object, and `buildRow` reads them in place.  It must give what
 * the general path gives for the same cell as a plain `ScannedCell` with
 * that one line: the same row node (positions included), markers,
 * diagnostics and recorded text offsets.  Inputs: every row of the corpus
 * tables, and grid and simple tables of seeded random cells (pieces that
 * hit each test: markers, a list marker, `+`, `-`, `[TABLE]`, `{{`, URLs,
 * white space).
 */

import {describe, expect, test} from 'vitest'
import {prepare} from '../src/pipeline.js'
import type {Line} from '../src/parse/lines.js'
import {splitLines} from './reference/lines.js'
import {buildRow, isDashRuns, isGridStart} from '../src/parse/blocks.js'
import {newContext} from '../src/parse/context.js'
import {scanGridTable} from '../src/parse/grid-table.js'
import {scanSimpleTable} from '../src/parse/simple-table.js'
import {LineCell, type ScannedRow, type ScannedTable} from '../src/parse/table-types.js'
import {PositionMap} from '../src/util/position.js'
import {seedAndDumps} from './corpus-helpers.js'
import {generator, mixture} from './random.js'

interface Doc {
  text: string
  map: PositionMap
  lines: Line[]
}

function tablesOf(doc: Doc): ScannedTable[] {
  const {lines} = doc
  const out: ScannedTable[] = []
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.text
    let s = isGridStart(t) ? scanGridTable(lines, i) : null
    if (!s && (isDashRuns(t) || (i + 1 < lines.length && isDashRuns(lines[i + 1]!.text) && lines[i + 1]!.text.trim() !== ''))) s = scanSimpleTable(lines, i)
    if (!s) continue
    out.push(s)
    i = Math.max(i, s.end - 1)
  }
  return out
}

/** The row with every LineCell replaced by the plain cell of its one line. */
function plainRow(row: ScannedRow): ScannedRow {
  return {
    line: row.line,
    cells: row.cells.map((c) => ({lines: c.lines.map((l) => ({text: l.text, offset: l.offset})), rowSpan: c.rowSpan, colSpan: c.colSpan, row: c.row, column: c.column}))
  }
}

/** Everything building a row leaves behind, as one string. */
function built(row: ScannedRow, doc: Doc): string {
  const ctx = newContext(doc.map, 1)
  const node = buildRow(row, doc.lines, ctx)
  const offsets: Array<number | undefined> = []
  const visit = (n: {type: string; children?: unknown[]}): void => {
    if (n.type === 'text') offsets.push(ctx.offsets.get(n))
    for (const c of n.children ?? []) visit(c as {type: string})
  }
  visit(node)
  return JSON.stringify([node, ctx.diagnostics, ctx.markers, offsets])
}

/** Compares every row of the tables of `doc`; returns how many LineCells were seen. */
function compareRows(doc: Doc, wrong: string[]): number {
  let lineCells = 0
  for (const table of tablesOf(doc)) {
    for (const row of [...table.head, ...table.body, ...table.foot]) {
      for (const c of row.cells) {
        if (!(c instanceof LineCell)) continue
        lineCells++
        // The invariants buildRow's fast path relies on.
        const ls = c.lines
        if (ls.length !== 1 || ls[0]!.text !== c.text || ls[0]!.offset !== c.offset || c.text === '') wrong.push(`lines of ${JSON.stringify(c)}`)
        if (doc.text.slice(c.offset, c.offset + c.text.length) !== c.text) wrong.push(`text of ${JSON.stringify(c)}`)
      }
      const a = built(row, doc)
      const b = built(plainRow(row), doc)
      if (a !== b) wrong.push(`${a}\n${b}`)
    }
  }
  return lineCells
}

describe('one-line table cells (LineCell) build as plain one-line cells', () => {
  test('on every row of the corpus tables', () => {
    const wrong: string[] = []
    let lineCells = 0
    for (const bytes of seedAndDumps()) {
      const p = prepare(bytes)
      lineCells += compareRows({text: p.text, map: p.map, lines: splitLines(p.text)}, wrong)
    }
    expect(wrong).toEqual([])
    expect(lineCells).toBeGreaterThan(1000)
  })

  test('on grid and simple tables of random cells', () => {
    const rnd = generator(1313)
    const pieces = ['[1]', '[23]', '-   item', '1.  one', '+', '-', '*', '[TABLE]', '{{Cite web', 'http://example.org/a.', ' ', '  ', 'x.jpg text', '_em_', 'Mali', 'é', 'a b']
    const sources = ['Embassy of Mali in Paris; consulate in Lyon.', 'Both countries are members of the United Nations[4].']
    const wrong: string[] = []
    let lineCells = 0
    for (let k = 0; k < 400; k++) {
      const cols = 1 + rnd(4)
      const rows = 1 + rnd(5)
      const cells = Array.from({length: rows}, () => Array.from({length: cols}, () => mixture(rnd, {sources, pieces, maxParts: 4, sliceOneIn: 3, maxSlice: 30, spaceOneIn: 3}).replace(/[|\n]/g, '')))
      const widths = Array.from({length: cols}, (_, c) => Math.max(3, ...cells.map((r) => r[c]!.length)) + rnd(3))
      let text: string
      if (k % 2 === 0) {
        const border = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+'
        const out = ['Before.', '', border]
        for (const r of cells) {
          out.push('| ' + r.map((t, c) => t.padEnd(widths[c]!)).join(' | ') + ' |')
          out.push(border)
        }
        out.push('', 'After.')
        text = out.join('\n')
      } else {
        const dashes = widths.map((w) => '-'.repeat(w)).join('  ')
        const out = ['Before.', '', dashes]
        for (const r of cells) out.push(r.map((t, c) => t.replace(/^ +/, 'a').padEnd(widths[c]!)).join('  '))
        out.push(dashes, '', 'After.')
        text = out.join('\n')
      }
      lineCells += compareRows({text, map: new PositionMap(text), lines: splitLines(text)}, wrong)
    }
    expect(wrong).toEqual([])
    expect(lineCells).toBeGreaterThan(500)
  })
})
