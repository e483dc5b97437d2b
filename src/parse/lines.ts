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
 * Split a text into lines (LF or CRLF), linear.  The text may come in
 * consecutive chunks, each but the last ending in a line feed (no line spans
 * two, see `prepare`): the lines are the same, their offsets in the whole
 * text, and the whole text is never built.
 */
export function splitLines(text: string | readonly string[]): Line[] {
  const lines: Line[] = []
  const chunks = typeof text === 'string' ? [text] : text
  let base = 0
  let endsInLineFeed = false // whether the text so far ends in a line feed
  const last = chunks.length - 1
  for (let c = 0; c <= last; c++) {
    const chunk = chunks[c]!
    linesOf(chunk, base, c === last, lines)
    base += chunk.length
    if (chunk.length > 0) endsInLineFeed = chunk.charCodeAt(chunk.length - 1) === 10
  }
  // A final newline does not start another line.
  if (lines.length > 1 && lines[lines.length - 1]!.text === '' && endsInLineFeed) lines.pop()
  return lines
}

/**
 * Pushes the lines of `text` (at offset `base` in the whole) onto `lines`;
 * the empty line after a final line feed only when `final` (else the next
 * chunk starts it).
 */
function linesOf(text: string, base: number, final: boolean, lines: Line[]): void {
  let start = 0
  const n = text.length
  if (n === 0 && !final) return
  while (start <= n) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = n
    let stop = end
    if (stop > start && text.charCodeAt(stop - 1) === 13) stop--
    lines.push({text: text.slice(start, stop), offset: base + start})
    if (end === n) break
    start = end + 1
    if (start === n && !final) break
  }
}

/**
 * The `Line` objects of {@link documentLines}, kept between documents and
 * overwritten: a new object for every line of every document was the
 * largest thing the parser allocated that does not end up in the tree (a
 * tree never holds a `Line`).  Grows to the longest document's line count;
 * dropped after a document of more than {@link POOL_MAX} lines.
 */
let linePool: Line[] = []

/** The most lines {@link linePool} keeps for the next document. */
const POOL_MAX = 1 << 16

/**
 * {@link splitLines} for the parser: the same lines, but in `Line` objects
 * kept between documents (see linePool) and an array made at its exact
 * size (not grown by `push`).  The objects are overwritten by the next
 * call: only for one document at a time, read while it is parsed, handed
 * back with {@link releaseDocumentLines} (parseText does both and keeps no
 * `Line` after it returns).
 */
export function documentLines(text: string | readonly string[]): Line[] {
  return linePool.slice(0, loadDocumentLines(text))
}

/**
 * {@link documentLines} without the array: the lines are the first
 * `count` (returned) of {@link documentLinePool}.  For parseText, which
 * copies only the lines of the body (before the notes) into an array.
 */
export function loadDocumentLines(text: string | readonly string[]): number {
  if (linePool.length > POOL_MAX) linePool = []
  let count = 0
  let endsInLineFeed = false
  if (typeof text === 'string') {
    count = linesInto(text, 0, true, 0)
    endsInLineFeed = text.length > 0 && text.charCodeAt(text.length - 1) === 10
  } else {
    let base = 0
    const last = text.length - 1
    for (let c = 0; c <= last; c++) {
      const chunk = text[c]!
      count = linesInto(chunk, base, c === last, count)
      base += chunk.length
      if (chunk.length > 0) endsInLineFeed = chunk.charCodeAt(chunk.length - 1) === 10
    }
  }
  // A final newline does not start another line.
  if (count > 1 && linePool[count - 1]!.text === '' && endsInLineFeed) count--
  return count
}

/** The lines {@link loadDocumentLines} loaded (and maybe more, of earlier documents, after them). */
export function documentLinePool(): readonly Line[] {
  return linePool
}

/**
 * Let go of the text of the first `count` pooled lines (a document's
 * lines, see {@link documentLines}): the pool would otherwise keep the
 * document's text alive until a later document overwrote them.
 */
export function releaseDocumentLines(count: number): void {
  const n = Math.min(count, linePool.length)
  for (let k = 0; k < n; k++) linePool[k]!.text = ''
}

/** {@link linesOf} into {@link linePool} from index `count`: returns the new count. */
function linesInto(text: string, base: number, final: boolean, count: number): number {
  let start = 0
  const n = text.length
  if (n === 0 && !final) return count
  const pool = linePool
  while (start <= n) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = n
    let stop = end
    if (stop > start && text.charCodeAt(stop - 1) === 13) stop--
    const t = text.slice(start, stop)
    if (count < pool.length) {
      const l = pool[count]!
      l.text = t
      l.offset = base + start
    } else pool.push({text: t, offset: base + start})
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
