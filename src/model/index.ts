/**
 * model: the mdast tree of a dump → the ForeignRelations model.
 *
 * Sections are found by their headings; the bilateral table by its section or
 * its header; claims are cut from every prose paragraph and list item with the
 * resolver's splitter, so that each claim knows its section, its partner and
 * its footnotes.
 */

import type {FootnoteDefinition, List, Paragraph, Root, RootContent, Table} from 'mdast'
import type {
  BilateralRelation,
  Block,
  Claim,
  ClaimScope,
  Diagnostic,
  ForeignRelations,
  Membership,
  Point,
  Reference,
  Subject
} from './types.js'
import type {PreparedDocument} from '../pipeline.js'
import type {BlockTableCell} from '../parse/nodes.js'
import {flattening, reflatten, hasMarkerOrWords, plainText, plainTextWithUrls, type Flattener} from './text.js'
import {detectSubject} from './subject.js'
import {detachedCopy} from '../util/strings.js'
import {applyTableOrder, inferPartner, parseMainArticle, toPartner, type InferredPartner} from './partner.js'
import {parseEstablished} from './dates.js'
import {extractMemberships} from './memberships.js'
import {CUT, cutClaimsOfArrays} from '../resolve/claims.js'
import {pushAll} from '../util/array.js'
import {sortDiagnostics} from './diagnostics.js'
import {hasLetterOrDigit} from '../util/chars.js'

export interface ModelOptions {
  claimScope?: ClaimScope
  title?: string | null
}

/**
 * A section: its blocks are the root's children `[from, to)` other than
 * footnote definitions (a range of the root's children rather than an array
 * of its own: no copy of the tree's top level per document).
 */
interface Section {
  title: string
  from: number
  to: number
}

const LEAD = '(lead)'
const MAIN_ARTICLE = /^(?:See(?: also)?|Main articles?:?|Further information:?)\s+\S/

