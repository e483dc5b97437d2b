/**
 * Helpers of the table tests: pandoc oracles (Debian pandoc 2.17 at
 * /usr/bin/pandoc, pandoc 3.10 from the `pandoc-wasm` devDependency), AST
 * flattening, and a table finder over plain text.
 */

import {execFileSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import type {Line} from '../src/parse/lines.js'
import {splitLines} from './reference/lines.js'
import {scanGridTable} from '../src/parse/grid-table.js'
import {scanSimpleTable, dashRuns} from '../src/parse/simple-table.js'
import type {ScannedCell, ScannedTable} from '../src/parse/table-types.js'
import {flattenAst} from './pandoc-ast.js'

export {flattenAst}

export const PANDOC217 = '/usr/bin/pandoc'

/** Whether the Debian pandoc 2.17 binary is there. */
export function hasPandoc217(): boolean {
  if (!existsSync(PANDOC217)) return false
  try {
    return /pandoc 2\./.test(execFileSync(PANDOC217, ['--version'], {encoding: 'utf8'}))
  } catch {
    return false
  }
}

/** Run pandoc 2.17 on a string. */
export function pandoc217(args: string[], input: string): string {
  return execFileSync(PANDOC217, args, {input, encoding: 'utf8', maxBuffer: 1 << 28})
}

type Convert = (opts: Record<string, unknown>, stdin: string, files: Record<string, unknown>) => Promise<{stdout: string; stderr: string}>
let convertP: Promise<Convert | null> | null = null

/** pandoc 3.10 (pandoc-wasm), one instance for the process; null when missing. */
export function pandoc3(): Promise<Convert | null> {
  convertP ??= import('pandoc-wasm')
    .then((m: {convert: Convert}) => m.convert)
    .catch(() => null)
  return convertP
}

/** Collapse white space. */
export function norm(s: string): string {
  return s.replace(/\s+/g, ' ').trim()
}

type J = unknown

/** Flatten the oracle's summary blocks (`{Plain: "text"}`, `{BulletList: [[…]]}`, …). */
export function flattenSummary(x: J, out: string[] = []): string[] {
  if (typeof x === 'string') out.push(' ', x, ' ')
  else if (Array.isArray(x)) for (const y of x) flattenSummary(y, out)
  else if (x && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) {
      if (k === 'colspecs' || k === 'level' || k === 'start' || k === 'attr' || k === 'rowHeadColumns') continue
      flattenSummary(v, out)
    }
  }
  return out
}

/**
 * Parse many cell texts at once with one pandoc run, each in a fenced div, and
 * return each cell's flattened, normalized text.
 */
export async function reparseCells(version: '2.17' | '3', texts: string[], from = 'markdown'): Promise<string[]> {
  if (texts.length === 0) return []
  const doc = texts.map((t, i) => `::::::::: {#cell${i}}\n${t}\n\n:::::::::\n`).join('\n')
  let json: string
  if (version === '2.17') json = pandoc217(['-f', from, '-t', 'json'], doc)
  else {
    const convert = await pandoc3()
    if (!convert) throw new Error('pandoc-wasm missing')
    json = (await convert({from, to: 'json'}, doc, {})).stdout
  }
  const ast = JSON.parse(json) as {blocks: Array<{t: string; c: [[string, J, J], J[]]}>}
  const out: string[] = texts.map(() => '')
  for (const b of ast.blocks) {
    if (b.t !== 'Div') continue
    const id = b.c[0][0]
    const m = /^cell(\d+)$/.exec(id)
    if (m) out[Number(m[1])] = norm(flattenAst(b.c[1]).join(''))
  }
  return out
}

/** The text of a scanned cell (its lines joined by newlines). */
export function cellSource(cell: ScannedCell): string {
  return cell.lines.map((l) => l.text).join('\n')
}

const gridStart = /^ {0,3}\+[-:=]/

/** Find the top-level tables of a text (grid, simple, multiline) and `[TABLE]` markers, in order. */
export function findTables(text: string, opts: {simple?: boolean} = {}): Array<ScannedTable | 'lost'> {
  const lines: Line[] = splitLines(text)
  const out: Array<ScannedTable | 'lost'> = []
  let prevBlank = true
  for (let i = 0; i < lines.length; ) {
    const t = lines[i]!.text
    if (t.trim() === '') {
      prevBlank = true
      i++
      continue
    }
    if (prevBlank && t.trim() === '[TABLE]') {
      out.push('lost')
      i++
      prevBlank = false
      continue
    }
    if (prevBlank && gridStart.test(t)) {
      const g = scanGridTable(lines, i)
      if (g) {
        out.push(g)
        i = Math.max(g.end, g.captionRange ? g.captionRange[1] : 0)
        prevBlank = false
        continue
      }
    }
    if (opts.simple && prevBlank && (dashRuns(t) || (i + 1 < lines.length && dashRuns(lines[i + 1]!.text)))) {
      const s = scanSimpleTable(lines, i)
      if (s) {
        out.push(s)
        i = Math.max(s.end, s.captionRange ? s.captionRange[1] : 0)
        prevBlank = false
        continue
      }
    }
    prevBlank = false
    i++
  }
  return out
}
