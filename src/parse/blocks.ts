/**
 * Block scanner: lines → mdast blocks (paragraphs, lists, tables, block
 * quotes, headings, artifacts).
 *
 * Ours, not remark-parse: pandoc's plain writer output is not Markdown (a
 * line `1994. Founded` is a paragraph, not a list), and the grammar it does
 * use — blank-line separated blocks, `-   ` lists, grid and simple tables,
 * bare headings — is small.  A single forward pass over the lines; table
 * cells and list items are re-scanned as sub-documents made of sub-lines, so
 * every node keeps its exact position.
 */

import type {Point} from 'unist'
import type {BlockContent, DefinitionContent, List, ListItem, Paragraph, PhrasingContent, Table, TableRow} from 'mdast'
import {isBlank, subLine, type Line} from './lines.js'
import {pointAt, position, positionFrom, report, type ParseContext} from './context.js'
import {firstInlineHint, leadingImageInto, mayHaveLeadingImage, parseInlineText, textNode} from './inline.js'
import {trimmedLength} from './table-layout.js'
import type {BlockTableCell, Category} from './nodes.js'
import {LineCell, type ScannedRow, type ScannedTable} from './table-types.js'
import {scanGridTable} from './grid-table.js'
import {scanSimpleTable} from './simple-table.js'
import {isWhiteSpaceUnit} from '../util/chars.js'

export type Block = BlockContent | DefinitionContent

export interface BlockOptions {
  /** Top level of the document: infer headings and category lines. */
  topLevel?: boolean
  /** Something (the footnote definitions) follows these lines. */
  followedByContent?: boolean
}

/** Deepest nesting of tables/lists/quotes we re-scan; deeper text stays a paragraph. */
const MAX_DEPTH = 32

const BULLET = /^( *)([-*+])( +(?=\S)| *$)/
const ORDERED = /^( *)(\d{1,9}|[a-zA-Z]|[ivxlcdm]{1,8}|[IVXLCDM]{1,8})([.)])( +)(?=\S)/
/** What {@link isGridStart} and {@link isDashRuns} test (kept for the equivalence tests). */
export const GRID_START = /^ {0,3}\+[-=:]/
export const DASH_RUNS = /^ {0,3}-+(?: +-+)* *$/

/** Known section titles (English and a few other languages seen in dumps). */
export const KNOWN_SECTIONS = new Set(
  [
    'references', 'see also', 'external links', 'notes', 'further reading', 'bibliography', 'sources',
    'citations', 'footnotes', 'literature', 'works cited', 'notes and references', 'references and notes',
    'multilateral membership', 'multilateral relations', 'bilateral relations', 'history', 'overview',
    'einzelnachweise', 'weblinks', 'literatur', 'siehe auch', 'anmerkungen', 'quellen', 'verweise',
    'références', 'liens externes', 'voir aussi', 'notes et références', 'bronnen', 'verwysings'
  ]
)

export interface Marker {
  indent: number
  ordered: boolean
  /** Column where the item's content starts. */
  content: number
  bullet: string
  start: number | null
  delimiter: '.' | ')' | null
}

/**
 * The list marker a line starts with: what {@link listMarkerByRegex} finds
 * (`BULLET`, then `ORDERED`), read by code unit.  It runs on every line that
 * starts a block and on every continuation line of a paragraph, where the
 * two regexes (and the match arrays) were a hot spot; most lines are ruled
 * out by their first character after the indentation.
 */
export function listMarker(text: string): Marker | null {
  const n = text.length
  let p = 0
  while (p < n && text.charCodeAt(p) === 32) p++
  if (p === n) return null
  const indent = p
  const c = text.charCodeAt(p)
  if (c === 45 || c === 42 || c === 43) {
    // BULLET: `( +(?=\S)| *$)` after the bullet.
    let q = p + 1
    while (q < n && text.charCodeAt(q) === 32) q++
    if (q === n || (q > p + 1 && !isWhiteSpaceUnit(text.charCodeAt(q)))) {
      return {indent, ordered: false, content: q, bullet: text.charAt(p), start: null, delimiter: null}
    }
    // Neither alternative: ORDERED cannot match a bullet character either.
    return null
  }
  // ORDERED: the token runs up to the delimiter, which is no letter or
  // digit, so it is the whole run of letters and digits after the
  // indentation: up to 9 digits, one letter, or up to 8 Roman digits of one
  // case.  Most lines start with a word, ruled out by its second letter.
  let q = p + 1
  const isDigit = c >= 48 && c <= 57
  if (isDigit) {
    while (q < n && isDigitUnit(text.charCodeAt(q))) q++
    if (q - p > 9) return null
  } else {
    const low = c | 32
    if (low < 97 || low > 122) return null
    if (q === n) return null
    const d = text.charCodeAt(q)
    if (d !== 46 && d !== 41) {
      if (!isRoman(low)) return null
      // Roman digits of the first one's case.
      const caseBit = c & 32
      for (; q < n; q++) {
        const e = text.charCodeAt(q)
        if ((e & 32) !== caseBit || !isRoman(e | 32)) break
      }
      if (q - p > 8) return null
    }
  }
  if (q === n) return null
  const delimiter = text.charCodeAt(q)
  if (delimiter !== 46 && delimiter !== 41) return null
  let r = q + 1
  while (r < n && text.charCodeAt(r) === 32) r++
  const spaces = r - q - 1
  if (spaces === 0 || r === n || isWhiteSpaceUnit(text.charCodeAt(r))) return null
  // Only `1.`/`a)` style markers followed by two spaces (pandoc's plain writer
  // pads ordered markers to 4 columns) or by one space with a digit marker.
  if (!isDigit && spaces < 2) return null
  const bullet = text.slice(p, q)
  return {indent, ordered: true, content: r, bullet, start: isDigit ? Number(bullet) : 1, delimiter: delimiter === 46 ? '.' : ')'}
}

