/**
 * Simple and multiline tables as pandoc's plain writer draws them for tables
 * of single-line cells (grid-tables.md §4.1):
 *
 * ```text
 *   Name      Years          headed simple table: header line, dash runs,
 *   --------- ---------      rows, ended by a blank line
 *   Alpha     1916-18
 *
 *   --------- ---------      headerless simple table: dash runs, rows,
 *   Alpha     1916-18        closing dash runs
 *   --------- ---------
 *
 *   -------------------      multiline table: a full dash line, header
 *   Name      Years          lines, dash runs, rows separated by blank
 *   --------- ---------      lines, a closing dash line (headerless: starts
 *   Alpha     1916-18        with the dash runs)
 *
 *   -------------------
 * ```
 *
 * Columns are cut at the starts of the dash runs, the last column taking the
 * rest of the line, as pandoc does.  Sturdier than pandoc: a word that
 * straddles a cut (text made wider after drawing, e.g. `â€“` for `–`) stays in
 * the column where it starts, with a `ragged-row` problem, and a row of empty
 * cells (a line of spaces, as the writer draws it) does not end the table.
 */

import {type Line, isBlank, subLine} from './lines.js'
import {type LaidLine, columnIndex, cpAt, findCaption, isPlain, isTrimmedSpace, layoutLine, sameInEveryMode, trimmedLength} from './table-layout.js'
import {LineCell, type Align, type ScannedCell, type ScannedRow, type ScannedTable, type TableProblem} from './table-types.js'
import {fallbackWidths} from './width.js'
import {FAR} from '../util/position.js'

interface Run {
  start: number
  end: number
  /** The column's alignment (from the header, or the first row), once known. */
  align?: Align
}

/** Set each run's alignment from the lines pandoc takes it from. */
function setAlign(runs: Run[], source: string[]): Run[] {
  alignments(source, runs).forEach((a, k) => (runs[k]!.align = a))
  return runs
}

/** Dash runs of a line made only of `-` runs separated by spaces (display columns = code units: ASCII). */
export function dashRuns(text: string): Run[] | null {
  const runs: Run[] = []
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === 32 || c === 9) {
      i++
      continue
    }
    if (c !== 45) return null
    const s = i
    while (i < n && text.charCodeAt(i) === 45) i++
    runs.push({start: s, end: i})
  }
  return runs.length > 0 ? runs : null
}

/**
 * Scan a simple or multiline table starting at `lines[start]` (a header line
 * followed by a dash-run line, or a dash line).  Returns null when the lines do
 * not form such a table.
 */
export function scanSimpleTable(lines: Line[], start: number): ScannedTable | null {
  const first = lines[start]
  if (!first || isBlank(first.text)) return null
  const runs0 = dashRuns(first.text)
  if (runs0) {
    const next = lines[start + 1]
    if (!next || isBlank(next.text) || dashRuns(next.text)) return null
    if (runs0.length === 1) {
      const headed = scanMultilineHeaded(lines, start)
      if (headed) return headed
    }
    return scanHeaderless(lines, start, runs0)
  }
  const second = lines[start + 1]
  const runs = second ? dashRuns(second.text) : null
  if (!runs) return null
  // A single run under a single word is a setext heading in Markdown; in a
  // plain dump headings are bare, so accept it only when the run is indented
  // like the writer's tables or the header fits inside the run.
  if (runs.length === 1 && runs[0]!.start === 0 && lines[start + 2] && isBlank(lines[start + 2]!.text)) return null
  let end = start + 2
  const lastStart = runs[runs.length - 1]!.start
  while (end < lines.length) {
    const t = lines[end]!.text
    if (t === '') break
    if (isBlank(t) && t.length < lastStart) break
    if (dashRuns(t)) {
      end++
      break
    }
    end++
  }
  const problems: TableProblem[] = []
  setAlign(runs, [lines[start]!.text])
  const header = cutRow([lines[start]!], runs, start, problems)
  const body: ScannedRow[] = []
  for (let i = start + 2; i < end; i++) {
    if (dashRuns(lines[i]!.text)) continue
    body.push({cells: cutRow([lines[i]!], runs, i, problems), line: i})
  }
  return finish('simple', lines, start, end, runs, [{cells: header, line: start}], body, problems, [lines[start]!.text])
}

