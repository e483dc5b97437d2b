/**
 * Shared helpers of the table scanners: laying a line out on display
 * columns (tabs, wide and zero-width characters), turning column ranges back
 * into exact sub-lines, finishing a cell's lines as pandoc does, and finding
 * a table caption.
 */

import {type Line, isBlank, subLine} from './lines.js'
import type {ScannedCell} from './table-types.js'
import {type WidthMode, primaryWidth} from './width.js'

/** Marks the second column of a wide character in {@link LaidLine.cp}. */
export const PAD = -1

/** A line laid out on display columns. */
export interface LaidLine {
  /** The document line. */
  line: Line
  /** Code-unit index in `line.text` of display column 0 (after the indentation). */
  start: number
  /** Code point shown at each display column (tabs show as spaces, {@link PAD} for the 2nd half of a wide character). */
  cp: Int32Array
  /**
   * `idx[c]`: code-unit index where display column `c` begins, zero-width
   * characters before it included (they belong to the next visible
   * character, as in pandoc).  `idx[cols]` is the end of the text.
   */
  idx: Int32Array
  /** Number of display columns, trailing white space excluded. */
  cols: number
}

let scratchCp = new Int32Array(1024)
let scratchIdx = new Int32Array(1025)

/**
 * Lay out `line.text.slice(start)` on display columns with a way of measuring
 * (default: {@link primaryWidth}, pandoc 3's writer widths).
 * Tabs expand to tab stops of `tabStop` counted from the start of the
 * document line.  Linear in the line length.
 */
export function layoutLine(line: Line, start: number, mode: WidthMode = primaryWidth, tabStop = 4): LaidLine {
  const text = line.text
  // Trailing white space never matters to a table (pandoc strips it).
  // (`trimEnd` strips Unicode white space, like pandoc 3; linear, no regex.)
  const end = Math.max(start, text.trimEnd().length)
  // Laid out into shared scratch buffers (grown on demand), then copied at
  // their exact size: fewer allocations on wide tables.
  let cpArr = scratchCp
  let idxArr = scratchIdx
  let cols = 0
  const push = (cp: number, idx: number): void => {
    if (cols + 1 >= cpArr.length) {
      const a = new Int32Array(cpArr.length * 2)
      a.set(cpArr)
      cpArr = scratchCp = a
      const b = new Int32Array(a.length + 1)
      b.set(idxArr)
      idxArr = scratchIdx = b
    }
    cpArr[cols] = cp
    idxArr[cols] = idx
    cols++
  }
  const {width, clusters} = mode
  let joined = false
  let pending = -1 // start of zero-width characters waiting for a visible one
  let abs = start // absolute display column (for tabs), indentation counted as spaces
  for (let i = start; i < end; i++) {
    let cp = text.charCodeAt(i)
    const at = i
    if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < end) {
      const lo = text.charCodeAt(i + 1)
      if (lo >= 0xdc00 && lo < 0xe000) {
        cp = ((cp - 0xd800) << 10) + (lo - 0xdc00) + 0x10000
        i++
      }
    }
    const from = pending >= 0 ? pending : at
    if (cp === 9) {
      const n = tabStop - (abs % tabStop)
      for (let k = 0; k < n; k++) push(32, k === 0 ? from : at)
      abs += n
      pending = -1
      continue
    }
    let w: number
    if (joined) {
      // Joined to the previous character by ZWJ: part of its cluster (it
      // stays with that character's column).
      joined = false
      continue
    } else if (cp >= 32 && cp < 127) w = 1
    else if (clusters && cols > 0 && (cp === 0x200d || (cp >= 0x1f3fb && cp <= 0x1f3ff))) {
      joined = cp === 0x200d
      continue
    } else w = width(cp)
    if (w === 0) {
      if (pending < 0) pending = at
      continue
    }
    push(cp, from)
    if (w === 2) push(PAD, from)
    abs += w
    pending = -1
  }
  idxArr[cols] = end
  return {line, start, cp: cpArr.slice(0, cols), idx: idxArr.slice(0, cols + 1), cols}
}