function isDigitUnit(c: number): boolean {
  return c >= 48 && c <= 57
}

/** Whether a lower-case ASCII letter is a Roman numeral digit (`[ivxlcdm]`). */
function isRoman(c: number): boolean {
  return c === 105 || c === 118 || c === 120 || c === 108 || c === 99 || c === 100 || c === 109
}

/** The definition {@link listMarker} reads by hand (kept for the equivalence tests). */
export function listMarkerByRegex(text: string): Marker | null {
  let m = BULLET.exec(text)
  if (m) {
    const indent = m[1]!.length
    return {indent, ordered: false, content: m[0].length, bullet: m[2]!, start: null, delimiter: null}
  }
  m = ORDERED.exec(text)
  if (m) {
    const spaces = m[4]!.length
    const isDigit = /^\d/.test(m[2]!)
    if (!isDigit && spaces < 2) return null
    if (isDigit && spaces < 1) return null
    const start = isDigit ? Number(m[2]) : 1
    return {indent: m[1]!.length, ordered: true, content: m[0].length, bullet: m[2]!, start, delimiter: m[3] as '.' | ')'}
  }
  return null
}

/**
 * `GRID_START.test(text)` (`/^ {0,3}\+[-=:]/`) by code unit: it runs on
 * every block start and paragraph line.
 */
export function isGridStart(text: string): boolean {
  let p = 0
  while (p < 3 && text.charCodeAt(p) === 32) p++
  if (text.charCodeAt(p) !== 43) return false
  const c = text.charCodeAt(p + 1)
  return c === 45 || c === 61 || c === 58
}

/**
 * `DASH_RUNS.test(text)` (`/^ {0,3}-+(?: +-+)* *$/`) by code unit: at most
 * three spaces, then a `-`, then only `-` and spaces.
 */
export function isDashRuns(text: string): boolean {
  const n = text.length
  let p = 0
  while (p < 3 && p < n && text.charCodeAt(p) === 32) p++
  if (p === n || text.charCodeAt(p) !== 45) return false
  for (let i = p + 1; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c !== 45 && c !== 32) return false
  }
  return true
}

function indentOf(text: string): number {
  let i = 0
  while (i < text.length && text.charCodeAt(i) === 32) i++
  return i
}

/**
 * An array that stays in the tree, at its exact size: an array filled by
 * `push` from empty gets room for 17 elements, and the tree keeps that room
 * alive (and the garbage collector copies it) for every one-block cell or
 * list item and one-text paragraph.  A copy of a short array is cheaper
 * than carrying the spare room (wide tables: a quarter of the time went to
 * the collector).  Long arrays have proportionally little spare room.
 * Used inside tables, lists and quotes (`ctx.depth > 0`), where the small
 * arrays are many; on the corpus's top-level paragraphs and notes the copy
 * measured as a loss.
 */
export function fitted<T>(a: T[]): T[] {
  return a.length < 8 ? a.slice() : a
}

/** The options of a nested scan (no object per call). */
const NESTED: BlockOptions = {}

