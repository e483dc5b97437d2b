/**
 * Character classes by UTF-16 code unit, for scanners that look at one
 * character at a time.
 *
 * A regular expression per character (`/[\p{L}\p{N}]/u.test(text[i])`) was a
 * hot spot: it builds a one-character string and enters the regex engine for
 * every character.  These answer from the code unit: ASCII by range, the
 * rest from a table filled on first use by the very same regular
 * expression, so the answers are those of the regex on the one-unit string
 * (a lone surrogate is never a letter).  Nothing maintained does this for a
 * code unit without allocating a string.
 */

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u
const WHITE_SPACE = /\s/u
const UPPER = /^\p{Lu}$/u
const LOWER = /^\p{Ll}$/u

/** 1 yes, 2 no, 0 not known yet. */
const letterOrDigit = new Uint8Array(0x10000)
const whiteSpace = new Uint8Array(0x10000)
const upper = new Uint8Array(0x10000)
const lower = new Uint8Array(0x10000)

/** `re` on the one-unit string of `code`, cached in `table`; `NaN` and the like are not in any class. */
function cached(table: Uint8Array, re: RegExp, code: number): boolean {
  if (!(code >= 0 && code <= 0xffff)) return false
  let known = table[code]!
  if (known === 0) {
    known = re.test(String.fromCharCode(code)) ? 1 : 2
    table[code] = known
  }
  return known === 1
}

/**
 * A test of one code unit by `re` on the one-unit string, answered from a
 * table of its own filled on first use, as the classes below are: for
 * callers with classes of their own.  `re` must not be global or sticky
 * (its `test` would then depend on `lastIndex`).
 */
export function unitClass(re: RegExp): (code: number) => boolean {
  if (re.global || re.sticky) throw new TypeError('unitClass: a global or sticky regex tests from its lastIndex')
  const table = new Uint8Array(0x10000)
  return (code) => cached(table, re, code)
}

/** Whether the code unit is an upper-case letter: `/^\p{Lu}$/u` on the one-unit string. */
export function isUpperUnit(code: number): boolean {
  if (code < 0x80) return code >= 65 && code <= 90
  return cached(upper, UPPER, code)
}

/** Whether the code unit is a lower-case letter: `/^\p{Ll}$/u` on the one-unit string. */
export function isLowerUnit(code: number): boolean {
  if (code < 0x80) return code >= 97 && code <= 122
  return cached(lower, LOWER, code)
}

/**
 * Whether the code unit is a letter or a digit: `/[\p{L}\p{N}]/u` on the
 * one-unit string.  `NaN` (what `charCodeAt` gives past the end) is not.
 */
export function isLetterOrDigitUnit(code: number): boolean {
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)
  return cached(letterOrDigit, LETTER_OR_DIGIT, code)
}

/**
 * Whether the code unit is white space: `/\s/u` on the one-unit string.
 * `NaN` (past the end) is not.
 */
export function isWhiteSpaceUnit(code: number): boolean {
  if (code < 0x80) return code === 32 || (code >= 9 && code <= 13)
  return cached(whiteSpace, WHITE_SPACE, code)
}

/** Whether `text.slice(start, end)` holds a letter or a digit (per code unit, as above). */
export function hasLetterOrDigit(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (isLetterOrDigitUnit(text.charCodeAt(i))) return true
  return false
}
