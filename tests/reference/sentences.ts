// Frozen reference: src/resolve/sentences.ts as it was before the performance
// pass of issue 8 (commit 444d236), kept as the plain definition that
// tests/perf3-model.test.ts compares the fast code with.  Do not optimise it;
// change it only together with a deliberate change of behaviour.

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

import {isLowerUnit, isUpperUnit} from '../../src/util/chars.js'

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

/** Longest word looked at before a period (longer tokens are not abbreviations). */
const MAX_WORD = 24

const ACRONYM = /^(?:\p{L}\.)+\p{L}$/u
const INITIAL = /^\p{Lu}$/u

// The classes below test UTF-16 code units (`NaN` past the end is in none):
// the splitter looks at every character, and one-character strings made
// that loop a hot spot.

/** The characters the splitter stops at: a line feed or a terminal (see `isTerminal`). */
const STOPS = /[\n.?!\u2026\u3002\uff1f\uff01]/g

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

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9'
}

/** The word that ends at `end` (exclusive), without leading openers; '' when too long. */
function wordBefore(text: string, end: number): string {
  let k = end - 1
  const stop = Math.max(0, end - MAX_WORD)
  while (k >= stop && !isSpace(text.charCodeAt(k))) k--
  if (k < stop && stop > 0) return ''
  let start = k + 1
  while (start < end && isOpener(text.charCodeAt(start))) start++
  return text.slice(start, end)
}

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
  const anchors = new Set(options.anchors ?? [])
  const spans: SentenceSpan[] = []
  const n = text.length

  const push = (from: number, to: number): void => {
    let a = from
    let b = to
    while (a < b && isSpace(text.charCodeAt(a))) a++
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--
    if (a < b) spans.push({start: a, end: b})
  }

  let segStart = 0
  let i = 0
  while (i < n) {
    // Jump to the next character that matters (the regex engine scans much
    // faster than a loop over code units).
    STOPS.lastIndex = i
    if (!STOPS.test(text)) break
    i = STOPS.lastIndex - 1
    const code = text.charCodeAt(i)
    if (code === 10) {
      // A blank line is a hard break.
      let j = i + 1
      while (j < n && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9 || text.charCodeAt(j) === 13)) j++
      if (j < n && text.charCodeAt(j) === 10) {
        push(segStart, i)
        segStart = j + 1
        i = j + 1
      } else {
        i = j
      }
      continue
    }
    if (!isTerminal(code)) {
      i++
      continue
    }
    let j = i
    while (j < n && isTerminal(text.charCodeAt(j))) j++
    let k = j
    while (k < n && isCloser(text.charCodeAt(k))) k++
    if (endsSentence(text, i, j, k, anchors)) {
      push(segStart, k)
      segStart = k
    }
    i = k
  }
  push(segStart, n)
  return spans
}

/**
 * Whether the terminal run `text[i..j)` followed by closers `text[j..k)` ends
 * a sentence.
 */
function endsSentence(text: string, i: number, j: number, k: number, anchors: ReadonlySet<number>): boolean {
  const n = text.length
  if (k >= n) return true
  const afterSpace = isSpace(text.charCodeAt(k))
  const anchored = anchors.has(j) || anchors.has(k)
  if (!afterSpace && !anchored) return false

  // The first significant character after the boundary.
  let m = k
  while (m < n && isSpace(text.charCodeAt(m))) m++
  if (m >= n) return true
  const firstAfterSpace = text[m] ?? ''
  while (m < n && isOpener(text.charCodeAt(m))) m++
  const nextCode = text.charCodeAt(m)
  if (!afterSpace && !isUpperUnit(nextCode)) return false
  if (isLowerUnit(nextCode)) return false
  if (firstAfterSpace === ',' || firstAfterSpace === ';' || firstAfterSpace === ':' ||
    firstAfterSpace === ')' || firstAfterSpace === '%') return false

  // `?`, `!`, ellipses, `."`, `.)`: anything but one bare period.
  if (j - i !== 1 || text.charCodeAt(i) !== 46 || k !== j) return true
  const next = text[m] ?? ''

  const word = wordBefore(text, i)
  const lower = word.toLowerCase()
  if (NON_FINAL_ABBREVIATIONS.has(lower)) return false
  if (BEFORE_NUMBER_ABBREVIATIONS.has(lower) && isDigit(next)) return false
  if (ACRONYM.test(word) || INITIAL.test(word)) return anchored
  if (FINAL_CAPABLE_ABBREVIATIONS.has(lower)) {
    // `Murchison Sr. (April 11, 1895 – …)`, `Samsung Co. Ltd.`
    if (firstAfterSpace === '(' || FINAL_CAPABLE_ABBREVIATIONS.has(tokenAt(text, m))) return false
  }
  return true
}
