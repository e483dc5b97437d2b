/**
 * Sentence splitting for prose with footnote markers taken out.
 *
 * Written by hand on purpose.  The maintained options were measured on the
 * Mali seed and both get it wrong where it matters for claims:
 * `sentence-splitter` and `Intl.Segmenter` (granularity `sentence`) both split
 * "U.S. Department of State" and "Cdn.$22m. between 1990-2008", and they split
 * at "Gen.", "Jan." and "e.g." too.  A wrong split moves a footnote's claim
 * boundary, so the resolver needs rules it controls: an abbreviation list, a
 * lowercase-continuation rule, initials, and a hint from where the footnote
 * markers sat (markers go after the sentence's punctuation, so "D.C.[20] The"
 * ends a sentence while "D.C. The" is read as a continuation).
 *
 * One forward pass; every look-back or look-ahead is bounded by a constant
 * or consumes text the pass then skips, so the time is linear in the input.
 */

import {isLowerUnit, isUpperUnit} from '../util/chars.js'

/** A sentence: offsets into the text, `end` exclusive, white space trimmed. */
export interface SentenceSpan {
  start: number
  end: number
}

/** Options of {@link splitSentences}. */
export interface SplitSentencesOptions {
  /**
   * Offsets where footnote markers sat before they were taken out.  A marker
   * right after a period that would otherwise be read as an abbreviation
   * ("Washington, D.C.[20] Mali …") turns it into a sentence end.
   */
  anchors?: Iterable<number>
}

/**
 * Abbreviations after which a sentence never ends (lowercased, without the
 * final period).  Titles, months, Latin shorthands and `Cdn` (as in
 * `Cdn.$22m` / `Cdn. $22m`).
 */
export const NON_FINAL_ABBREVIATIONS: ReadonlySet<string> = new Set([
  // titles and ranks
  'mr', 'mrs', 'ms', 'messrs', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'sgt',
  'cmdr', 'adm', 'gov', 'sen', 'rep', 'rev', 'hon', 'pres', 'amb', 'sec', 'brig',
  // places
  'st', 'mt', 'ft',
  // months (May has no abbreviation)
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  // Latin and others
  'e.g', 'i.e', 'cf', 'viz', 'vs', 'v', 'approx',
  // currencies (`Cdn.$22m`, `Cdn. $500 million`)
  'cdn'
])

/**
 * Abbreviations that do not end a sentence when a number follows
 * (`No. 5`, `p. 7`, `c. 1960`, `est. 1990`), but may end one otherwise.
 */
export const BEFORE_NUMBER_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'no', 'nos', 'nr', 'p', 'pp', 'vol', 'vols', 'art', 'fig', 'ch', 'para', 'c', 'ca', 'est',
  'op', 'pt'
])

/**
 * Abbreviations that often close a sentence (`… founded by Acme Inc. The
 * company …`): they end one before a capitalized word unless that word is
 * itself one of them (`Co. Ltd.`) or an opening parenthesis (`Murchison
 * Sr. (April 11, 1895 – …)`).  Before a lowercase word nothing ends.
 */
export const FINAL_CAPABLE_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'inc', 'ltd', 'co', 'corp', 'jr', 'sr', 'etc', 'bros', 'plc', 'llc', 'pty', 'al'
])

/** {@link ABBREVIATION_FLAGS} bits: the word is in this list. */
const NON_FINAL = 1
const BEFORE_NUMBER = 2
const FINAL_CAPABLE = 4

/**
 * A word of ASCII letters, six at most, as a number: its lowercase letters
 * `a`–`z` as 1–26, five bits each (distinct words, distinct keys).
 */
function wordKey(word: string): number {
  let key = 0
  for (let q = 0; q < word.length; q++) key = key * 32 + ((word.charCodeAt(q) | 32) - 96)
  return key
}

/** The lists' words of letters only, by {@link wordKey}: which lists hold each. */
const ABBREVIATION_FLAGS = new Map<number, number>()
for (const [set, flag] of [[NON_FINAL_ABBREVIATIONS, NON_FINAL], [BEFORE_NUMBER_ABBREVIATIONS, BEFORE_NUMBER], [FINAL_CAPABLE_ABBREVIATIONS, FINAL_CAPABLE]] as const) {
  for (const word of set) if (/^[a-z]{1,6}$/.test(word)) ABBREVIATION_FLAGS.set(wordKey(word), (ABBREVIATION_FLAGS.get(wordKey(word)) ?? 0) | flag)
}

/** Longest word looked at before a period (longer tokens are not abbreviations). */
const MAX_WORD = 24

