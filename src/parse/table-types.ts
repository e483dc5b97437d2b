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

/**
 * A cell of exactly one content line (most cells: the one-line rows of grid
 * and simple tables), holding that line's text and offset itself: no
 * `lines` array and no `Line` object per cell, which the block parser
 * (buildRow) never needs for such a cell.  `lines` makes them on demand
 * (for the tests and other readers of {@link ScannedCell}).  A class, so
 * that every such cell has one hidden class, told apart with `instanceof`.
 */
export class LineCell implements ScannedCell {
  /** The line's text (not empty). */
  readonly text: string
  /** Working-text offset of `text[0]`. */
  readonly offset: number
  readonly rowSpan: number = 1
  readonly colSpan: number = 1
  /** (Set again by the simple-table scanner, which numbers its rows last.) */
  row: number
  readonly column: number

  constructor(text: string, offset: number, row: number, column: number) {
    this.text = text
    this.offset = offset
    this.row = row
    this.column = column
  }

  /** The one line, as a new array. */
  get lines(): Line[] {
    return [{text: this.text, offset: this.offset}]
  }
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
