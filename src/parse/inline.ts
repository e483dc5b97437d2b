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
import type {Line} from './lines.js'
import {position, report, type ParseContext} from './context.js'
import type {Template} from './nodes.js'
import {isWhiteSpaceUnit} from '../util/chars.js'

// Alternatives (each bounded, no nested quantifiers):
// 1 footnote marker, 2 URL, 3 emphasis body, 4 template (name, closing).
export const INLINE =
  /\[([1-9]\d{0,3})\]|((?:https?|ftp):\/\/[^\s<>"[\]{}|\\^`]+)|(?<![\p{L}\p{N}_])_([^_\s](?:[^_\n]{0,400}?[^_\s])?)_(?![\p{L}\p{N}_])|\{\{([^{}|\n]{0,200})([^{}\n]{0,2000}?\}\}|[^\n]*)/gu

/** INLINE's emphasis alternative alone, sticky (tried at a `_`). */
const EMPHASIS = /(?<![\p{L}\p{N}_])_([^_\s](?:[^_\n]{0,400}?[^_\s])?)_(?![\p{L}\p{N}_])/uy

/** INLINE's template alternative alone, sticky (tried at a `{{`). */
const TEMPLATE = /\{\{([^{}|\n]{0,200})([^{}\n]{0,2000}?\}\}|[^\n]*)/uy

const MARKER = 1
const URL = 2
const EMPH = 3
const TEMPL = 4

/** What {@link findInline} found: the alternative, where its match starts and ends, and the match of a sticky alternative. */
const found = {kind: 0, start: 0, end: 0, match: null as RegExpExecArray | null}

/**
 * `INLINE.exec(text)` from `from`, by code unit: each alternative of INLINE
 * starts with its own character (`[`, `h` or `f`, `_`, `{`), so its leftmost
 * match is at the first position where the alternative of that position's
 * character matches.  The footnote marker and the URL are read by hand; the
 * rare emphasis and template run their own alternative as a sticky regex.
 * One pass over the text instead of the whole alternation tried at every
 * position, and no match array for the markers (most matches).  The result
 * is in {@link found}.
 */
function findInline(text: string, from: number): boolean {
  const n = text.length
  for (let i = from; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c === 91) {
      // `\[([1-9]\d{0,3})\]`
      const d = text.charCodeAt(i + 1)
      if (d < 49 || d > 57) continue
      let j = i + 2
      while (j < n && j < i + 5 && isDigit(text.charCodeAt(j))) j++
      if (text.charCodeAt(j) !== 93) continue
      found.kind = MARKER
      found.start = i
      found.end = j + 1
      return true
    }
    if (c === 104 || c === 102) {
      // `(?:https?|ftp):\/\/[^\s<>"[\]{}|\\^\`]+`
      let j: number
      if (c === 104) {
        if (text.charCodeAt(i + 1) !== 116 || text.charCodeAt(i + 2) !== 116 || text.charCodeAt(i + 3) !== 112) continue
        j = text.charCodeAt(i + 4) === 115 ? i + 5 : i + 4
      } else {
        if (text.charCodeAt(i + 1) !== 116 || text.charCodeAt(i + 2) !== 112) continue
        j = i + 3
      }
      if (text.charCodeAt(j) !== 58 || text.charCodeAt(j + 1) !== 47 || text.charCodeAt(j + 2) !== 47) continue
      j += 3
      const body = j
      while (j < n && isUrlUnit(text.charCodeAt(j))) j++
      if (j === body) continue
      found.kind = URL
      found.start = i
      found.end = j
      return true
    }
    if (c === 95) {
      EMPHASIS.lastIndex = i
      const m = EMPHASIS.exec(text)
      if (!m) continue
      found.kind = EMPH
      found.start = i
      found.end = i + m[0].length
      found.match = m
      return true
    }
    if (c === 123 && text.charCodeAt(i + 1) === 123) {
      TEMPLATE.lastIndex = i
      const m = TEMPLATE.exec(text)
      if (!m) continue
      found.kind = TEMPL
      found.start = i
      found.end = i + m[0].length
      found.match = m
      return true
    }
  }
  return false
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

/** A code unit of `[^\s<>"[\]{}|\\^\`]` (a surrogate is one too, as a pair or alone). */
function isUrlUnit(c: number): boolean {
  if (c >= 0x80) return !isWhiteSpaceUnit(c)
  if (c === 32 || (c >= 9 && c <= 13)) return false
  return c !== 60 && c !== 62 && c !== 34 && c !== 91 && c !== 93 && c !== 123 && c !== 125 && c !== 124 && c !== 92 && c !== 94 && c !== 96
}

/**
 * The matches {@link findInline} finds in a text, as `[start, end, alternative]`
 * (searching on after each whole match): for the equivalence tests against
 * {@link INLINE}.
 */
export function inlineMatches(text: string): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = []
  let from = 0
  while (findInline(text, from)) {
    out.push([found.start, found.end, found.kind])
    from = found.end
    found.match = null
  }
  return out
}

const TRAILING_URL_PUNCTUATION = /[.,;:!?)'"]+$/

/** Parse one line of inline text.  `line.offset` is its working offset. */
export function parseInline(line: Line, ctx: ParseContext): PhrasingContent[] {
  return parseInlineInto(line, ctx, [])
}

/** `parseInline`, appending to `out` (no array per line). */
function parseInlineInto(line: Line, ctx: ParseContext, out: PhrasingContent[]): PhrasingContent[] {
  return parseInlineText(line.text, line.offset, ctx, out)
}

/**
 * `parseInline` of the line `{text, offset}`, appending to `out`: the block
 * scanner calls it on the trimmed text of a paragraph line without making a
 * `Line` for it.
 */
export function parseInlineText(text: string, offset: number, ctx: ParseContext, out: PhrasingContent[]): PhrasingContent[] {
  // The alternatives of INLINE, found one after the other (findInline).
  let last = 0
  let from = 0
  while (findInline(text, from)) {
    const start = found.start
    let end = found.end
    let node: PhrasingContent
    if (found.kind === MARKER) {
      const id = text.slice(start + 1, end - 1)
      ctx.markers.push({id: Number(id), offset: offset + start})
      node = {type: 'footnoteReference', identifier: id, label: id}
    } else if (found.kind === URL) {
      let url = text.slice(start, end)
      const trail = TRAILING_URL_PUNCTUATION.exec(url)
      if (trail) {
        // Keep a closing parenthesis that has its opening one in the URL.
        let cut = trail[0].length
        if (trail[0].startsWith(')') && url.includes('(')) cut = trail[0].length - 1
        if (cut > 0) url = url.slice(0, url.length - cut)
        end = start + url.length
      }
      if (url.length < 10) {
        // Not a link; the search goes on after the whole match.
        from = found.end
        continue
      }
      node = {type: 'link', url, children: [textNode(url, offset + start, ctx)]}
    } else if (found.kind === EMPH) {
      node = {type: 'emphasis', children: [textNode(found.match![1]!, offset + start + 1, ctx)]}
    } else {
      const m = found.match!
      const name = (m[1] ?? '').trim()
      const rest = m[2] ?? ''
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
    found.match = null
    if (start > last) out.push(textNode(text.slice(last, start), offset + last, ctx))
    node.position = position(ctx, offset + start, offset + end)
    out.push(node)
    last = end
    from = end
  }
  if (last < text.length) out.push(textNode(last === 0 ? text : text.slice(last), offset + last, ctx))
  return out
}

// An image whose wikitext pandoc reduced to its file name (`Visa_Mali.jpg`)
// or its caption (`[A caption]`, `[]`), glued to the start of a paragraph.
const IMAGE_FILE = /^([^\s[\]]{1,200}\.(?:jpe?g|png|svg|gif|tiff?|webp|bmp))(?: +|$)/i
const IMAGE_CAPTION = /^\[((?!\/\/|https?:|ftp:)[^\]\d][^\]]{0,500}|)\](?: +|$)/

