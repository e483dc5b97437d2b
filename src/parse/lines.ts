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

/** Split a text into lines (LF or CRLF), linear. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = []
  let start = 0
  const n = text.length
  while (start <= n) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = n
    let stop = end
    if (stop > start && text.charCodeAt(stop - 1) === 13) stop--
    lines.push({text: text.slice(start, stop), offset: start})
    if (end === n) break
    start = end + 1
  }
  // A final newline does not start another line.
  if (lines.length > 1 && lines[lines.length - 1]!.text === '' && text.endsWith('\n')) lines.pop()
  return lines
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