/** Build the model from a prepared (decoded, repaired, parsed) document. */
export function buildModel(doc: PreparedDocument, options: ModelOptions = {}): ForeignRelations {
  const {tree, map, offsets} = doc
  /**
   * The model's own diagnostics (the subject-unknown one first): those of
   * the stages before, `doc.diagnostics`, are not copied to add these to,
   * `sortDiagnostics` reads both.
   */
  const diagnostics: Diagnostic[] = []
  const definitions: FootnoteDefinition[] = []
  const {sections, category} = splitSections(tree, definitions)

  // Subject: made on first need (a bilateral table's partners, or the end),
  // so that the lead's paragraphs, flattened for their claims by then, give
  // their text to the subject's text without a second walk.
  const top = tree.children
  const lead = sections.find((s) => s.title === LEAD)
  /** The flattened text of the root's child `i` in the lead, where it is `plainText` of the block (see `FlatText.plain`). */
  const leadTexts: Array<string | undefined> = []
  const categoryLine = category && category.type === 'category' ? category.names.find((n) => /relations/i.test(n)) ?? category.names[0] ?? null : null
  let subjectMade: Subject | null = null
  const getSubject = (): Subject => {
    if (subjectMade !== null) return subjectMade
    const made = detectSubject({
      title: options.title ?? null,
      categoryLine,
      // Built only when the title and the category line do not decide.
      text: () => (lead ? leadText(top, lead, leadTexts) : plainText(tree))
    })
    if (!made.name) {
      const unknown: Diagnostic = {ruleId: 'subject-unknown', severity: 'warning', message: 'Could not tell which country the article is about', line: 1, column: 1, offset: 0}
      // Before any the model adds (nearly always made at the end, when
      // there are none).
      diagnostics.unshift(unknown)
    }
    subjectMade = made
    return made
  }

  const cutter = new ClaimCutter(flattening(map, offsets), definitions, options.claimScope ?? 'clause')
  const claims = cutter.claims
  const flat0 = cutter.flat0

  const overview: Paragraph[] = []
  const multilateral: Membership[] = []
  const bilateral: BilateralRelation[] = []
  const seeAlso: string[] = []

  // Sub-sections of the bilateral section (by region: Africa, Americas, …)
  // hold more bilateral tables.
  let inBilateral = false
  for (const section of sections) {
    let kind = sectionKind(section.title)
    let inherited = false
    if (kind === 'bilateral') inBilateral = true
    else if (kind === 'other' && inBilateral && REGION.test(section.title.trim())) {
      kind = 'bilateral'
      inherited = true
    } else inBilateral = false
    const {from, to} = section
    if (kind === 'see-also') {
      for (let i = from; i < to; i++) {
        const b = top[i]!
        if (b.type === 'list') pushAll(seeAlso, listTexts(b))
      }
      continue
    }
    if (kind === 'references' || kind === 'skip') continue
    if (kind === 'lead') {
      for (let i = from; i < to; i++) {
        const b = top[i]!
        if (b.type === 'paragraph') overview.push(withoutArtifacts(b))
      }
    }
    for (let i = from; i < to; i++) {
      const b = top[i]!
      if (b.type === 'footnoteDefinition') continue
      if (section === lead && b.type === 'paragraph') {
        const flat = reflatten(flat0, b.children)
        if (flat.plain) leadTexts[i] = flat.text
        cutter.claimsOfFlat(flat, section.title, undefined, null, null)
        continue
      }
      if (b.type === 'table') {
        const headerless = (b.data?.headRows ?? 0) === 0
        if ((kind === 'bilateral' && (!inherited || headerless || isBilateralTable(b))) || isBilateralTable(b)) {
          pushAll(bilateral, readBilateral(b, section.title, bilateral.length))
        } else {
          cutter.claimsOfTable(b, section.title)
        }
        continue
      }
      if (b.type === 'heading' || b.type === 'category' || b.type === 'lostTable') continue
      if (kind === 'multilateral' && b.type === 'paragraph') {
        // One flattening for the claims and the memberships: a membership
        // belongs to the claim whose span holds its name.
        const flat = reflatten(flat0, b.children)
        const made: Claim[] = []
        const spans: number[] = []
        cutter.claimsOfFlat(flat, section.title, undefined, made, spans)
        for (const m of extractMemberships(flat.text)) {
          const p = flat.pointAt(m.index)
          const claimIds = made.filter((_, k) => spans[2 * k]! <= m.index && m.index < spans[2 * k + 1]!).map((c) => c.id)
          multilateral.push({name: m.name, acronym: m.acronym, status: m.status, claimIds, position: {line: p.line, column: p.column, offset: p.offset}})
        }
        continue
      }
      cutter.claimsOfBlock(b, section.title, undefined, null)
    }
  }

  function readBilateral(table: Table, sectionTitle: string, rowsBefore: number): BilateralRelation[] {
    const headRows = table.data?.headRows ?? 0
    const header = headRows > 0 ? (table.children[0]!.children as unknown as BlockTableCell[]).map((c) => plainText(c.children as RootContent[]).trim()) : []
    const columns = columnRoles(header, table.children[headRows]?.children.length ?? 0)
    const rows = table.children.slice(headRows, table.children.length - (table.data?.footRows ?? 0))
    const relations: BilateralRelation[] = []
    const inferred: InferredPartner[] = []
    /** The notes of each row without its main-article line: the row's prose. */
    const proseOf: Block[][] = []
    for (const row of rows) {
      const cells = row.children as unknown as BlockTableCell[]
      const cellText = (i: number | null): string => (i === null || !cells[i] ? '' : plainText(cells[i]!.children as RootContent[]).trim())
      const notesCell = columns.notes === null ? undefined : cells[columns.notes]
      const notes: Block[] = notesCell ? notesCell.children.slice() : []
      let mainArticle: ReturnType<typeof parseMainArticle> = null
      let mainArticleText: string | null = null
      const firstNote = notes[0]
      if (firstNote && firstNote.type === 'paragraph') {
        const t = plainText(firstNote).trim()
        if (MAIN_ARTICLE.test(t)) {
          mainArticle = parseMainArticle(t, getSubject().iso2)
          if (mainArticle) mainArticleText = t
        }
      }
      const proseNotes = mainArticleText ? notes.slice(1) : notes
      proseOf.push(proseNotes)
      const notesText = proseNotes.map((b) => plainText(b)).join('\n')
      const partner = inferPartner({countryCell: cellText(columns.country), notesText, mainArticle, subjectIso2: getSubject().iso2})
      inferred.push(partner)
      const dateText = cellText(columns.date)
      let established: BilateralRelation['established'] = null
      const pos = row.position?.start
      const position: Point = pos ? {line: pos.line, column: pos.column, offset: pos.offset} : {line: 1, column: 1}
      if (dateText) {
        const parsed = parseEstablished(dateText)
        established = parsed.value
        if (parsed.problem) {
          const cell = columns.date === null ? undefined : cells[columns.date]
          const p = cell?.position?.start ?? pos
          diagnostics.push({ruleId: 'invalid-date', severity: 'warning', message: parsed.problem, line: p?.line ?? 1, column: p?.column ?? 1, offset: p?.offset, data: {text: dateText}})
        }
      }
      const relation: BilateralRelation = {partner, established, mainArticle: mainArticle ? mainArticle.title : null, notes, claimIds: [], position}
      relations.push(relation)
    }
    // The table's alphabetical order as a constraint between neighbours
    // (it chooses among a row's candidates, never invents one).
    const ordered = applyTableOrder(inferred)
    relations.forEach((r, i) => {
      const p = ordered[i]
      if (p) {
        r.partner = toPartner(p)
        if (p.conflict) {
          diagnostics.push({ruleId: 'partner-conflict', severity: 'warning', message: `Bilateral row ${rowsBefore + i + 1}: ${p.conflict}`, line: r.position.line, column: r.position.column, offset: r.position.offset, data: {row: rowsBefore + i + 1}})
        }
      }
      const cells = rows[i]!.children as unknown as BlockTableCell[]
      // Footnotes on the Country or date cell (`Cameroon[2]`, `1960[3]`)
      // back the row's partner or date: a claim of the cell's text.
      for (const col of [columns.country, columns.date]) {
        const cell = col === null ? undefined : cells[col]
        if (cell && hasMarker(cell.children as Block[])) pushAll(r.claimIds, cutter.claimIdsOfBlocks(cell.children as Block[], sectionTitle, r.partner.name))
      }
      pushAll(r.claimIds, cutter.claimIdsOfBlocks(proseOf[i]!, sectionTitle, r.partner.name))
      if (!r.partner.iso2 && !r.partner.name) {
        diagnostics.push({
          ruleId: 'partner-unresolved',
          severity: 'warning',
          message: `Bilateral row ${rowsBefore + i + 1}: ${ordered[i]?.unresolved ?? 'no evidence of the partner country'}; left unresolved, not guessed`,
          line: r.position.line,
          column: r.position.column,
          offset: r.position.offset,
          data: {row: rowsBefore + i + 1}
        })
      }
    })
    return relations
  }

  // Two rows (of any of the bilateral tables) with the same partner.
  const seen = new Map<string, number>()
  bilateral.forEach((r, i) => {
    const key = r.partner.iso2
    if (!key) return
    const prev = seen.get(key)
    if (prev !== undefined) {
      diagnostics.push({
        ruleId: 'duplicate-partner',
        severity: 'warning',
        message: `Bilateral rows ${prev + 1} and ${i + 1} have the same partner (${r.partner.name ?? key})`,
        line: r.position.line,
        column: r.position.column,
        offset: r.position.offset,
        data: {rows: [prev + 1, i + 1], iso2: key}
      })
    } else seen.set(key, i)
  })

  const references: Reference[] = []
  const {definitionIds, citedBy} = cutter
  for (let k = 0; k < definitions.length; k++) {
    const d = definitions[k]!
    // The children's texts joined by line feeds, as `plainText` joins those
    // of a definition; and the links' URLs, in the same walk.
    const urls: string[] = []
    const text = plainTextWithUrls(d, urls).trim()
    const p = d.position!.start
    references.push({id: definitionIds[k]!, text, empty: d.children.length === 0, urls, claimIds: citedBy[k] ?? [], position: {line: p.line, column: p.column, offset: p.offset}})
  }

  const subject = getSubject()
  return {subject, overview, multilateral, bilateral, seeAlso, references, claims, claimScope: cutter.scope, repairs: doc.repairs, diagnostics: sortDiagnostics(diagnostics, cutter.uncited, cutter.uncitedInOrder, doc.diagnostics), source: doc.source}
}

