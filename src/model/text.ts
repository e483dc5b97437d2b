/**
 * Plain text of mdast content, with footnote markers taken out as
 * zero-width anchors and a way back from a text index to the original
 * input.  The claim splitter and the partner, date and membership readers all
 * work on this text.
 */

import type {Nodes, PhrasingContent} from 'mdast'
import type {Point} from './types.js'
import type {LineRange, OffsetSegment, PositionMap} from '../util/position.js'
import {isWhiteSpaceUnit} from '../util/chars.js'
import type {TextOffsetLookup} from '../parse/context.js'

export interface FlatText {
  text: string
  /** Footnote markers: id and the index in `text` where the marker stood. */
  markers: Array<{id: number; index: number}>
  /** Index in `text` where a broken template started (text after it is not prose). */
  templateAt: number | null
  /** Point in the original input of an index in `text` (a new object each call). */
  pointAt(index: number): Point
  /**
   * Whether `text` is what `plainText` gives for the flattened content (it
   * is unless a node holds code, whose value `plainText` keeps and the
   * flattening drops, or children that `plainText` joins by line feeds).
   */
  plain: boolean
}

/**
 * A flattened paragraph: what {@link flattenPhrasing} gathers while it walks
 * and the `pointAt` that reads it back.  One object (a class with a method)
 * rather than a gathering object, a result object and a closure with its
 * context: the model flattens every paragraph.
 */
class Flattening implements FlatText, OffsetSegment, LineRange {
  text = ''
  /**
   * The markers as two arrays (no object per marker): marker `q`, below
   * `markerCount`, cites footnote `markerIds[q]` at `markerAt[q]` in `text`.
   * Refilled with the rest (past `markerCount` they are stale).
   */
  markerIds: number[] = []
  markerAt: number[] = []
  markerCount = 0
  /**
   * Text node `k` (`nodes[k]`) starts at `starts[k]` in `text`, for `k` below
   * `segments` (two arrays: no object per node; past `segments` they are
   * stale, from an earlier paragraph: see {@link reflatten}).
   */
  starts: number[] = []
  nodes: PhrasingContent[] = []
  segments = 0
  templateAt: number | null = null
  plain = true
  /** The segment found by the last `pointAt` call (-1: none yet), and its node's working offset. */
  private lastSegment = -1
  private lastWork: number | null = null
  private first: PhrasingContent | undefined = undefined
  /**
   * The run of working offsets around the last point's that the map shifts
   * by one amount (`PositionMap.segmentInto`), and the original's line that
   * holds it (`PositionMap.lineInto`): kept for the whole document (one map),
   * so that a point in them is a range test and a subtraction, as the
   * parser's points are (`mapLast` in parse/context), rather than two
   * searches of the map per claim.  Empty ranges to begin with; Smis only.
   */
  segLo = 0
  segHi = 0
  segShift = 0
  segExact = false
  lineNo = 1
  lineLo = 0
  lineHi = 0

  constructor(
    private readonly map: PositionMap,
    private readonly offsets: TextOffsetLookup
  ) {}

  /** Empty, for the paragraph whose first node is `first`. */
  reset(first: PhrasingContent | undefined): void {
    this.text = ''
    this.markerCount = 0
    this.segments = 0
    this.templateAt = null
    this.plain = true
    this.lastSegment = -1
    this.lastWork = null
    this.first = first
  }

  /** The markers as objects, a new array (for callers other than the model, which reads the two arrays). */
  get markers(): FlatText['markers'] {
    const out: FlatText['markers'] = []
    for (let q = 0; q < this.markerCount; q++) out.push({id: this.markerIds[q]!, index: this.markerAt[q]!})
    return out
  }

