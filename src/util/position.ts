/**
 * Mapping positions in the working text (after BOM removal and mojibake
 * repair) back to the original input.
 *
 * Written by hand: `vfile-location` maps offsets to line/column for one text,
 * but nothing maintained maps through a list of replacements.  Repairs never
 * change the number of lines, so the map is a sorted list of edits and a
 * binary search.
 */

import type {Point, Repair} from '../model/types.js'

/** Where each side of an edit starts in the flat edit list (see `PositionMap.edits`). */
const WORK = 0
const ORIG = 2

/**
 * Stands for an unbounded end of a run or a line ({@link
 * PositionMap.segmentInto}, {@link PositionMap.lineInto}): beyond any
 * offset (strings are shorter), and, unlike `Infinity`, a small integer.
 * Why it matters: V8 gives an object field one representation for every
 * object of that shape, and a single non-integer number stored in a field
 * (`Infinity`, or an integer that arrived boxed) makes it a boxed double
 * field for good; numbers read from it are boxed doubles, and they spread
 * into the fields they are copied to, down to every Point's `column` and
 * `offset` (two extra heap numbers per point, measured).
 */
export const FAR = 0x3fffffff

export class PositionMap {
  readonly original: string
  /**
   * The replacements, sorted, four numbers each: working start, working
   * length, original start, original length (`WORK` and `ORIG` index a
   * side).  One flat list, so that both directions share one search.
   */
  private readonly edits: Int32Array
  /** Offsets (in the original) at which each line starts. */
  private readonly lineStarts: number[]
  /** Index of the edit found by the last `toOriginalOffset` call. */
  private lastEdit = 0
  /** Index of the edit found by the last `toWorkOffset` call. */
  private lastInverse = 0
  /** Index (0-based) of the line found by the last `pointAtOriginal` call. */
  private lastLine = 0

  /**
   * @param original the decoded input (BOM included)
   * @param repairs repairs made on `original.slice(skip)`, with offsets relative to that slice
   * @param skip number of leading units removed before repair (1 for a BOM)
   * @param lineStarts the offsets at which the lines of `original` start, when the caller has them (see {@link lineStartsOf})
   * @param inOriginal the offsets of `repairs` are in `original` itself (`skip` included), as the pipeline reports them
   */
  constructor(original: string, repairs: readonly Repair[] = [], skip = 0, lineStarts?: number[], inOriginal = false) {
    this.original = original
    // Made at its exact size (four numbers per edit) instead of grown by
    // `push`: the growing copies were most of what a document's map
    // allocated.  An Int32Array also holds only integers, whatever number
    // a caller's repair offsets are stored as (the pipeline's are small
    // integers: tests/perf12-smi): a double here would make every offset
    // mapped through it a boxed double (see FAR).
    const edits = new Int32Array(((skip > 0 ? 1 : 0) + repairs.length) * 4)
    let j = 0
    if (skip > 0) {
      edits[3] = skip
      j = 4
    }
    let delta = skip // origOffset - workOffset after the previous edits
    const at = inOriginal ? 0 : skip // what takes a repair's offset into the original
    for (const r of repairs) {
      const origStart = r.offset + at
      edits[j] = origStart - delta
      edits[j + 1] = r.replacement.length
      edits[j + 2] = origStart
      edits[j + 3] = r.original.length
      j += 4
      delta += r.original.length - r.replacement.length
    }
    this.edits = edits
    this.lineStarts = lineStarts ?? lineStartsOf(original)
  }

  /** Original offset of a working-text offset. */
  toOriginalOffset(work: number): number {
    if (this.edits.length === 0) return work
    const k = this.findEdit(work, WORK, this.lastEdit)
    if (k !== -1) this.lastEdit = k
    return this.across(work, k, WORK)
  }

  /**
   * The working offset that {@link toOriginalOffset} maps to `orig`, for an
   * `orig` it maps some offset to.  When edits make no working text longer
   * than the original it replaces, `toOriginalOffset` is strictly increasing
   * and this is its inverse; otherwise two working offsets can map to one
   * original offset and this gives one of them (callers that need the exact
   * one check `toWorkOffset(toOriginalOffset(w)) === w` when they have `w`).
   */
  toWorkOffset(orig: number): number {
    if (this.edits.length === 0) return orig
    const k = this.findEdit(orig, ORIG, this.lastInverse)
    if (k !== -1) this.lastInverse = k
    return this.across(orig, k, ORIG)
  }

