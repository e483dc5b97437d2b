/**
 * State shared by the scanners of one document: the position map, the
 * diagnostics found so far, and the footnote bookkeeping.
 */

import type {Point, Position} from 'unist'
import type {Diagnostic, RuleId, Severity} from '../model/types.js'
import type {LineRange, OffsetSegment, PositionMap} from '../util/position.js'

export interface ParseContext extends Partial<OffsetSegment>, Partial<LineRange> {
  map: PositionMap
  diagnostics: Diagnostic[]
  /**
   * Footnote markers seen, in order: each one's id and working offset, one
   * after the other (`[id, offset, id, offset, …]`: no object per marker).
   */
  markers: number[]
  /** Table nesting depth (guards against pathological nesting). */
  depth: number
  /**
   * Working-text offset of each text node's first character.  Positions are
   * in the original input, where a repair may have changed lengths; the model
   * needs exact offsets inside text nodes (claims start mid-node), so it maps
   * working offsets itself.  Kept out of the tree, and mostly not stored at
   * all: see {@link TextOffsets}.
   */
  offsets: TextOffsets
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
  // (The inherited `seg*` and `line*` fields: the run of working offsets
  // and the line of the original that the last mapped point fell in, see
  // mapLast; unset, they are filled on first use.)
}

/** A new context for parsing one document mapped by `map`, every field set (one hidden class). */
export function newContext(map: PositionMap, depth = 0): ParseContext {
  return {
    map,
    diagnostics: [],
    markers: [],
    depth,
    offsets: new TextOffsets(map),
    lastWork: -1,
    lastLine: 0,
    lastColumn: 0,
    lastOffset: 0,
    segLo: 0,
    segHi: 0,
    segShift: 0,
    segExact: false,
    lineNo: 0,
    lineLo: 0,
    lineHi: 0
  }
}

/** Reads the working-text offset of a text node (`undefined` for any other node). */
export interface TextOffsetLookup {
  get(node: object): number | undefined
}

/**
 * The working offsets of the text nodes of one parsed tree, read with
 * `get(node)` like the `Map<object, number>` it replaces.  A Map with one
 * entry per text node was a tenth of the parse (hashing every node, growing
 * the table) and stayed alive with the tree; but a text node's working
 * offset is, nearly always, what the position map's inverse gives for the
 * original offset of its start: {@link PositionMap.toWorkOffset}.  So only
 * the nodes for which that inverse is wrong (a repair that made the text
 * longer, where two working offsets map to one original offset) are stored
 * in the Map itself; `get` answers the others from `node.position`.
 *
 * Every `text` node of a tree made by `parseText` is recorded ({@link
 * recordTextOffset}), so `get` answers for a `text` node with a position
 * and gives `undefined` for any other node, as the Map did.
 */
export class TextOffsets implements TextOffsetLookup {
  private readonly map: PositionMap
  /** The nodes whose offset the inverse does not give back; made on first need. */
  private stored: Map<object, number> | null = null

  constructor(map: PositionMap) {
    this.map = map
  }

  get(node: object): number | undefined {
    // (Most documents store none: no hashing of the node then.)
    if (this.stored !== null) {
      const stored = this.stored.get(node)
      if (stored !== undefined) return stored
    }
    const n = node as {type?: unknown; position?: {start?: {offset?: number}}}
    if (n.type !== 'text') return undefined
    const orig = n.position?.start?.offset
    return orig === undefined ? undefined : this.map.toWorkOffset(orig)
  }

  /** How many nodes are stored (the exceptions; for tests). */
  get storedCount(): number {
    return this.stored === null ? 0 : this.stored.size
  }

  /**
   * Record the working offset `work` of a text node whose position starts at
   * the original offset `orig`: stored only when the inverse does not give
   * it back (see the class); `inverseKnown` when the caller knows that it
   * does.
   */
  record(node: object, work: number, orig: number, inverseKnown = false): void {
    // `inverseKnown`: the caller knows the inverse gives `work` back (see
    // recordText), so no search.
    if (!inverseKnown && this.map.toWorkOffset(orig) !== work) (this.stored ??= new Map()).set(node, work)
  }
}

/** unist position of the working-text range [start, end). */
export function position(ctx: ParseContext, start: number, end: number): Position {
  return {start: pointAt(ctx, start), end: pointAt(ctx, end)}
}

/**
 * {@link position} of a node whose start point the caller made before the
 * node's children (`pointAt(ctx, start)`): the first child, which usually
 * starts there too, then finds that offset's numbers already mapped.
 * Every node gets Point and Position objects of its own: sharing equal ones
 * between nodes measured no faster, and a user shifting positions in place
 * would move the other nodes too.
 */
export function positionFrom(ctx: ParseContext, startPoint: Required<Point>, end: number): Position {
  return {start: startPoint, end: pointAt(ctx, end)}
}

/**
 * `ctx.map.point(work)`: a new point each time, but the last one's numbers
 * are reused when the same offset comes again (see ParseContext.lastWork).
 */
export function pointAt(ctx: ParseContext, work: number): Required<Point> {
  mapLast(ctx, work)
  return {line: ctx.lastLine!, column: ctx.lastColumn!, offset: ctx.lastOffset!}
}

/** Leave the line, column and original offset of `work` in `ctx.last*` (mapped only when it is a new offset; no Point object). */
function mapLast(ctx: ParseContext, work: number): void {
  if (work === ctx.lastWork) return
  // Points come in text order, mostly many to a line and many between two
  // repairs: the last point's run of equally shifted offsets and its line
  // are kept (range tests), and the map searched only on leaving them.
  // (`undefined` bounds, a context not made by newContext, fail the tests.)
  const offset = ctx.map.originalInto(work, ctx as OffsetSegment & LineRange)
  ctx.lastWork = work
  ctx.lastLine = ctx.lineNo!
  ctx.lastColumn = offset - ctx.lineLo! + 1
  ctx.lastOffset = offset
}

/**
 * Record the working offset `work` of text node `node`, whose start point
 * was just mapped ({@link TextOffsets.record}): nothing to store when
 * `work` lies in the current run of equally shifted offsets between two
 * repairs, where the map's inverse gives it back (see
 * PositionMap.segmentInto), so no inverse search for most text nodes
 * (every text node is still recorded: a test spies on `record`).
 */
export function recordText(ctx: ParseContext, node: object, work: number, orig: number): void {
  ctx.offsets.record(node, work, orig, ctx.segExact === true && work >= ctx.segLo! && work < ctx.segHi!)
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
  // The numbers of `pointAt(ctx, start)` and `pointAt(ctx, end)`, without
  // the two Point objects (a document can have tens of thousands of
  // diagnostics, mostly dangling markers).
  mapLast(ctx, start)
  const line = ctx.lastLine!
  const column = ctx.lastColumn!
  const offset = ctx.lastOffset!
  mapLast(ctx, end)
  const endLine = ctx.lastLine!
  const endColumn = ctx.lastColumn!
  // Made whole, `data` in the literal (same key order): a property added
  // afterwards changed the hidden class and allocated a property store for
  // each diagnostic with data (most of the parser's).
  const d: Diagnostic = data
    ? {ruleId, severity, message, line, column, endLine, endColumn, offset, data}
    : {ruleId, severity, message, line, column, endLine, endColumn, offset}
  ctx.diagnostics.push(d)
}
