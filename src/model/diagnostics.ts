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
  return mergeRuns(others, runs, uncited)
}

/**
 * The runs' cursors of {@link mergeRuns} (scratch, refilled per call): run
 * `r` is `RUN_LIST[r][RUN_AT[r], RUN_END[r])`, its head at `RUN_LINE[r]`,
 * `RUN_COLUMN[r]`.
 */
const RUN_LIST: Diagnostic[][] = []
const NO_RUN: Diagnostic[] = []
const RUN_AT: number[] = []
const RUN_END: number[] = []
const RUN_LINE: number[] = []
const RUN_COLUMN: number[] = []

/**
 * The `runs` runs of `others` (from `RUN_STARTS`) and `uncited`, each in
 * position order, merged at once into one array of the final length: each
 * step takes the least head, the earliest run on ties (as a stable sort of
 * the concatenation keeps them).  One pass and one array, rather than the
 * runs merged two at a time into a new array each (each grown by pushes):
 * that copied the diagnostics once per run and was most of the model's
 * allocation here.  There are a few runs (at most `MAX_RUNS + 1`), so the
 * least head is found by a scan of them.
 */
function mergeRuns(others: Diagnostic[], runs: number, uncited: Diagnostic[]): Diagnostic[] {
  const total = others.length + uncited.length
  const out = new Array<Diagnostic>(total)
  let m = 0
  for (let r = 0; r <= runs; r++) {
    const list = r < runs ? others : uncited
    const from = r < runs ? RUN_STARTS[r]! : 0
    const to = r < runs ? (r + 1 < runs ? RUN_STARTS[r + 1]! : others.length) : uncited.length
    if (from === to) continue
    const head = list[from]!
    RUN_LIST[m] = list
    RUN_AT[m] = from
    RUN_END[m] = to
    // (The head's line and column in the scratch arrays, read again only
    // when its run advances: the diagnostics have several shapes, and each
    // read of a field is a polymorphic load.)
    RUN_LINE[m] = head.line
    RUN_COLUMN[m] = head.column
    m++
  }
  for (let o = 0; o < total; o++) {
    let best = 0
    let bestLine = RUN_LINE[0]!
    let bestColumn = RUN_COLUMN[0]!
    for (let r = 1; r < m; r++) {
      const line = RUN_LINE[r]!
      if (line < bestLine || (line === bestLine && RUN_COLUMN[r]! < bestColumn)) {
        best = r
        bestLine = line
        bestColumn = RUN_COLUMN[r]!
      }
    }
    const list = RUN_LIST[best]!
    const at = RUN_AT[best]!
    out[o] = list[at]!
    if (at + 1 < RUN_END[best]!) {
      const next = list[at + 1]!
      RUN_AT[best] = at + 1
      RUN_LINE[best] = next.line
      RUN_COLUMN[best] = next.column
    } else {
      // The run is done: the later runs move down one, in order (ties go
      // to the earliest run).
      m--
      for (let r = best; r < m; r++) {
        RUN_LIST[r] = RUN_LIST[r + 1]!
        RUN_AT[r] = RUN_AT[r + 1]!
        RUN_END[r] = RUN_END[r + 1]!
        RUN_LINE[r] = RUN_LINE[r + 1]!
        RUN_COLUMN[r] = RUN_COLUMN[r + 1]!
      }
    }
  }
  // (No reference kept to the caller's lists; the scratch array keeps its storage.)
  RUN_LIST.fill(NO_RUN)
  return out
}