/** Parse lines into blocks. */
export function parseBlocks(lines: Line[], ctx: ParseContext, options: BlockOptions = NESTED): Block[] {
  const out: Block[] = []
  const n = lines.length
  let i = 0
  let blanksBefore = 0
  while (i < n) {
    const line = lines[i]!
    const text = line.text
    if (isBlank(text)) {
      blanksBefore++
      i++
      continue
    }
    const before = blanksBefore
    blanksBefore = 0

    if (ctx.depth < MAX_DEPTH && isGridStart(text)) {
      const scanned = scanGridTable(lines, i)
      if (scanned) {
        pushTable(out, scanned, lines, ctx)
        i = Math.max(scanned.end, scanned.captionRange ? scanned.captionRange[1] : 0, i + 1)
        continue
      }
    }

    if (isLostTable(text)) {
      const start = line.offset + indentOf(text)
      out.push({type: 'lostTable', position: position(ctx, start, start + 7)})
      report(ctx, 'lost-table', 'warning', 'A table pandoc could not draw (`[TABLE]`): its content and footnotes are lost', start, start + 7)
      i++
      continue
    }

    if (
      ctx.depth < MAX_DEPTH &&
      (isDashRuns(text) || (i + 1 < n && isDashRuns(lines[i + 1]!.text) && !isBlank(lines[i + 1]!.text)))
    ) {
      const scanned = scanSimpleTable(lines, i)
      if (scanned) {
        pushTable(out, scanned, lines, ctx)
        i = Math.max(scanned.end, scanned.captionRange ? scanned.captionRange[1] : 0, i + 1)
        continue
      }
    }

    const marker = listMarker(text)
    if (marker && ctx.depth < MAX_DEPTH) {
      const {list, end} = parseList(lines, i, marker, ctx)
      out.push(list)
      i = end
      continue
    }

    const indent = indentOf(text)
    if (indent >= 2 && ctx.depth < MAX_DEPTH) {
      // An indented block: pandoc's plain writer indents block quotes and
      // definition bodies.  Its lines are re-scanned without the indent.
      let j = i
      const inner: Line[] = []
      while (j < n && (indentOf(lines[j]!.text) >= indent || (isBlank(lines[j]!.text) && j + 1 < n && indentOf(lines[j + 1]!.text) >= indent && !isBlank(lines[j + 1]!.text)))) {
        inner.push(isBlank(lines[j]!.text) ? subLine(lines[j]!, lines[j]!.text.length) : subLine(lines[j]!, indent))
        j++
      }
      ctx.depth++
      const children = parseBlocks(inner, ctx)
      ctx.depth--
      const last = lines[j - 1]!
      out.push({
        type: 'blockquote',
        children: blockContent(children),
        position: position(ctx, line.offset + indent, last.offset + last.text.length)
      })
      i = j
      continue
    }

    // A paragraph: lines up to a blank line or the start of another block.
    let j = i + 1
    while (j < n) {
      const t = lines[j]!.text
      if (isBlank(t) || isGridStart(t) || listMarker(t) || isLostTable(t)) break
      j++
    }
    const after = j < n ? j : -1
    if (options.topLevel && j === i + 1) {
      const category = categoryNode(line, ctx, out)
      if (category) {
        out.push(category)
        i = j
        continue
      }
      const heading = headingKind(line.text, before, i, lines, after, options.followedByContent === true)
      if (heading !== NOT_HEADING) {
        const prev = out[out.length - 1]
        let depth = 2
        // A heading right under another heading is a sub-heading.
        if (prev && prev.type === 'heading') depth = Math.min(6, prev.depth + 1)
        // The line trimmed (spaces before, white space after), its inline
        // content read directly (parseInlineText): no trimmed `Line`.
        const s = indentOf(text)
        const e = trimmedLength(text)
        const t = s === 0 && e === text.length ? text : text.slice(s, e)
        const offset = line.offset + s
        out.push({
          type: 'heading',
          depth: depth as 1 | 2 | 3 | 4 | 5 | 6,
          children: parseInlineText(t, offset, ctx, []),
          position: position(ctx, offset, offset + t.length),
          data: {inferred: heading === KNOWN_HEADING ? 'known-section' : 'shape'}
        })
        i = j
        continue
      }
    }
    out.push(paragraph(lines, i, j, ctx))
    i = j
  }
  return ctx.depth > 0 ? fitted(out) : out
}

/**
 * Blocks as block content: `parseBlocks` makes no definitions (nor footnote
 * definitions), so this is the array itself, not a filtered copy per list
 * item or quote.
 */
function blockContent(blocks: Block[]): BlockContent[] {
  return blocks as BlockContent[]
}

/** `text.trim() === '[TABLE]'`, without trimming every line. */
function isLostTable(text: string): boolean {
  // Most lines start with something other than white space or `[`.
  const first = text.charCodeAt(0)
  if (first !== 91 && !isWhiteSpaceUnit(first)) return false
  return text.trim() === '[TABLE]'
}

/**
 * Build a paragraph node from `lines[from..to)` (hard breaks between them):
 * the first line trimmed at both ends, the others at the end, then
 * its inline content (a leading image, then each line, hard breaks between), without a copy of
 * the lines or a trimmed `Line` per line (most lines need no trimming, and
 * then no new string either).
 */
export function paragraph(lines: Line[], from: number, to: number, ctx: ParseContext): Paragraph {
  if (to === from + 1) {
    const l = lines[from]!
    return lineParagraph(l.text, l.offset, ctx)
  }
  const children: PhrasingContent[] = []
  let startPoint: Required<Point> | undefined
  let prevEnd = 0
  for (let k = from; k < to; k++) {
    const l = lines[k]!
    const text = l.text
    const s = k === from ? indentOf(text) : 0
    const e = trimmedLength(text)
    let offset = l.offset + s
    let t = s === 0 && e === text.length ? text : text.slice(s, e)
    if (k === from) {
      // The paragraph's start point, made now (see positionFrom).
      startPoint = pointAt(ctx, offset)
      const cut = leadingImageInto(t, offset, ctx, children)
      if (cut > 0) {
        t = t.slice(cut)
        offset += cut
      }
    } else {
      children.push({type: 'break', position: position(ctx, prevEnd, offset)})
    }
    parseInlineText(t, offset, ctx, children)
    prevEnd = l.offset + e
  }
  return {
    type: 'paragraph',
    children: ctx.depth > 0 ? fitted(children) : children,
    position: positionFrom(ctx, startPoint!, prevEnd)
  }
}

/**
 * {@link paragraph} of the one line `{text, offset}` (no `Line` or array
 * needed for it).  When the trimmed text certainly holds no leading image
 * and nothing inline (most table cells, many one-line paragraphs; the
 * same tests the general path makes, without their match arrays), its one
 * text node is made directly, in an array of exactly one element: no
 * array grown by `push` (room for 17) and then copied by `fitted`.
 */
export function lineParagraph(text: string, lineOffset: number, ctx: ParseContext): Paragraph {
  const s = indentOf(text)
  const e = trimmedLength(text)
  const offset = lineOffset + s
  const t = s === 0 && e === text.length ? text : text.slice(s, e)
  // The paragraph's start point, made now (see positionFrom).
  const startPoint = pointAt(ctx, offset)
  // (Searched once: parseInlineText starts from it.)
  const hint = t.length > 0 ? firstInlineHint(t) : -1
  const image = mayHaveLeadingImage(t)
  if (t.length > 0 && hint < 0 && !image) {
    return {type: 'paragraph', children: [textNode(t, offset, ctx)], position: positionFrom(ctx, startPoint, lineOffset + e)}
  }
  const children: PhrasingContent[] = []
  const cut = image ? leadingImageInto(t, offset, ctx, children) : 0
  if (cut > 0) parseInlineText(t.slice(cut), offset + cut, ctx, children)
  else parseInlineText(t, offset, ctx, children, hint)
  return {
    type: 'paragraph',
    children: ctx.depth > 0 ? fitted(children) : children,
    position: positionFrom(ctx, startPoint, lineOffset + e)
  }
}

