/**
 * Grid tables as pandoc's plain and Markdown writers draw them
 * (grid-tables.md §2), read as pandoc 3 reads them and sturdier.
 *
 * Two paths:
 * - **Rectangular** tables (every border line has its `+` where the top
 *   border has them: all pandoc < 3.7 output) are cut line by line at the
 *   walls.  A line whose walls do not sit at the border's columns (encoding
 *   damage after drawing, a width function other than ours) is re-measured
 *   with pandoc 2.17's width rules and, failing that, its `|` walls are found
 *   where they are.  Nothing is dropped: text past the right wall goes into the
 *   last cell.  Each such row gets a problem.
 * - **Span** tables (partial borders, as pandoc ≥ 3.7 draws row and column
 *   spans) are traced cell by cell on the character grid like the
 *   `gridtables` library that pandoc 3 uses (§2.5).
 *
 * Written by hand: no maintained JS package parses pandoc grid tables with
 * spans (markdown-it-gridtables splits with a regex and knows no spans or
 * display widths; see grid-tables.md §1).
 */

import type {Line} from './lines.js'
import {type LaidLine, columnIndex, cpAt, findCaption, isPlain, isTrimmedSpace, layoutLine, leadingSpaces, makeCell, sameInEveryMode, sliceColumns, trimmedLength} from './table-layout.js'
import {LineCell, type Align, type ScannedCell, type ScannedRow, type ScannedTable, type TableProblem} from './table-types.js'
import {fallbackWidths, isZeroWidth, primaryWidth} from './width.js'

const PLUS = 43
const MINUS = 45
const EQ = 61
const COLON = 58
const BAR = 124
const SPACE = 32
const MISSING = -2

/** Options of {@link scanGridTable}. */
export interface GridTableOptions {
  /** Tab stop used to expand tabs (pandoc's default is 4). */
  tabStop?: number
}

/**
 * Scan a grid table whose top border is `lines[start]` (indented by any number
 * of spaces; every table line must have the same indentation).  Returns null
 * when the lines do not form a grid table.  Linear in the size of a
 * rectangular table.
 */
export function scanGridTable(lines: Line[], start: number, options: GridTableOptions = {}): ScannedTable | null {
  const tabStop = options.tabStop ?? 4
  const first = lines[start]
  if (!first) return null
  const indent = leadingSpaces(first.text)
  const top = readBorder(first.text, indent, false)
  if (!top || top.fill !== MINUS) return null
  // Collect the table lines: same indentation, then `+` or `|`.
  let end = start + 1
  while (end < lines.length) {
    const t = lines[end]!.text
    if (t.length <= indent || leadingSpaces(t) < indent) break
    const c = t.charCodeAt(indent)
    if (c !== PLUS && c !== BAR) break
    end++
  }
  const B = top.plus
  // What each line is as a border (see borderKind), computed once.
  // (In an array kept between tables, made anew only when too short, and
  // read only up to this table's lines: a new typed array of more than 64
  // elements gets a buffer outside the heap, costly to make and to free.
  // Nothing below scans another table while it is read.)
  // (One grown for a very long table is not kept for good.)
  const need = end - start
  if (kindsScratch.length < need || (kindsScratch.length > 1 << 16 && need <= 1 << 16)) kindsScratch = new Int8Array(Math.max(need, 256))
  const kinds = kindsScratch
  kinds[0] = 0
  // After the last border, a `+` line that is not a border cannot belong to
  // the grid (pandoc 3 swallows and drops it, E58): the table ends before it.
  let lastBorder = start
  // Most borders are the same string as the border before them (every row
  // rule of a table): their kind is that border's, without scanning the
  // line again (wide tables have borders of thousands of columns).
  let seenText: string | null = null
  let seenKind = NOT_BORDER
  for (let i = start + 1; i < end; i++) {
    const t = lines[i]!.text
    // A line without its `+` (every content line) is no border (what
    // borderKind answers): not compared with the last border, a string
    // comparison of equal lengths that the engine makes out of line for
    // sliced strings.
    const k = t.charCodeAt(indent) !== PLUS ? NOT_BORDER : t === seenText ? seenKind : borderKind(t, indent, B)
    kinds[i - start] = k
    if (k !== NOT_BORDER) {
      lastBorder = i
      seenText = t
      seenKind = k
    }
  }
  for (let i = lastBorder + 1; i < end; i++) {
    if (lines[i]!.text.charCodeAt(indent) === PLUS) {
      end = i
      break
    }
  }
  if (end === start + 1) return null
  const laid: LaidLine[] = []
  // A border that is the same string as the last plain border laid out
  // (see above) lays out the same: its column count is reused instead of
  // searching the line again for characters other than printable ASCII.
  let plainText: string | null = null
  let plainCols = 0
  for (let i = start; i < end; i++) {
    const line = lines[i]!
    // (Only a border can be the same string as plainText, a border's: a
    // content line is not compared, see above.)
    if (plainText !== null && kinds[i - start] !== NOT_BORDER && line.text === plainText) {
      laid.push({line, start: indent, cp: null, idx: null, cols: plainCols})
      continue
    }
    const l = layoutLine(line, indent, primaryWidth, tabStop)
    if (l.cp === null && (i === start || kinds[i - start] !== NOT_BORDER)) {
      plainText = line.text
      plainCols = l.cols
    }
    laid.push(l)
  }
  let problems: TableProblem[] = []
  let table: Parts | null = null
  if (isRectangular(laid, kinds, B)) {
    table = scanRectangular(laid, kinds, start, B, problems, tabStop, false)
  } else {
    table = scanTraced(laid, start, problems, tabStop)
    // Tracing can leave text outside every cell (text after a border on the
    // same line, a cell whose walls do not close) or put it in two
    // overlapping cells (a damaged border).  Then the table is cut at the top
    // border's columns instead, like a rectangular one; and if even that does
    // not keep every character once, it is no table (its lines stay
    // paragraphs).  Nothing is lost or doubled either way.
    if (!table || !keepsText(laid, table)) {
      problems = [{
        kind: 'ragged-row',
        line: start,
        message: 'the borders do not trace into cells that hold all the text; cut at the top border\'s columns'
      }]
      table = scanRectangular(laid, kinds, start, B, problems, tabStop, true)
      if (!keepsText(laid, table)) return null
    }
  }
  const cap = findCaption(lines, start, end)
  return {
    kind: 'grid',
    start,
    end,
    columns: table.columns,
    align: table.align,
    head: table.head,
    body: table.body,
    foot: table.foot,
    caption: cap ? cap.caption : null,
    captionRange: cap ? cap.range : null,
    problems
  }
}