const ACRONYM = /^(?:\p{L}\.)+\p{L}$/u
const INITIAL = /^\p{Lu}$/u

// The classes below test UTF-16 code units (`NaN` past the end is in none):
// the splitter looks at every character, and one-character strings made
// that loop a hot spot.

/**
 * The characters the splitter stops at near an anchor (elsewhere it stops
 * only at `CAN_END`): the period, a line feed, or another
 * terminal (see `isTerminal`).  One regex for all eight, searched from where
 * the pass stands: the paragraphs the model splits are short, and a search
 * per stop character (eight `indexOf` calls per paragraph, each again once
 * passed) cost more in calls than the regex costs in scanning.  Measured on
 * the corpus's paragraphs, alternating rounds: 1.12–1.23× on the splitter
 * for one regex for the seven stops other than the period (the period kept
 * its `indexOf`), and 1.06–1.12× more for the period in the same regex (an
 * earlier round measured the single regex against eight `indexOf` on one-byte
 * strings alone, 0.8×; a loop over the code units measured 2× slower).
 */
const ANY_STOP = /[.\n?!\u2026\u3002\uff1f\uff01]/g

/**
 * Where a sentence can end without an anchor: a run of terminals and its
 * closers before white space (see `isSpace`) or the end of the text, or a
 * blank line.  The splitter stops only there (and, near an anchor, at every
 * `ANY_STOP`): most other stops (`3.5`, `U.S.-Malian`, `file.jpg`) went
 * through `endsSentence` only to be turned down.  Measured on the corpus's
 * paragraphs built as the flattening builds them (concatenated text nodes),
 * alternating rounds: 1.18–1.23× on the splitter, and 1.04–1.16× on the
 * model; on flat strings alone it measured 0.97×.
 */
const CAN_END = /[.?!\u2026\u3002\uff1f\uff01]+["'\u201d\u2019\u00bb\u203a)\]}]*(?=[ \t-\r\u00a0\u2009\u202f\u3000]|$)|\n[ \t\r]*\n/g

/** `.` `?` `!` `…` `。` `？` `！` */
function isTerminal(code: number): boolean {
  return code === 46 || code === 63 || code === 33 ||
    (code >= 0x2026 && (code === 0x2026 || code === 0x3002 || code === 0xff1f || code === 0xff01))
}

/** `"` `'` `”` `’` `»` `›` `)` `]` `}` */
function isCloser(code: number): boolean {
  return code === 34 || code === 39 || code === 0x201d || code === 0x2019 || code === 0xbb || code === 0x203a ||
    code === 41 || code === 93 || code === 125
}

/** `"` `'` `“` `‘` `«` `‹` `(` `[` `{` `¿` `¡` */
function isOpener(code: number): boolean {
  return code === 34 || code === 39 || code === 0x201c || code === 0x2018 || code === 0xab || code === 0x2039 ||
    code === 40 || code === 91 || code === 123 || code === 0xbf || code === 0xa1
}

/** The white space of sentence boundaries: ASCII, no-break, thin, narrow no-break, ideographic. */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x2009 || code === 0x202f || code === 0x3000
}

/**
 * Where the word that ends at `end` (exclusive) starts, without leading
 * openers; -1 when it is too long (see {@link MAX_WORD}).  The word is
 * `text.slice(wordStart(text, end), end)`.
 */
function wordStart(text: string, end: number): number {
  let k = end - 1
  const stop = Math.max(0, end - MAX_WORD)
  while (k >= stop && !isSpace(text.charCodeAt(k))) k--
  if (k < stop && stop > 0) return -1
  let start = k + 1
  while (start < end && isOpener(text.charCodeAt(start))) start++
  return start
}

/** The longest word of the abbreviation sets (`messrs`, `approx`). */
const MAX_ABBREVIATION = 6

/** The lowercased token at `start` (letters and periods, bounded), without a final period. */
function tokenAt(text: string, start: number): string {
  let k = start
  const stop = Math.min(text.length, start + MAX_WORD)
  while (k < stop) {
    const ch = text[k] ?? ' '
    if (isSpace(ch.charCodeAt(0)) || !(ch === '.' || /\p{L}/u.test(ch))) break
    k++
  }
  return text.slice(start, k).replace(/\.$/, '').toLowerCase()
}