function normalizeTitle(text: string): string {
  const t = text.trim().toLowerCase()
  // `.replace(/\s+/g, ' ')` only when it changes something: white space
  // other than a single space (most titles have none).
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i)
    if (isWhiteSpaceUnit(c) && (c !== 32 || isWhiteSpaceUnit(t.charCodeAt(i + 1)))) return t.replace(/\s+/g, ' ')
  }
  return t
}

/** Length of the longest known section title. */
const KNOWN_MAX = Math.max(...[...KNOWN_SECTIONS].map((t) => t.length))

/** The first words of the known section titles, and the length of the longest. */
const KNOWN_FIRST_WORDS = new Set([...KNOWN_SECTIONS].map((t) => t.split(' ')[0]!))
const KNOWN_WORD_MAX = Math.max(...[...KNOWN_FIRST_WORDS].map((w) => w.length))

/** The first code units of the known section titles. */
const KNOWN_FIRST = new Set([...KNOWN_SECTIONS].map((t) => t.charCodeAt(0)))

/** An ASCII capital's lower-case unit; any other unit as it is. */
function asciiLower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c
}

/** The first two code units of the known section titles, when both are ASCII: `KNOWN_PAIRS[a * 128 + b]` is 1. */
const KNOWN_PAIRS = new Uint8Array(128 * 128)
for (const t of KNOWN_SECTIONS) {
  const a = t.charCodeAt(0)
  const b = t.charCodeAt(1)
  if (a < 0x80 && b < 0x80) KNOWN_PAIRS[a * 128 + b] = 1
}

/** The known section titles by their first code unit (ASCII ones only). */
const KNOWN_BY_FIRST: string[][] = Array.from({length: 128}, () => [])
for (const t of KNOWN_SECTIONS) if (t.charCodeAt(0) < 0x80) KNOWN_BY_FIRST[t.charCodeAt(0)]!.push(t)

/** {@link asciiTitleMatch}: `normalizeTitle(t)` is not the title. */
const TITLE_NO = 0
/** {@link asciiTitleMatch}: `normalizeTitle(t)` is the title. */
const TITLE_MATCH = 1
/** {@link asciiTitleMatch}: not told (a non-ASCII unit, or white space at an end). */
const TITLE_UNSURE = 2

/**
 * Whether `normalizeTitle(t) === title`, read without making the
 * normalised string while `t` is ASCII: there `toLowerCase` maps `A`–`Z`
 * each on its own and `\s` is `[\t\n\v\f\r ]`, a run of which becomes one
 * space.  The normalised text up to an ASCII unit depends only on the units
 * before it (lower-casing's context rules touch no ASCII), so a difference
 * there is final; at the first non-ASCII unit, or white space at either end
 * (trimmed away), the answer is left to the caller.
 */
function asciiTitleMatch(t: string, title: string): number {
  const n = t.length
  let i = 0
  let j = 0
  while (i < n) {
    const x = t.charCodeAt(i)
    if (x >= 0x80) return TITLE_UNSURE
    if (isAsciiSpace(x)) {
      if (i === 0) return TITLE_UNSURE
      while (i < n && isAsciiSpace(t.charCodeAt(i))) i++
      if (i === n) return TITLE_UNSURE
      if (title.charCodeAt(j) !== 32) return TITLE_NO
      j++
      continue
    }
    if (asciiLower(x) !== title.charCodeAt(j)) return TITLE_NO
    i++
    j++
  }
  return j === title.length ? TITLE_MATCH : TITLE_NO
}

/** `/\s/` on an ASCII unit (`isWhiteSpaceUnit` below 0x80); false for every other unit, which {@link asciiTitleMatch} leaves to its caller. */
function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13)
}

/**
 * `KNOWN_SECTIONS.has(normalizeTitle(t))` for a trimmed `t`, without
 * normalising most lines: lower-casing never shortens a string and maps
 * white space to itself and nothing else to white space, so a line with more
 * non-white-space code units than the longest known title cannot normalise
 * to one.  The count stops as soon as it is exceeded.
 */
