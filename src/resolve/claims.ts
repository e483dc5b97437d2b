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

/** Markers that share one offset (`[6][7]`): they cite the same text. */
interface Anchor {
  index: number
  ids: number[]
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

/** The claim of `text[start, end)`, trimmed. */
function make(text: string, start: number, end: number, citations: number[]): ClaimSpan {
  const a = trimStart(text, start, end)
  const b = trimEnd(text, a, end)
  return {start: a, end: b, text: text.slice(a, b), citations}
}

/** Group markers by offset (clamped into the text), in order. */
function anchorsOf(markers: readonly Marker[], length: number): Anchor[] {
  if (markers.length === 0) return []
  // Fast path: markers come from a left-to-right flattening, so their
  // offsets rarely decrease; then equal offsets are neighbours and grouping
  // needs no Map and no sort.  (Any other input takes the general path.)
  const out: Anchor[] = []
  let last: Anchor | null = null
  for (const m of markers) {
    const index = Math.min(Math.max(0, Math.trunc(m.index)), length)
    if (last !== null && index === last.index) last.ids.push(m.id)
    else if (Number.isInteger(index) && (last === null || index > last.index)) {
      last = {index, ids: [m.id]}
      out.push(last)
    } else return anchorsOfAnyOrder(markers, length)
  }
  return out
}

/** {@link anchorsOf} for markers in any order. */
function anchorsOfAnyOrder(markers: readonly Marker[], length: number): Anchor[] {
  const byIndex = new Map<number, number[]>()
  for (const m of markers) {
    const index = Math.min(Math.max(0, Math.trunc(m.index)), length)
    const ids = byIndex.get(index)
    if (ids) ids.push(m.id)
    else byIndex.set(index, [m.id])
  }
  return [...byIndex.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([index, ids]) => ({index, ids}))
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
  const anchors = anchorsOf(markers, text.length)
  const bounds = BOUNDS
  const count = sentenceBoundsInto(text, anchorOffsets(anchors), bounds) / 2 // sentence `t` is [bounds[2t], bounds[2t + 1])
  if (count === 0) {
    if (anchors.length === 0) return []
    const index = anchors[0]?.index ?? 0
    const citations: number[] = []
    for (const a of anchors) addIds(citations, a.ids)
    return [{start: index, end: index, text: '', citations}]
  }
  const claims: ClaimSpan[] = []
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
    while (p < anchors.length) {
      while (sa + 1 < count && bounds[2 * (sa + 1)]! < anchors[p]!.index) sa++
      if (sa !== t) break
      p++
    }
    if (scope === 'clause') {
      clauses(text, start, end, anchors, from, p, claims)
      continue
    }
    const citations: number[] = []
    for (let q = from; q < p; q++) addIds(citations, anchors[q]!.ids)
    if (citations.length === 0 && !hasContent(text, start, end)) continue
    claims.push(make(text, start, end, citations))
  }

  if (scope === 'paragraph') {
    const last = anchors[anchors.length - 1]
    if (last && !hasContent(text, last.index, text.length)) {
      for (const claim of claims) if (claim.citations.length === 0) claim.citations = [...last.ids]
    }
  }
  return claims
}

/**
 * Scratch arrays of {@link splitClaims}, reused from call to call (it is not
 * reentrant, and reads them only before it returns): the sentence bounds and
 * the anchors' offsets of one paragraph.
 */
const BOUNDS: number[] = []
const OFFSETS: number[] = []

/** The anchors' offsets for the sentence splitter: sorted, without repeats, integers. */
function anchorOffsets(anchors: readonly Anchor[]): number[] {
  const out = OFFSETS
  out.length = 0
  let plain = true
  for (const a of anchors) {
    if (!Number.isInteger(a.index) || (out.length > 0 && a.index <= out[out.length - 1]!)) plain = false
    out.push(a.index)
  }
  return plain ? out : sortedAnchors(out)
}

/** The clause-scope claims of the sentence `text[sentenceStart, sentenceEnd)`, whose anchors are `anchors[first, last)`, appended to `claims`. */
function clauses(text: string, sentenceStart: number, sentenceEnd: number, anchors: readonly Anchor[], first: number, last: number, claims: ClaimSpan[]): void {
  const own = claims.length // the sentence's claims are claims[own, …)
  let from = sentenceStart
  // Ids of markers with no text of their own before any claim; made only
  // when there are some (most sentences have none).
  let pending: number[] | null = null
  for (let q = first; q < last; q++) {
    const anchor = anchors[q]!
    let to = Math.max(anchor.index, from)
    if (to < sentenceEnd) {
      // `Dao[5].` / `"…expanding"[2])`: closing punctuation joins the cited text.
      while (to < sentenceEnd && isAbsorbed(text.charCodeAt(to))) to++
    }
    if (hasContent(text, from, to)) {
      let citations: number[]
      if (pending !== null) {
        citations = pending
        addIds(citations, anchor.ids)
        pending = null
      } else if (anchor.ids.length === 1) {
        // The anchor's own array (made by `anchorsOf` for this call, and
        // read by no other claim: each anchor is in one sentence's range)
        // is the claim's citations, as a copy of it would be.
        citations = anchor.ids
      } else {
        citations = []
        addIds(citations, anchor.ids)
      }
      claims.push(make(text, from, to, citations))
    } else {
      const previous = claims.length > own ? claims[claims.length - 1] : undefined
      if (previous) {
        addIds(previous.citations, anchor.ids)
        // Punctuation between the previous marker and this one stays with the claim.
        if (to > previous.end && !hasContent(text, previous.end, to)) {
          const a = trimStart(text, previous.start, to)
          const b = trimEnd(text, a, to)
          previous.start = a
          previous.end = b
          previous.text = text.slice(a, b)
        }
      } else {
        addIds((pending ??= []), anchor.ids)
      }
    }
    from = Math.max(from, to)
  }
  const end = Math.max(sentenceEnd, from)
  if (hasContent(text, from, end)) {
    claims.push(make(text, from, end, pending ?? []))
    pending = null
  }
  if (pending !== null && pending.length > 0) {
    // Markers and no text at all in this sentence (e.g. `—[5]`).
    claims.push(make(text, sentenceStart, Math.max(sentenceEnd, from), pending))
  }
}