/**
 * The claims of one document, cut as its blocks are walked, with the list of
 * claims citing each footnote definition and the uncited-claim diagnostics.
 *
 * A class rather than closures made inside `buildModel` for each document:
 * V8 holds a closure's optimized code only weakly in the feedback shared by
 * every document's closures, so each full collection that found none alive
 * threw it away, and the model's hottest functions ran unoptimized until
 * compiled again (five compiles of `claimsOfFlat` in one 10,000-document
 * batch, and as many in every worker).  A method is one function for the
 * whole thread, compiled once in each.
 */
class ClaimCutter {
  readonly claims: Claim[] = []
  /** The uncited-claim diagnostics, in claim order. */
  readonly uncited: Diagnostic[] = []
  /**
   * Whether `uncited` is in position order so far, with finite lines and
   * columns (what `sortDiagnostics` needs to merge it), tracked as it grows
   * rather than by another pass over it at the end.
   */
  uncitedInOrder = true
  private lastLine = -Infinity
  private lastColumn = -Infinity
  private claimCounter = 0
  // The references are made after the claims, with each one's list of the
  // claims citing it, gathered per definition as the claims are made: a
  // reference made first had an empty list that its first claim replaced
  // (one array more per cited reference).
  /** The definitions' footnote numbers, in order. */
  readonly definitionIds: number[]
  /** The ids of the claims citing definition `k`, in claim order (none yet: a hole). */
  readonly citedBy: Array<string[] | undefined>
  /**
   * The definition of each footnote number (a later definition of a number
   * replaces an earlier one, as a Map's `set` does); null when the
   * definitions are numbered 1, 2, … in order (nearly always: then
   * definition `id - 1` is footnote `id`'s, and no Map is made).
   */
  private readonly byId: Map<number, number> | null = null

