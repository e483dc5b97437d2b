// Frozen reference: splitLines of src/parse/lines.ts as it was before the
// parser's lines were kept between documents (issue 8, commit ae95ad7), kept
// as the plain definition that the tests compare loadDocumentLines with and
// use to make lines.  Do not optimise it; change it only together with a
// deliberate change of behaviour.

import type {Line} from '../../src/parse/lines.js'

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
