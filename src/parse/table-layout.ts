/**
 * Shared helpers of the table scanners: laying a line out on display
 * columns (tabs, wide and zero-width characters), turning column ranges back
 * into exact sub-lines, finishing a cell's lines as pandoc does, and finding
 * a table caption.
 */

import {type Line, isBlank, subLine} from './lines.js'
import type {ScannedCell} from './table-types.js'
import {type WidthMode, fallbackWidths, primaryWidth} from './width.js'

/** Marks the second column of a wide character in {@link LaidLine.cp}. */
export const PAD = -1

/** A line laid out on display columns. */
export interface LaidLine {
  /** The document line. */
  line: Line
  /** Code-unit index in `line.text` of display column 0 (after the indentation). */
  start: number
  /**
   * Code point shown at each display column (tabs show as spaces, {@link PAD}
   * for the 2nd half of a wide character), or null for a *plain* line (only
   * printable ASCII, no tab): then display column `c` is the code unit
   * `start + c` and nothing is allocated for the line.  Read it with
   * {@link cpAt}.
   */
  cp: Int32Array | null
  /**
   * `idx[c]`: code-unit index where display column `c` begins, zero-width
   * characters before it included (they belong to the next visible
   * character, as in pandoc).  `idx[cols]` is the end of the text.  Null for
   * a plain line (`start + c`).  Read it with {@link columnIndex}.
   */
  idx: Int32Array | null
  /** Number of display columns, trailing white space excluded. */
  cols: number
}

let scratchCp = new Int32Array(1024)
let scratchIdx = new Int32Array(1025)

/**
 * Lay out `line.text.slice(start)` on display columns with a way of measuring
 * (default: {@link primaryWidth}, pandoc 3's writer widths).
 * Tabs expand to tab stops of `tabStop` counted from the start of the
 * document line.  Linear in the line length.  A line of printable ASCII
 * (every width function gives 1 column per character) is not copied at all:
 * most table lines are, and a table of 100,000 rows would otherwise allocate
 * two typed arrays per line.
 */
export function layoutLine(line: Line, start: number, mode: WidthMode = primaryWidth, tabStop = 4): LaidLine {
  const text = line.text
  const n = text.length
  // The first code unit other than printable ASCII, found by the regex
  // engine (much faster than a loop over the code units).
  NOT_PRINTABLE_ASCII.lastIndex = start
  const i = NOT_PRINTABLE_ASCII.test(text) ? NOT_PRINTABLE_ASCII.lastIndex - 1 : n
  if (i >= n) {
    // Plain: trailing spaces never matter to a table (pandoc strips them).
    let end = n
    while (end > start && text.charCodeAt(end - 1) === 32) end--
    return {line, start, cp: null, idx: null, cols: Math.max(0, end - start)}
  }
  // Narrow: every character up to the trailing white space is one column
  // wide under every width function (`–`, `é`, `ü`: most non-ASCII text of
  // the dumps).  Then {@link layoutWide} would give display column `c` to
  // the code unit `start + c` and the same code point: the line is plain
  // too, without the two typed arrays per line that would stay alive (and
  // be copied by the garbage collector) as long as the table is scanned.
  const end = Math.max(start, trimmedLength(text))
  let narrow = true
  let k = i
  while (k < end && narrow) {
    const c = text.charCodeAt(k)
    if (c >= 32 && c < 127) {
      // A run of printable ASCII: skipped by the regex engine.
      NOT_PRINTABLE_ASCII.lastIndex = k
      k = NOT_PRINTABLE_ASCII.test(text) ? NOT_PRINTABLE_ASCII.lastIndex - 1 : end
      continue
    }
    narrow = isNarrowEverywhere(c) && (mode === primaryWidth || fallbackWidths.includes(mode) || mode.width(c) === 1)
    k++
  }
  if (narrow) return {line, start, cp: null, idx: null, cols: end - start}
  return layoutWide(line, start, mode, tabStop)
}

/** A code unit other than printable ASCII (global: searched from `lastIndex`). */
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/g

/** Per code unit: 0 not known yet, 1 one column under every width function, 2 not. */
const narrowTable = new Uint8Array(0x10000)

/**
 * Whether a UTF-16 code unit is a character that {@link primaryWidth} and
 * every mode of `fallbackWidths` measure as one column, with no special
 * role in a layout (not a tab or control, not a surrogate, not a ZWJ).
 */
function isNarrowEverywhere(c: number): boolean {
  let v = narrowTable[c]!
  if (v === 0) {
    let ok = !(c < 32 || c === 127 || (c >= 0xd800 && c < 0xe000) || c === 0x200d) && primaryWidth.width(c) === 1
    for (const mode of fallbackWidths) if (ok && mode.width(c) !== 1) ok = false
    v = ok ? 1 : 2
    narrowTable[c] = v
  }
  return v === 1
}