  /**
   * @param flat0 the one flattening of the paragraphs, refilled for each (each is done with before the next)
   */
  constructor(
    readonly flat0: Flattener,
    definitions: readonly FootnoteDefinition[],
    readonly scope: ClaimScope
  ) {
    const count = definitions.length
    const ids = new Array<number>(count)
    let byNumber = true
    for (let k = 0; k < count; k++) {
      const id = Number(definitions[k]!.identifier)
      ids[k] = id
      if (id !== k + 1) byNumber = false
    }
    if (!byNumber) {
      const byId = new Map<number, number>()
      for (let k = 0; k < count; k++) byId.set(ids[k]!, k)
      this.byId = byId
    }
    this.definitionIds = ids
    this.citedBy = new Array<string[] | undefined>(count)
  }

  /** The definition of footnote `id` (its index in the definitions), or -1. */
  private definitionOf(id: number): number {
    const byId = this.byId
    if (byId === null) return id >= 1 && id <= this.definitionIds.length ? id - 1 : -1
    return byId.get(id) ?? -1
  }

  /**
   * Cut claims from a paragraph's flattened text: into `claims`, and into
   * `out` when given; `spans`, when given, receives each claim's start and
   * end (exclusive) in `flat.text`, two numbers a claim.
   */
  claimsOfFlat(flat: Flattener, section: string, partner: string | null | undefined, out: Claim[] | null, spans: number[] | null): void {
    const prose = flat.templateAt === null ? flat.text : flat.text.slice(0, flat.templateAt)
    // A marker after a broken template cites the prose before the template:
    // the cutter clamps every marker's offset into the text it is given.
    const markerCount = flat.markerCount
    // Nothing to cut without a letter, a digit or a marker.  (Tested per code
    // unit rather than with `/[\p{L}\p{N}]/u`: text whose only letters are
    // astral has no claim either way, as the splitter tests per code unit.)
    if (markerCount === 0 && !hasLetterOrDigit(prose, 0, prose.length)) return
    // The claims straight from the cutter's arrays: no span object per
    // claim; the markers from the flattening's two arrays: no object per marker.
    const count = cutClaimsOfArrays(prose, flat.markerIds, flat.markerAt, markerCount, this.scope)
    const {starts, ends, citations} = CUT
    const {claims, citedBy, uncited} = this
    for (let k = 0; k < count; k++) {
      const start = starts[k]!
      const end = ends[k]!
      const cited = citations[k]!
      const id = claimId(++this.claimCounter)
      // (A fresh point: no copy needed.  One literal of each shape, rather
      // than `partner` added after: that gave the object a second store.)
      const claim: Claim =
        partner === undefined
          ? {id, text: prose.slice(start, end), citations: cited, section, position: flat.pointAt(start)}
          : {id, text: prose.slice(start, end), citations: cited, section, position: flat.pointAt(start), partner}
      if (out !== null) out.push(claim)
      if (spans !== null) spans.push(start, end)
      claims.push(claim)
      // (The splitter is done with the citations: they are final here.)
      for (let q = 0; q < cited.length; q++) {
        const k = this.definitionOf(cited[q]!)
        if (k === -1) continue
        // A reference's first claim gives it a list of one (most have one
        // claim): a push to an empty list would give it room for sixteen.
        const list = citedBy[k]
        if (list === undefined) citedBy[k] = [id]
        else list.push(id)
      }
      if (cited.length === 0) {
        const position = claim.position
        const line = position.line
        const column = position.column
        uncited.push({ruleId: 'uncited-claim', severity: 'info', message: uncitedMessage(claim.text), line, column, offset: position.offset, data: {claimId: id}})
        if (!Number.isFinite(line) || !Number.isFinite(column) || line < this.lastLine || (line === this.lastLine && column < this.lastColumn)) this.uncitedInOrder = false
        this.lastLine = line
        this.lastColumn = column
      }
    }
  }