function scanHeaderless(lines: Line[], start: number, runs: Run[]): ScannedTable | null {
  // Rows up to the closing dash line; blank lines make it a multiline table.
  let k = start + 1
  let blanks = false
  while (k < lines.length && !dashRuns(lines[k]!.text)) {
    if (isBlank(lines[k]!.text)) {
      if (k + 1 < lines.length && isBlank(lines[k + 1]!.text)) return null
      blanks = true
    }
    k++
  }
  if (k >= lines.length) return null
  const end = k + 1
  const problems: TableProblem[] = []
  setAlign(runs, [lines[start + 1]!.text])
  const body = groupRows(lines, start + 1, k, blanks, runs, problems)
  const firstRow = lines[start + 1]!.text
  return finish(blanks ? 'multiline' : 'simple', lines, start, end, runs, [], body, problems, [firstRow])
}

function scanMultilineHeaded(lines: Line[], start: number): ScannedTable | null {
  let j = start + 1
  while (j < lines.length && !isBlank(lines[j]!.text) && !dashRuns(lines[j]!.text)) j++
  const runsLine = lines[j]
  if (!runsLine || j === start + 1) return null
  const runs = dashRuns(runsLine.text)
  if (!runs) return null
  let k = j + 1
  while (k < lines.length) {
    const r = dashRuns(lines[k]!.text)
    if (r && r.length === 1) break
    if (isBlank(lines[k]!.text) && k + 1 < lines.length && isBlank(lines[k + 1]!.text)) return null
    k++
  }
  if (k >= lines.length) return null
  const problems: TableProblem[] = []
  const headLines = lines.slice(start + 1, j)
  setAlign(runs, headLines.map((l) => l.text))
  const head: ScannedRow = {cells: cutRow(headLines, runs, start + 1, problems), line: start + 1}
  const body = groupRows(lines, j + 1, k, true, runs, problems)
  return finish('multiline', lines, start, k + 1, runs, [head], body, problems, headLines.map((l) => l.text))
}

function groupRows(lines: Line[], from: number, to: number, multi: boolean, runs: Run[], problems: TableProblem[]): ScannedRow[] {
  const rows: ScannedRow[] = []
  if (!multi) {
    for (let i = from; i < to; i++) rows.push({cells: cutRow([lines[i]!], runs, i, problems), line: i})
    return rows
  }
  let i = from
  while (i < to) {
    while (i < to && isBlank(lines[i]!.text)) i++
    if (i >= to) break
    const s = i
    while (i < to && !isBlank(lines[i]!.text)) i++
    rows.push({cells: cutRow(lines.slice(s, i), runs, s, problems), line: s})
  }
  return rows
}

/** Cut the lines of one row at the run starts; each cell's lines trimmed. */
function cutRow(rowLines: Line[], runs: Run[], firstIndex: number, problems: TableProblem[]): ScannedCell[] {
  const n = runs.length
  if (rowLines.length === 1) {
    // One line (every row of a simple table): each cell is that line's part,
    // or nothing when the part is empty; no array per column, no copies.
    const parts = cutLine(rowLines[0]!, 0, runs, firstIndex, problems)
    // (A LineCell per part: no array for its one line; the row's array
    // made at its exact size.)
    const cells: ScannedCell[] = new Array(n)
    for (let column = 0; column < n; column++) {
      const t = parts[column]!
      cells[column] = t.text === '' ? {lines: [], rowSpan: 1, colSpan: 1, row: 0, column} : new LineCell(t.text, t.offset, 0, column)
    }
    return cells
  }
  const per: Line[][] = Array.from({length: n}, () => [])
  for (let li = 0; li < rowLines.length; li++) {
    const parts = cutLine(rowLines[li]!, li, runs, firstIndex, problems)
    for (let k = 0; k < n; k++) per[k]!.push(parts[k]!)
  }
  return per.map((ls, column) => {
    let a = 0
    let b = ls.length
    while (a < b && ls[a]!.text === '') a++
    while (b > a && ls[b - 1]!.text === '') b--
    return {lines: ls.slice(a, b), rowSpan: 1, colSpan: 1, row: 0, column}
  })
}

