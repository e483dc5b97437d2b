/**
 * The node types foreign-relations adds to mdast, and how table cells hold
 * blocks.  Registered with mdast's content maps so that `Root` accepts them.
 * See docs/mdast.md for why each exists.
 */

import type {BlockContent, Data, DefinitionContent, Literal, Node, Parent, TableCell} from 'mdast'

/** A category line (`Category:Foreign_relations_of_Mali`, or a bare `Foreign_relations_of_Mali`). */
export interface Category extends Node {
  type: 'category'
  /** The category names, underscores as in the input. */
  names: string[]
  /** The namespace prefix the line had (`Category`, `Kategorie`, …), or null for a bare title. */
  prefix: string | null
  data?: Data
}

/** `[TABLE]`: a table pandoc could not draw; its content and footnotes are lost. */
export interface LostTable extends Node {
  type: 'lostTable'
  data?: Data
}

/** An unparsed template such as `{{Cite web` (broken) or `{{lang|fr|…}}`. */
export interface Template extends Literal {
  type: 'template'
  /** The template's name (`Cite web`). */
  name: string
  /** False when the closing `}}` is missing (cut off by pandoc). */
  closed: boolean
  data?: Data
}

/**
 * The number MediaWiki gives a bare external link (`[http://…]` → `[1]`),
 * all that pandoc kept of it: `Date Modified: 2009-07-06.1`.
 */
export interface LinkNumber extends Literal {
  type: 'linkNumber'
  /** The number in the document's 1, 2, 3… sequence. */
  number: number
  data?: Data
}

/** A table cell that holds block content (paragraphs, lists, nested tables). */
export interface BlockTableCell extends Omit<TableCell, 'children'> {
  children: Array<BlockContent | DefinitionContent>
}

declare module 'mdast' {
  interface RootContentMap {
    category: Category
    lostTable: LostTable
    template: Template
    linkNumber: LinkNumber
  }
  interface BlockContentMap {
    category: Category
    lostTable: LostTable
  }
  interface PhrasingContentMap {
    template: Template
    linkNumber: LinkNumber
  }
  interface TableCellData {
    /** Row span (pandoc ≥ 3.7 draws spans). */
    rowSpan?: number
    /** Column span. */
    colSpan?: number
    /** Logical grid position (0-based). */
    row?: number
    column?: number
  }
  interface TableData {
    /** How the table was drawn. */
    kind?: 'grid' | 'simple' | 'multiline'
    /** Number of header rows (0 or more; the first rows of `children`). */
    headRows?: number
    /** Number of foot rows (pandoc 3; the last rows of `children`). */
    footRows?: number
    /** Caption text, when the table had one. */
    caption?: string
  }
  interface FootnoteDefinitionData {
    /** True when pandoc left the definition empty. */
    empty?: boolean
    /** Why it is empty: a dropped citation template or a reused named reference. */
    emptyReason?: string
  }
  interface ImageData {
    /** Where the image came from: a file name or a `[caption]` glued to a paragraph. */
    artifact?: 'file-name' | 'caption'
  }
  interface HeadingData {
    /** How the heading was recognised. */
    inferred?: 'known-section' | 'shape'
  }
  interface ListData {
    /**
     * The item markers as written, without the delimiter (`a`, `b`, … or
     * `i`, `ii`, …), for ordered lists whose markers are not numbers: `start`
     * and the order cannot say `a.` from `1.`.
     */
    markers?: string[]
  }
}

export type {Parent}

declare module 'mdast' {
  interface RootData {
    /** Findings of decode, repair and parse, with positions in the original input. */
    diagnostics?: import('../model/types.js').Diagnostic[]
    /** The mojibake repairs made before parsing. */
    repairs?: import('../model/types.js').Repair[]
    /** Encoding, BOM and line endings of the input. */
    source?: import('../model/types.js').SourceInfo
  }
}
