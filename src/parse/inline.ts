/**
 * Inline scanner: the text of a paragraph (or heading, or footnote
 * definition) to mdast phrasing content.
 *
 * Ours, not micromark/remark-parse: the input is pandoc's *plain* output, not
 * Markdown, so `*`, `\`, `<…>` and `1994.` mean nothing; only the few things
 * the plain writer produces do: footnote markers `[5]`, `_emphasis_` (some
 * pandoc versions), bare URLs, and artifacts (`{{Cite web` templates).  One
 * regular expression with bounded alternatives, one pass, linear time.
 */

import type {Image, PhrasingContent, Text} from 'mdast'
import {position, recordText, report, type ParseContext} from './context.js'
import type {Template} from './nodes.js'
import {isWhiteSpaceUnit} from '../util/chars.js'

// Alternatives (each bounded, no nested quantifiers):
// 1 footnote marker, 2 URL, 3 emphasis body, 4 template (name, closing).
export const INLINE =
  /\[([1-9]\d{0,3})\]|((?:https?|ftp):\/\/[^\s<>"[\]{}|\\^`]+)|(?<![\p{L}\p{N}_])_([^_\s](?:[^_\n]{0,400}?[^_\s])?)_(?![\p{L}\p{N}_])|\{\{([^{}|\n]{0,200})([^{}\n]{0,2000}?\}\}|[^\n]*)/gu

/** A character without which INLINE cannot match. */
const INLINE_HINT = /[[:_{]/g

/**
 * Where INLINE's search can start in a text, or -1 when it cannot match:
 * every alternative needs one of INLINE_HINT's characters, and no match
 * starts before the first of them but a URL, whose `:` is at most 5 units
 * after its start (`https:`).  (The emphasis lookbehind still sees the text
 * before the start.)
 */
export function inlineSearchStart(text: string): number {
  INLINE_HINT.lastIndex = 0
  if (!INLINE_HINT.test(text)) return -1
  return Math.max(0, INLINE_HINT.lastIndex - 1 - 5)
}

/**
 * Where {@link parseInlineText}'s first search starts in `text`: the first
 * character that can start a match or be a URL's `:` (see
 * {@link nextMatch}), or -1 when there is none and so nothing inline.  The
 * block scanner makes the one text node of such a one-line paragraph (most
 * table cells) directly, in an array of its exact size, and otherwise hands
 * the position on to parseInlineText, which then does not search for it
 * again.
 */
export function firstInlineHint(text: string): number {
  resetHints()
  hintText = text
  return hintFrom(text, 0)
}

/** The text {@link firstInlineHint} last searched: its hint positions are those of this text. */
let hintText: string | null = null

/** {@link nextMatch}: the match is a footnote marker, at `found`. */
const MARKER_FOUND = 1

/** The footnote marker {@link nextMatch} read by hand (`id`: its number, read with the digits). */
const found = {start: 0, end: 0, id: 0}

/**
 * `INLINE.exec(text)` from `from`, without running INLINE where the answer
 * is plain: the search starts at the first hint character at or after
 * `from` (a `:` only when `//` follows it), less 5 (see
 * {@link inlineSearchStart}); and when that character is
 * a `[` opening a footnote marker, that marker is the match (no alternative
 * starts before it: a URL reaching over it would have a `[` among the
 * letters of its scheme), read by hand.  Returns INLINE's match, or
 * MARKER_FOUND with the marker's range in `found`, or null.
 */
function nextMatch(text: string, from: number): RegExpExecArray | typeof MARKER_FOUND | null {
  const p = hintFrom(text, from)
  return p < 0 ? null : matchAt(text, from, p)
}

/**
 * The first hint character at or after `from` that can start a match or be
 * a URL's `:` (a `:` not followed by `//` is neither: skipped, so that
 * INLINE does not run over the rest of a line that only has such colons),
 * or -1: what INLINE_HINT finds from `from`; in a long text, as the nearest
 * of the next `[`, `:`, `_` and `{` (see nextBracket).
 */
function hintFrom(text: string, from: number): number {
  const n = text.length
  let p: number
  if (n < INDEXOF_MIN) {
    // A short text (a table cell, a title): one regex call costs less than
    // four `indexOf`.
    INLINE_HINT.lastIndex = from
    for (;;) {
      if (!INLINE_HINT.test(text)) return -1
      p = INLINE_HINT.lastIndex - 1
      if (text.charCodeAt(p) !== 58 || (p + 2 < n && text.charCodeAt(p + 1) === 47 && text.charCodeAt(p + 2) === 47)) return p
    }
  }
  p = nextHint(text, from)
  return p === n ? -1 : p
}

/** {@link nextMatch} from `from` whose hint character is at `p`. */
function matchAt(text: string, from: number, p: number): RegExpExecArray | typeof MARKER_FOUND | null {
  if (text.charCodeAt(p) === 91) {
    // `\[([1-9]\d{0,3})\]`
    const d = text.charCodeAt(p + 1)
    if (d >= 49 && d <= 57) {
      let j = p + 2
      let id = d - 48
      for (; j < p + 5; j++) {
        const e = text.charCodeAt(j)
        if (!isDigitUnit(e)) break
        id = id * 10 + (e - 48)
      }
      if (text.charCodeAt(j) === 93) {
        found.start = p
        found.end = j + 1
        found.id = id
        return MARKER_FOUND
      }
    }
  }
  INLINE.lastIndex = Math.max(from, p - 5)
  return INLINE.exec(text)
}

/** The {@link nextMatch} search of a long text (see nextBracket): the hint's index, or the text's length for none. */
function nextHint(text: string, from: number): number {
  const n = text.length
  if (nextBracket < from) nextBracket = indexOrEnd(text, '[', from)
  if (nextUnderscore < from) nextUnderscore = indexOrEnd(text, '_', from)
  if (nextBrace < from) nextBrace = indexOrEnd(text, '{', from)
  if (nextColon < from) nextColon = indexOrEnd(text, ':', from)
  // Colons that start no URL.
  while (nextColon < n && !(nextColon + 2 < n && text.charCodeAt(nextColon + 1) === 47 && text.charCodeAt(nextColon + 2) === 47)) {
    nextColon = indexOrEnd(text, ':', nextColon + 1)
  }
  let p = nextBracket
  if (nextUnderscore < p) p = nextUnderscore
  if (nextBrace < p) p = nextBrace
  if (nextColon < p) p = nextColon
  return p
}

/** Texts at least this long are searched with {@link nextHint}. */
const INDEXOF_MIN = 80

/**
 * Where {@link nextHint} found the next `[`, `_`, `{` and `:` (a `:` that
 * can start a URL) of the text it searches, at or after the last `from` it
 * was given (the text's length: none).  One `indexOf` per character (the
 * engine's search is much faster than INLINE_HINT, a regex run again from
 * each match: a paragraph with many footnote markers ran it once per
 * marker), searched again only when a match has passed it; reset with
 * {@link resetHints} before each text.
 */
let nextBracket = -1
let nextUnderscore = -1
let nextBrace = -1
let nextColon = -1

function resetHints(): void {
  hintText = null
  nextBracket = -1
  nextUnderscore = -1
  nextBrace = -1
  nextColon = -1
}

/** `text.indexOf(c, from)`, with the text's length for none. */
function indexOrEnd(text: string, c: string, from: number): number {
  const i = text.indexOf(c, from)
  return i === -1 ? text.length : i
}

function isDigitUnit(c: number): boolean {
  return c >= 48 && c <= 57
}

/**
 * The matches {@link parseInlineText} finds in a text, as
 * `[start, end, alternative]`, searching on after each whole match: for the
 * equivalence tests against INLINE.
 */
export function inlineMatches(text: string): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = []
  let from = 0
  let m: RegExpExecArray | typeof MARKER_FOUND | null
  resetHints()
  while ((m = nextMatch(text, from)) !== null) {
    if (m === MARKER_FOUND) {
      out.push([found.start, found.end, 1])
      from = found.end
    } else {
      const kind = m[1] !== undefined ? 1 : m[2] !== undefined ? 2 : m[3] !== undefined ? 3 : 4
      out.push([m.index, m.index + m[0].length, kind])
      from = m.index + m[0].length
    }
  }
  return out
}

const TRAILING_URL_PUNCTUATION = /[.,;:!?)'"]+$/

/**
 * Parse one line of inline text, `text` at working offset `offset`,
 * appending to `out` (no array per line): the block scanner calls it on the
 * trimmed text of a paragraph line without making a `Line` for it.
 */
export function parseInlineText(text: string, offset: number, ctx: ParseContext, out: PhrasingContent[], firstHint = -2): PhrasingContent[] {
  let last = 0
  let m: RegExpExecArray | typeof MARKER_FOUND | null
  let from = 0
  // `firstHint`: what firstInlineHint found in this text (-1 none), or -2
  // (not searched yet).  After firstInlineHint on this same text the hint
  // positions it left (see nextBracket) are kept: each is the first of its
  // character at or after 0, so also at or after any later `from` it has
  // not passed; resetting them searched a long text for all four again.
  // (Kept only for the very text firstInlineHint searched last.)
  if (firstHint === -2 || hintText !== text) resetHints()
  else hintText = null
  m = firstHint === -2 ? nextMatch(text, 0) : firstHint < 0 ? null : matchAt(text, 0, firstHint)
  for (; m !== null; m = nextMatch(text, from)) {
    if (m === MARKER_FOUND) {
      // A footnote marker read by hand (most matches): no match array.
      const start = found.start
      const end = found.end
      // The number read with the digits (no `Number(id)`), and its text
      // from it: `String` answers repeated numbers from the engine's
      // number-to-string cache, where a slice of the text made a new string
      // for every marker.  The same text: no leading zero (`[1-9]` first).
      const id = String(found.id)
      ctx.markers.push(found.id, offset + start)
      if (start > last) out.push(textNode(text.slice(last, start), offset + last, ctx))
      // Made whole, its position in the literal (no change of hidden class);
      // after the text before it, whose end offset is already mapped.
      out.push({type: 'footnoteReference', identifier: id, label: id, position: position(ctx, offset + start, offset + end)})
      last = end
      from = end
      continue
    }
    const start = m.index
    let end = start + m[0].length
    let node: PhrasingContent
    if (m[1] !== undefined) {
      const id = m[1]
      ctx.markers.push(Number(id), offset + start)
      node = {type: 'footnoteReference', identifier: id, label: id}
    } else if (m[2] !== undefined) {
      let url = m[2]
      const trail = TRAILING_URL_PUNCTUATION.exec(url)
      if (trail) {
        // Keep a closing parenthesis that has its opening one in the URL.
        let cut = trail[0].length
        if (trail[0].startsWith(')') && url.includes('(')) cut = trail[0].length - 1
        if (cut > 0) url = url.slice(0, url.length - cut)
        end = start + url.length
      }
      if (url.length < 10) {
        // Not a link: the search goes on after the whole match.
        from = m.index + m[0].length
        continue
      }
      node = {type: 'link', url, children: [textNode(url, offset + start, ctx)]}
    } else if (m[3] !== undefined) {
      node = {type: 'emphasis', children: [textNode(m[3], offset + start + 1, ctx)]}
    } else {
      const name = (m[4] ?? '').trim()
      const rest = m[5] ?? ''
      const closed = rest.endsWith('}}')
      const template: Template = {type: 'template', name, closed, value: m[0]}
      node = template
      report(
        ctx,
        'broken-template',
        'warning',
        closed
          ? `Unparsed template \`{{${name}…}}\` left in the text by the conversion`
          : `Broken template \`{{${name}\`: the conversion cut it off; its text is kept out of claims`,
        offset + start,
        offset + end,
        {name, closed}
      )
    }
    if (start > last) out.push(textNode(text.slice(last, start), offset + last, ctx))
    node.position = position(ctx, offset + start, offset + end)
    out.push(node)
    last = end
    from = end
  }
  if (last < text.length) out.push(textNode(text.slice(last), offset + last, ctx))
  return out
}

// An image whose wikitext pandoc reduced to its file name (`Visa_Mali.jpg`)
// or its caption (`[A caption]`, `[]`), glued to the start of a paragraph.
const IMAGE_FILE = /^([^\s[\]]{1,200}\.(?:jpe?g|png|svg|gif|tiff?|webp|bmp))(?: +|$)/i
const IMAGE_CAPTION = /^\[((?!\/\/|https?:|ftp:)[^\]\d][^\]]{0,500}|)\](?: +|$)/

/** {@link leadingImageKind}: which regex can match at the start of a text. */
const NO_IMAGE = 0
const CAPTION = 1
const FILE_NAME = 2

/**
 * Which of `IMAGE_CAPTION` and `IMAGE_FILE` can match `text`: a caption
 * starts with `[` (where a file name cannot), and a file name needs a `.`
 * in the first run of characters other than white space and brackets; so
 * that a regex runs only when it can match.
 */
function leadingImageKind(text: string): number {
  if (text.charCodeAt(0) === 91) return CAPTION
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 46) return FILE_NAME
    if (c === 91 || c === 93 || isWhiteSpaceUnit(c)) break
  }
  return NO_IMAGE
}