export function isKnownSection(t: string): boolean {
  // An ASCII first character lower-cases on its own, to the first character
  // of the normalised title.
  const first = t.charCodeAt(0)
  if (first < 0x80 && !KNOWN_FIRST.has(asciiLower(first))) return false
  // Likewise the first two, when both are ASCII other than white space (a
  // table look-up that rules out most of the paragraphs the first letter
  // lets through, before the first word is cut and lower-cased).
  const second = t.charCodeAt(1)
  if (first < 0x80 && second < 0x80 && second > 32 && KNOWN_PAIRS[asciiLower(first) * 128 + asciiLower(second)] === 0) return false
  if (first < 0x80) {
    // The few titles that start with this letter, compared in place while
    // the line is ASCII: normalising it (trim, lower-case, hash for the Set
    // look-up) cost half a microsecond on every short line that gets here,
    // the headings above all.
    let unsure = false
    for (const title of KNOWN_BY_FIRST[asciiLower(first)]!) {
      const r = asciiTitleMatch(t, title)
      if (r === TITLE_MATCH) return true
      if (r === TITLE_UNSURE) {
        unsure = true
        break
      }
    }
    if (!unsure) return false
  }
  if (t.length > KNOWN_MAX) {
    // A long line (most paragraphs): its first word, lower-cased, must be
    // the first word of a known title.  Lower-casing maps each character on
    // its own (white space to itself, nothing else to white space) and never
    // shortens, so the normalised title's first word is the line's first
    // word lower-cased, and a first word longer than every known one cannot
    // lower-case to one.  That rules out nearly every line before the count
    // below, a loop over the first 29 characters other than white space.
    let w = 0
    while (w < t.length && w <= KNOWN_WORD_MAX && !isWhiteSpaceUnit(t.charCodeAt(w))) w++
    if (w > KNOWN_WORD_MAX || !KNOWN_FIRST_WORDS.has(t.slice(0, w).toLowerCase())) return false
    let solid = 0
    for (let i = 0; i < t.length; i++) {
      if (!isWhiteSpaceUnit(t.charCodeAt(i)) && ++solid > KNOWN_MAX) return false
    }
  }
  return KNOWN_SECTIONS.has(normalizeTitle(t))
}

/** At least 13 words: a run of white space, 12 times (the runs are disjoint from the words: linear). */
export const THIRTEEN_WORDS = /^\S+(?:\s+\S+){12}/

const SENTENCE_END = /[.,;:!]$|[.!?]["'”’)]$/

/** {@link headingKind}: not a heading. */
const NOT_HEADING = 0
/** {@link headingKind}: a known section title. */
const KNOWN_HEADING = 1
/** {@link headingKind}: a heading by its shape. */
const SHAPE_HEADING = 2

/**
 * Whether a one-line paragraph is a heading (pandoc drops the `==` marks),
 * and why: the caller does not normalise the title a second time to say.
 */
export function headingKind(text: string, blanksBefore: number, index: number, lines: Line[], after: number, followed: boolean): number {
  if (index === 0) return NOT_HEADING
  if (blanksBefore === 0) return NOT_HEADING
  if (after !== -1 && !isBlank(lines[after]!.text)) return NOT_HEADING
  // Something must follow.
  let k = after === -1 ? lines.length : after
  while (k < lines.length && isBlank(lines[k]!.text)) k++
  if (k >= lines.length && !followed) return NOT_HEADING
  const t = text.trim()
  // `trimStart` removes exactly the `\s` characters.
  if (t.length === 0 || isWhiteSpaceUnit(text.charCodeAt(0))) return NOT_HEADING
  // (`isKnownSection(t)` is `KNOWN_SECTIONS.has(normalizeTitle(text))`: the
  // trimmed text normalises as the line does.)
  const known = isKnownSection(t)
  if (known) return KNOWN_HEADING
  if (t.length > 90) return NOT_HEADING
  return hasHeadingShape(t) ? SHAPE_HEADING : NOT_HEADING
}

/** Not a heading: a footnote marker, a URL, a template's braces, a table row's `|` or an `=`. */
const NOT_TITLE = /\[\d+\]|https?:\/\/|\{\{|\}\}|^\||=/
const BRACKETED = /^\[.*\]$/
const CAPTION_START = /^(?:[Tt]able:|:)\s/
const LOWER_START = /^\p{Ll}/u
const CAMEL_START = /^[a-z][A-Z]/
/**
 * {@link THIRTEEN_WORDS} for a text that starts with a character other than
 * white space (a trimmed line): twelve words each followed by white space,
 * then a character of a thirteenth.  The same test, but `\S+` is not asked
 * to give characters back before each run of white space: half the time on
 * the short lines that reach it (the headings themselves).
 */
export const THIRTEEN_WORDS_TRIMMED = /^(?:\S+\s+){12}\S/

/**
 * Whether a trimmed line of at most 90 units has a heading's shape: what
 * {@link hasHeadingShapeByRegex} tests, the tests of its last and first
 * characters made by code unit (a sentence's end, a lower-case start) and
 * the regexes made once (a regex literal in the function made a RegExp
 * object per test).
 */
export function hasHeadingShape(t: string): boolean {
  const n = t.length
  const last = t.charCodeAt(n - 1)
  // SENTENCE_END (`/[.,;:!]$|[.!?]["'”’)]$/`).
  if (last === 46 || last === 44 || last === 59 || last === 58 || last === 33) return false
  if (last === 34 || last === 39 || last === 0x201d || last === 0x2019 || last === 41) {
    const c = t.charCodeAt(n - 2)
    if (c === 46 || c === 33 || c === 63) return false
  }
  const first = t.charCodeAt(0)
  if (first < 0x80) {
    // `/^\p{Ll}/u` is `[a-z]` on ASCII; then `!/^[a-z][A-Z]/`.
    if (first >= 97 && first <= 122) {
      const second = t.charCodeAt(1)
      if (!(second >= 65 && second <= 90)) return false
    }
  } else if (LOWER_START.test(t) && !CAMEL_START.test(t)) return false
  if (first === 91 && last === 93 && BRACKETED.test(t)) return false
  // A table caption (`Table: …`, `: …`).
  if ((first === 84 || first === 116 || first === 58) && CAPTION_START.test(t)) return false
  if (NOT_TITLE.test(t)) return false
  // More than 12 words (`t.split(/\s+/).length > 12` for the trimmed `t`),
  // without splitting.
  return !THIRTEEN_WORDS_TRIMMED.test(t)
}

/** The tests {@link hasHeadingShape} makes, as they were written (kept for the equivalence tests). */
export function hasHeadingShapeByRegex(t: string): boolean {
  if (/\[\d+\]|https?:\/\/|\{\{|\}\}|^\||=/.test(t)) return false
  if (SENTENCE_END.test(t)) return false
  if (/^\p{Ll}/u.test(t) && !/^[a-z][A-Z]/.test(t)) return false
  if (/^\[.*\]$/.test(t)) return false
  if (/^(?:[Tt]able:|:)\s/.test(t)) return false
  if (THIRTEEN_WORDS.test(t)) return false
  return true
}

// The category namespace in English and in the languages of the dumps seen so far.
const CATEGORY_PREFIX = '(?:Category|Kategorie|Catégorie|Categoría|Categoria|Categorie|Kategori|Kategoria|Kategorija|Kategória|Luokka|Категория|Kategorî)'
export const CATEGORY = new RegExp(`^(${CATEGORY_PREFIX}):\\S`, 'u')
// These two without the `u` flag: they hold no `\p{…}`, no astral
// character and no case folding, and `\s` is the same set either way, so
// they match the same; without `u` they ran three times faster on the long
// category lines (tests/perf4-parse.test.ts compares them with the `u` ones).
export const CATEGORY_SPLIT = new RegExp(`(?:^|\\s+)${CATEGORY_PREFIX}:`)
export const CATEGORY_PREFIXES = new RegExp(`(?:^|\\s)(${CATEGORY_PREFIX}):`, 'g')
/** The `u` forms of the two (for the equivalence tests). */
export const CATEGORY_SPLIT_U = new RegExp(`(?:^|\\s+)${CATEGORY_PREFIX}:`, 'u')
export const CATEGORY_PREFIXES_U = new RegExp(`(?:^|\\s)(${CATEGORY_PREFIX}):`, 'gu')
export const BARE_CATEGORY = /^[\p{Lu}\p{Lt}][\p{L}\p{N}().,'’-]*(?:_[\p{L}\p{N}().,'’-]+)+$/u

