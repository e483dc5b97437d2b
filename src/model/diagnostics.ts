/**
 * The model's last step on diagnostics: all of them in position order.
 */

import type {Diagnostic} from './types.js'
import {pushAll} from '../util/array.js'

const byPosition = (a: Diagnostic, b: Diagnostic): number => a.line - b.line || a.column - b.column

/**
 * Most runs of `others` merged rather than sorted: prepare's, the parser's,
 * the model's own and the spliced subject-unknown one make four at most in
 * practice; past this many the comparator sort is used.
 */
const MAX_RUNS = 8

/** Where each run of `others` starts (scratch, refilled per call). */
const RUN_STARTS: number[] = []

/**
 * `others.concat(uncited)` sorted stably by position (line, then column).
 * `others` holds the diagnostics of the stages before the model and the
 * model's own: each stage's come in document order, so `others` is a few
 * ascending runs one after the other; the claims, and so the uncited-claim
 * diagnostics, come mostly in document order too.  When they do, the runs
 * are merged two at a time, left to right (ties: the earlier run first, as
 * a stable sort of the concatenation keeps them), instead of a sort with a
 * comparator call per step (V8's sort finds the runs as well, but calls the
 * comparator for every comparison; here the positions are compared inline).
 * `uncitedInOrder` tells whether `uncited` is in position order with finite
 * lines and columns (the caller tracked it while the list grew).  Lists with
 * a line or column that is not finite (whose order `byPosition` does not
 * define as a total order), or with many runs, take the comparator sort.
 *
 * @returns `others`, `uncited` or a new array (the inputs may be reordered)
 * @internal
 */
export function sortDiagnostics(others: Diagnostic[], uncited: Diagnostic[], uncitedInOrder: boolean): Diagnostic[] {
  let mergeable = uncitedInOrder
  // The runs of `others`, found in one pass with the finiteness check.
  const starts = RUN_STARTS
  let runs = 0
  let lastLine = -Infinity
  let lastColumn = -Infinity
  for (let i = 0; i < others.length; i++) {
    const d = others[i]!
    const line = d.line
    const column = d.column
    if (!Number.isFinite(line) || !Number.isFinite(column)) {
      mergeable = false
      break
    }
    if (i === 0 || line < lastLine || (line === lastLine && column < lastColumn)) {
      if (runs === MAX_RUNS) {
        mergeable = false
        break
      }
      starts[runs++] = i
    }
    lastLine = line
    lastColumn = column
  }
  if (!mergeable) {
    pushAll(others, uncited)
    return others.sort(byPosition)
  }
  if (others.length === 0) return uncited
  if (runs === 1 && uncited.length === 0) return others
  // Left to right: `acc[0, accEnd)` is the stable sort of the runs so far.
  let acc = others
  let accEnd = runs === 1 ? others.length : starts[1]!
  for (let r = 1; r <= runs; r++) {
    const last = r === runs
    if (last && uncited.length === 0) break
    const b = last ? uncited : others
    const from = last ? 0 : starts[r]!
    const to = last ? uncited.length : r + 1 < runs ? starts[r + 1]! : others.length
    acc = merge(acc, accEnd, b, from, to)
    accEnd = acc.length
  }
  return acc
}

/** `a[0, aEnd)` and `b[bFrom, bTo)`, each in position order, merged into a new array; ties: `a` first. */
function merge(a: Diagnostic[], aEnd: number, b: Diagnostic[], bFrom: number, bTo: number): Diagnostic[] {
  const out: Diagnostic[] = []
  let i = 0
  let j = bFrom
  // The head of each list with its line and column in locals, read again
  // only when that list advances: the diagnostics have several shapes, and
  // each read of a field is a polymorphic load.
  let x = a[0]!
  let y = b[j]!
  let xLine = x.line
  let xColumn = x.column
  let yLine = y.line
  let yColumn = y.column
  for (;;) {
    if (xLine < yLine || (xLine === yLine && xColumn <= yColumn)) {
      out.push(x)
      if (++i === aEnd) break
      x = a[i]!
      xLine = x.line
      xColumn = x.column
    } else {
      out.push(y)
      if (++j === bTo) break
      y = b[j]!
      yLine = y.line
      yColumn = y.column
    }
  }
  while (i < aEnd) out.push(a[i++]!)
  while (j < bTo) out.push(b[j++]!)
  return out
}