/** `IMAGE_FILE.exec(text) ?? IMAGE_CAPTION.exec(text)`, running a regex only when it can match (see {@link leadingImageKind}). */
function leadingImage(text: string): RegExpExecArray | null {
  const kind = leadingImageKind(text)
  return kind === CAPTION ? IMAGE_CAPTION.exec(text) : kind === FILE_NAME ? IMAGE_FILE.exec(text) : null
}

/** Whether {@link leadingImageInto} may find an image at the start of `text`: false when it certainly finds none. */
export function mayHaveLeadingImage(text: string): boolean {
  return leadingImageKind(text) !== NO_IMAGE
}

/**
 * An image artifact at the start of a paragraph whose first (trimmed) line
 * is `text` at working offset `offset`: pushed to `out` when there is one
 * and text follows it.  Returns how many code units of `text` it took (0:
 * none).
 */
export function leadingImageInto(text: string, offset: number, ctx: ParseContext, out: PhrasingContent[]): number {
  const m = leadingImage(text)
  if (!m || m[0].length >= text.length) return 0
  const isFile = m[0].charCodeAt(0) !== 91
  const name = m[1]!
  const image: Image = {
    type: 'image',
    url: isFile ? name : '',
    alt: isFile ? null : name,
    position: position(ctx, offset, offset + m[0].trimEnd().length),
    data: {artifact: isFile ? 'file-name' : 'caption'}
  }
  out.push(image)
  return m[0].length
}

/** A text node of `value` at working offset `offset`, recorded in `ctx.offsets` (for the block scanner's one-text paragraphs). */
export function textNode(value: string, offset: number, ctx: ParseContext): Text {
  const node: Text = {type: 'text', value, position: position(ctx, offset, offset + value.length)}
  recordText(ctx, node, offset, node.position!.start.offset!)
  return node
}