/** {@link scanGridTable}'s border kinds, by line of the table: kept between tables. */
let kindsScratch = new Int8Array(256)

/** Count the units `a` to `a + length` (those inside `0…size`) once more, up to 2. */
function cover(cov: Uint8Array, a: number, length: number, size: number): void {
  for (let j = 0; j < length; j++) {
    const x = a + j
    if (x >= 0 && x < size && cov[x]! < 2) cov[x]!++
  }
}

/**
 * Whether every letter, digit or other visible character of the table lines
 * (border characters `+ - = | :`, white space and zero-width characters
 * aside) is in exactly one cell.  Linear: one count per code unit.
 */
function keepsText(laid: LaidLine[], parts: Parts): boolean {
  const first = laid[0]!.line
  const last = laid[laid.length - 1]!.line
  const base = first.offset
  const size = last.offset + last.text.length - base
  if (size <= 0) return true
  const cov = new Uint8Array(size)
  for (const rows of [parts.head, parts.body, parts.foot]) {
    for (const row of rows) {
      for (const cell of row.cells) {
        // (A LineCell's one line read in place: no array made for it.)
        if (cell instanceof LineCell) {
          cover(cov, cell.offset - base, cell.text.length, size)
          continue
        }
        for (const l of cell.lines) cover(cov, l.offset - base, l.text.length, size)
      }
    }
  }
  for (const ll of laid) {
    const t = ll.line.text
    const a = ll.line.offset - base
    for (let j = 0; j < t.length; j++) if (cov[a + j] !== 1 && isText(t.charCodeAt(j))) return false
  }
  return true
}

/** Whether a code unit is text a cell must keep (not a border character, white space or zero-width). */
function isText(c: number): boolean {
  if (c <= 32) return false
  if (c < 127) return c !== PLUS && c !== MINUS && c !== EQ && c !== BAR && c !== COLON
  if (c < 0xa0 || c === 0xad) return false
  if (c >= 0xd800 && c < 0xe000) return true
  return !isTrimmedSpace(c) && !isZeroWidth(c)
}

/** {@link borderKind}: not a border line. */
const NOT_BORDER = -1
/** {@link borderKind} flag: filled with `=` only. */
const BK_EQ = 1
/** {@link borderKind} flag: its `+` are exactly at the given columns. */
const BK_SAME = 2

/**
 * What a line is as a border, without allocating: {@link NOT_BORDER}, or
 * flags {@link BK_EQ} and {@link BK_SAME} (its `+` at the columns `B`).
 * Accepts what `readBorder(text, from, true)` accepts.
 */