  /** Claims of blocks (paragraphs, list items, quotes), recursively: into `claims`, and into `out` when given. */
  claimsOfBlocks(blocks: readonly Block[] | readonly RootContent[], section: string, partner: string | null | undefined, out: Claim[] | null): void {
    for (const b of blocks) this.claimsOfBlock(b, section, partner, out)
  }

  /** Claims of one block (no array of one block to make for {@link claimsOfBlocks}). */
  claimsOfBlock(b: Block | RootContent, section: string, partner: string | null | undefined, out: Claim[] | null): void {
    if (b.type === 'paragraph') this.claimsOfFlat(reflatten(this.flat0, b.children), section, partner, out, null)
    else if (b.type === 'list') for (const item of b.children) this.claimsOfBlocks(item.children, section, partner, out)
    else if (b.type === 'blockquote') this.claimsOfBlocks(b.children, section, partner, out)
  }

  /** The ids of the claims of blocks. */
  claimIdsOfBlocks(blocks: readonly Block[], section: string, partner: string | null): string[] {
    const out: Claim[] = []
    this.claimsOfBlocks(blocks, section, partner, out)
    return out.map(idOf)
  }

  /**
   * Claims of a table that is not a bilateral table: from cells that hold a
   * footnote marker or a sentence (five words or more); a cell such as
   * `Spain` or `9` is data, not a claim.
   */
  claimsOfTable(table: Table, sectionTitle: string): void {
    for (const row of table.children) {
      for (const cell of row.children as unknown as BlockTableCell[]) {
        const blocks = cell.children as Block[]
        if (hasMarkerOrWords(blocks as RootContent[], 5)) this.claimsOfBlocks(blocks, sectionTitle, undefined, null)
      }
    }
  }
}

function idOf(claim: Claim): string {
  return claim.id
}

