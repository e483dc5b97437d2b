/**
 * State shared by the scanners of one document: the position map, the
 * diagnostics found so far, and the footnote bookkeeping.
 */

import type {Point, Position} from 'unist'
import type {Diagnostic, RuleId, Severity} from '../model/types.js'
import type {PositionMap} from '../util/position.js'

export interface ParseContext {
  map: PositionMap
  diagnostics: Diagnostic[]
  /** Footnote markers seen, in order, with their working offsets. */
  markers: Array<{id: number; offset: number}>
  /** Table nesting depth (guards against pathological nesting). */
  depth: number
  /**
   * Working-text offset of each text node's first character.  Positions are
   * in the original input, where a repair may have changed lengths; the model
   * needs exact offsets inside text nodes (claims start mid-node), so it maps
   * working offsets itself.  A side table keeps them out of the tree; a Map,
   * not a WeakMap: it lives as long as the tree anyway, and WeakMap entries
   * (ephemerons) cost more to add and to collect.
   */
  offsets: Map<object, number>
  /**
   * The last point computed ({@link pointAt}): its working offset, and the
   * line, column and original offset it maps to.  Nodes are built in text
   * order and one often starts where the previous one ended (a text node,
   * then a footnote marker; a paragraph ends where its last text ends), so
   * that point is often asked for again.
   */
  lastWork?: number
  lastLine?: number
  lastColumn?: number
  lastOffset?: number
}

/** unist position of the working-text range [start, end). */
export function position(ctx: ParseContext, start: number, end: number): Position {
  return {start: pointAt(ctx, start), end: pointAt(ctx, end)}
}

/**
 * `ctx.map.point(work)`: a new point each time, but the last one's numbers
 * are reused when the same offset comes again (see ParseContext.lastWork).
 */
export function pointAt(ctx: ParseContext, work: number): Required<Point> {
  if (work === ctx.lastWork) return {line: ctx.lastLine!, column: ctx.lastColumn!, offset: ctx.lastOffset!}
  const p = ctx.map.point(work)
  ctx.lastWork = work
  ctx.lastLine = p.line
  ctx.lastColumn = p.column
  ctx.lastOffset = p.offset
  return p
}

/** Record a diagnostic at a working-text range. */
export function report(
  ctx: ParseContext,
  ruleId: RuleId,
  severity: Severity,
  message: string,
  start: number,
  end: number = start,
  data?: Record<string, unknown>
): void {
  const s = pointAt(ctx, start)
  const e = pointAt(ctx, end)
  const d: Diagnostic = {ruleId, severity, message, line: s.line, column: s.column, endLine: e.line, endColumn: e.column, offset: s.offset}
  if (data) d.data = data
  ctx.diagnostics.push(d)
}