/**
 * A quick test that rules out most paragraphs before the category regexes
 * and the trimming: a prefixed category starts (after white space) with the
 * start of a prefix (`Cat`, `Kat`, `Luokka` or `Категория`), and a bare title
 * (`BARE_CATEGORY`) holds no white space between its first and last
 * characters.  Reading stops at the first word of a sentence.
 */
export function mayBeCategory(text: string): boolean {
  const n = text.length
  let i = 0
  while (i < n && isWhiteSpaceUnit(text.charCodeAt(i))) i++
  // Every prefix starts with one of these (tested only after their first
  // letter, `C`, `K`, `L` or `К`: most lines start otherwise).
  const c = text.charCodeAt(i)
  if ((c === 67 || c === 75 || c === 76 || c === 0x41a) && (text.startsWith('Cat', i) || text.startsWith('Kat', i) || text.startsWith('Luokka', i) || text.startsWith('Категория', i))) return true
  // White space, then something other than white space: inside the title.
  while (i < n && !isWhiteSpaceUnit(text.charCodeAt(i))) i++
  while (i < n && isWhiteSpaceUnit(text.charCodeAt(i))) i++
  return i === n
}

/**
 * The names of a category line `t` that starts with `prefix:` (CATEGORY
 * matched), or null when it is not a clean category line: every name
 * non-empty and one prefix for all (the node keeps one prefix); anything
 * else stays text.  The names are `t.split(CATEGORY_SPLIT).slice(1)`
 * trimmed, cut here at the matches of CATEGORY_PREFIXES, the scan that
 * checks the prefixes: both find a prefix after white space (or at the
 * start) and end the match at its `:`; CATEGORY_SPLIT's match starts at
 * the first unit of that white space, this one at the last, and the units
 * between are trimmed from the name anyway.  One scan of the (long) line
 * instead of two, and no arrays for the split (measured: the category
 * lines took 3–10 µs each).
 */
export function categoryNames(t: string, prefix: string): string[] | null {
  const names: string[] = []
  CATEGORY_PREFIXES.lastIndex = 0
  // The first match is the line's start (what CATEGORY matched).
  let m = CATEGORY_PREFIXES.exec(t)
  if (m === null || m.index !== 0 || m[1] !== prefix) return null
  let from = m[0].length
  while ((m = CATEGORY_PREFIXES.exec(t)) !== null) {
    if (m[1] !== prefix) return null
    const name = t.slice(from, m.index).trim()
    if (name === '') return null
    names.push(name)
    from = m.index + m[0].length
  }
  const name = t.slice(from).trim()
  if (name === '') return null
  names.push(name)
  return names
}

function categoryNode(line: Line, ctx: ParseContext, before: Block[]): Category | null {
  if (!mayBeCategory(line.text)) return null
  // Both shapes need a `:` (after the prefix) or a `_`: most lines have neither.
  if (!line.text.includes(':') && !line.text.includes('_')) return null
  const t = line.text.trim()
  const prefixMatch = CATEGORY.exec(t)
  if (prefixMatch) {
    const names = categoryNames(t, prefixMatch[1]!)
    if (names === null) return null
    const start = line.offset + indentOf(line.text)
    return {type: 'category', names, prefix: prefixMatch[1]!, position: position(ctx, start, start + t.length)}
  }
  if (BARE_CATEGORY.test(t)) {
    // A bare title such as `Foreign_relations_of_Mali`: underscores for
    // spaces and nothing else on the line.  Accept it after a References
    // heading or at the end of the body.
    const prev = before[before.length - 1]
    const afterRefs = prev?.type === 'heading'
    if (afterRefs || before.length > 0) {
      const start = line.offset + indentOf(line.text)
      return {type: 'category', names: [t], prefix: null, position: position(ctx, start, start + t.length)}
    }
  }
  return null
}

