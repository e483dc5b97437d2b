/**
 * Cutting a paragraph's text into claims, each tied to the footnotes that
 * support it, under one of the scopes of docs/claims.md.
 */

import type {ClaimScope} from '../model/types.js'
import {sentenceBoundsInto, sortedAnchors} from './sentences.js'
import {hasLetterOrDigit, isWhiteSpaceUnit} from '../util/chars.js'

/** A footnote marker taken out of the text: a zero-width anchor at `index`. */
export interface Marker {
  /** The footnote number. */
  id: number
  /** Offset in the marker-free text where the marker sat. */
  index: number
}

/** A claim cut from a paragraph: offsets of the trimmed text, `end` exclusive. */
export interface ClaimSpan {
  start: number
  end: number
  /** `text.slice(start, end)`. */
  text: string
  /** Footnote numbers that support it, in marker order, without repeats; empty: uncited. */
  citations: number[]
}

/**
 * Closing punctuation right after a marker that still belongs to the cited
 * text (`Dao[5].`): `.` `?` `!` `…` `)` `]` `"` `”` `’` `'` `»`.
 */
function isAbsorbed(code: number): boolean {
  return code === 46 || code === 63 || code === 33 || code === 0x2026 || code === 41 || code === 93 ||
    code === 34 || code === 0x201d || code === 0x2019 || code === 39 || code === 0xbb
}

/** `/[\p{L}\p{N}]/u` on some code unit of `text.slice(start, end)`. */
function hasContent(text: string, start: number, end: number): boolean {
  return hasLetterOrDigit(text, start, end)
}

/** `,` `;` `:` */
function isJoiner(code: number): boolean {
  return code === 44 || code === 59 || code === 58
}

/** `–` `—` */
function isDash(code: number): boolean {
  return code === 0x2013 || code === 0x2014
}

/**
 * Whether no footnote number is in `ids` twice, as `addIds` tells repeats
 * (`includes`: `NaN` repeats `NaN`).  The few markers at one offset: a scan
 * of pairs.
 */
function hasNoRepeats(ids: readonly number[]): boolean {
  for (let a = 1; a < ids.length; a++) {
    const x = ids[a]!
    for (let b = 0; b < a; b++) {
      const y = ids[b]!
      if (x === y || (x !== x && y !== y)) return false
    }
  }
  return true
}

function addIds(into: number[], ids: readonly number[]): void {
  for (const id of ids) if (!into.includes(id)) into.push(id)
}

/**
 * Trim a clause: white space at both ends, the joining `, ; :` at the start
 * (`, while …` → `while …`), a joining dash at the start (`— which …`), and
 * `, ; :` or a spaced dash at the end (`Dao,` → `Dao`).  Words are never trimmed.
 * The start is trimmed first (bounded by `end`), then the end (bounded by
 * the new start): `trimEnd(text, trimStart(text, start, end), end)`.
 */
function trimStart(text: string, start: number, end: number): number {
  let a = start
  const b = end
  // Code units, not one-character strings: this runs for every claim.
  while (true) {
    const before = a
    while (a < b && (isWhiteSpaceUnit(text.charCodeAt(a)) || isJoiner(text.charCodeAt(a)))) a++
    if (a < b && isDash(text.charCodeAt(a)) && a + 1 < b && isWhiteSpaceUnit(text.charCodeAt(a + 1))) a++
    if (a === before) break
  }
  return a
}

/** The end of a clause trimmed as {@link trimStart} says, given its trimmed start `a`. */
function trimEnd(text: string, a: number, end: number): number {
  let b = end
  while (true) {
    const before = b
    while (b > a && (isWhiteSpaceUnit(text.charCodeAt(b - 1)) || isJoiner(text.charCodeAt(b - 1)))) b--
    if (b > a + 1 && isDash(text.charCodeAt(b - 1)) && isWhiteSpaceUnit(text.charCodeAt(b - 2))) b--
    if (b === before) break
  }
  return b
}

