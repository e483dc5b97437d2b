/**
 * Fast paths of the prepare stage, round 8 (issue 8): the repairer's judges
 * answer the letter, case, invalid and Latin/Common classes of a single
 * UTF-16 unit from a table per class (`unitClass` of src/util/chars.ts),
 * filled from the regexes they used to run.  Each class test must give,
 * for every unit and for longer strings (which still go through the
 * regexes), what its regex's `test` gives.
 */

import {describe, expect, test} from 'vitest'
import {CLASS_TESTS_FOR_TESTS} from '../src/repair/index.js'
import {unitClass} from '../src/util/chars.js'

function disagreements(inputs: Iterable<string>): string[] {
  const wrong: string[] = []
  for (const s of inputs) {
    for (const [re, isClass] of CLASS_TESTS_FOR_TESTS) {
      if (re.test(s) !== isClass(s)) wrong.push(`${JSON.stringify(s)} ${re.source}`)
    }
  }
  return wrong
}

describe('round 8: character classes by table', () => {
  test('every UTF-16 unit, asked twice (computed, then from the table), gets the regexes’ answers', () => {
    const units = Array.from({length: 0x10000}, (_, c) => String.fromCharCode(c))
    expect(disagreements(units)).toEqual([])
    expect(disagreements(units)).toEqual([])
    // The classes are not all alike: the tables do tell letters, cases and the rest apart.
    for (const [, isClass] of CLASS_TESTS_FOR_TESTS) expect(units.filter((u) => isClass(u)).length).toBeGreaterThan(100)
  })

  test('strings of other lengths go through the regexes', () => {
    const inputs = ['', 'ab', 'a1', '1a', '12', '\ud83d\ude00', '\ud835\udc00', '\ud800\ud800', 'Ã©', 'ÃA', '\u00a0\u00a0', 'Ωx', '\u0378\u0378', 'a\u0301']
    expect(disagreements(inputs)).toEqual([])
    // '𝐀' (U+1D400, a surrogate pair) is a letter; its halves alone are not.
    const [, isLetter] = CLASS_TESTS_FOR_TESTS[0]!
    expect(isLetter('\ud835\udc00')).toBe(true)
    expect(isLetter('\ud835')).toBe(false)
  })

  test('unitClass refuses a regex whose test depends on lastIndex', () => {
    expect(() => unitClass(/a/g)).toThrow(TypeError)
    expect(() => unitClass(/a/y)).toThrow(TypeError)
    expect(unitClass(/\p{Lu}/u)(0x41)).toBe(true)
    expect(unitClass(/\p{Lu}/u)(Number.NaN)).toBe(false)
  })
})