/** Cut line `li` of a row at the run starts: one trimmed part per column. */
function cutLine(line: Line, li: number, runs: Run[], firstIndex: number, problems: TableProblem[]): Line[] {
  const n = runs.length
  // The writer leaves the gaps between the dash runs blank; if they are not
  // blank under our widths, try the other width functions (pandoc 2.17's,
  // grapheme clusters, code units) before cutting words apart.
  let l = layoutLine(line, 0)
  // (A plain ASCII line measures the same under every width function.)
  // (Nor does a line that every width function measures alike.)
  if (!isPlain(l) && !linesUp(l, runs) && !sameInEveryMode(line, 0)) {
    for (const mode of fallbackWidths) {
      const alt = layoutLine(line, 0, mode)
      if (linesUp(alt, runs)) {
        l = alt
        problems.push({kind: 'ragged-row', line: firstIndex + li, message: `columns line up only with ${mode.name} widths`})
        break
      }
    }
  }
  const cuts: number[] = [0]
  let shifted = false
  for (let k = 1; k < n; k++) {
    let c = runs[k]!.start
    if (c < cuts[k - 1]!) c = cuts[k - 1]!
    // A word straddling the cut stays in the column where it starts.
    if (c < l.cols && c > 0 && !isSpace(l, c - 1) && !isSpace(l, c)) {
      while (c < l.cols && !isSpace(l, c)) c++
      shifted = true
    }
    cuts.push(c)
  }
  // FAR, not Number.MAX_SAFE_INTEGER: that is no small integer, and one in
  // `cuts` makes it an array of doubles and every offset cut from it a boxed
  // double, down to each Line's and Point's fields (see FAR).
  cuts.push(FAR)
  if (shifted) {
    problems.push({kind: 'ragged-row', line: firstIndex + li, message: 'text crosses a column edge; cut at the next space instead'})
  }
  const parts: Line[] = []
  for (let k = 0; k < n; k++) parts.push(trimmedSlice(l, cuts[k]!, cuts[k + 1]!))
  return parts
}

/**
 * `trimLine(slice(l, from, to))` read on the document line: the white space
 * around the part found by index, one new line and string per part instead
 * of a sub-line and then its trimmed copy.
 */
export function trimmedSlice(l: LaidLine, from: number, to: number): Line {
  const a = columnIndex(l, from)
  const b = Math.max(a, columnIndex(l, to))
  const line = l.line
  const text = line.text
  let e = b
  while (e > a && isTrimmedSpace(text.charCodeAt(e - 1))) e--
  if (e === a) return {text: '', offset: line.offset + a}
  let s = a
  while (isTrimmedSpace(text.charCodeAt(s))) s++
  return {text: text.slice(s, e), offset: line.offset + s}
}

/**
 * Whether a line lines up with the dash runs as the writer draws it: the
 * columns before the first run and between runs are blank, no cell holds two
 * or more spaces between words (the writer separates words by one space; a
 * wider gap means the next cell's text slid into it), and each cell's text is
 * placed in its run as the writer aligns the column.
 */
function linesUp(l: LaidLine, runs: Run[], checkAlign = true): boolean {
  for (let c = 0; c < runs[0]!.start && c < l.cols; c++) if (!isSpace(l, c)) return false
  for (let k = 0; k < runs.length; k++) {
    const from = runs[k]!.start
    const to = k + 1 < runs.length ? runs[k + 1]!.start : l.cols
    if (k + 1 < runs.length) {
      for (let c = runs[k]!.end; c < to && c < l.cols; c++) if (!isSpace(l, c)) return false
    }
    let seenText = false
    let spaces = 0
    let first = -1
    let last = -1
    for (let c = from; c < to && c < l.cols; c++) {
      if (isSpace(l, c)) spaces++
      else {
        if (seenText && spaces >= 2) return false
        if (first < 0) first = c
        last = c
        seenText = true
        spaces = 0
      }
    }
    // Padded as the writer aligns the column: flush left (default), flush
    // right, or centred.
    if (checkAlign && first >= 0) {
      const left = first - runs[k]!.start
      const right = runs[k]!.end - 1 - last
      const a = runs[k]!.align ?? null
      if (a === 'right' ? right !== 0 : a === 'center' ? left < 0 || right < 0 || Math.abs(left - right) > 1 : left !== 0) return false
    }
  }
  return true
}