/**
 * The claims of the last {@link cutClaims} call, as parallel arrays rather
 * than an object (and a slice of the text) per claim: claim `k` is
 * `text[starts[k], ends[k])`, citing `citations[k]`.  The model reads them
 * and makes its own claim objects; {@link splitClaims} makes spans of them.
 * Reused from call to call (past `count` they are stale).
 *
 * @internal
 */
export interface ClaimCut {
  count: number
  starts: number[]
  ends: number[]
  citations: number[][]
}

/** @internal */
export const CUT: ClaimCut = {count: 0, starts: [], ends: [], citations: []}

/** Append the claim of `text[start, end)`, trimmed, to {@link CUT}. */
function make(text: string, start: number, end: number, citations: number[]): void {
  const a = trimStart(text, start, end)
  const k = CUT.count++
  CUT.starts[k] = a
  CUT.ends[k] = trimEnd(text, a, end)
  CUT.citations[k] = citations
}

/**
 * The markers grouped by offset (clamped into the text), in order, as the
 * scratch arrays `ANCHOR_AT` (the offsets) and `ANCHOR_IDS` (the footnote
 * numbers of each: markers that share one offset, `[6][7]`, cite the same
 * text); returns how many.  Parallel arrays reused from call to call rather
 * than an object per anchor.  Marker `q` (below `n`) cites footnote
 * `ids[q]` at offset `at[q]`: what the model has, its flattening gathers
 * them so, with no object per marker.
 *
 * Fast path: markers come from a left-to-right flattening, so their
 * offsets rarely decrease; then equal offsets are neighbours and grouping
 * needs no Map and no sort.  (Any other input takes the general path.)
 */
function anchorsOfArrays(ids: readonly number[], at: readonly number[], n: number, length: number): number {
  let count = 0
  let last = -1
  for (let q = 0; q < n; q++) {
    const index = Math.min(Math.max(0, Math.trunc(at[q]!)), length)
    if (count > 0 && index === last) ANCHOR_IDS[count - 1]!.push(ids[q]!)
    else if (Number.isInteger(index) && (count === 0 || index > last)) {
      ANCHOR_AT[count] = index
      ANCHOR_IDS[count] = [ids[q]!]
      count++
      last = index
    } else {
      // (Rare: markers out of order; the general path, with objects.)
      const markers: Marker[] = []
      for (let r = 0; r < n; r++) markers.push({id: ids[r]!, index: at[r]!})
      return anchorsOfAnyOrder(markers, length)
    }
  }
  return count
}

/** {@link anchorsOfArrays} for markers in any order. */
function anchorsOfAnyOrder(markers: readonly Marker[], length: number): number {
  const byIndex = new Map<number, number[]>()
  for (const m of markers) {
    const index = Math.min(Math.max(0, Math.trunc(m.index)), length)
    const ids = byIndex.get(index)
    if (ids) ids.push(m.id)
    else byIndex.set(index, [m.id])
  }
  const sorted = [...byIndex.entries()].sort((x, y) => x[0] - y[0])
  for (let q = 0; q < sorted.length; q++) {
    ANCHOR_AT[q] = sorted[q]![0]
    ANCHOR_IDS[q] = sorted[q]![1]
  }
  return sorted.length
}

/**
 * Cut `text` (one paragraph or list item, footnote markers removed) into
 * claims.
 *
 * - `clause` (default): a claim runs from the previous marker in the same
 *   sentence, or the sentence start, to the marker; the text after a
 *   sentence's last marker is an uncited claim unless it is only punctuation;
 *   a sentence without markers is one uncited claim.  Markers at one offset
 *   cite the same claim; a marker with no text of its own since the previous
 *   one (`X.[1] [2]`) joins the previous claim.
 * - `sentence`: one claim per sentence, citing every marker in it.
 * - `paragraph`: as `sentence`, and when the paragraph ends with a marker
 *   (nothing but punctuation after it), every uncited sentence of the
 *   paragraph is cited by that marker's footnotes too.
 *
 * Claims come in text order and never overlap.  In `clause` and `sentence`
 * scope every marker's id is in exactly one claim's citations.  Text that
 * holds markers but no sentence gives one empty claim carrying them.
 */