function parseList(lines: Line[], start: number, first: Marker, ctx: ParseContext): {list: List; end: number} {
  const items: ListItem[] = []
  // The markers as written, kept only for a list whose markers are not
  // numbers (`data.markers`): no array grown for the others (most lists).
  const markers: string[] | null = first.ordered && !isDigitMarker(first) ? [] : null
  const n = lines.length
  let i = start
  let spread = false
  // The marker of line `knownAt`, when already read (a line that ends an
  // item is read again as the next item's first line).
  let known: Marker | null = first
  let knownAt = start
  while (i < n) {
    const line = lines[i]!
    const m = knownAt === i ? known : listMarker(line.text)
    if (!m || !continuesList(first, m, items.length)) break
    if (markers !== null) markers.push(m.bullet)
    // The item's first line; the array of its lines made only when a
    // second line joins it (most items are one line: no array nor `Line`
    // for them).
    const firstText = line.text.slice(m.content)
    const firstOffset = line.offset + m.content
    let itemLines: Line[] | null = null
    i++
    while (i < n) {
      const l = lines[i]!
      if (isBlank(l.text)) {
        let j = i
        while (j < n && isBlank(lines[j]!.text)) j++
        if (j < n && indentOf(lines[j]!.text) >= m.content) {
          itemLines ??= [{text: firstText, offset: firstOffset}]
          for (let k = i; k < j; k++) itemLines.push(subLine(lines[k]!, lines[k]!.text.length))
          i = j
          continue
        }
        break
      }
      if (indentOf(l.text) >= m.content) {
        ;(itemLines ??= [{text: firstText, offset: firstOffset}]).push(subLine(l, m.content))
        i++
        continue
      }
      // A deeper marker that is not indented to the content column still
      // nests (pandoc ≥ 3.7 indents nested lists by 2).
      const inner = listMarker(l.text)
      known = inner
      knownAt = i
      if (inner && inner.indent > first.indent) {
        ;(itemLines ??= [{text: firstText, offset: firstOffset}]).push(subLine(l, Math.min(inner.indent, m.content)))
        i++
        continue
      }
      break
    }
    ctx.depth++
    // A one-line item of plain text (most items) is the one paragraph
    // parseBlocks would make of it, made directly as for a one-line table
    // cell (see isPlainParagraph): no scan, no array grown for one block and
    // then copied by `fitted`.
    let children: Block[]
    let itemEnd: number
    if (itemLines === null) {
      // One line (its own last line, blank or not).
      children = isPlainParagraph(firstText) ? [lineParagraph(firstText, firstOffset, ctx)] : parseBlocks([{text: firstText, offset: firstOffset}], ctx)
      itemEnd = firstOffset + firstText.length
    } else {
      children = parseBlocks(itemLines, ctx)
      const lastLine = lastNonBlank(itemLines)
      itemEnd = lastLine.offset + lastLine.text.length
    }
    ctx.depth--
    items.push({
      type: 'listItem',
      spread: false,
      children: blockContent(children),
      position: position(ctx, line.offset + m.indent, itemEnd)
    })
    // Blank lines, then another item of the same list: a loose list.
    let j = i
    while (j < n && isBlank(lines[j]!.text)) j++
    if (j > i && j < n) {
      const next = listMarker(lines[j]!.text)
      known = next
      knownAt = j
      if (next && continuesList(first, next, items.length)) {
        spread = true
        i = j
        continue
      }
    }
  }
  const last = items[items.length - 1]!
  const list: List = {
    type: 'list',
    ordered: first.ordered,
    spread,
    children: items,
    position: {start: {...items[0]!.position!.start}, end: {...last.position!.end}}
  }
  if (first.ordered) list.start = first.start
  if (markers !== null) list.data = {markers}
  return {list, end: i}
}

function isDigitMarker(m: Marker): boolean {
  const c = m.bullet.charCodeAt(0)
  return c >= 48 && c <= 57
}

/**
 * Whether marker `m` is the next item of the list opened by `first` that
 * has `count` items so far: same indent and kind, and for numbers the next
 * number (pandoc numbers the items of one list 1, 2, 3, …; `1.` after `1.`
 * starts another list, so the tree keeps every number).
 */
function continuesList(first: Marker, m: Marker, count: number): boolean {
  if (m.indent !== first.indent || m.ordered !== first.ordered) return false
  if (!first.ordered) return true
  if (isDigitMarker(m) !== isDigitMarker(first)) return false
  return !isDigitMarker(first) || m.start === (first.start ?? 1) + count
}

function lastNonBlank(lines: Line[]): Line {
  for (let k = lines.length - 1; k >= 0; k--) if (!isBlank(lines[k]!.text)) return lines[k]!
  return lines[0]!
}

/**
 * Add a scanned table.  A caption written before the table (`Table: …`) was
 * already emitted as a paragraph: it is taken back, since it belongs to the
 * table (its text stays, on `table.data.caption`).
 */
function pushTable(out: Block[], scanned: ScannedTable, lines: Line[], ctx: ParseContext): void {
  const range = scanned.captionRange
  if (range && range[1] <= scanned.start) {
    const first = lines[range[0]]
    const last = out[out.length - 1]
    if (first && last && last.type === 'paragraph' && last.position?.start.offset === ctx.map.toOriginalOffset(first.offset + indentOf(first.text))) out.pop()
  }
  out.push(buildTable(scanned, lines, ctx))
}

