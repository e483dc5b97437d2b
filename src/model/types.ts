/**
 * The types of foreign-relations, in one place.
 *
 * Every stage of the pipeline (decode → repair → parse → model → resolve →
 * check → report) reads and writes these types; nothing else is shared.
 *
 * Positions: `line` and `column` are 1-based, `offset` is 0-based, and all
 * three refer to the *original input* as decoded to a string (a BOM, when the
 * input had one, is the character at offset 0).  Columns and offsets count
 * UTF-16 code units, like JavaScript strings and unist.
 */

import type {BlockContent, DefinitionContent, Paragraph} from 'mdast'

export type {Root} from 'mdast'

/** A point in the original input. */
export interface Point {
  /** 1-based line. */
  line: number
  /** 1-based column (UTF-16 code units). */
  column: number
  /** 0-based offset (UTF-16 code units) into the decoded input. */
  offset?: number
}

/** How bad a finding is. */
export type Severity = 'error' | 'warning' | 'info'

/**
 * Ids of the rules a diagnostic can come from.  Every stage reports under
 * one of these; `check` maps them to severities and documents them in
 * `docs/rules/<id>.md`.
 */
export type RuleId =
  | 'mojibake-repaired'
  | 'undecodable-bytes'
  | 'not-utf8'
  | 'empty-reference'
  | 'dangling-marker'
  | 'unused-definition'
  | 'missing-definition'
  | 'marker-order'
  | 'link-number'
  | 'uncited-claim'
  | 'partner-unresolved'
  | 'partner-conflict'
  | 'duplicate-partner'
  | 'invalid-date'
  | 'broken-template'
  | 'lost-table'
  | 'ragged-row'
  | 'subject-unknown'
  | 'empty-input'

/** A finding about the input, with its place in the original file. */
export interface Diagnostic {
  ruleId: RuleId
  severity: Severity
  message: string
  line: number
  column: number
  endLine?: number
  endColumn?: number
  /** 0-based offset of the start in the decoded input. */
  offset?: number
  /** Machine-readable details (for example the repaired text). */
  data?: Record<string, unknown>
}

/** One mojibake repair: where it was and what it became. */
export interface Repair {
  /** The damaged text, as it stood in the input (e.g. `â€“`). */
  original: string
  /** What it was repaired to (e.g. `–`). */
  replacement: string
  /** 1-based line of `original` in the input given to the repairer. */
  line: number
  /** 1-based column of `original` in that line. */
  column: number
  /** 0-based offset of `original` in the input given to the repairer. */
  offset: number
  /**
   * The codec chain that undid the damage, outermost first, e.g.
   * `['windows-1252']` or `['windows-1252', 'windows-1252']` for double damage.
   */
  codecs: string[]
}

/** What `repairMojibake` returns. */
export interface RepairResult {
  text: string
  repairs: Repair[]
}

/** The encodings `decode` can report. */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'

/** What `decode` returns. */
export interface Decoded {
  /** The decoded text.  A BOM is kept as U+FEFF at offset 0 (positions count it). */
  text: string
  encoding: Encoding
  /** Whether the input started with a byte order mark. */
  bom: boolean
  diagnostics: Diagnostic[]
}

/** Options shared by the parsing entry points. */
export interface ParseOptions {
  /** Skip mojibake repair (default: repair). */
  repair?: boolean
  /** How much text a footnote marker supports (default `'clause'`). */
  claimScope?: ClaimScope
  /** The article title, when known from outside (e.g. a JSON Lines record). */
  title?: string
}

/** How much text a footnote marker supports; see docs/claims.md. */
export type ClaimScope = 'clause' | 'sentence' | 'paragraph'

// ---------------------------------------------------------------------------
// The ForeignRelations model.

export interface Subject {
  /** Common name, e.g. `Mali`. */
  name: string
  /** ISO 3166-1 alpha-2, e.g. `ML`, or null when unknown. */
  iso2: string | null
  /** The article's title, e.g. `Foreign relations of Mali`. */
  article: string | null
}

export type MembershipStatus =
  | 'member'
  | 'associate member'
  | 'observer'
  | 'participant'
  | 'suspended'

export interface Membership {
  /** Full name as written, e.g. `Economic Community of West African States`. */
  name: string
  /** Acronym from the parentheses, e.g. `ECOWAS`, or null. */
  acronym: string | null
  status: MembershipStatus
  /** Claims that mention this membership. */
  claimIds: string[]
  position: Point
}

export type DatePrecision = 'day' | 'month' | 'year'

export interface EstablishedDate {
  /** The cell text as written, e.g. `21 February 1994`. */
  text: string
  /** ISO 8601 at the given precision: `1994-02-21`, `1977-03`, `1960`; null when not a date. */
  date: string | null
  precision: DatePrecision | null
  /** `c. 1960` and the like. */
  approximate?: boolean
  /** The end of a range such as `1960–1965`, when there is one. */
  until?: string | null
}

/** Kinds of evidence for a partner, strongest first. */
export type EvidenceKind =
  | 'country-cell'
  | 'main-article'
  | 'official-name'
  | 'name'
  | 'alt-spelling'
  | 'demonym'
  | 'table-order'

export interface PartnerEvidence {
  kind: EvidenceKind
  /** The text that is the evidence, e.g. `See Canada–Mali relations` or `Algerian`. */
  text: string
  position?: Point
}

export interface Partner {
  name: string | null
  iso2: string | null
  /** Human-readable evidence, e.g. `main-article: See Canada–Mali relations`. */
  evidence: string[]
  /** The same evidence, structured. */
  evidenceDetails: PartnerEvidence[]
}

/** A block of a notes cell (an mdast paragraph or list). */
export type Block = BlockContent | DefinitionContent

export interface BilateralRelation {
  partner: Partner
  established: EstablishedDate | null
  /** Main article, e.g. `Canada–Mali relations` (en dash normalized). */
  mainArticle: string | null
  notes: Block[]
  claimIds: string[]
  position: Point
}

export interface Reference {
  /** The footnote number, 1-based. */
  id: number
  /** The definition text, cleaned of artifacts (link numbers). */
  text: string
  /** True when pandoc dropped the citation (empty definition). */
  empty: boolean
  urls: string[]
  claimIds: string[]
  position: Point
}

export interface Claim {
  /** Stable id: `c1`, `c2`, … in document order. */
  id: string
  text: string
  /** Footnote numbers that support this claim (empty: uncited). */
  citations: number[]
  /** The section heading the claim is under (`(lead)` before the first heading). */
  section: string
  /** The partner's name when the claim is in a bilateral table row. */
  partner?: string | null
  position: Point
}

export interface SourceInfo {
  encoding: Encoding
  bom: boolean
  lineEnding: 'lf' | 'crlf' | 'mixed' | 'none'
}

export interface ForeignRelations {
  subject: Subject
  /** The lead paragraphs. */
  overview: Paragraph[]
  multilateral: Membership[]
  /** In table order. */
  bilateral: BilateralRelation[]
  seeAlso: string[]
  references: Reference[]
  claims: Claim[]
  /** The scope the claims were cut under. */
  claimScope: ClaimScope
  repairs: Repair[]
  diagnostics: Diagnostic[]
  source: SourceInfo
}
