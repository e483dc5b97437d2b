/**
 * The 38 corpus pages: every table pandoc drew in `NAME.plain.txt` (grid,
 * simple or multiline; pandoc 2.17 `-t plain --wrap=none` of the wikitext) is
 * found, and its cell text equals the cell text of pandoc's own AST of the
 * wikitext (`NAME.pandoc.json`) for at least 99.5 % of the cells.
 *
 * Normalization (both sides white space collapsed):
 * - ours: the plain writer draws list items with markers (`-   `, `1.  `) and
 *   footnotes as `[n]` markers whose text goes to the end of the page; we
 *   remove list markers at line starts and `[n]` markers;
 * - pandoc's: inlines flattened to their text (links and images by their
 *   text, `Note` dropped since its text is not in the cell, raw MediaWiki
 *   templates dropped as the plain writer drops them), emphasis and strong
 *   as plain text (pandoc 2.17's plain writer draws no markers for them).
 * Tables drawn as `[TABLE]` are excluded (pandoc could not draw them).
 */

import {readFileSync} from 'node:fs'
import iconv from 'iconv-lite'
import {describe, expect, it} from 'vitest'
import type {ScannedTable} from '../src/parse/table-types.js'
import {findTables, norm} from './table-helpers.js'
import {flattenAst, plainOnly} from './pandoc-ast.js'
import {corpusNames} from './corpus-helpers.js'

const dir = new URL('../fixtures/corpus/', import.meta.url)
const names = corpusNames()

type J = unknown
interface Node {
  t: string
  c: J
}

function pandocTables(blocks: Node[], out: Node[] = []): Node[] {
  for (const b of blocks) {
    if (b.t === 'Table') out.push(b)
    else if (b.t === 'Div') pandocTables((b.c as [J, Node[]])[1], out)
    else if (b.t === 'BlockQuote') pandocTables(b.c as Node[], out)
    else if (b.t === 'BulletList') for (const it of b.c as Node[][]) pandocTables(it, out)
    else if (b.t === 'OrderedList') for (const it of (b.c as [J, Node[][]])[1]) pandocTables(it, out)
  }
  return out
}

type Cell = [J, J, number, number, Node[]]
type Row = [J, Cell[]]
function pandocRows(t: Node): Cell[][] {
  const c = t.c as J[]
  const head = (c[3] as [J, Row[]])[1]
  const bodies = c[4] as Array<[J, number, Row[], Row[]]>
  const foot = (c[5] as [J, Row[]])[1]
  const rows: Row[] = [...head, ...bodies.flatMap((b) => [...b[2], ...b[3]]), ...foot]
  return rows.map((r) => r[1])
}