/** The code point at a display column, or -2 past the end of the line. */
export function cpAt(l: LaidLine, col: number): number {
  return col < l.cols ? l.cp[col]! : -2
}

/** Code-unit index in the line text of a display column (clamped to the text end). */
export function indexAt(l: LaidLine, col: number): number {
  if (col >= l.cols) return l.line.text.length
  return l.idx[col]!
}

/** The sub-line between two display columns (`to` exclusive, may be past the end). */
export function sliceColumns(l: LaidLine, from: number, to: number): Line {
  const a = from >= l.cols ? l.idx[l.cols]! : l.idx[from]!
  const b = to >= l.cols ? l.idx[l.cols]! : l.idx[to]!
  return subLine(l.line, a, Math.max(a, b))
}

/**
 * Finish a cell's raw lines as pandoc does (grid-tables.md §2.8): strip
 * trailing white space, remove one leading space from every line when every
 * line is empty or starts with a space, then drop leading and trailing empty
 * lines.  Offsets stay exact.
 */
export function finishCellLines(raw: Line[]): Line[] {
  const out: Line[] = []
  let allSpace = true
  for (const l of raw) {
    // trimEnd, not /\s+$/: that regex is quadratic on long runs of padding.
    const trimmed = l.text.trimEnd()
    const t = trimmed.length === l.text.length ? l : {text: trimmed, offset: l.offset}
    if (t.text !== '' && t.text.charCodeAt(0) !== 32) allSpace = false
    out.push(t)
  }
  const shifted = allSpace ? out.map((l) => (l.text === '' ? l : subLine(l, 1))) : out
  let a = 0
  let b = shifted.length
  while (a < b && shifted[a]!.text === '') a++
  while (b > a && shifted[b - 1]!.text === '') b--
  return shifted.slice(a, b)
}

/** A cell from finished lines. */
export function makeCell(raw: Line[], row: number, column: number, rowSpan = 1, colSpan = 1): ScannedCell {
  return {lines: finishCellLines(raw), rowSpan, colSpan, row, column}
}

const captionRe = /^ {0,3}(?:[Tt]able:|:(?![\p{P}\p{S}]))/u

/**
 * Find a caption paragraph (`Table: …` or `: …`) just before `start` or just
 * after `end` (blank lines in between allowed; pandoc gives the one before
 * priority).  Returns the caption lines (prefix removed) and the line range
 * to consume (for a caption after the table, from `end`, so the blank lines
 * in between go with it).
 */
export function findCaption(lines: Line[], start: number, end: number): {caption: Line[]; range: [number, number]} | null {
  // Before: blank line(s), then a paragraph whose first line is a caption.
  let i = start - 1
  if (i >= 0 && isBlank(lines[i]!.text)) {
    while (i >= 0 && isBlank(lines[i]!.text)) i--
    const last = i
    while (i >= 0 && !isBlank(lines[i]!.text)) i--
    const first = i + 1
    if (last >= 0 && first <= last && captionRe.test(lines[first]!.text)) {
      return {caption: captionLines(lines, first, last + 1), range: [first, start]}
    }
  }
  // After.
  let j = end
  while (j < lines.length && isBlank(lines[j]!.text)) j++
  if (j < lines.length && captionRe.test(lines[j]!.text)) {
    let k = j
    while (k < lines.length && !isBlank(lines[k]!.text)) k++
    return {caption: captionLines(lines, j, k), range: [end, k]}
  }
  return null
}

function captionLines(lines: Line[], from: number, to: number): Line[] {
  const first = lines[from]!
  const m = captionRe.exec(first.text)!
  let p = m[0].length
  while (p < first.text.length && first.text[p] === ' ') p++
  const out: Line[] = [subLine(first, p)]
  for (let k = from + 1; k < to; k++) out.push(lines[k]!)
  return out
}

/** Number of leading spaces of a text. */
export function leadingSpaces(text: string): number {
  let i = 0
  while (i < text.length && text.charCodeAt(i) === 32) i++
  return i
}