/**
 * `IMAGE_FILE.exec(text) ?? IMAGE_CAPTION.exec(text)`, running a regex only
 * when it can match: a caption starts with `[` (where a file name cannot),
 * and a file name needs a `.` in the first run of characters other than
 * white space and brackets.
 */
function leadingImage(text: string): RegExpExecArray | null {
  if (text.charCodeAt(0) === 91) return IMAGE_CAPTION.exec(text)
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 46) return IMAGE_FILE.exec(text)
    if (c === 91 || c === 93 || isWhiteSpaceUnit(c)) break
  }
  return null
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

/** Parse several lines (hard line breaks between them). */
export function parseInlineLines(lines: Line[], ctx: ParseContext, options: {leadingImage?: boolean} = {}): PhrasingContent[] {
  const out: PhrasingContent[] = []
  const first = lines[0]
  if (options.leadingImage && first) {
    const cut = leadingImageInto(first.text, first.offset, ctx, out)
    if (cut > 0) lines = [{text: first.text.slice(cut), offset: first.offset + cut}, ...lines.slice(1)]
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (i > 0) {
      const prev = lines[i - 1]!
      out.push({type: 'break', position: position(ctx, prev.offset + prev.text.length, line.offset)})
    }
    parseInlineInto(line, ctx, out)
  }
  return out
}

function textNode(value: string, offset: number, ctx: ParseContext): Text {
  const node: Text = {type: 'text', value, position: position(ctx, offset, offset + value.length)}
  ctx.offsets.set(node, offset)
  return node
}

/** The plain text of phrasing content (markers, templates and link numbers left out). */
export function phrasingText(nodes: readonly PhrasingContent[]): string {
  let s = ''
  for (const n of nodes) {
    if (n.type === 'text' || n.type === 'inlineCode') s += n.value
    else if (n.type === 'break') s += '\n'
    else if ('children' in n) s += phrasingText(n.children as PhrasingContent[])
  }
  return s
}
