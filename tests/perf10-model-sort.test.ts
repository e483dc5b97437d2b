/**
 * The model's diagnostics sort, round 10 (issue 8): the ascending runs of
 * the diagnostics before the uncited-claim ones (prepare's, the parser's,
 * the model's own, the spliced subject-unknown one) are merged rather than
 * sorted.  Compared with a stable sort of the concatenation, element by
 * element (ties included), on random runs: few and many, with ties inside
 * and across runs, empty lists, lines or columns that are not finite, and
 * uncited lists out of order.  Round 12: the diagnostics before the model's
 * own given as a list of their own (read, not copied), cut anywhere.
 */

import {describe, expect, test} from 'vitest'
import {sortDiagnostics} from '../src/model/diagnostics.js'
import type {Diagnostic} from '../src/model/types.js'
import {generator} from './random.js'

const byPosition = (a: Diagnostic, b: Diagnostic): number => a.line - b.line || a.column - b.column

let serial = 0
function diagnostic(line: number, column: number): Diagnostic {
  return {ruleId: 'uncited-claim', severity: 'info', message: `d${serial++}`, line, column}
}

/** `count` diagnostics in position order (ties likely: few lines and columns). */
function run(rnd: (n: number) => number, count: number, span: number): Diagnostic[] {
  const out: Diagnostic[] = []
  for (let k = 0; k < count; k++) out.push(diagnostic(1 + rnd(span), 1 + rnd(4)))
  return out.sort(byPosition)
}

function inOrder(list: readonly Diagnostic[]): boolean {
  return list.every((d, i) => Number.isFinite(d.line) && Number.isFinite(d.column) && (i === 0 || byPosition(list[i - 1]!, d) <= 0))
}

describe('sortDiagnostics', () => {
  test('equals a stable sort of others then uncited, on 20,000 random lists', () => {
    const rnd = generator(10_3)
    for (let k = 0; k < 20_000; k++) {
      const others: Diagnostic[] = []
      const runs = rnd(12)
      for (let r = 0; r < runs; r++) others.push(...run(rnd, rnd(3) === 0 ? 0 : 1 + rnd(20), 1 + rnd(30)))
      if (rnd(8) === 0 && others.length > 0) others[rnd(others.length)]!.line = [NaN, Infinity, -Infinity][rnd(3)]!
      if (rnd(8) === 0 && others.length > 0) others[rnd(others.length)]!.column = NaN
      const uncited = run(rnd, rnd(4) === 0 ? 0 : rnd(30), 1 + rnd(40))
      if (rnd(6) === 0 && uncited.length > 1) uncited.reverse()
      const expected = [...others, ...uncited].sort(byPosition)
      const got = sortDiagnostics(others.slice(), uncited.slice(), inOrder(uncited))
      expect(got.length).toBe(expected.length)
      for (let q = 0; q < got.length; q++) expect(got[q]).toBe(expected[q])
      // Round 12: the stages' diagnostics as a list of their own, read only
      // (`before`), cut from the others anywhere (inside a run too).
      const cut = rnd(others.length + 1)
      const before = others.slice(0, cut)
      const frozen = before.slice()
      const got2 = sortDiagnostics(others.slice(cut), uncited.slice(), inOrder(uncited), before)
      // (One expect per list, not per element: the test runs 20,000 of them.)
      expect(got2 !== before && before.every((d, q) => d === frozen[q])).toBe(true)
      expect(got2.length === expected.length && got2.every((d, q) => d === expected[q])).toBe(true)
    }
  })
})
