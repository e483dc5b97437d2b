/**
 * Fast paths of the prepare stage, round 8 (issue 8): the repairer's judges
 * answer the letter, case, invalid, Latin/Common and Latin-like classes of
 * a character from a table per class (`unitClass` of src/util/chars.ts)
 * inside the BMP, filled from the regexes they used to run, and by the
 * regex beyond it.  Each class, asked of a code point as the judges ask it,
 * must give what its regex's `test` gives on that character.
 */

import {describe, expect, test} from 'vitest'
import {CLASS_TESTS_FOR_TESTS} from '../src/repair/index.js'
import {unitClass} from '../src/util/chars.js'

function disagreements(codePoints: Iterable<number>): string[] {
  const wrong: string[] = []
  for (const cp of codePoints) {
    for (const [re, isClass] of CLASS_TESTS_FOR_TESTS) {
      if (re.test(String.fromCodePoint(cp)) !== isClass(cp)) wrong.push(`U+${cp.toString(16)} ${re.source}`)
    }
  }
  return wrong
}

describe('round 8: character classes by table', () => {
  test('every UTF-16 unit, asked twice (computed, then from the table), gets the regexes’ answers', () => {
    const units = Array.from({length: 0x10000}, (_, c) => c)
    expect(disagreements(units)).toEqual([])
    expect(disagreements(units)).toEqual([])
    // The classes are not all alike: the tables do tell letters, cases and the rest apart.
    for (const [, isClass] of CLASS_TESTS_FOR_TESTS) expect(units.filter((u) => isClass(u)).length).toBeGreaterThan(100)
  })

  test('code points beyond the BMP go through the regexes; none (-1) is in no class', () => {
    expect(disagreements([0x1f600, 0x1d400, 0x10000, 0x20000, 0x1f1e6, 0xe0001, 0x10ffff])).toEqual([])
    // '𝐀' (U+1D400, a surrogate pair) is a letter; its halves alone are not.
    const [, isLetter] = CLASS_TESTS_FOR_TESTS[0]!
    expect(isLetter(0x1d400)).toBe(true)
    expect(isLetter(0xd835)).toBe(false)
    for (const [, isClass] of CLASS_TESTS_FOR_TESTS) expect(isClass(-1)).toBe(false)
  })

  test('unitClass refuses a regex whose test depends on lastIndex', () => {
    expect(() => unitClass(/a/g)).toThrow(TypeError)
    expect(() => unitClass(/a/y)).toThrow(TypeError)
    expect(unitClass(/\p{Lu}/u)(0x41)).toBe(true)
    expect(unitClass(/\p{Lu}/u)(Number.NaN)).toBe(false)
  })
})