function buildTable(scanned: ScannedTable, lines: Line[], ctx: ParseContext): Table {
  // The head, body and foot rows in order, into an array of the exact size
  // (no spread copy of the three, no array grown by `push`).
  const {head, body, foot} = scanned
  const rows: TableRow[] = new Array(head.length + body.length + foot.length)
  let r = 0
  ctx.depth++
  for (let k = 0; k < head.length; k++) rows[r++] = buildRow(head[k]!, lines, ctx)
  for (let k = 0; k < body.length; k++) rows[r++] = buildRow(body[k]!, lines, ctx)
  for (let k = 0; k < foot.length; k++) rows[r++] = buildRow(foot[k]!, lines, ctx)
  ctx.depth--
  for (const problem of scanned.problems) {
    const l = lines[problem.line]
    if (!l) continue
    report(ctx, 'ragged-row', 'info', problem.message, l.offset, l.offset + l.text.length, {kind: problem.kind})
  }
  const first = lines[scanned.start]!
  const last = lines[scanned.end - 1]!
  const table: Table = {
    type: 'table',
    align: scanned.align.slice(),
    children: rows,
    position: position(ctx, first.offset + indentOf(first.text), last.offset + last.text.length),
    data: {kind: scanned.kind, headRows: scanned.head.length, footRows: scanned.foot.length}
  }
  if (scanned.caption && scanned.caption.length > 0) {
    table.data!.caption = scanned.caption.map((l) => l.text).join('\n')
  }
  return table
}

/**
 * Whether a cell's only line is what `parseBlocks` makes one paragraph of,
 * told by its first character (most cells): not white space (a blank line,
 * an indented block), nor `+` (a grid table), `-` (a simple table, a
 * bullet), `*` (a bullet) or `[` (`[TABLE]`), and no list marker.  The cell
 * then skips the block scanner and its growing array for one block.
 */
export function isPlainParagraph(text: string): boolean {
  if (text.length === 0) return false
  const c = text.charCodeAt(0)
  if (c === 43 || c === 45 || c === 42 || c === 91 || isWhiteSpaceUnit(c)) return false
  return listMarker(text) === null
}

/** Build a table row from a scanned row (exported for the equivalence tests). */
export function buildRow(row: ScannedRow, lines: Line[], ctx: ParseContext): TableRow {
  const scanned = row.cells
  // Made at its exact size, filled by index: no array grown by `push` (room
  // for 17) and then copied by `fitted`.
  const cells: BlockTableCell[] = new Array(scanned.length)
  let minStart = Infinity
  let maxEnd = -Infinity
  const rowLine = lines[row.line]
  // Every node is made whole, its position in the literal: a `position`
  // added afterwards changed each cell's hidden class on the way.
  for (let c = 0; c < scanned.length; c++) {
    const cell = scanned[c]!
    const data = {rowSpan: cell.rowSpan, colSpan: cell.colSpan, row: cell.row, column: cell.column}
    if (cell instanceof LineCell) {
      // One line (most cells): what the general path below does with it,
      // read from the cell itself (no `lines` array made).  Its one line is
      // both the first and the last (blank or not).
      const text = cell.text
      const offset = cell.offset
      const startPoint = pointAt(ctx, offset)
      const children = isPlainParagraph(text) ? [lineParagraph(text, offset, ctx)] : parseBlocks([{text, offset}], ctx)
      const end = offset + text.length
      cells[c] = {type: 'tableCell', children, data, position: positionFrom(ctx, startPoint, end)}
      if (offset < minStart) minStart = offset
      if (end > maxEnd) maxEnd = end
      continue
    }
    const ls = cell.lines
    if (ls.length === 0) {
      // A cell with no content lines at all: no blocks, and a zero-width
      // position at its row.
      cells[c] = rowLine ? {type: 'tableCell', children: [], data, position: position(ctx, rowLine.offset, rowLine.offset)} : {type: 'tableCell', children: [], data}
      continue
    }
    // The first and last non-blank lines (else the first and last lines).
    let a = 0
    while (a < ls.length && isBlank(ls[a]!.text)) a++
    let b = ls.length - 1
    while (b > a && isBlank(ls[b]!.text)) b--
    const startLine = a < ls.length ? ls[a]! : ls[0]!
    const endLine = a < ls.length ? ls[b]! : ls[ls.length - 1]!
    // The cell's start point, made before its blocks (see positionFrom).
    const startPoint = pointAt(ctx, startLine.offset)
    const children = ls.length === 1 && isPlainParagraph(ls[0]!.text) ? [lineParagraph(ls[0]!.text, ls[0]!.offset, ctx)] : parseBlocks(ls, ctx)
    const end = endLine.offset + endLine.text.length
    cells[c] = {type: 'tableCell', children, data, position: positionFrom(ctx, startPoint, end)}
    if (startLine.offset < minStart) minStart = startLine.offset
    if (end > maxEnd) maxEnd = end
  }
  if (rowLine) {
    minStart = Math.min(minStart, rowLine.offset)
    maxEnd = Math.max(maxEnd, rowLine.offset + rowLine.text.length)
  }
  const children = cells as unknown as TableRow['children']
  return Number.isFinite(minStart) ? {type: 'tableRow', children, position: position(ctx, minStart, maxEnd)} : {type: 'tableRow', children}
}