  /**
   * A fresh point each call, always with the three keys `line`, `column`,
   * `offset` in that order (the caller keeps it as a claim's position).
   */
  pointAt(index: number): Point {
    const starts = this.starts
    // Last segment that starts at or before index.  The claims of a
    // paragraph ask in increasing order, mostly within one text node: the
    // segment of the last call is tried first, then the next one, before a
    // binary search; and its working offset (a lookup through the position
    // map) is remembered with it.
    let found = -1
    const last = this.lastSegment
    const segments = this.segments
    if (last >= 0 && starts[last]! <= index && (last + 1 === segments || starts[last + 1]! > index)) found = last
    else {
      let lo = 0
      let hi = segments - 1
      while (lo <= hi) {
        const mid = (lo + hi) >> 1
        if (starts[mid]! <= index) {
          found = mid
          lo = mid + 1
        } else hi = mid - 1
      }
    }
    if (found === -1) return this.fallback()
    if (index === starts[found]! && found !== last) {
      // A point at the start of a text node (the first claim of most
      // paragraphs) is the node's own start point: the parser made that
      // point from the very working offset that `offsets.get` gives back
      // for the node (see TextOffsets.record), through the same map; and a
      // node without a working offset gives its start point below too.  A
      // copy of it spares the two searches of the map (its edits, its
      // lines) that a new paragraph's first point costs.  (Checked against
      // `map.point` in tests/perf13-model3.)
      const p = this.nodes[found]!.position?.start
      if (p !== undefined) return {line: p.line, column: p.column, offset: p.offset}
    }
    let work: number | null
    if (found === last) work = this.lastWork
    else {
      // The node's working-text offset is looked up here, not while
      // flattening: most text nodes never hold a claim's start.
      const node = this.nodes[found]!
      work = this.offsets.get(node) ?? null
      this.lastSegment = found
      this.lastWork = work
      // The node's start and end points, made by the parser through the
      // same map (see above), tell the line of every offset between them
      // when they are on one line: kept as the line range (`lineInto`'s),
      // a claim inside the node, after its first, needs no search of the
      // map's lines (a new paragraph is on a line of its own).
      const position = node.position
      if (work !== null && position !== undefined) {
        const s = position.start
        const e = position.end
        const from = s.offset
        const to = e.offset
        if (s.line === e.line && from !== undefined && to !== undefined && !(from >= this.lineLo && to < this.lineHi)) {
          this.lineNo = s.line
          this.lineLo = from - s.column + 1
          this.lineHi = to + 1
        }
      }
    }
    if (work === null) {
      const p = this.nodes[found]!.position?.start
      return p ? {line: p.line, column: p.column, offset: p.offset} : this.fallback()
    }
    // `this.map.point(w)`, by the kept ranges (see `segLo`).
    const offset = this.map.originalInto(work + (index - starts[found]!), this)
    return {line: this.lineNo, column: offset - this.lineLo + 1, offset}
  }

  /** The start of the first node, or 1:1. */
  private fallback(): Point {
    const p = this.first?.position?.start
    return p ? {line: p.line, column: p.column, offset: p.offset} : {line: 1, column: 1}
  }
}

function flattenInto(list: readonly PhrasingContent[], out: Flattening): void {
  for (const node of list) {
    switch (node.type) {
      case 'text': {
        const k = out.segments++
        out.starts[k] = out.text.length
        out.nodes[k] = node
        out.text += node.value
        break
      }
      case 'break': {
        out.text += ' '
        break
      }
      case 'footnoteReference': {
        const q = out.markerCount++
        out.markerIds[q] = Number(node.identifier)
        out.markerAt[q] = out.text.length
        break
      }
      case 'template': {
        if (out.templateAt === null) out.templateAt = out.text.length
        break
      }
      case 'image':
      case 'linkNumber':
        break
      default: {
        if ('children' in node) {
          const kids = node.children as PhrasingContent[]
          if (kids.length > 1 && joinsByLine(node.type)) out.plain = false
          flattenInto(kids, out)
        } else if ((node.type as string) === 'inlineCode' || (node.type as string) === 'code') out.plain = false
      }
    }
  }
}