export function borderKind(text: string, from: number, B: readonly number[]): number {
  const end = Math.max(from, trimmedLength(text))
  if (end - from < 3 || text.charCodeAt(from) !== PLUS || text.charCodeAt(end - 1) !== PLUS) return NOT_BORDER
  // Only `+ - = :` up to the end (after it only white space, which is none
  // of them).  The scans are the regex engine's and `indexOf`'s: a loop over
  // the code units of every line was slower.
  BORDER_UNITS.lastIndex = from
  BORDER_UNITS.test(text)
  if (BORDER_UNITS.lastIndex !== end) return NOT_BORDER
  // Filled with `=` only: an `=` and no `-`.
  const eq = text.indexOf('=', from)
  const dash = text.indexOf('-', from)
  const onlyEq = eq !== -1 && eq < end && (dash === -1 || dash >= end)
  let k = 1
  let same = true
  let prev = from
  for (let i = text.indexOf('+', from + 1); i !== -1 && i < end; i = text.indexOf('+', i + 1)) {
    if (i - prev < 2) return NOT_BORDER
    if (same && B[k] !== i - from) same = false
    k++
    prev = i
  }
  if (k !== B.length) same = false
  return (onlyEq ? BK_EQ : 0) | (same ? BK_SAME : 0)
}

/** A run of border characters (sticky: read from `lastIndex`). */
const BORDER_UNITS = /[-+=:]*/y

/** {@link borderKind} as it was written first, by code unit (kept for the equivalence tests). */
export function borderKindByUnit(text: string, from: number, B: readonly number[]): number {
  const end = Math.max(from, trimmedLength(text))
  if (end - from < 3 || text.charCodeAt(from) !== PLUS || text.charCodeAt(end - 1) !== PLUS) return NOT_BORDER
  let fill = 0
  let k = 1
  let same = true
  let prev = from
  for (let i = from + 1; i < end; i++) {
    const c = text.charCodeAt(i)
    if (c === PLUS) {
      if (i - prev < 2) return NOT_BORDER
      if (same && B[k] !== i - from) same = false
      k++
      prev = i
    } else if (c === MINUS || c === EQ) {
      if (fill === 0) fill = c
      else if (fill !== c) fill = -1
    } else if (c !== COLON) return NOT_BORDER
  }
  if (k !== B.length) same = false
  return (fill === EQ ? BK_EQ : 0) | (same ? BK_SAME : 0)
}

interface Border {
  /** Display columns (relative to the indentation) of the `+` characters. */
  plus: number[]
  /** `-` or `=` (first filling character), or 0 when mixed. */
  fill: number
  /** Alignment of each part, when the line parses strictly as parts. */
  align: Align[] | null
}

/**
 * Read a border line: `+`, then only `+ - = :` (trailing white space
 * allowed).  With `lenient`, other characters are not allowed either, but the
 * alignment is only read when the line is strict (`:` only next to a `+`).
 * Border lines hold ASCII only, so code units are display columns.
 */
function readBorder(text: string, from: number, lenient: boolean): Border | null {
  const end = Math.max(from, text.trimEnd().length)
  if (end - from < 3 || text.charCodeAt(from) !== PLUS) return null
  if (text.charCodeAt(end - 1) !== PLUS) return null
  const plus: number[] = [0]
  const align: Align[] = []
  let fill = 0
  let strict = true
  let partStart = from
  for (let i = from + 1; i < end; i++) {
    const c = text.charCodeAt(i)
    if (c === PLUS) {
      // A part: partStart is the previous `+`.
      const len = i - partStart - 1
      if (len < 1) return null
      const l = text.charCodeAt(partStart + 1) === COLON
      const r = text.charCodeAt(i - 1) === COLON
      if (len === 1 && l) strict = false
      align.push(l && r ? 'center' : l ? 'left' : r ? 'right' : null)
      plus.push(i - from)
      partStart = i
    } else if (c === MINUS || c === EQ) {
      if (fill === 0) fill = c
      else if (fill !== c) fill = -1
    } else if (c === COLON) {
      const prev = text.charCodeAt(i - 1)
      const next = text.charCodeAt(i + 1)
      if (prev !== PLUS && next !== PLUS) {
        if (!lenient) return null
        strict = false
      }
    } else {
      return null
    }
  }
  if (fill <= 0) {
    if (!lenient) return null
    fill = fill === -1 ? 0 : MINUS
  }
  return {plus, fill, align: strict ? align : null}
}

/** Whether every border has the top border's columns and no row draws a partial border. */
function isRectangular(laid: LaidLine[], kinds: Int8Array, B: number[]): boolean {
  for (let r = 1; r < laid.length; r++) {
    const l = laid[r]!
    if (cpAt(l, 0) === PLUS) {
      const k = kinds[r]!
      if (k === NOT_BORDER || (k & BK_SAME) === 0) return false
    } else {
      // A content line with `+-` at an inner wall draws a row span.
      for (let k = 1; k < B.length - 1; k++) {
        const c = B[k]!
        if (cpAt(l, c) === PLUS && (cpAt(l, c + 1) === MINUS || cpAt(l, c - 1) === MINUS)) return false
      }
    }
  }
  return true
}

interface Parts {
  columns: number
  align: Align[]
  head: ScannedRow[]
  body: ScannedRow[]
  foot: ScannedRow[]
}

