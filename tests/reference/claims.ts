// Frozen reference: src/resolve/claims.ts as it was before the performance
// pass of issue 8 (commit 444d236), kept as the plain definition that
// tests/perf3-model.test.ts compares the fast code with.  Do not optimise it;
// change it only together with a deliberate change of behaviour.

/**
 * Cutting a paragraph's text into claims, each tied to the footnotes that
 * support it, under one of the scopes of docs/claims.md.
 */

import type {ClaimScope} from '../../src/model/types.js'
import {splitSentences, type SentenceSpan} from './sentences.js'
import {pushAll} from '../../src/util/array.js'
import {hasLetterOrDigit, isWhiteSpaceUnit} from '../../src/util/chars.js'

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

/** Closing punctuation right after a marker that still belongs to the cited text (`Dao[5].`). */
const ABSORBED = new Set(['.', '?', '!', '…', ')', ']', '"', '”', '’', "'", '»'])

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
 */
function trimSpan(text: string, start: number, end: number): [number, number] {
  let a = start
  let b = end
  // Code units, not one-character strings: this runs for every claim.
  while (true) {
    const before = a
    while (a < b && (isWhiteSpaceUnit(text.charCodeAt(a)) || isJoiner(text.charCodeAt(a)))) a++
    if (a < b && isDash(text.charCodeAt(a)) && a + 1 < b && isWhiteSpaceUnit(text.charCodeAt(a + 1))) a++
    if (a === before) break
  }
  while (true) {
    const before = b
    while (b > a && (isWhiteSpaceUnit(text.charCodeAt(b - 1)) || isJoiner(text.charCodeAt(b - 1)))) b--
    if (b > a + 1 && isDash(text.charCodeAt(b - 1)) && isWhiteSpaceUnit(text.charCodeAt(b - 2))) b--
    if (b === before) break
  }
  return [a, b]
}

/** Group markers by offset (clamped into the text), in order. */
function anchorsOf(markers: readonly Marker[], length: number): Anchor[] {
  if (markers.length === 0) return []
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
 * Give each anchor to a sentence: the last one starting before it (a marker
 * supports the text on its left), or the first sentence for a marker that
 * precedes all text.
 */
function anchorsBySentence(sentences: readonly SentenceSpan[], anchors: readonly Anchor[]): Anchor[][] {
  const out: Anchor[][] = sentences.map(() => [])
  let s = 0
  for (const anchor of anchors) {
    while (s + 1 < sentences.length && (sentences[s + 1]?.start ?? Infinity) < anchor.index) s++
    out[s]?.push(anchor)
  }
  return out
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
  const sentences = splitSentences(text, {anchors: anchors.map((a) => a.index)})
  if (sentences.length === 0) {
    if (anchors.length === 0) return []
    const index = anchors[0]?.index ?? 0
    const citations: number[] = []
    for (const a of anchors) addIds(citations, a.ids)
    return [{start: index, end: index, text: '', citations}]
  }
  const perSentence = anchorsBySentence(sentences, anchors)
  const claims: ClaimSpan[] = []
  const make = (start: number, end: number, citations: number[]): ClaimSpan => {
    const [a, b] = trimSpan(text, start, end)
    return {start: a, end: b, text: text.slice(a, b), citations}
  }

  if (scope === 'clause') {
    sentences.forEach((sentence, s) => {
      clauses(text, sentence, perSentence[s] ?? [], claims, make)
    })
    return claims
  }

  sentences.forEach((sentence, s) => {
    const citations: number[] = []
    for (const a of perSentence[s] ?? []) addIds(citations, a.ids)
    if (citations.length === 0 && !hasContent(text, sentence.start, sentence.end)) return
    claims.push(make(sentence.start, sentence.end, citations))
  })

  if (scope === 'paragraph') {
    const last = anchors[anchors.length - 1]
    if (last && !hasContent(text, last.index, text.length)) {
      for (const claim of claims) if (claim.citations.length === 0) claim.citations = [...last.ids]
    }
  }
  return claims
}

/** The clause-scope claims of one sentence, appended to `claims`. */
function clauses(
  text: string,
  sentence: SentenceSpan,
  anchors: readonly Anchor[],
  claims: ClaimSpan[],
  make: (start: number, end: number, citations: number[]) => ClaimSpan
): void {
  const own: ClaimSpan[] = []
  let from = sentence.start
  let pending: number[] = [] // ids of markers with no text of their own before any claim
  for (const anchor of anchors) {
    let to = Math.max(anchor.index, from)
    if (to < sentence.end) {
      // `Dao[5].` / `"…expanding"[2])`: closing punctuation joins the cited text.
      while (to < sentence.end && ABSORBED.has(text[to] ?? '')) to++
    }
    if (hasContent(text, from, to)) {
      const citations = [...pending]
      addIds(citations, anchor.ids)
      pending = []
      own.push(make(from, to, citations))
    } else {
      const previous = own[own.length - 1]
      if (previous) {
        addIds(previous.citations, anchor.ids)
        // Punctuation between the previous marker and this one stays with the claim.
        if (to > previous.end && !hasContent(text, previous.end, to)) {
          const [a, b] = trimSpan(text, previous.start, to)
          previous.start = a
          previous.end = b
          previous.text = text.slice(a, b)
        }
      } else {
        addIds(pending, anchor.ids)
      }
    }
    from = Math.max(from, to)
  }
  const end = Math.max(sentence.end, from)
  if (hasContent(text, from, end)) {
    own.push(make(from, end, pending))
    pending = []
  }
  if (pending.length > 0) {
    // Markers and no text at all in this sentence (e.g. `—[5]`).
    own.push(make(sentence.start, Math.max(sentence.end, from), pending))
  }
  pushAll(claims, own)
}