/**
 * Split `text` into sentences.
 *
 * A sentence ends after a run of `.`, `?`, `!` or `…` (plus closing quotes
 * and brackets right after it) that is followed by white space or the end of
 * the text, except when:
 * - the next word starts with a lowercase letter (`Cdn.$22m. between`), or the
 *   next character is `,`, `;`, `:`, `)` or `%`;
 * - the period closes an abbreviation of {@link NON_FINAL_ABBREVIATIONS}
 *   (`Gen.`, `Jan.`, `e.g.`), one of {@link BEFORE_NUMBER_ABBREVIATIONS}
 *   before a digit (`No. 5`), one of {@link FINAL_CAPABLE_ABBREVIATIONS}
 *   before another of them (`Co. Ltd.`) or before `(` (`Sr. (1895–1969)`);
 * - the period closes an acronym with inner periods (`U.S.`, `D.C.`, `U.K.`,
 *   `U.N.`) or an initial (`Robert E. Handloff`), unless a footnote marker
 *   sat right after it (see {@link SplitSentencesOptions.anchors}).
 * A blank line always ends a sentence.  A period not followed by white space
 * (`3.5`, `Visa_Mali.jpg`, `U.S.-Malian`) never does.
 *
 * @returns spans in order, non-overlapping, trimmed of white space; none for
 * text that is only white space.
 */
export function splitSentences(text: string, options: SplitSentencesOptions = {}): SentenceSpan[] {
  const bounds = sentenceBounds(text, sortedAnchors(options.anchors))
  const spans: SentenceSpan[] = []
  for (let s = 0; s < bounds.length; s += 2) spans.push({start: bounds[s]!, end: bounds[s + 1]!})
  return spans
}

/**
 * The anchors as `endsSentence` looks them up: the integers among them (a
 * sentence boundary is at an integer offset, so no other value can match),
 * sorted, without repeats.
 *
 * @internal
 */
export function sortedAnchors(anchors: Iterable<number> | undefined): number[] {
  if (anchors === undefined) return []
  const out: number[] = []
  for (const a of new Set(anchors)) if (Number.isInteger(a)) out.push(a)
  return out.sort((x, y) => x - y)
}

/**
 * {@link splitSentences} with the anchors given sorted, without repeats, as
 * integers (what `splitClaims` has at hand: no Set to build per paragraph),
 * and the sentences as numbers rather than objects: sentence `s` is
 * `[bounds[2 * s], bounds[2 * s + 1])`.  Equivalent to
 * `splitSentences(text, {anchors})`.
 *
 * @internal
 */
export function sentenceBounds(text: string, anchors: readonly number[]): number[] {
  const spans: number[] = []
  sentenceBoundsInto(text, anchors, spans)
  return spans
}

/**
 * {@link sentenceBounds} written into `spans[0, count)`, where `count` is
 * returned; what lies past it in `spans` is stale.  A caller reuses one
 * array for every paragraph this way (emptying it with `length = 0` would
 * drop its storage, and it would grow again each time).
 *
 * @internal
 */
export function sentenceBoundsInto(text: string, anchors: readonly number[], spans: number[], anchorCount: number = anchors.length): number {
  let count = 0
  const n = text.length
  // The boundaries come in increasing order, so the anchors are looked up
  // with a cursor instead of a Set: `cursorAt` is the first anchor not
  // before the last offset asked about.  (Module state rather than an
  // object per call: the splitter is not reentrant.)
  cursorAnchors = anchors
  cursorCount = anchorCount
  cursorAt = 0

  let segStart = 0
  let i = 0
  /** The end of the next `CAN_END` match from `i` (n + 1 for none); stale once `i` reaches it. */
  let stop = -1
  while (i < n) {
    if (stop <= i) {
      const re = CAN_END
      re.lastIndex = i
      stop = re.test(text) ? re.lastIndex : n + 1
    }
    // A terminal run not followed by white space ends a sentence only at an
    // anchor (see `endsSentence`): an anchor before the match's end sends
    // the pass through the stretch before it stop by stop, as it went
    // before the fusion.  (An anchor at `stop`, where a footnote marker
    // after a sentence sits, is the match's own: no detour for it.)
    let at = cursorAt
    while (at < cursorCount && cursorAnchors[at]! <= i) at++
    cursorAt = at // (the offsets asked about from here on are past `i`)
    // Only an anchor after a terminal or a closer can be a run's end or its
    // closers' end; the others (a marker after a word) need no detour.
    while (at < cursorCount && cursorAnchors[at]! < stop && !isTerminal(text.charCodeAt(cursorAnchors[at]! - 1)) && !isCloser(text.charCodeAt(cursorAnchors[at]! - 1))) at++
    if (at < cursorCount && cursorAnchors[at]! < stop) {
      const re = ANY_STOP
      re.lastIndex = i
      if (!re.test(text)) break
      const p = re.lastIndex - 1
      if (text.charCodeAt(p) === 10) {
        // A blank line is a hard break.
        let j = p + 1
        while (j < n && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9 || text.charCodeAt(j) === 13)) j++
        if (j < n && text.charCodeAt(j) === 10) {
          count = pushTrimmed(spans, count, text, segStart, p)
          segStart = j + 1
          i = j + 1
        } else {
          i = j
        }
        continue
      }
      let j = p
      while (j < n && isTerminal(text.charCodeAt(j))) j++
      let k = j
      while (k < n && isCloser(text.charCodeAt(k))) k++
      if (endsSentence(text, p, j, k)) {
        count = pushTrimmed(spans, count, text, segStart, k)
        segStart = k
      }
      i = k
      continue
    }
    if (stop > n) break
    const k = stop
    if (text.charCodeAt(k - 1) === 10) {
      // A blank line is a hard break (the trim drops its white space).
      count = pushTrimmed(spans, count, text, segStart, k)
      segStart = k
      i = k
      continue
    }
    // The match is a terminal run `[t, j)` and its closers `[j, k)`: back
    // over the closers, then over the terminals (a run starts after a
    // character that is no terminal: the pass never stops inside one).
    let j = k
    while (isCloser(text.charCodeAt(j - 1))) j--
    let t = j - 1
    while (t > i && isTerminal(text.charCodeAt(t - 1))) t--
    if (endsSentence(text, t, j, k)) {
      count = pushTrimmed(spans, count, text, segStart, k)
      segStart = k
    }
    i = k
  }
  return pushTrimmed(spans, count, text, segStart, n)
}

