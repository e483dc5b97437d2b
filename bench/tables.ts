/**
 * Benchmark of the table scanners: a 5,000-row grid table (and 10,000 rows,
 * to show the time is linear), a 200-column grid table, a 200-column simple
 * table, damaged rows (walls found by search), a row span over 5,000 and
 * 10,000 rows (the traced path), and the 38 corpus pages.
 * Prints milliseconds, MB and time per MB for each.
 *
 * How to run (Node 20 cannot run TypeScript directly, so compile first; the
 * output goes under node_modules/.cache so package imports resolve):
 *
 *   npx tsc bench/tables.ts --outDir node_modules/.cache/tables-bench \
 *     --module nodenext --moduleResolution nodenext --target es2022 \
 *     --types node --skipLibCheck && node node_modules/.cache/tables-bench/bench/tables.js
 *
 * `runTablesBench()` is exported too, for a bench runner that imports it.
 */

import {readdirSync, readFileSync} from 'node:fs'
import {scanGridTable} from '../src/parse/grid-table.js'
import {type Line, splitLines} from '../src/parse/lines.js'
import {dashRuns, scanSimpleTable} from '../src/parse/simple-table.js'

/** One benchmark result. */
export interface TablesBenchResult {
  name: string
  bytes: number
  ms: number
  msPerMB: number
}

function pad(s: string, w: number): string {
  return s.length >= w ? s.slice(0, w) : s + ' '.repeat(w - s.length)
}

function gridTable(rows: number, cols: number, damaged: boolean): string {
  const w = 12
  const border = '+' + Array.from({length: cols}, () => '-'.repeat(w + 2)).join('+') + '+'
  const out: string[] = [border]
  for (let r = 0; r < rows; r++) {
    const cells = Array.from({length: cols}, (_, k) => `r${r}c${k}`)
    out.push('| ' + cells.map((c) => pad(c, w)).join(' | ') + ' |')
    const last = damaged && r % 7 === 0 ? 'See Maliâ€“X' : '-   item'
    out.push('| ' + cells.map((_, k) => pad(k === cols - 1 ? last : '', w)).join(' | ') + ' |')
    out.push(border)
  }
  return out.join('\n') + '\n'
}

/** A pandoc ≥ 3.7 style table whose first cell spans every row (traced path). */
function spanTable(rows: number): string {
  const out: string[] = ['+------+----------+']
  for (let r = 0; r < rows; r++) {
    out.push(`| ${pad(r === 0 ? 'All' : '', 4)} | ${pad(`row ${r}`, 8)} |`)
    out.push(r === rows - 1 ? '+------+----------+' : '|      +----------+')
  }
  return out.join('\n') + '\n'
}

function simpleTable(rows: number, cols: number): string {
  const w = 10
  const out: string[] = ['  ' + Array.from({length: cols}, (_, k) => pad(`H${k}`, w)).join(' ')]
  out.push('  ' + Array.from({length: cols}, () => '-'.repeat(w)).join(' '))
  for (let r = 0; r < rows; r++) out.push('  ' + Array.from({length: cols}, (_, k) => pad(`r${r}c${k}`, w)).join(' '))
  return out.join('\n') + '\n'
}

function scanAll(text: string): number {
  const lines: Line[] = splitLines(text)
  let cells = 0
  for (let i = 0; i < lines.length; ) {
    const t = lines[i]!.text
    const g = /^ {0,3}\+[-:]/.test(t) ? scanGridTable(lines, i) : null
    const s = !g && (dashRuns(t) || (i + 1 < lines.length && dashRuns(lines[i + 1]!.text))) ? scanSimpleTable(lines, i) : null
    const found = g ?? s
    if (found) {
      for (const r of [...found.head, ...found.body, ...found.foot]) cells += r.cells.length
      i = Math.max(found.end, i + 1)
    } else i++
  }
  return cells
}

function time(name: string, text: string, repeat = 5): TablesBenchResult {
  scanAll(text) // warm up
  let best = Infinity
  for (let k = 0; k < repeat; k++) {
    const t0 = performance.now()
    scanAll(text)
    best = Math.min(best, performance.now() - t0)
  }
  const bytes = Buffer.byteLength(text)
  return {name, bytes, ms: best, msPerMB: best / (bytes / 1e6)}
}

/** Run the benchmarks and return the results (also printed by the CLI entry). */
export function runTablesBench(corpusDir = new URL('../fixtures/corpus/', import.meta.url)): TablesBenchResult[] {
  const results: TablesBenchResult[] = []
  // Warm the JIT on every shape first so the first case is not penalised.
  for (const t of [gridTable(500, 3, true), gridTable(5, 200, false), simpleTable(20, 200), spanTable(500)]) scanAll(t)
  results.push(time('grid 5,000 rows x 3 cols', gridTable(5000, 3, false)))
  results.push(time('grid 10,000 rows x 3 cols', gridTable(10000, 3, false)))
  results.push(time('grid 5,000 rows, damaged rows', gridTable(5000, 3, true)))
  results.push(time('grid 200 cols x 50 rows', gridTable(50, 200, false)))
  results.push(time('grid 200 cols x 100 rows', gridTable(100, 200, false)))
  results.push(time('simple 200 cols x 200 rows', simpleTable(200, 200)))
  results.push(time('rowspan over 5,000 rows (traced)', spanTable(5000)))
  results.push(time('rowspan over 10,000 rows (traced)', spanTable(10000)))
  try {
    const pages = readdirSync(corpusDir)
      .filter((f) => f.endsWith('.plain.txt'))
      .map((f) => readFileSync(new URL(f, corpusDir), 'utf8'))
    results.push(time(`corpus (${pages.length} pages)`, pages.join('\n\n')))
  } catch {
    // No corpus next to the build: skip it.
  }
  return results
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/^.*[\\/]bench[\\/]/, 'bench/'))
if (isMain) {
  const rs = runTablesBench(new URL('../../../../fixtures/corpus/', import.meta.url))
  for (const r of rs) {
    console.log(`${pad(r.name, 34)} ${(r.bytes / 1e6).toFixed(2).padStart(7)} MB ${r.ms.toFixed(1).padStart(8)} ms ${r.msPerMB.toFixed(1).padStart(8)} ms/MB`)
  }
  const a = rs[0]!
  const b = rs[1]!
  console.log(`linearity: 10,000 rows / 5,000 rows = ${(b.ms / a.ms).toFixed(2)}x time for ${(b.bytes / a.bytes).toFixed(2)}x bytes`)
  const c = rs[3]!
  const d = rs[4]!
  console.log(`linearity: 200 cols, 100 rows / 50 rows = ${(d.ms / c.ms).toFixed(2)}x time for ${(d.bytes / c.bytes).toFixed(2)}x bytes`)
}