/** Cut one content line of a rectangular table into `n` cell sub-lines. */
function cutLine(l: LaidLine, B: number[], lineIndex: number, problems: TableProblem[], tabStop: number): Line[] {
  const n = B.length - 1
  const fits = (x: LaidLine): boolean => {
    const endsBar = x.cols > 0 && cpAt(x, x.cols - 1) === BAR
    for (let k = 1; k <= n; k++) {
      const c = cpAt(x, B[k]!)
      if (c === BAR || (k === n && c === MISSING && !endsBar)) continue
      return false
    }
    return true
  }
  let use = l
  if (!fits(l)) {
    let found: LaidLine | null = null
    // A plain ASCII line measures the same under every width function.
    // (Nor does a line that every width function measures alike.)
    if (!isPlain(l) && !sameInEveryMode(l.line, l.start)) for (const mode of fallbackWidths) {
      const alt = layoutLine(l.line, l.start, mode, tabStop)
      if (fits(alt)) {
        found = alt
        problems.push({
          kind: 'ragged-row',
          line: lineIndex,
          message: `walls line up only with ${mode.name} widths`
        })
        break
      }
    }
    if (!found) return findWalls(l, B, lineIndex, problems)
    use = found
  }
  const cells: Line[] = []
  for (let k = 0; k < n - 1; k++) cells.push(sliceColumns(use, B[k]! + 1, B[k + 1]!))
  cells.push(lastCell(use, B[n - 1]! + 1, B[n]!, lineIndex, problems))
  return cells
}

/**
 * The last cell of a line: up to its right wall, or to the end of the line
 * when text follows the wall (pandoc 3 drops that text; we keep it).
 */
function lastCell(l: LaidLine, from: number, wall: number, lineIndex: number, problems: TableProblem[]): Line {
  if (wall >= l.cols - 1) return sliceColumns(l, from, wall)
  problems.push({kind: 'text-past-wall', line: lineIndex, message: 'text after the right wall, kept in the last cell'})
  return sliceColumns(l, from, l.cols)
}

/**
 * Last resort for a line that no width function lines up: take the `|`
 * nearest to where each wall should be (allowing for the shift of the walls
 * found so far), preferring `|` with white space on both sides as the writer
 * draws them.  Text never disappears: it stays in the cell where it is found.
 */
function findWalls(l: LaidLine, B: number[], lineIndex: number, problems: TableProblem[]): Line[] {
  const n = B.length - 1
  const bars: number[] = []
  const wallLike: number[] = []
  for (let c = 1; c < l.cols; c++) {
    if (cpAt(l, c) !== BAR) continue
    bars.push(c)
    const before = cpAt(l, c - 1)
    const after = c + 1 < l.cols ? cpAt(l, c + 1) : SPACE
    if (before === SPACE && after === SPACE) wallLike.push(c)
  }
  const cand = wallLike.length >= Math.min(n, bars.length) ? wallLike : bars
  const walls: number[] = [0]
  let shift = 0
  let p = 0 // candidates before p are used up
  for (let k = 1; k <= n; k++) {
    const target = B[k]! + shift
    while (p < cand.length && cand[p]! <= walls[k - 1]!) p++
    if (p >= cand.length) break
    // Nearest candidate to target at or after p (candidates are sorted).
    let q = p
    while (q + 1 < cand.length && cand[q + 1]! <= target) q++
    if (q + 1 < cand.length && Math.abs(cand[q + 1]! - target) < Math.abs(cand[q]! - target)) q++
    // Keep enough candidates for the walls still to come when possible.
    const wall = cand[q]!
    walls.push(wall)
    shift = wall - B[k]!
    p = q + 1
  }
  // The right wall in place but an inner one moved: a stray `|` (or a tab)
  // inside the row, not a row made wider or narrower.
  const stray = walls.length === n + 1 && walls[n] === B[n]
  problems.push({
    kind: stray ? 'stray-wall' : 'ragged-row',
    line: lineIndex,
    message: `walls at columns ${walls.slice(1).join(', ')} instead of ${B.slice(1).join(', ')}`
  })
  const cells: Line[] = []
  const found = walls.length - 1
  for (let k = 0; k < n; k++) {
    if (k < found - 1) cells.push(sliceColumns(l, walls[k]! + 1, walls[k + 1]!))
    else if (k === found - 1) {
      // The last wall found: text after it stays in this cell when it is the table's last.
      if (found === n) cells.push(lastCell(l, walls[k]! + 1, walls[k + 1]!, lineIndex, problems))
      else cells.push(sliceColumns(l, walls[k]! + 1, walls[k + 1]!))
    } else if (k === found && found < n) cells.push(sliceColumns(l, walls[k]! + 1, l.cols))
    else cells.push(sliceColumns(l, l.cols, l.cols))
  }
  return cells
}