/** Write `text[from, to)` trimmed of white space at `spans[count]`, unless nothing is left; the new count. */
function pushTrimmed(spans: number[], count: number, text: string, from: number, to: number): number {
  let a = from
  let b = to
  while (a < b && isSpace(text.charCodeAt(a))) a++
  while (b > a && isSpace(text.charCodeAt(b - 1))) b--
  if (a < b) {
    spans[count] = a
    spans[count + 1] = b
    return count + 2
  }
  return count
}

/** The sorted anchors of the current `sentenceBoundsInto` call, and the index of the first one not before the offsets asked about so far. */
let cursorAnchors: readonly number[] = []
let cursorAt = 0
/**
 * How many of `cursorAnchors` are the call's: the first `anchorCount` (the
 * claim cutter passes its scratch array of anchor offsets as it is, with no
 * copy of it, and what lies past the count is stale).
 */
let cursorCount = 0

/** Whether `offset` is an anchor; offsets must be asked in nondecreasing order. */
function isAnchor(offset: number): boolean {
  const a = cursorAnchors
  const n = cursorCount
  let at = cursorAt
  while (at < n && a[at]! < offset) at++
  cursorAt = at
  return at < n && a[at] === offset
}

/**
 * Whether the terminal run `text[i..j)` followed by closers `text[j..k)` ends
 * a sentence.
 */