function isSpace(l: LaidLine, c: number): boolean {
  const cp = cpAt(l, c)
  return cp === 32 || cp === 0xa0
}

/**
 * A cell's line without the white space around it: `subLine(l, a, b)` with
 * `b = t.trimEnd().length` and `a = b - t.slice(0, b).trimStart().length`,
 * without the intermediate strings, and the line itself when nothing is
 * trimmed.
 */
export function trimLine(l: Line): Line {
  const t = l.text
  const b = trimmedLength(t)
  if (b === 0) return subLine(l, 0, 0)
  // `t[b - 1]` is no white space, so the leading run ends before `b`.
  if (!isTrimmedSpace(t.charCodeAt(0))) return b === t.length ? l : subLine(l, 0, b)
  return subLine(l, t.length - t.trimStart().length, b)
}

/**
 * pandoc's `alignType`, in display columns: for each column, the longest
 * right-trimmed text of the source lines in it; a leading space means right or
 * centre, text shorter than the run means left or centre.
 */
function alignments(source: string[], runs: Run[]): Align[] {
  // Each source line measured with the first width mode that lines it up
  // (gaps blank, words single-spaced), so a shifted header does not decide.
  // Several measures can line a line up (a shift by whole columns keeps the
  // gaps blank): then the one under which more cells sit flush with an edge
  // of their run (left first), or centred in it, is the writer's (pandoc pads
  // every cell that way), and the first such measure wins a tie.
  const laid = source.map((t) => {
    const line = {text: t, offset: 0}
    const l = layoutLine(line, 0)
    if (isPlain(l)) return l
    let best: LaidLine | null = linesUp(l, runs, false) ? l : null
    let bestScore = best ? placedCells(l, runs) : -1
    for (const mode of fallbackWidths) {
      const alt = layoutLine(line, 0, mode)
      if (!linesUp(alt, runs, false)) continue
      const score = placedCells(alt, runs)
      if (score > bestScore) {
        best = alt
        bestScore = score
      }
    }
    return best ?? l
  })
  return runs.map((run, k) => {
    const to = k + 1 < runs.length ? runs[k + 1]!.start : Infinity
    let bestLen = 0
    let leftSpace = false
    for (const l of laid) {
      let last = -1
      for (let c = run.start; c < to && c < l.cols; c++) if (!isSpace(l, c)) last = c
      const len = last + 1 - run.start
      if (last >= 0 && len > bestLen) {
        bestLen = len
        leftSpace = isSpace(l, run.start)
      }
    }
    if (bestLen === 0) return null
    const right = bestLen < run.end - run.start
    return leftSpace && right ? 'center' : right ? 'left' : leftSpace ? 'right' : null
  })
}

/** A score of how many non-empty cells of a laid line sit flush left, flush right or centred in their run. */
function placedCells(l: LaidLine, runs: Run[]): number {
  let count = 0
  for (let k = 0; k < runs.length; k++) {
    const from = runs[k]!.start
    const to = k + 1 < runs.length ? runs[k + 1]!.start : l.cols
    let first = -1
    let last = -1
    for (let c = from; c < to && c < l.cols; c++) {
      if (!isSpace(l, c)) {
        if (first < 0) first = c
        last = c
      }
    }
    if (first < 0) continue
    const left = first - from
    const right = runs[k]!.end - 1 - last
    // Flush left counts double: it is the writer's default, and a shift by
    // whole columns can make a cell look flush right by accident.
    if (left === 0) count += 2
    else if (right === 0 || Math.abs(left - right) <= 1) count++
  }
  return count
}

function finish(
  kind: 'simple' | 'multiline',
  lines: Line[],
  start: number,
  end: number,
  runs: Run[],
  head: ScannedRow[],
  body: ScannedRow[],
  problems: TableProblem[],
  alignSource: string[]
): ScannedTable {
  body.forEach((r, i) => {
    for (const c of r.cells) c.row = i + head.length
  })
  const cap = findCaption(lines, start, end)
  return {
    kind,
    start,
    end,
    columns: runs.length,
    align: alignments(alignSource, runs),
    head,
    body,
    foot: [],
    caption: cap ? cap.caption : null,
    captionRange: cap ? cap.range : null,
    problems
  }
}
