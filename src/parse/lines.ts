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

/** Whether a line holds only white space (`/^\s*$/`, by code unit: it runs on every line, often several times). */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isWhiteSpaceUnit(text.charCodeAt(i))) return false
  return true
}

/** A sub-line: `line.text.slice(from, to)` with its offset. */
export function subLine(line: Line, from: number, to = line.text.length): Line {
  return {text: line.text.slice(from, to), offset: line.offset + from}
}