/** Flatten phrasing content. */
export function flattenPhrasing(nodes: readonly PhrasingContent[], map: PositionMap, offsets: TextOffsetLookup): FlatText {
  return reflatten(flattening(map, offsets), nodes)
}

/**
 * A flattening to reuse with {@link reflatten}: the model flattens every
 * paragraph, and one object with its arrays, refilled each time, spares an
 * object and three arrays a paragraph.
 */
export type Flattener = Flattening

/** A new {@link Flattener}. */
export function flattening(map: PositionMap, offsets: TextOffsetLookup): Flattener {
  return new Flattening(map, offsets)
}

/**
 * Flatten phrasing content into `f`, and return it: what an earlier call
 * returned is overwritten (its `text` and `markers` stay as they were, only
 * the object is refilled).
 */
export function reflatten(f: Flattener, nodes: readonly PhrasingContent[]): Flattener {
  f.reset(nodes[0])
  flattenInto(nodes, f)
  return f
}

/** Plain text of any node (markers, templates, images and link numbers left out). */
export function plainText(node: Nodes | readonly Nodes[]): string {
  if (Array.isArray(node)) {
    let s = ''
    for (const n of node as Nodes[]) s += textOf(n, null)
    return s
  }
  return textOf(node as Nodes, null)
}

/**
 * `plainText(node)`, and the URL of every link in it pushed to `urls` (in
 * document order, each once), in one walk: what a reference needs.
 */
export function plainTextWithUrls(node: Nodes, urls: string[]): string {
  return textOf(node, urls)
}

/**
 * The walk of `plainText`, collecting link URLs when `urls` is given.  Built
 * by concatenation rather than `map(plainText).join()`: one array per node
 * made this a hot spot of the model.
 */
function textOf(node: Nodes, urls: string[] | null): string {
  if (urls !== null && node.type === 'link' && typeof node.url === 'string' && !urls.includes(node.url)) urls.push(node.url)
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
      return node.value
    case 'break':
      return ' '
    case 'footnoteReference':
    case 'template':
    case 'linkNumber':
    case 'image':
      return ''
    default:
      if ('children' in node) {
        const kids = node.children as Nodes[]
        const block = joinsByLine(node.type)
        // One child: its text as it is (most paragraphs and definitions).
        if (kids.length === 1) return textOf(kids[0]!, urls)
        let s = ''
        for (let k = 0; k < kids.length; k++) {
          if (k > 0 && block) s += '\n'
          const kid = kids[k]!
          // (A text node's value without the call: most children are text.)
          s += kid.type === 'text' ? kid.value : textOf(kid, urls)
        }
        return s
      }
      return ''
  }
}

/** Whether `plainText` joins the children of a node of this type by line feeds. */
function joinsByLine(type: string): boolean {
  return type === 'root' || type === 'list' || type === 'listItem' || type === 'tableCell' || type === 'blockquote' || type === 'footnoteDefinition' || type === 'table' || type === 'tableRow'
}

/**
 * Whether `plainText(node).trim().split(/\s+/).length >= count`, without
 * building the text or splitting it: the trimmed text has one word more than
 * it has white space runs, so this counts the runs that a word follows, and
 * stops at the `count - 1`th.  (A cell such as `Spain` or `9` is data, a
 * cell of five words a sentence: most cells are decided in a few words.)
 */
export function plainTextHasWords(node: Nodes | readonly Nodes[], count: number): boolean {
  const state: WordRuns = {runs: 0, inRun: true, pendingRun: false, need: count - 1, orMarker: false}
  return feedNode(node, state) || count <= 1
}

/**
 * `hasMarker(node) || plainTextHasWords(node, count)` in one walk, where
 * `hasMarker` tells whether a footnote reference is anywhere in the node: a
 * reference has no children, and the walk descends into every node that has
 * some, as `plainText` does.
 */