function endsSentence(text: string, i: number, j: number, k: number): boolean {
  const n = text.length
  if (k >= n) return true
  const afterSpace = isSpace(text.charCodeAt(k))
  // (j <= k, and the calls come in increasing order of i: see `isAnchor`.)
  const anchored = isAnchor(j) || isAnchor(k)
  if (!afterSpace && !anchored) return false

  // The first significant character after the boundary.
  let m = k
  while (m < n && isSpace(text.charCodeAt(m))) m++
  if (m >= n) return true
  const firstAfterSpace = text.charCodeAt(m)
  while (m < n && isOpener(text.charCodeAt(m))) m++
  const nextCode = text.charCodeAt(m)
  if (!afterSpace && !isUpperUnit(nextCode)) return false
  if (isLowerUnit(nextCode)) return false
  // `,` `;` `:` `)` `%`
  if (firstAfterSpace === 44 || firstAfterSpace === 59 || firstAfterSpace === 58 ||
    firstAfterSpace === 41 || firstAfterSpace === 37) return false

  // `?`, `!`, ellipses, `."`, `.)`: anything but one bare period.
  if (j - i !== 1 || text.charCodeAt(i) !== 46 || k !== j) return true

  // The word before the period.  Fast path for ASCII words, which most
  // sentences end in; it spares the slice, the lookups and the regexes.  The
  // abbreviations hold only letters and periods, and at most
  // MAX_ABBREVIATION of them; an acronym needs an inner period (or is a
  // capital alone: an initial); an ASCII word's lowercase is as long as it.
  //
  // First one backward scan from the period, for the common word of ASCII
  // letters alone (no openers before it: they are not letters): it finds
  // the word's start and packs its key at once, where `wordStart` and the
  // classifying loop below read the word twice.  Anything else in the word
  // (a period, a digit, an opener, a character not ASCII) leaves it to the
  // general code below.
  const stop = i > MAX_WORD ? i - MAX_WORD : 0
  let q = i - 1
  let letters = true
  let backKey = 0
  let weight = 1
  for (; q >= stop; q--) {
    const c = text.charCodeAt(q)
    const l = (c | 32) - 97 // a letter's 0–25 exactly for ASCII letters (`c | 32` of any other unit is not in 97–122)
    if (l >= 0 && l < 26) {
      backKey += (l + 1) * weight
      weight *= 32
    } else {
      if (!isSpace(c)) {
        // An ASCII unit that is no letter, period or opener (a digit: `in
        // 1960.`; `)`, `-`, `%`) is inside the word whatever comes before
        // it (only openers are dropped from a word's start), and a word
        // with one is in no list, no acronym and no initial: the general
        // code below would answer true after two more scans of the word.
        if (c < 0x80 && c !== 46 && !isOpener(c)) return true
        letters = false
      }
      break
    }
  }
  if (letters) {
    if (q < stop && stop > 0) return true // longer than MAX_WORD: see `wordStart`
    const length = i - (q + 1)
    // In no list, no initial (see below).
    if (length > MAX_ABBREVIATION) return true
    // The same tests as the fast path below, in the same order.
    const flags = ABBREVIATION_FLAGS.get(backKey) ?? 0
    if ((flags & NON_FINAL) !== 0) return false
    if ((flags & BEFORE_NUMBER) !== 0 && nextCode >= 48 && nextCode <= 57) return false
    if (length === 1 && isUpperUnit(text.charCodeAt(q + 1))) return anchored
    if ((flags & FINAL_CAPABLE) !== 0) {
      if (firstAfterSpace === 40 || FINAL_CAPABLE_ABBREVIATIONS.has(tokenAt(text, m))) return false
    }
    return true
  }

  const start = wordStart(text, i)
  if (start === -1) return true // '' is in no list, no acronym, no initial
  let ascii = true
  let lettersAndPeriods = true
  let period = false
  // The lowercased letters packed five bits each (see `wordKey`).
  let key = 0
  for (let q = start; q < i; q++) {
    const c = text.charCodeAt(q)
    if (c >= 0x80) {
      ascii = false
      break
    }
    if (c === 46) period = true
    else if ((c | 32) < 97 || (c | 32) > 122) lettersAndPeriods = false
    else key = key * 32 + ((c | 32) - 96)
  }
  if (ascii && (!lettersAndPeriods || (!period && i - start > MAX_ABBREVIATION))) {
    // In no list; no acronym or initial: one needs letters only (and
    // periods), the other one letter.
    return true
  }
  if (ascii && !period) {
    // ASCII letters only, six at most: the lists are looked up by the
    // packed key, without a slice, a lowercase copy and three string
    // hashes per period (most sentences end in such a word).  The same
    // tests as below, in the same order.
    const flags = ABBREVIATION_FLAGS.get(key) ?? 0
    if ((flags & NON_FINAL) !== 0) return false
    if ((flags & BEFORE_NUMBER) !== 0 && nextCode >= 48 && nextCode <= 57) return false
    if (i - start === 1 && isUpperUnit(text.charCodeAt(start))) return anchored
    if ((flags & FINAL_CAPABLE) !== 0) {
      if (firstAfterSpace === 40 || FINAL_CAPABLE_ABBREVIATIONS.has(tokenAt(text, m))) return false
    }
    return true
  }
  const word = text.slice(start, i)
  const lower = word.toLowerCase()
  if (NON_FINAL_ABBREVIATIONS.has(lower)) return false
  if (BEFORE_NUMBER_ABBREVIATIONS.has(lower) && nextCode >= 48 && nextCode <= 57) return false
  const acronymOrInitial = ascii && !period ? i - start === 1 && isUpperUnit(text.charCodeAt(start)) : ACRONYM.test(word) || INITIAL.test(word)
  if (acronymOrInitial) return anchored
  if (FINAL_CAPABLE_ABBREVIATIONS.has(lower)) {
    // `Murchison Sr. (April 11, 1895 – …)`, `Samsung Co. Ltd.`
    if (firstAfterSpace === 40 || FINAL_CAPABLE_ABBREVIATIONS.has(tokenAt(text, m))) return false
  }
  return true
}
