/**
 * The model's last step on diagnostics: all of them in position order.
 */

import type {Diagnostic} from './types.js'
import {pushAll} from '../util/array.js'

const byPosition = (a: Diagnostic, b: Diagnostic): number => a.line - b.line || a.column - b.column

/**
 * Most runs merged rather than sorted: prepare's, the parser's, the
 * subject-unknown one and the model's own make four at most in practice;
 * past this many the comparator sort is used.
 */
const MAX_RUNS = 8

/** No diagnostics (the default `before`). */
const NONE: readonly Diagnostic[] = []

/**
 * `before.concat(others, uncited)` sorted stably by position (line, then
 * column).  `before` holds the diagnostics of the stages before the model
 * (read only: no copy of it is made to add the model's to), `others` the
 * model's own: each stage's come in document order, so the two are a few
 * ascending runs one after the other; the claims, and so the uncited-claim
 * diagnostics, come mostly in document order too.  When they do, the runs
 * are merged (ties: the earlier run first, as a stable sort of the
 * concatenation keeps them), instead of a sort with a comparator call per
 * step (V8's sort finds the runs as well, but calls the comparator for
 * every comparison; here the positions are compared inline).
 * `uncitedInOrder` tells whether `uncited` is in position order with finite
 * lines and columns (the caller tracked it while the list grew).  Lists with
 * a line or column that is not finite (whose order `byPosition` does not
 * define as a total order), or with many runs, take the comparator sort.
 *
 * @returns `others`, `uncited` or a new array, never `before` (`others` and `uncited` may be reordered)
 * @internal
 */
export function sortDiagnostics(others: Diagnostic[], uncited: Diagnostic[], uncitedInOrder: boolean, before: readonly Diagnostic[] = NONE): Diagnostic[] {
  // The runs of `before` and `others` (a run ends where a list does), found
  // in one pass over each with the finiteness check.
  runs = 0
  const mergeable = uncitedInOrder && findRuns(before) && findRuns(others)
  if (!mergeable) {
    RUN_LIST.fill(NO_RUN)
    const all = before.length === 0 ? others : before.concat(others)
    pushAll(all, uncited)
    return all.sort(byPosition)
  }
  if (uncited.length > 0) {
    if (runs === 0) return uncited
    addRun(uncited, 0, uncited.length)
  }
  if (runs === 0) return others
  if (runs === 1) {
    // One list, in order already (`before`: a copy of it).
    const list = RUN_LIST[0]!
    RUN_LIST.fill(NO_RUN)
    return list === before ? list.slice() : (list as Diagnostic[])
  }
  return mergeRuns(before.length + others.length + uncited.length)
}

/** The number of runs in the scratch arrays below. */
let runs = 0

/**
 * Add the ascending runs of `list` to the scratch arrays; false (and the
 * runs left unfinished) when a line or column is not finite or there are
 * more than `MAX_RUNS` runs in all (the uncited list's not counted).
 */
function findRuns(list: readonly Diagnostic[]): boolean {
  let lastLine = -Infinity
  let lastColumn = -Infinity
  let from = 0
  for (let i = 0; i < list.length; i++) {
    const d = list[i]!
    const line = d.line
    const column = d.column
    if (!Number.isFinite(line) || !Number.isFinite(column)) return false
    if (i > 0 && (line < lastLine || (line === lastLine && column < lastColumn))) {
      if (runs === MAX_RUNS) return false
      addRun(list, from, i)
      from = i
    }
    lastLine = line
    lastColumn = column
  }
  if (list.length === 0) return true
  if (runs === MAX_RUNS) return false
  addRun(list, from, list.length)
  return true
}

/** Add the run `list[from, to)`, nonempty. */
function addRun(list: readonly Diagnostic[], from: number, to: number): void {
  const head = list[from]!
  const m = runs++
  RUN_LIST[m] = list
  RUN_AT[m] = from
  RUN_END[m] = to
  // (The head's line and column in the scratch arrays, read again only
  // when its run advances: the diagnostics have several shapes, and each
  // read of a field is a polymorphic load.)
  RUN_LINE[m] = head.line
  RUN_COLUMN[m] = head.column
}

/**
 * The runs' cursors (scratch, refilled per call): run `r` is
 * `RUN_LIST[r][RUN_AT[r], RUN_END[r])`, its head at `RUN_LINE[r]`,
 * `RUN_COLUMN[r]`.
 */
const RUN_LIST: Array<readonly Diagnostic[]> = []
const NO_RUN: readonly Diagnostic[] = []
const RUN_AT: number[] = []
const RUN_END: number[] = []
const RUN_LINE: number[] = []
const RUN_COLUMN: number[] = []

/**
 * The runs of the scratch arrays, each in position order, `total`
 * diagnostics in all, merged at once into one array of the final length:
 * each step takes the least head, the earliest run on ties (as a stable
 * sort of the concatenation keeps them).  One pass and one array, rather
 * than the runs merged two at a time into a new array each (each grown by
 * pushes): that copied the diagnostics once per run and was most of the
 * model's allocation here.  There are a few runs (at most `MAX_RUNS + 1`),
 * so the least head is found by a scan of them.
 */
function mergeRuns(total: number): Diagnostic[] {
  const out = new Array<Diagnostic>(total)
  let m = runs
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