/** The message of an uncited claim's diagnostic: the claim's text, cut at 80 characters. */
function uncitedMessage(text: string): string {
  // (One concatenation fewer than a template around `truncate(text, 80)`
  // for a long text: the ellipsis goes with the closing quote.)
  return text.length > 80 ? 'Claim without a citation: “' + text.slice(0, 79) + '…”' : 'Claim without a citation: “' + text + '”'
}

/**
 * The claim ids `c1`, `c2`, … made so far (`CLAIM_IDS[n]` is `c${n}`),
 * shared by every document: strings are values, and every document's
 * claims start again at `c1`, so the ids of one are the ids of the next
 * (an id made per claim was two strings: the number's and the id).
 */
const CLAIM_IDS: string[] = ['c0']

/** `c${n}`. */
function claimId(n: number): string {
  if (n < CLAIM_IDS.length) return CLAIM_IDS[n]!
  const id = `c${n}`
  // (Kept only up to a bound: a huge document does not fill memory with ids.)
  if (n === CLAIM_IDS.length && n < 100_000) CLAIM_IDS.push(id)
  return id
}

function withoutArtifacts(p: Paragraph): Paragraph {
  // A copy of the exact length where there is nothing to leave out (nearly
  // always): `filter` grows its array by pushes, with room for sixteen.
  let artifacts = false
  for (const c of p.children) if (c.type === 'image' || c.type === 'template') artifacts = true
  const children = artifacts ? p.children.filter((c) => c.type !== 'image' && c.type !== 'template') : p.children.slice()
  const first = children[0]
  if (first && first.type === 'text' && first.value !== first.value.trimStart()) {
    children[0] = {...first, value: first.value.trimStart()}
  }
  return {...p, children}
}

function listTexts(list: List): string[] {
  return list.children.map((item) => plainText(item).trim()).filter(Boolean)
}

/**
 * The sections of the tree, and its first category node, found in the one
 * walk over the root's children that makes the sections (rather than by a
 * second walk); its footnote definitions, in order, pushed to `definitions`
 * in the same pass.
 */
function splitSections(tree: Root, definitions: FootnoteDefinition[]): {sections: Section[]; category: RootContent | undefined} {
  const children = tree.children
  const sections: Section[] = []
  let title = LEAD
  let from = 0
  let category: RootContent | undefined
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!
    if (node.type === 'footnoteDefinition') {
      definitions.push(node)
      continue
    }
    if (category === undefined && node.type === 'category') category = node
    if (node.type === 'heading') {
      sections.push({title, from, to: i})
      title = plainText(node).trim()
      from = i + 1
    }
  }
  sections.push({title, from, to: children.length})
  return {sections, category}
}

/**
 * The lead's text for the subject: its blocks' plain texts joined by line
 * feeds, `leadTexts[i]` for the root's child `i` where the claims' flattening
 * left it.
 */
function leadText(top: readonly RootContent[], lead: Section, leadTexts: ReadonlyArray<string | undefined>): string {
  let s = ''
  let first = true
  for (let i = lead.from; i < lead.to; i++) {
    const b = top[i]!
    if (b.type === 'footnoteDefinition') continue
    if (!first) s += '\n'
    first = false
    s += leadTexts[i] ?? plainText(b)
  }
  return s
}

const REFERENCES_TITLES: ReadonlySet<string> = new Set(['references', 'notes', 'footnotes', 'citations', 'sources', 'notes and references', 'references and notes'])
const SKIP_TITLES: ReadonlySet<string> = new Set(['external links', 'further reading', 'bibliography'])

/** @internal */
export type SectionKind = 'lead' | 'multilateral' | 'bilateral' | 'see-also' | 'references' | 'skip' | 'other'

/**
 * The kinds of the titles seen, by title: `sectionKind` depends on the title
 * alone, and most titles come back document after document ("References",
 * "See also", "External links", "Early life").  A lookup costs a hash of
 * the title; the tests below cost a lowercase copy and up to seven
 * `includes`, each a string search set up for a short subject.  Emptied
 * when full, so that memory stays bounded on any input.
 */