  /**
   * The last edit whose start on side `from` is <= `x` (-1: none): first
   * the edit found by the last call in this direction (calls come mostly in
   * increasing order), then a binary search.  Several edits can start at the
   * same working offset (a BOM then a repair at 0): the last one wins, which
   * is right for offsets at or after it.
   */
  private findEdit(x: number, from: number, hint: number): number {
    const e = this.edits
    const n = e.length / 4
    if (e[hint * 4 + from]! <= x && (hint + 1 === n || e[(hint + 1) * 4 + from]! > x)) return hint
    let found = -1
    let lo = 0
    let hi = n - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (e[mid * 4 + from]! <= x) {
        found = mid
        lo = mid + 1
      } else hi = mid - 1
    }
    return found
  }

  /** `x` (on side `from`) carried to the other side through edit `k` (-1: before every edit). */
  private across(x: number, k: number, from: number): number {
    if (k === -1) return x
    const e = this.edits
    const i = k * 4
    const to = i + (from === WORK ? ORIG : WORK)
    const inside = x - e[i + from]!
    if (inside < e[i + from + 1]!) return e[to]! + Math.min(inside, e[to + 1]!)
    return e[to]! + e[to + 1]! + (inside - e[i + from + 1]!)
  }

  /** Point (line, column, offset) in the original for an original offset. */
  pointAtOriginal(offset: number): Required<Point> {
    const k = this.lineIndex(offset)
    return {line: k + 1, column: offset - this.lineStarts[k]! + 1, offset}
  }

  /**
   * Index (0-based) of the line of the original holding an original offset.
   * Calls come mostly in increasing order: the line of the last call and
   * the one after it are tried before a search.
   */
  lineIndex(offset: number): number {
    const starts = this.lineStarts
    const last = this.lastLine
    if (starts[last]! <= offset) {
      const next = starts[last + 1]
      if (next === undefined || offset < next) return last
      const after = starts[last + 2]
      if (after === undefined || offset < after) {
        this.lastLine = last + 1
        return last + 1
      }
    }
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    this.lastLine = lo
    return lo
  }

  /** Column (1-based) of an original offset on its line (line index from {@link lineIndex}). */
  columnAt(offset: number, lineIndex: number): number {
    return offset - this.lineStarts[lineIndex]! + 1
  }

  /**
   * The run of working offsets around `work` that {@link toOriginalOffset}
   * maps by one shift, written to `into`: `segLo <= w < segHi` maps to
   * `w + segShift`.  Between two edits (or before the first, after the
   * last) that is the whole gap, and `segExact` is true: there the map is
   * one-to-one, so {@link toWorkOffset} gives each such `w` back.  Inside an
   * edit it is `work` alone and `segExact` is false.  For callers that map
   * many nearby offsets (the parser, in text order): a range test instead of
   * a search per offset.
   */
  segmentInto(work: number, into: OffsetSegment): void {
    const e = this.edits
    if (e.length === 0) {
      into.segLo = -FAR
      into.segHi = FAR
      into.segShift = 0
      into.segExact = true
      return
    }
    const k = this.findEdit(work, WORK, this.lastEdit)
    if (k === -1) {
      into.segLo = -FAR
      into.segHi = e[WORK]!
      into.segShift = 0
      into.segExact = true
      return
    }
    this.lastEdit = k
    const i = k * 4
    const workEnd = e[i + WORK]! + e[i + WORK + 1]!
    if (work < workEnd) {
      into.segLo = work
      into.segHi = work + 1
      into.segShift = this.across(work, k, WORK) - work
      into.segExact = false
      return
    }
    into.segLo = workEnd
    into.segHi = (k + 1) * 4 < e.length ? e[(k + 1) * 4 + WORK]! : FAR
    into.segShift = e[i + ORIG]! + e[i + ORIG + 1]! - workEnd
    into.segExact = true
  }

  /**
   * The line of the original holding original offset `offset`, written to
   * `into`: its 1-based number and the original offsets where it starts and
   * where the next line starts ({@link FAR} for the last line).
   */
  lineInto(offset: number, into: LineRange): void {
    const k = this.lineIndex(offset)
    into.lineNo = k + 1
    into.lineLo = this.lineStarts[k]!
    into.lineHi = k + 1 < this.lineStarts.length ? this.lineStarts[k + 1]! : FAR
  }

  /**
   * The original offset of working offset `work`, with `cache` left holding
   * its run of equally shifted offsets and its line ({@link segmentInto},
   * {@link lineInto}): the map is searched only when `work` leaves the
   * cached run or its line.  For callers that map many nearby offsets in
   * order (the parser's points, the model's claims): then the line is
   * `cache.lineNo` and the column `offset - cache.lineLo + 1`.  (A cache
   * whose bounds are not numbers yet fails the range tests: it is filled.)
   */
  originalInto(work: number, cache: OffsetSegment & LineRange): number {
    if (!(work >= cache.segLo && work < cache.segHi)) this.segmentInto(work, cache)
    const offset = work + cache.segShift
    if (!(offset >= cache.lineLo && offset < cache.lineHi)) this.lineInto(offset, cache)
    return offset
  }

  /** Point in the original for a working-text offset. */
  point(work: number): Required<Point> {
    return this.pointAtOriginal(this.toOriginalOffset(work))
  }
}

/** See {@link PositionMap.segmentInto}. */
export interface OffsetSegment {
  segLo: number
  segHi: number
  segShift: number
  segExact: boolean
}

/** See {@link PositionMap.lineInto}. */
export interface LineRange {
  lineNo: number
  lineLo: number
  lineHi: number
}

/** The offsets at which the lines of `text` start: 0, and one after each `\n`. */
export function lineStartsOf(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

/** Line and column (1-based) of an offset in a text; for one-off use. */
export function lineColumn(text: string, offset: number): {line: number; column: number} {
  let line = 1
  let start = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++
    start = i + 1
  }
  return {line, column: offset - start + 1}
}
