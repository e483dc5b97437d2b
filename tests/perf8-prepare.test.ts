/**
 * Fast paths of the prepare stage, round 8 (issue 8): the repairer's judges
 * look up the letter, case, invalid and Latin/Common classes of a single
 * UTF-16 unit in a table filled from the regexes they used to run.  The
 * table must give, for every unit and for longer strings (which still go
 * through the regexes), what each regex's `test` gives.
 */

import {describe, expect, test} from 'vitest'
import {CHAR_CLASS_FOR_TESTS} from '../src/repair/index.js'

const {charClass, tests} = CHAR_CLASS_FOR_TESTS

function disagreements(inputs: Iterable<string>): string[] {
  const wrong: string[] = []
  for (const s of inputs) {
    const k = charClass(s)
    for (const [re, bit] of tests) {
      if (re.test(s) !== ((k & bit) !== 0)) wrong.push(`${JSON.stringify(s)} ${re.source}`)
    }
  }
  return wrong
}

describe('round 8: character classes by table', () => {
  test('every UTF-16 unit, asked twice (computed, then from the table), gets the regexes’ answers', () => {
    const units = Array.from({length: 0x10000}, (_, c) => String.fromCharCode(c))
    expect(disagreements(units)).toEqual([])
    expect(disagreements(units)).toEqual([])
    // The classes are not all alike: the table does tell letters, cases and the rest apart.
    const counts = tests.map(([, bit]) => units.filter((u) => (charClass(u) & bit) !== 0).length)
    for (const n of counts) expect(n).toBeGreaterThan(100)
  })

  test('strings of other lengths go through the regexes', () => {
    const inputs = ['', 'ab', 'a1', '1a', '12', '\ud83d\ude00', '\ud835\udc00', '\ud800\ud800', 'Ã©', 'ÃA', '\u00a0\u00a0', 'Ωx', '\u0378\u0378', 'a\u0301']
    expect(disagreements(inputs)).toEqual([])
    // '𝐀' (U+1D400, a surrogate pair) is an upper-case letter; its halves alone are not letters.
    expect(charClass('\ud835\udc00') & tests[0]![1]).not.toBe(0)
    expect(charClass('\ud835') & tests[0]![1]).toBe(0)
  })
})