/**
 * Cut one row band of a rectangular table: the content lines `from` to `to`
 * (exclusive, indices into `laid`).  When every line has its outer walls and
 * each inner wall is either on every line or on none, the band is read as
 * pandoc 3 reads it: a missing inner wall is a column span (the 3.7+ writer
 * draws spans inside full borders).  Otherwise the lines are ragged and each
 * is cut on its own ({@link cutLine}), one cell per column.
 */
function cutBand(laid: LaidLine[], from: number, to: number, start: number, B: number[], row: number, problems: TableProblem[], tabStop: number): ScannedCell[] {
  const n = B.length - 1
  const cells: ScannedCell[] = []
  if (from === to) {
    for (let k = 0; k < n; k++) cells.push(makeCell([], row, k))
    return cells
  }
  // Fast path: every wall of every line where the border has it.
  let full = true
  for (let r = from; r < to && full; r++) {
    const l = laid[r]!
    for (let k = 0; k <= n; k++) {
      if (cpAt(l, B[k]!) !== BAR) {
        full = false
        break
      }
    }
  }
  if (full && to - from === 1) {
    // One line, all walls in place (most rows of long tables): each cell is
    // finished directly on the document line, without intermediate lines.
    // (An array of its exact size, filled by index: not grown by `push`.)
    const l = laid[from]!
    const one: ScannedCell[] = new Array(n)
    for (let k = 0; k < n; k++) {
      const cell = k === n - 1 && B[n]! < l.cols - 1
        ? lastCell(l, B[k]! + 1, B[n]!, start + from, problems)
        : null
      one[k] = cell ? makeCell([cell], row, k) : finishedCell(l, B[k]! + 1, B[k + 1]!, row, k)
    }
    return one
  }
  if (full) {
    for (let k = 0; k < n; k++) {
      const raw: Line[] = []
      for (let r = from; r < to; r++) {
        const l = laid[r]!
        raw.push(k === n - 1 ? lastCell(l, B[k]! + 1, B[n]!, start + r, problems) : sliceColumns(l, B[k]! + 1, B[k + 1]!))
      }
      cells.push(makeCell(raw, row, k))
    }
    return cells
  }
  let consistent = true
  const wall: boolean[] = B.map(() => true)
  const seen: boolean[] = B.map(() => false)
  for (let r = from; r < to; r++) {
    const l = laid[r]!
    const last = cpAt(l, B[n]!)
    // A line may lack its final wall (pandoc accepts that), but a final `|`
    // elsewhere means the walls moved.
    const endsBar = l.cols > 0 && cpAt(l, l.cols - 1) === BAR
    if (cpAt(l, B[0]!) !== BAR || (last !== BAR && (last !== MISSING || endsBar))) {
      consistent = false
      break
    }
    for (let k = 1; k < n; k++) {
      const bar = cpAt(l, B[k]!) === BAR
      if (bar) seen[k] = true
      else wall[k] = false
    }
  }
  if (consistent) for (let k = 1; k < n; k++) if (seen[k] && !wall[k]) consistent = false
  // A wall missing on every line is a column span, unless every line has a
  // ` | ` just beside it: then the wall was moved (a tab, a stray `|`).
  if (consistent) {
    for (let k = 1; k < n && consistent; k++) {
      if (wall[k]) continue
      let near = true
      for (let r = from; r < to && near; r++) near = wallNear(laid[r]!, B[k]!)
      if (near) consistent = false
    }
  }
  if (consistent) {
    let k0 = 0
    for (let k = 1; k <= n; k++) {
      if (k < n && !wall[k]) continue
      const raw: Line[] = []
      for (let r = from; r < to; r++) {
        const l = laid[r]!
        raw.push(k === n ? lastCell(l, B[k0]! + 1, B[n]!, start + r, problems) : sliceColumns(l, B[k0]! + 1, B[k]!))
      }
      cells.push(makeCell(raw, row, k0, 1, k - k0))
      k0 = k
    }
    return cells
  }
  const per: Line[][] = Array.from({length: n}, () => [])
  for (let r = from; r < to; r++) {
    const cut = cutLine(laid[r]!, B, start + r, problems, tabStop)
    for (let k = 0; k < n; k++) per[k]!.push(cut[k]!)
  }
  return per.map((ls, k) => makeCell(ls, row, k))
}

/**
 * The one-line cell between two display columns, its line finished as
 * {@link makeCell} finishes it (trailing white space and one leading space
 * removed; no line when blank): a {@link LineCell}, or a cell without lines.
 */
