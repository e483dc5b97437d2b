/**
 * The plain definitions that the parser's fast paths are compared with, in
 * one place for every equivalence test (tests/perf3-parse, perf6-parse,
 * perf7-parse).
 */

import {KNOWN_SECTIONS} from '../src/parse/blocks.js'
import {INLINE} from '../src/parse/inline.js'

/** A match of INLINE: start, end and kind (1–4, its first capture group that matched). */
export type InlineMatch = [start: number, end: number, kind: number]

/** Every match of the INLINE regex in `t`, as `inlineMatches` must find them. */
export function inlineByRegex(t: string): InlineMatch[] {
  const re = new RegExp(INLINE.source, INLINE.flags)
  const found: InlineMatch[] = []
  let m: RegExpExecArray | null
  while ((m = re.exec(t)) !== null) {
    const kind = m[1] !== undefined ? 1 : m[2] !== undefined ? 2 : m[3] !== undefined ? 3 : 4
    found.push([m.index, m.index + m[0].length, kind])
  }
  return found
}

/** What `isKnownSection` must answer: the normalised title (trimmed, lower-cased, white space runs as one space) is a known one. */
export function isKnownSectionByNormalising(t: string): boolean {
  return KNOWN_SECTIONS.has(t.trim().toLowerCase().replace(/\s+/g, ' '))
}

/**
 * The inputs on which `fast` and `reference` disagree, and how many the
 * reference accepts (an equivalence test also asserts that it met enough
 * positive cases to mean something).
 */
export function compareOn(inputs: Iterable<string>, fast: (t: string) => boolean, reference: (t: string) => boolean): {wrong: string[]; accepted: number} {
  const wrong: string[] = []
  let accepted = 0
  for (const t of inputs) {
    const want = reference(t)
    if (fast(t) !== want) wrong.push(t)
    if (want) accepted++
  }
  return {wrong, accepted}
}
