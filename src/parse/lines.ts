/**
 * Lines of the working text.  Every block-level scanner in `parse/` works on
 * arrays of `Line`s: the document's own lines, and the content lines of a
 * table cell or a list item, which are substrings of document lines.  A line
 * knows the working-text offset of its first character, so any node built from
 * it gets a position in the original input through `PositionMap`.
 */

import {isWhiteSpaceUnit} from '../util/chars.js'

export interface Line {
  /** The text of the line, without its line ending (`\r` removed too). */
  text: string
  /** Working-text offset of `text[0]`. */
  offset: number
}

/**
 * The `Line` objects of the document being parsed, kept between documents
 * and overwritten: a new object for every line of every document was the
 * largest thing the parser allocated that does not end up in the tree (a
 * tree never holds a `Line`).  Grows to the longest document's line count;
 * dropped when a document of more than {@link POOL_MAX} lines is released.
 */
let linePool: Line[] = []

/** The most lines {@link linePool} keeps for the next document. */
const POOL_MAX = 1 << 16

/**
 * Split a text into lines (LF or CRLF), linear.  The text may come in
 * consecutive chunks, each but the last ending in a line feed or empty (no
 * line spans two, see `prepare`): the lines are the same, their offsets in
 * the whole text, and the whole text is never built.
 */
export function splitLines(text: string | readonly string[]): Line[] {
  const lines: Line[] = []
  lines.length = fillLines(lines, text)
  return lines
}

/**
 * {@link splitLines} for the parser: the lines in the first `count`
 * (returned) `Line`s of {@link documentLinePool}, overwriting those of the
 * last document.  For one document at a time: parseText loads the lines,
 * reads them while it parses, and hands them back with
 * {@link releaseDocumentLines} (no `Line` of the pool outlives the call).
 */
export function loadDocumentLines(text: string | readonly string[]): number {
  if (linePool.length > POOL_MAX) linePool = []
  return fillLines(linePool, text)
}

/** The lines of `text` into `lines` from index 0 (overwriting, then pushing): returns their count. */
function fillLines(lines: Line[], text: string | readonly string[]): number {
  let count = 0
  let endsInLineFeed = false // whether the text so far ends in a line feed
  if (typeof text === 'string') {
    count = linesInto(lines, text, 0, true, 0)
    endsInLineFeed = text.length > 0 && text.charCodeAt(text.length - 1) === 10
  } else {
    let base = 0
    const last = text.length - 1
    for (let c = 0; c <= last; c++) {
      const chunk = text[c]!
      count = linesInto(lines, chunk, base, c === last, count)
      base += chunk.length
      if (chunk.length > 0) endsInLineFeed = chunk.charCodeAt(chunk.length - 1) === 10
    }
  }
  // A final newline does not start another line.
  if (count > 1 && lines[count - 1]!.text === '' && endsInLineFeed) count--
  return count
}

/** The lines {@link loadDocumentLines} loaded (and maybe more, of earlier documents, after them). */
export function documentLinePool(): readonly Line[] {
  return linePool
}

/**
 * Let go of the text of the first `count` pooled lines (the lines of the
 * document just parsed): the pool would otherwise keep the document's text
 * alive until a later document overwrote them.  A pool grown past
 * {@link POOL_MAX} lines is dropped whole.
 */
export function releaseDocumentLines(count: number): void {
  if (linePool.length > POOL_MAX) {
    linePool = []
    return
  }
  const n = Math.min(count, linePool.length)
  for (let k = 0; k < n; k++) linePool[k]!.text = ''
}

/**
 * Writes the lines of `text` (at offset `base` in the whole) into `lines`
 * from index `count` (overwriting, then pushing), and returns the new
 * count; the empty line after a final line feed only when `final` (else
 * the next chunk starts it).
 */
function linesInto(lines: Line[], text: string, base: number, final: boolean, count: number): number {
  let start = 0
  const n = text.length
  if (n === 0 && !final) return count
  while (start <= n) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = n
    let stop = end
    if (stop > start && text.charCodeAt(stop - 1) === 13) stop--
    const t = text.slice(start, stop)
    if (count < lines.length) {
      const l = lines[count]!
      l.text = t
      l.offset = base + start
    } else lines.push({text: t, offset: base + start})
    count++
    if (end === n) break
    start = end + 1
    if (start === n && !final) break
  }
  return count
}

/** Whether a line holds only white space (`/^\s*$/`, by code unit: it runs on every line, often several times). */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isWhiteSpaceUnit(text.charCodeAt(i))) return false
  return true
}

/** A sub-line: `line.text.slice(from, to)` with its offset. */
export function subLine(line: Line, from: number, to = line.text.length): Line {
  return {text: line.text.slice(from, to), offset: line.offset + from}
}