function finishedCell(l: LaidLine, from: number, to: number, row: number, column: number): ScannedCell {
  const text = l.line.text
  const a = columnIndex(l, from)
  const b = columnIndex(l, to)
  if (b <= a) return {lines: [], rowSpan: 1, colSpan: 1, row, column}
  // The leading space skipped before the slice, so that one `trimEnd` copy
  // is the cell's text (no third string for `slice(1)`).  The padding is
  // trimmed by `trimEnd` (the same white space as isTrimmedSpace): faster
  // than a loop back over it (measured again: the loop cost twice the
  // time of the garbage slice).  When the cell is only white space, so is
  // the rest after a space: empty either way.
  const s = text.charCodeAt(a) === SPACE ? a + 1 : a
  const t = text.slice(s, b).trimEnd()
  if (t.length === 0) return {lines: [], rowSpan: 1, colSpan: 1, row, column}
  return new LineCell(t, l.line.offset + s, row, column)
}

/** Whether a line has a ` | ` within 3 columns of `col` (but not at it). */
function wallNear(l: LaidLine, col: number): boolean {
  for (let c = Math.max(1, col - 3); c <= col + 3 && c < l.cols; c++) {
    if (c === col || cpAt(l, c) !== BAR) continue
    if (cpAt(l, c - 1) === SPACE && (c + 1 >= l.cols || cpAt(l, c + 1) === SPACE)) return true
  }
  return false
}

/**
 * Read a table whose borders all have the top border's columns (or, with
 * `lenient`, any border line: every line made of border characters only is
 * a row boundary, and every other line is cut at the top border's columns).
 */
function scanRectangular(laid: LaidLine[], kinds: Int8Array, start: number, B: number[], problems: TableProblem[], tabStop: number, lenient: boolean): Parts {
  const n = B.length - 1
  // Row bands: content lines bandFrom[k] … bandTo[k] (exclusive, indices into
  // `laid`); an empty band is two touching borders.
  const bandFrom: number[] = []
  const bandTo: number[] = []
  /** Row boundary k (before band k) is an `=` line. */
  const eqAt: number[] = []
  let alignEq: Align[] | null = null
  let open = false
  let lastBoundary = 0
  for (let r = 1; r < laid.length; r++) {
    const l = laid[r]!
    const kind = kinds[r]!
    if (cpAt(l, 0) === PLUS && kind !== NOT_BORDER) {
      if (!open) {
        // Two touching borders: an empty row, as pandoc 3.
        bandFrom.push(r)
        bandTo.push(r)
      } else bandTo[bandTo.length - 1] = r
      open = false
      lastBoundary = r
      if (lenient && (kind & BK_SAME) === 0) {
        problems.push({kind: 'ragged-row', line: start + r, message: 'a border whose `+` are not at the top border\'s columns'})
      }
      if (kind & BK_EQ) {
        eqAt.push(bandFrom.length)
        if (!alignEq) alignEq = readBorder(l.line.text, l.start, true)?.align ?? []
      }
      continue
    }
    if (!open) {
      open = true
      bandFrom.push(r)
      bandTo.push(r + 1)
    }
  }
  if (open) bandTo[bandTo.length - 1] = laid.length
  const rows: ScannedRow[] = []
  for (let k = 0; k < bandFrom.length; k++) {
    const from = bandFrom[k]!
    const to = bandTo[k]!
    rows.push({cells: cutBand(laid, from, to, start, B, k, problems, tabStop), line: start + (from === to ? 0 : from)})
  }
  if (lastBoundary !== laid.length - 1) {
    problems.push({
      kind: 'missing-bottom-border',
      line: start + laid.length - 1,
      message: 'the table has no bottom border; its last row is kept'
    })
  }
  const all: ScannedRow[] = rows
  const boundaries = rows.length // index of the bottom border boundary
  let head: ScannedRow[] = []
  let body: ScannedRow[] = all
  let foot: ScannedRow[] = []
  const bottomIsEq = lastBoundary === laid.length - 1 && eqAt[eqAt.length - 1] === boundaries
  if (eqAt.length === 1 && bottomIsEq) {
    head = all
    body = []
  } else if (eqAt.length > 0) {
    const h = eqAt[0]!
    head = all.slice(0, h)
    if (eqAt.length >= 2 && bottomIsEq) {
      const f = eqAt[eqAt.length - 2]!
      body = all.slice(h, f)
      foot = all.slice(f)
    } else {
      body = all.slice(h)
    }
  }
  // pandoc 3 drops a head that is one row of empty cells.
  if (head.length === 1 && head[0]!.cells.every((c) => c.lines.length === 0)) {
    head = []
    renumber(body, -1)
    renumber(foot, -1)
  }
  const top = readBorder(laid[0]!.line.text, laid[0]!.start, false)!
  const align = alignEq ?? top.align ?? []
  return {columns: n, align: padAlign(align, n), head, body, foot}
}

function renumber(rows: ScannedRow[], by: number): void {
  for (const r of rows) for (const c of r.cells) c.row += by
}

function padAlign(a: Align[], n: number): Align[] {
  const out: Align[] = []
  for (let k = 0; k < n; k++) out.push(a[k] ?? null)
  return out
}

