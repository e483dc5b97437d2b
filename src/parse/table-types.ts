/**
 * What the table scanners (grid, simple, multiline) return to the block
 * parser.  The block parser re-parses each cell's lines as blocks (paragraphs,
 * lists, nested tables), so a cell carries its content lines, not text.
 */

import type {Line} from './lines.js'

export type Align = 'left' | 'right' | 'center' | null

export interface ScannedCell {
  /** Content lines strictly inside the cell's walls, one leading space removed
   * as pandoc does (§2.8 of grid-tables.md), trailing white space removed.
   * Each is a substring of a document line, so offsets stay exact. */
  lines: Line[]
  rowSpan: number
  colSpan: number
  /** Logical grid position of the cell's top-left corner (0-based). */
  row: number
  column: number
}

export interface ScannedRow {
  /** Only the cells that start in this row (as in pandoc's AST). */
  cells: ScannedCell[]
  /** Index (into the scanned lines) of the row's first content line. */
  line: number
}

export interface TableProblem {
  kind: 'ragged-row' | 'text-past-wall' | 'missing-bottom-border' | 'stray-wall'
  /** Index of the offending line in the scanned lines. */
  line: number
  message: string
}

export interface ScannedTable {
  kind: 'grid' | 'simple' | 'multiline'
  /** Index of the first line of the table (the top border) */
  start: number
  /** Index of the first line after the table (exclusive end). */
  end: number
  /** Number of logical columns. */
  columns: number
  align: Align[]
  /** Rows above the `=` separator (header), possibly none. */
  head: ScannedRow[]
  body: ScannedRow[]
  /** pandoc 3 foot rows (between the last two `=` lines), possibly none. */
  foot: ScannedRow[]
  /** A caption found before or after the table (`Table: …` or `: …`), as lines. */
  caption: Line[] | null
  /** Index range of caption lines, to be consumed with the table. */
  captionRange: [number, number] | null
  problems: TableProblem[]
}