export function hasMarkerOrWords(node: Nodes | readonly Nodes[], count: number): boolean {
  // Fast path for what most table cells are, one paragraph of one text
  // node: its text alone, with no walk and no state object.
  if (Array.isArray(node) && node.length <= 1) {
    // (An empty cell, a quarter of the cells: nothing to walk.)
    if (node.length === 0) return count <= 1
    const only = (node as readonly Nodes[])[0]!
    if (only.type === 'paragraph' && only.children.length === 1) {
      const text = only.children[0]!
      if (text.type === 'text') return textHasWordRuns(text.value, count - 1) || count <= 1
    }
  }
  const state: WordRuns = {runs: 0, inRun: true, pendingRun: false, need: count - 1, orMarker: true}
  return feedNode(node, state) || count <= 1
}

/**
 * `feedText(text, state)` from the start state (no text fed yet), for `need`
 * runs: whether the text has `need + 1` words (white space runs between
 * words are what the state counts; a run counts once a word follows it), at
 * least two when `need` is below one (the first counted run already reaches
 * it).  By an anchored regex: over the cells' texts it measured 3× faster
 * than the loop over code units.  (`\s` without the `u` flag is the set
 * `isWhiteSpaceUnit` tests per code unit, `\S` everything else, lone
 * surrogates included; the classes are disjoint, so the regex does not
 * backtrack more than it scans.)
 */
function textHasWordRuns(text: string, need: number): boolean {
  const n = need < 1 ? 1 : need
  // `n` runs between `n + 1` words take `2n + 1` units at least: a shorter
  // text (two cells in three: `Spain`, `9`, `1960`) is answered without a
  // regex call.
  if (text.length < 2 * n + 1) return false
  let re = WORD_RUNS[n]
  if (re === undefined) WORD_RUNS[n] = re = new RegExp(`^\\s*(?:\\S+\\s+){${n}}\\S`)
  return re.test(text)
}

/** `WORD_RUNS[n]` tells whether a text has `n + 1` words (see {@link textHasWordRuns}). */
const WORD_RUNS: Array<RegExp | undefined> = []

/** The state of {@link plainTextHasWords} between pieces of text. */
interface WordRuns {
  /** White space runs followed by a word so far. */
  runs: number
  /** Whether the last character was white space (true at the start: leading white space is trimmed). */
  inRun: boolean
  /** Whether a run is open that counts once a word follows (trailing white space is trimmed). */
  pendingRun: boolean
  /** Runs needed. */
  need: number
  /** Whether a footnote reference decides it too (see {@link hasMarkerOrWords}). */
  orMarker: boolean
}

/** Feed `text`; true once enough runs are counted. */
function feedText(text: string, state: WordRuns): boolean {
  for (let i = 0; i < text.length; i++) {
    if (isWhiteSpaceUnit(text.charCodeAt(i))) {
      if (!state.inRun) state.pendingRun = true
      state.inRun = true
    } else {
      if (state.pendingRun && ++state.runs >= state.need) return true
      state.pendingRun = false
      state.inRun = false
    }
  }
  return false
}

/** Feed what `plainText` makes of a node, in the same order. */
function feedNode(node: Nodes | readonly Nodes[], state: WordRuns): boolean {
  if (Array.isArray(node)) {
    for (const n of node as Nodes[]) if (feedNode(n, state)) return true
    return false
  }
  const n = node as Nodes
  switch (n.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
      return feedText(n.value, state)
    case 'break':
      return feedText(' ', state)
    case 'footnoteReference':
      return state.orMarker
    case 'template':
    case 'linkNumber':
    case 'image':
      return false
    default:
      if ('children' in n) {
        const kids = n.children as Nodes[]
        const block = joinsByLine(n.type)
        for (let k = 0; k < kids.length; k++) {
          if (k > 0 && block && feedText('\n', state)) return true
          if (feedNode(kids[k]!, state)) return true
        }
      }
      return false
  }
}