const SECTION_KINDS = new Map<string, SectionKind>()
const SECTION_KINDS_MAX = 1024
/** Longer titles are not kept (no long strings held by the cache). */
const SECTION_TITLE_MAX = 100

/** @internal */
export function sectionKind(title: string): SectionKind {
  const known = SECTION_KINDS.get(title)
  if (known !== undefined) return known
  const kind = sectionKindOf(title)
  if (title.length <= SECTION_TITLE_MAX) {
    if (SECTION_KINDS.size >= SECTION_KINDS_MAX) SECTION_KINDS.clear()
    // (The title may be a slice of the document's text.)
    SECTION_KINDS.set(detachedCopy(title), kind)
  }
  return kind
}

/** {@link sectionKind}, uncached. */
function sectionKindOf(title: string): SectionKind {
  if (title === LEAD) return 'lead'
  const t = title.toLowerCase()
  // (`includes` of each literal rather than one regex of alternatives: the
  // regex tried every alternative at every position of every title.
  // `international membership` is in `membership`.)
  if (t.includes('multilateral') || t.includes('membership') || t.includes('international organizations') || t.includes('international organisations')) return 'multilateral'
  if (t.includes('bilateral') || t.includes('relations by country') || t.includes('diplomatic relations') || t.includes('countries')) return 'bilateral'
  // (Whole titles: a Set lookup rather than three anchored regexes.)
  if (t === 'see also') return 'see-also'
  if (REFERENCES_TITLES.has(t)) return 'references'
  if (SKIP_TITLES.has(t)) return 'skip'
  return 'other'
}

/** Sub-section titles under "Bilateral relations" that group partners by region. */
const REGION =
  /^(?:africa|(?:north|south|central|latin|the)? ?americas?|caribbean|asia|(?:east|south|southeast|south-east|central|western|west) asia|middle east|near east|europe|(?:eastern|western|northern|southern|central) europe|oceania|pacific|australasia|(?:north|west|east|southern|central|sub-saharan) africa|arab (?:world|states)|asia[- ]pacific|commonwealth|other(?: countries)?|neighbou?ring (?:countries|states)|(?:asia|africa|europe|americas?) and (?:asia|africa|europe|oceania|the pacific|americas?))$/i

/** Whether blocks hold a footnote marker. */
function hasMarker(blocks: readonly Block[]): boolean {
  for (const b of blocks) if (holdsMarker(b as {type: string})) return true
  return false
}

function holdsMarker(n: {type: string; children?: unknown[]}): boolean {
  if (n.type === 'footnoteReference') return true
  const kids = n.children
  if (Array.isArray(kids)) for (const c of kids) if (holdsMarker(c as {type: string})) return true
  return false
}

function isBilateralTable(table: Table): boolean {
  if ((table.data?.headRows ?? 0) === 0) return false
  const header = (table.children[0]!.children as unknown as BlockTableCell[]).map((c) => plainText(c.children as RootContent[]).toLowerCase())
  return header.some((h) => /country|state|nation|partner/.test(h))
}

interface ColumnRoles {
  country: number | null
  date: number | null
  notes: number | null
}

/** Which column is which, from the header; without one, pandoc's usual order. */
function columnRoles(header: string[], width: number): ColumnRoles {
  if (header.length === 0) {
    if (width >= 3) return {country: 0, date: 1, notes: width - 1}
    if (width === 2) return {country: 0, date: null, notes: 1}
    return {country: null, date: null, notes: 0}
  }
  const find = (re: RegExp): number | null => {
    const i = header.findIndex((h) => re.test(h.toLowerCase()))
    return i === -1 ? null : i
  }
  const country = find(/country|state|nation|partner/)
  const date = find(/began|established|since|date|start|year/)
  let notes = find(/notes?|remarks|comments|details|description/)
  if (notes === null) {
    const rest = header.map((_, i) => i).filter((i) => i !== country && i !== date)
    notes = rest.length > 0 ? rest[rest.length - 1]! : null
  }
  return {country: country ?? (header.length >= 2 ? 0 : null), date, notes}
}