/** {@link layoutLine} for a line with tabs, controls or non-ASCII characters. */
function layoutWide(line: Line, start: number, mode: WidthMode, tabStop: number): LaidLine {
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
      // stays with that character's column, and so do the zero-width
      // characters before it: they must not move to the next column, which
      // may be a wall).
      joined = false
      pending = -1
      continue
    } else if (cp >= 32 && cp < 127) w = 1
    else if (clusters && cols > 0 && (cp === 0x200d || (cp >= 0x1f3fb && cp <= 0x1f3ff)) && !isWallChar(cpArr[cols - 1]!)) {
      joined = cp === 0x200d
      pending = -1
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

/**
 * Whether {@link layoutLine} lays `line.text.slice(start)` out exactly the
 * same way under {@link primaryWidth} and every mode of `fallbackWidths`:
 * true when no character in it is measured differently by them (tabs and
 * printable ASCII never are; a surrogate pair or a ZWJ may be, so they answer
 * false).  Then a line that does not line up under the primary widths does
 * not line up under any other either, and the scanners need not lay it out
 * four more times (a repaired `â€“` → `–` shifts every wall of a row: each
 * row of a long bilateral table paid for four layouts and four scans).
 */
export function sameInEveryMode(line: Line, start: number): boolean {
  const text = line.text
  const primary = primaryWidth.width
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if ((c >= 32 && c < 127) || c === 9) continue
    if ((c >= 0xd800 && c < 0xe000) || c === 0x200d) return false
    const w = primary(c)
    for (const mode of fallbackWidths) if (mode.width(c) !== w) return false
  }
  return true
}

/** `|` or `+`: a ZWJ or an emoji modifier after one is not joined to it (text must not go into a wall). */
function isWallChar(cp: number): boolean {
  return cp === 124 || cp === 43
}

/** Whether every width function lays the line out the same way (printable ASCII only). */
export function isPlain(l: LaidLine): boolean {
  return l.cp === null
}

/** The code point at a display column, or -2 past the end of the line. */
export function cpAt(l: LaidLine, col: number): number {
  if (col >= l.cols || col < 0) return -2
  return l.cp === null ? l.line.text.charCodeAt(l.start + col) : l.cp[col]!
}

/** Code-unit index in the line text where a display column begins (`cols` and beyond: the end of the laid-out text). */
export function columnIndex(l: LaidLine, col: number): number {
  const c = col >= l.cols ? l.cols : col
  return l.idx === null ? l.start + c : l.idx[c]!
}

/** The sub-line between two display columns (`to` exclusive, may be past the end). */
export function sliceColumns(l: LaidLine, from: number, to: number): Line {
  const a = columnIndex(l, from)
  const b = columnIndex(l, to)
  return subLine(l.line, a, Math.max(a, b))
}

/**
 * Finish a cell's raw lines as pandoc does (grid-tables.md §2.8): strip
 * trailing white space, remove one leading space from every line when every
 * line is empty or starts with a space, then drop leading and trailing empty
 * lines.  Offsets stay exact.  Two passes, one new array, no new line when a
 * line needs no change (a table of 100,000 rows makes 300,000 cells).
 */
export function finishCellLines(raw: Line[]): Line[] {
  let allSpace = true
  let a = -1
  let b = -1
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!.text
    if (trimmedLength(t) === 0) continue
    if (t.charCodeAt(0) !== 32) allSpace = false
    if (a < 0) a = i
    b = i
  }
  const out: Line[] = []
  if (a < 0) return out
  for (let i = a; i <= b; i++) {
    const l = raw[i]!
    const e = trimmedLength(l.text)
    const s = allSpace && e > 0 ? 1 : 0
    out.push(s === 0 && e === l.text.length ? l : {text: l.text.slice(s, e), offset: l.offset + s})
  }
  return out
}

/**
 * Length of a text without its trailing white space: what `trimEnd()` keeps
 * (the same characters: ECMAScript WhiteSpace and LineTerminator), without
 * making a new string.
 */
export function trimmedLength(text: string): number {
  const n = text.length
  if (n === 0 || !isTrimmedSpace(text.charCodeAt(n - 1))) return n
  // Trailing white space (a table cell's padding can be long): trimmed by
  // the engine, which is faster than a loop over the code units.
  return text.trimEnd().length
}

/** Whether a UTF-16 code unit is white space as `trim` sees it. */
export function isTrimmedSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13)
  if (c < 0xa0) return false
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  )
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