export function splitClaims(text: string, markers: readonly Marker[], scope: ClaimScope = 'clause'): ClaimSpan[] {
  const count = cutClaims(text, markers, scope)
  const claims: ClaimSpan[] = []
  for (let k = 0; k < count; k++) {
    const start = CUT.starts[k]!
    const end = CUT.ends[k]!
    claims.push({start, end, text: text.slice(start, end), citations: CUT.citations[k]!})
  }
  return claims
}

/**
 * {@link splitClaims} into {@link CUT}; returns the number of claims.  Not
 * reentrant: the caller reads `CUT` before the next call.
 *
 * @internal
 */
export function cutClaims(text: string, markers: readonly Marker[], scope: ClaimScope = 'clause'): number {
  const n = markers.length
  const ids = new Array<number>(n)
  const at = new Array<number>(n)
  for (let q = 0; q < n; q++) {
    ids[q] = markers[q]!.id
    at[q] = markers[q]!.index
  }
  return cutClaimsOfArrays(text, ids, at, n, scope)
}

/**
 * {@link cutClaims} with the markers as two arrays: marker `q` (below `n`)
 * cites footnote `ids[q]` at offset `at[q]`.
 *
 * @internal
 */
export function cutClaimsOfArrays(text: string, ids: readonly number[], at: readonly number[], n: number, scope: ClaimScope = 'clause'): number {
  CUT.count = 0
  return cutAnchored(text, n === 0 ? 0 : anchorsOfArrays(ids, at, n, text.length), scope)
}

/** {@link cutClaims} once the markers are grouped into `anchors` anchors (see {@link anchorsOfArrays}). */
function cutAnchored(text: string, anchors: number, scope: ClaimScope): number {
  const bounds = BOUNDS
  // The anchors' offsets go to the splitter as they are, with their count
  // (no copy into another array), when they are what it needs, as they
  // nearly always are (see `anchorsArePlain`).
  const count = (anchorsArePlain(anchors)
    ? sentenceBoundsInto(text, ANCHOR_AT, bounds, anchors)
    : sentenceBoundsInto(text, sortedAnchors(ANCHOR_AT.slice(0, anchors)), bounds)) / 2 // sentence `t` is [bounds[2t], bounds[2t + 1])
  if (count === 0) {
    if (anchors === 0) return 0
    const index = ANCHOR_AT[0]!
    const citations: number[] = []
    for (let q = 0; q < anchors; q++) addIds(citations, ANCHOR_IDS[q]!)
    // (Untrimmed: an empty claim at the first anchor.)
    CUT.starts[0] = index
    CUT.ends[0] = index
    CUT.citations[0] = citations
    CUT.count = 1
    return 1
  }
  // Each anchor goes to a sentence: the last one starting before it (a
  // marker supports the text on its left), or the first sentence for a
  // marker that precedes all text.  The sentence of each anchor never
  // decreases along the anchors, so sentence `t` gets `anchors[from, p)`.
  let p = 0
  let sa = 0 // the sentence of `anchors[p]`, found as far as it is
  for (let t = 0; t < count; t++) {
    const start = bounds[2 * t]!
    const end = bounds[2 * t + 1]!
    const from = p
    while (p < anchors) {
      while (sa + 1 < count && bounds[2 * (sa + 1)]! < ANCHOR_AT[p]!) sa++
      if (sa !== t) break
      p++
    }
    if (scope === 'clause') {
      clauses(text, start, end, from, p)
      continue
    }
    const citations: number[] = []
    for (let q = from; q < p; q++) addIds(citations, ANCHOR_IDS[q]!)
    if (citations.length === 0 && !hasContent(text, start, end)) continue
    make(text, start, end, citations)
  }

  if (scope === 'paragraph' && anchors > 0) {
    const lastIds = ANCHOR_IDS[anchors - 1]!
    if (!hasContent(text, ANCHOR_AT[anchors - 1]!, text.length)) {
      for (let k = 0; k < CUT.count; k++) if (CUT.citations[k]!.length === 0) CUT.citations[k] = [...lastIds]
    }
  }
  return CUT.count
}