function ourText(lines: string[]): string {
  return norm(
    lines
      .map((l) => l.replace(/^\s*(?:[-*+]|\d+[.)]|#\.)\s+/, ''))
      .join('\n')
      .replace(/\[\d+\]/g, '')
  )
}

describe('corpus tables', () => {
  it('finds every table and matches pandoc cell text for ≥ 99.5 % of cells', () => {
    let tables = 0
    let found = 0
    let cells = 0
    let equal = 0
    const misses: string[] = []
    for (const name of names) {
      const plain = readFileSync(new URL(`${name}.plain.txt`, dir), 'utf8')
      const ast = JSON.parse(readFileSync(new URL(`${name}.pandoc.json`, dir), 'utf8')) as {blocks: Node[]}
      const theirs = pandocTables(ast.blocks)
      const ours = findTables(plain, {simple: true})
      tables += theirs.length - ours.filter((t) => t === 'lost').length
      if (ours.length !== theirs.length) misses.push(`${name}: ${ours.length} tables found, pandoc ${theirs.length}`)
      for (let i = 0; i < Math.min(ours.length, theirs.length); i++) {
        const o = ours[i]!
        if (o === 'lost') continue
        found++
        const tr = pandocRows(theirs[i]!)
        const or = [...(o as ScannedTable).head, ...o.body, ...o.foot]
        for (let r = 0; r < tr.length; r++) {
          for (let k = 0; k < tr[r]!.length; k++) {
            cells++
            const want = norm(flattenAst(tr[r]![k]![4], [], plainOnly).join('').replace(/\[\d+\]/g, ''))
            const cell = or[r]?.cells[k]
            const got = cell ? ourText(cell.lines.map((l) => l.text)) : '<missing>'
            if (got === want) equal++
            else if (misses.length < 40) {
              let d = 0
              while (d < got.length && got[d] === want[d]) d++
              const from = Math.max(0, d - 30)
              misses.push(`${name} t${i} r${r} c${k}: …${JSON.stringify(got.slice(from, d + 60))} vs pandoc …${JSON.stringify(want.slice(from, d + 60))}`)
            }
          }
        }
      }
    }
    const pct = (100 * equal) / Math.max(1, cells)
    console.log(`[table-corpus] ${names.length} pages: ${found}/${tables} tables found; ${equal}/${cells} cells equal (${pct.toFixed(2)} %)`)
    for (const m of misses) console.log(`  ${m}`)
    expect(names.length).toBe(38)
    expect(found).toBe(tables)
    expect(pct).toBeGreaterThanOrEqual(99.5)
  })

  it('reads the same tables from the damaged dumps (UTF-8 read as cp1252/latin1), losing no text', () => {
    // The dumps are the clean pages put through a wrong decoding; their tables
    // were drawn before the damage, so rows are wider than their borders.  Each
    // cell must hold exactly the damaged form of the clean cell's text.
    const manifest = readFileSync(new URL('manifest.jsonl', dir), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as {name: string; corruption: string})
    let pages = 0
    let cells = 0
    let equal = 0
    let problems = 0
    const misses: string[] = []
    const raw = (ts: Array<ScannedTable | 'lost'>): string[] =>
      ts.flatMap((t) => (t === 'lost' ? [] : [...t.head, ...t.body, ...t.foot].flatMap((r) => r.cells.map((c) => c.lines.map((l) => l.text).join('\n')))))
    for (const m of manifest) {
      const enc = m.corruption.startsWith('cp1252') ? 'win1252' : m.corruption === 'latin1' ? 'latin1' : null
      if (!enc) continue
      const clean = findTables(readFileSync(new URL(`${m.name}.plain.txt`, dir), 'utf8'), {simple: true})
      if (clean.length === 0) continue
      pages++
      const damaged = findTables(readFileSync(new URL(`${m.name}.dump.txt`, dir), 'utf8').replace(/^\uFEFF/, ''), {simple: true})
      expect(damaged.length, m.name).toBe(clean.length)
      for (const t of damaged) if (t !== 'lost') problems += t.problems.length
      const want = raw(clean).map((t) => norm(iconv.decode(Buffer.from(t, 'utf8'), enc)))
      const got = raw(damaged).map(norm)
      expect(got.length, m.name).toBe(want.length)
      for (let i = 0; i < want.length; i++) {
        cells++
        if (got[i] === want[i]) equal++
        else if (misses.length < 10) misses.push(`${m.name}: ${JSON.stringify(got[i]!.slice(0, 80))} vs ${JSON.stringify(want[i]!.slice(0, 80))}`)
      }
    }
    const pct = (100 * equal) / Math.max(1, cells)
    console.log(`[table-corpus] damaged dumps: ${pages} pages with tables, ${equal}/${cells} cells equal to the damaged clean text (${pct.toFixed(2)} %), ${problems} problems reported`)
    for (const m of misses) console.log(`  ${m}`)
    expect(pages).toBeGreaterThanOrEqual(9)
    expect(problems).toBeGreaterThan(0)
    expect(pct).toBeGreaterThanOrEqual(99.5)
  })
})