// ---------------------------------------------------------------------------
// Tracing (pandoc ≥ 2.19 / gridtables), for tables with spans.

interface Traced {
  top: number
  left: number
  bottom: number
  right: number
}

function scanTraced(laid: LaidLine[], start: number, problems: TableProblem[], tabStop: number): Parts | null {
  const R = laid.length
  let W = 0
  for (const l of laid) if (l.cols > W) W = l.cols
  // Part separators: `=` borders reaching column W-1 or W (§2.2).
  const isSep: boolean[] = laid.map((l, r) => {
    if (r === 0 || cpAt(l, 0) !== PLUS) return false
    const b = readBorder(l.line.text, l.start, false)
    return b !== null && b.fill === EQ && l.cols >= W - 1
  })
  const at = (r: number, c: number): number => {
    const l = laid[r]!
    if (c >= l.cols) return MISSING
    const ch = cpAt(l, c)
    if ((r === 0 || isSep[r]) && (ch === EQ || ch === COLON)) return MINUS
    return ch
  }
  const rowB = new Set<number>([0])
  const colB = new Set<number>([0])
  const cells: Traced[] = []
  const heap = new MinHeap()
  const seen = new Set<number>()
  const key = (r: number, c: number): number => r * (W + 2) + c
  heap.push(key(0, 0))
  const scanUp = (top: number, bottom: number, left: number, acc: number[]): boolean => {
    for (let r = bottom - 1; r > top; r--) {
      const ch = at(r, left)
      if (ch === PLUS) acc.push(r)
      else if (ch !== BAR) return false
    }
    return true
  }
  const scanLeft = (bottom: number, left: number, right: number, acc: number[]): boolean => {
    if (at(bottom, left) !== PLUS) return false
    for (let c = left + 1; c < right; c++) {
      const ch = at(bottom, c)
      if (ch === PLUS) acc.push(c)
      else if (ch !== MINUS) return false
    }
    return true
  }
  const trace = (top: number, left: number): boolean => {
    const topPlus: number[] = []
    for (let c = left + 1; c <= W; c++) {
      const ch = at(top, c)
      if (ch === MINUS) continue
      if (ch === MISSING) {
        if (c === left + 1) return false
        // Short last cell: right edge W-1; bottom is the first row with `+` at
        // `left` followed only by `-`, `+` or nothing.
        for (let r = top + 1; r < R; r++) {
          if (at(r, left) !== PLUS) continue
          let ok = true
          for (let x = left + 1; x < W && ok; x++) {
            const y = at(r, x)
            if (y !== MINUS && y !== PLUS && y !== MISSING) ok = false
          }
          if (!ok) continue
          const up: number[] = []
          if (!scanUp(top, r, left, up)) return false
          record(top, left, r, W - 1)
          return true
        }
        return false
      }
      if (ch !== PLUS) return false
      // Candidate right edge at c: scan down.
      const rightPlus: number[] = []
      for (let r = top + 1; r < R; r++) {
        const d = at(r, c)
        if (d === BAR) continue
        if (d === PLUS) {
          const bottomPlus: number[] = []
          const up: number[] = []
          if (scanLeft(r, left, c, bottomPlus) && scanUp(top, r, left, up)) {
            record(top, left, r, c, {top: topPlus, right: rightPlus, bottom: bottomPlus, left: up})
            return true
          }
          rightPlus.push(r)
          continue
        }
        if (c === W - 1) continue
        break
      }
      topPlus.push(c)
    }
    return false
  }
  // Every `+` met on the four sides of a traced cell is a row or column
  // boundary (a short last cell records only its corners, as gridtables).
  const record = (top: number, left: number, bottom: number, right: number, plus?: {top: number[]; right: number[]; bottom: number[]; left: number[]}): void => {
    cells.push({top, left, bottom, right})
    rowB.add(top)
    rowB.add(bottom)
    colB.add(left)
    colB.add(right)
    if (plus) {
      for (const c of plus.top) colB.add(c)
      for (const c of plus.bottom) colB.add(c)
      for (const r of plus.right) rowB.add(r)
      for (const r of plus.left) rowB.add(r)
    }
    for (const k of [key(top, right), key(bottom, left)]) if (!seen.has(k)) heap.push(k)
  }
  while (heap.size > 0) {
    const k = heap.pop()
    if (seen.has(k)) continue
    seen.add(k)
    const top = Math.floor(k / (W + 2))
    const left = k % (W + 2)
    if (top >= R - 1 || left >= W) continue
    trace(top, left)
  }
  if (cells.length === 0) return null
  const rowsSorted = [...rowB].sort((a, b) => a - b)
  const colsSorted = [...colB].sort((a, b) => a - b)
  const rowIndex = new Map(rowsSorted.map((r, i) => [r, i]))
  const colIndex = new Map(colsSorted.map((c, i) => [c, i]))
  const nRows = rowsSorted.length - 1
  const nCols = colsSorted.length - 1
  const maxRight = colsSorted[colsSorted.length - 1]!
  const covered = new Uint8Array(Math.max(0, nRows * nCols))
  const out: ScannedCell[] = []
  for (const t of cells) {
    const row = rowIndex.get(t.top)!
    const column = colIndex.get(t.left)!
    const rowSpan = rowIndex.get(t.bottom)! - row
    const colSpan = colIndex.get(t.right)! - column
    for (let i = row; i < row + rowSpan; i++) for (let j = column; j < column + colSpan; j++) covered[i * nCols + j] = 1
    const raw: Line[] = []
    for (let r = t.top + 1; r < t.bottom; r++) {
      const l = laid[r]!
      if (t.right >= maxRight) raw.push(lastCell(l, t.left + 1, t.right, start + r, problems))
      else raw.push(sliceColumns(l, t.left + 1, t.right))
    }
    out.push(makeCell(raw, row, column, rowSpan, colSpan))
  }
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < nCols; j++) {
      if (!covered[i * nCols + j]) out.push({lines: [], rowSpan: 1, colSpan: 1, row: i, column: j})
    }
  }
  out.sort((a, b) => a.row - b.row || a.column - b.column)
  const rows: ScannedRow[] = []
  for (let i = 0; i < nRows; i++) rows.push({cells: [], line: start + rowsSorted[i]! + 1})
  for (const c of out) rows[c.row]!.cells.push(c)
  const lastClosed = rowsSorted[rowsSorted.length - 1]!
  if (lastClosed < R - 1) {
    // A border among them did not trace either: let the caller cut the
    // table at the top border's columns instead.
    for (let r = lastClosed + 1; r < R; r++) if (cpAt(laid[r]!, 0) === PLUS) return null
    // Lines after the last closed row (no bottom border): kept as a last
    // row, cut at the grid's column boundaries as a rectangular band.
    const cut = cutBand(laid, lastClosed + 1, R, start, colsSorted, nRows, problems, tabStop)
    rows.push({cells: cut, line: start + lastClosed + 1})
    problems.push({
      kind: 'missing-bottom-border',
      line: start + R - 1,
      message: 'the table has no bottom border; the lines after the last closed row are kept as a last row'
    })
  }
  // Head / body / foot (§2.7).
  const seps: number[] = []
  for (let r = 0; r < R; r++) if (isSep[r]) seps.push(r)
  const lastRowB = rowsSorted[rowsSorted.length - 1]!
  let head: ScannedRow[] = []
  let body = rows
  let foot: ScannedRow[] = []
  const s1 = seps[0]
  if (s1 !== undefined && rowIndex.has(s1)) {
    const h = rowIndex.get(s1)!
    if (seps.length === 1 && s1 === lastRowB) {
      head = rows
      body = []
    } else {
      head = rows.slice(0, h)
      body = rows.slice(h)
      const sk = seps[seps.length - 1]!
      const sk1 = seps[seps.length - 2]
      if (seps.length >= 2 && sk === lastRowB && sk1 !== undefined && rowIndex.has(sk1)) {
        const f = rowIndex.get(sk1)!
        body = rows.slice(h, f)
        foot = rows.slice(f)
      }
    }
  }
  if (head.length === 1 && head[0]!.cells.every((c) => c.lines.length === 0 && c.rowSpan === 1 && c.colSpan === 1)) {
    head = []
    renumber(body, -1)
    renumber(foot, -1)
  }
  // Alignments: first part separator, else the top line, read only when the
  // line parses as parts and reaches column W-1 (§2.4).
  const alignLine = s1 !== undefined ? laid[s1]! : laid[0]!
  let align: Align[] = []
  if (alignLine.cols >= W - 1) {
    const b = readBorder(alignLine.line.text, alignLine.start, false)
    if (b && b.align) align = b.align
  }
  return {columns: nCols, align: padAlign(align, nCols), head, body, foot}
}

/** A binary min-heap of numbers (the corner work list). */
class MinHeap {
  private a: number[] = []
  get size(): number {
    return this.a.length
  }
  push(x: number): void {
    const a = this.a
    a.push(x)
    let i = a.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (a[p]! <= x) break
      a[i] = a[p]!
      i = p
    }
    a[i] = x
  }
  pop(): number {
    const a = this.a
    const top = a[0]!
    const last = a.pop()!
    if (a.length > 0) {
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        if (l >= a.length) break
        const r = l + 1
        const m = r < a.length && a[r]! < a[l]! ? r : l
        if (a[m]! >= last) break
        a[i] = a[m]!
        i = m
      }
      a[i] = last
    }
    return top
  }
}

/** The content of a cell joined with newlines (handy for tests and diagnostics). */
export function cellText(cell: ScannedCell): string {
  return cell.lines.map((l) => l.text).join('\n')
}