/**
 * Scratch arrays of {@link cutClaims}, reused from call to call (it is not
 * reentrant, and reads them only before it returns): the sentence bounds,
 * the anchors' offsets and footnote numbers of one paragraph.
 */
const BOUNDS: number[] = []
const ANCHOR_AT: number[] = []
const ANCHOR_IDS: number[][] = []

/**
 * Whether the first `count` anchors' offsets are what the sentence splitter
 * needs: sorted, without repeats, integers.  True for what the fast path of
 * {@link anchorsOfArrays} keeps; the general path's may not be (a marker at
 * `NaN`).
 */
function anchorsArePlain(count: number): boolean {
  for (let q = 0; q < count; q++) {
    const index = ANCHOR_AT[q]!
    if (!Number.isInteger(index) || (q > 0 && index <= ANCHOR_AT[q - 1]!)) return false
  }
  return true
}

/**
 * The clause-scope claims of the sentence `text[sentenceStart, sentenceEnd)`,
 * whose anchors are `anchors[first, last)`, appended to {@link CUT}.
 */
function clauses(text: string, sentenceStart: number, sentenceEnd: number, first: number, last: number): void {
  const own = CUT.count // the sentence's claims are CUT[own, …)
  let from = sentenceStart
  // Ids of markers with no text of their own before any claim; made only
  // when there are some (most sentences have none).
  let pending: number[] | null = null
  for (let q = first; q < last; q++) {
    const ids = ANCHOR_IDS[q]!
    let to = Math.max(ANCHOR_AT[q]!, from)
    if (to < sentenceEnd) {
      // `Dao[5].` / `"…expanding"[2])`: closing punctuation joins the cited text.
      while (to < sentenceEnd && isAbsorbed(text.charCodeAt(to))) to++
    }
    if (hasContent(text, from, to)) {
      let citations: number[]
      if (pending !== null) {
        citations = pending
        addIds(citations, ids)
        pending = null
      } else if (ids.length === 1 || hasNoRepeats(ids)) {
        // The anchor's own array (made by `anchorsOfArrays` for this call, and
        // read by no other claim: each anchor is in one sentence's range)
        // is the claim's citations, as a copy of it would be: the copy
        // leaves out repeats only (and, grown by pushes, had room for
        // sixteen).
        citations = ids
      } else {
        citations = []
        addIds(citations, ids)
      }
      make(text, from, to, citations)
    } else if (CUT.count > own) {
      const previous = CUT.count - 1
      addIds(CUT.citations[previous]!, ids)
      // Punctuation between the previous marker and this one stays with the claim.
      const previousEnd = CUT.ends[previous]!
      if (to > previousEnd && !hasContent(text, previousEnd, to)) {
        const a = trimStart(text, CUT.starts[previous]!, to)
        CUT.starts[previous] = a
        CUT.ends[previous] = trimEnd(text, a, to)
      }
    } else {
      addIds((pending ??= []), ids)
    }
    from = Math.max(from, to)
  }
  const end = Math.max(sentenceEnd, from)
  if (hasContent(text, from, end)) {
    make(text, from, end, pending ?? [])
    pending = null
  }
  if (pending !== null && pending.length > 0) {
    // Markers and no text at all in this sentence (e.g. `—[5]`).
    make(text, sentenceStart, Math.max(sentenceEnd, from), pending)
  }
}
