/**
 * Who a row of the bilateral table is about.
 *
 * pandoc drops the `{{flag|Algeria}}` template of the Country cell, so the
 * partner usually has to be inferred from the rest of the row.  Evidence, in
 * this order of strength (see docs/partners.md):
 *
 * 1. a non-empty Country cell (the flag's text survived);
 * 2. the main-article line (`See Canada–Mali relations`, either side);
 * 3. official names and alternative spellings in the notes
 *    ("People's Republic of China", "Republic of Korea", "U.S.");
 * 4. common names ("Algeria's Prime Minister");
 * 5. demonyms ("the Algerian consulate", "South Koreans");
 * 6. the table's alphabetical order, between resolved neighbours, used only
 *    to choose among candidates that already have evidence
 *    (`applyTableOrder`).
 *
 * Mentions of the subject itself never count.  A row without evidence stays
 * unresolved: no name, no code, no evidence.
 */

import {findCountry, findMentions, fold, getCountry, type Mention} from './countries.js'
import type {EvidenceKind, Partner, PartnerEvidence} from './types.js'
import {pushAll} from '../util/array.js'

// ---------------------------------------------------------------------------
// Main-article lines.

/** What `parseMainArticle` returns. */
export interface MainArticle {
  /** The article title with an en dash between the two names, e.g. `Libya–Mali relations`. */
  title: string
  /** The side that is not the subject, as written (e.g. `Libya`), or null when no side is the subject. */
  partnerName: string | null
  /** Its ISO code when it is a country of the dataset. */
  partnerIso2: string | null
  /** The line as written (trimmed), e.g. `See Libya-Mali relations`. */
  line: string
}

const SEE_PREFIX =
  /^\s*(?:(?:for\s+more(?:\s+information)?,?\s+)?see(?:\s+also)?|main\s+articles?|further(?:\s+information)?|further\s+reading)\s*:?\s*/i
const DASHES = /[-\u2010-\u2015\u2212]/g

/** Split `A–B` (or `A-B`, `A - B`) into its two names, minding hyphenated names like "Guinea-Bissau". */
function splitPair(names: string, subjectIso2: string | null): [string, string] | null {
  const positions: {at: number; en: boolean}[] = []
  for (const m of names.matchAll(DASHES)) {
    if (m.index !== undefined) positions.push({at: m.index, en: m[0] !== '-' && m[0] !== '\u2010' && m[0] !== '\u2011'})
  }
  if (positions.length === 0) return null
  let best: {pair: [string, string]; score: number} | null = null
  for (const p of positions) {
    const left = names.slice(0, p.at).trim()
    const right = names.slice(p.at + 1).trim()
    if (left === '' || right === '') continue
    const l = findCountry(left)
    const r = findCountry(right)
    // Prefer splits where both sides are countries, then where one side is
    // the subject, then an en dash (titles use it between the two names).
    let score = 0
    if (l) score += 2
    if (r) score += 2
    if (subjectIso2 && (l?.iso2 === subjectIso2 || r?.iso2 === subjectIso2)) score += 1
    if (p.en) score += 1
    if (!best || score > best.score) best = {pair: [left, right], score}
  }
  return best ? best.pair : null
}

/**
 * Every `X–Y relations` target of a "See …" / "Main article: …" line, in
 * order.  Hyphens between the two names become en dashes in `title`.
 */
export function parseMainArticles(line: string, subjectIso2: string | null): MainArticle[] {
  const prefix = SEE_PREFIX.exec(line)
  if (!prefix) return []
  const rest = line.slice(prefix[0].length)
  const out: MainArticle[] = []
  // Targets end with "relations"; they are separated by commas, semicolons or "and".
  const target = /\s*(?:(?:,|;|\band\b|\bor\b)\s*)*(.+?)\s+relations\b/gy
  let m: RegExpExecArray | null
  while ((m = target.exec(rest))) {
    const names = (m[1] ?? '').trim()
    const pair = splitPair(names, subjectIso2)
    if (!pair) continue
    const [left, right] = pair
    const title = `${left}\u2013${right} relations`
    const l = findCountry(left)
    const r = findCountry(right)
    let partnerName: string | null = null
    let partnerIso2: string | null = null
    if (subjectIso2 && l?.iso2 === subjectIso2 && r?.iso2 !== subjectIso2) {
      partnerName = right
      partnerIso2 = r?.iso2 ?? null
    } else if (subjectIso2 && r?.iso2 === subjectIso2 && l?.iso2 !== subjectIso2) {
      partnerName = left
      partnerIso2 = l?.iso2 ?? null
    }
    out.push({title, partnerName, partnerIso2, line: line.trim()})
  }
  return out
}

/**
 * The main article named by a line like `See Canada–Mali relations`,
 * `See Libya-Mali relations` (→ `Libya–Mali relations`), `Main article:
 * Mali–United States relations` or `See also A–Mali relations and
 * Mali–B relations` (the first target that involves the subject, else the
 * first target).  Null when the line names no `X–Y relations` article.
 */
export function parseMainArticle(
  line: string,
  subjectIso2: string | null,
): MainArticle | null {
  const all = parseMainArticles(line, subjectIso2)
  return all.find((a) => a.partnerName !== null) ?? all[0] ?? null
}

// ---------------------------------------------------------------------------
// Inference.

/** A country a row might be about, with its text evidence and score. */
export interface PartnerCandidate {
  iso2: string
  name: string
  /** Sum of the evidence weights (see `WEIGHTS`). */
  score: number
  evidence: PartnerEvidence[]
}

/** A partner plus what the post-passes and diagnostics need. */
export interface InferredPartner extends Partner {
  /** Countries mentioned in the notes, best first (kept even when a cell or main article decided). */
  candidates: PartnerCandidate[]
  /** Why the row is unresolved (for a `partner-unresolved` diagnostic), null when resolved. */
  unresolved: string | null
  /** When two strong pieces of evidence disagree (cell vs main article), what they said. */
  conflict: string | null
}

/** The input of `inferPartner`: one table row. */
export interface PartnerRow {
  countryCell: string
  notesText: string
  mainArticle: MainArticle | null
  subjectIso2: string | null
}

/**
 * Weights of text evidence.  Official names and alternative spellings are
 * the forms formal statements about the relation use ("The People's Republic
 * of China established diplomatic relations with …") and are never a
 * generic adjective; common names are as precise but also serve as places
 * ("in Rabat, Morocco"); demonyms also name languages, peoples and firms
 * ("Canadian mining investment", "French"), so they count least.
 */
const WEIGHTS: Record<'official-name' | 'alt-spelling' | 'name' | 'demonym', number> = {
  'official-name': 3,
  'alt-spelling': 3,
  name: 2,
  demonym: 1,
}

/**
 * A mention that only says where a place is ("in Ottawa, Canada") counts half:
 * it is often the partner's capital, but as often a third country.
 */
const PLACE_FACTOR = 0.5

/**
 * The winner must have at least twice the score of the runner-up; closer
 * than that the row stays unresolved (or `applyTableOrder` chooses).
 */
const MARGIN = 2

/** "… from its embassy in Washington, D.C., " before a mention: a third country where an embassy is. */
const ACCREDITED_FROM =
  /\bfrom\s+(?:its|their|his|her|the)\s+(?:[\p{L}-]+\s+){0,3}?(?:embassy|embassies|high\s+commission|mission|consulate(?:-general)?)\s+(?:located\s+|based\s+)?in\s+(?:[\p{Lu}][\p{L}'.-]*,?\s+)*$/u

/** "in Rabat, " before a mention: a capitalised place name after a locative preposition. */
const PLACE_APPOSITIVE = /\b(?:in|at|near|from|outside|via)\s+(?:[\p{Lu}][\p{L}'.-]*\s+)*[\p{Lu}][\p{L}'.-]*,\s+$/u

type MentionContext = 'plain' | 'place' | 'accredited-from'

function mentionContext(text: string, m: Mention, all: readonly Mention[]): MentionContext {
  const before = text.slice(Math.max(0, m.index - 120), m.index)
  if (ACCREDITED_FROM.test(before)) return 'accredited-from'
  if (PLACE_APPOSITIVE.test(before)) {
    // "Senegal, Ivory Coast": the word before the comma is itself a country
    // (a list), not a place.
    const comma = before.lastIndexOf(',')
    const commaAt = m.index - before.length + comma
    const listed = all.some((o) => o.end === commaAt)
    if (!listed) return 'place'
  }
  return 'plain'
}

function evidenceString(e: PartnerEvidence): string {
  return `${e.kind}: ${e.text}`
}

function countryName(iso2: string, fallback: string): string {
  return getCountry(iso2)?.name ?? fallback
}

/** Remove footnote markers, image file names and "Flag of" from a Country cell. */
function cleanCountryCell(cell: string): string {
  return cell
    .replace(/\[\d+\]/g, ' ')
    .replace(/\S+\.(?:svg|png|jpe?g|gif)\b/gi, ' ')
    .replace(/\bflag\s+of\s+/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** ISO code from a flag image file name that survived: `Flag_of_the_Gambia.svg`. */
function flagFile(cell: string): string | null {
  const m = /\bFlag_of_([^\s.]+(?:\.[^\s.]+)*?)\.(?:svg|png|jpe?g|gif)\b/i.exec(cell)
  if (!m || !m[1]) return null
  return findCountry(m[1].replace(/_/g, ' '))?.iso2 ?? null
}

/** ISO code of a flag emoji (two regional indicator symbols), if the cell has one. */
function flagEmoji(cell: string): string | null {
  const m = /([\u{1F1E6}-\u{1F1FF}])([\u{1F1E6}-\u{1F1FF}])/u.exec(cell)
  if (!m || !m[1] || !m[2]) return null
  const a = (m[1].codePointAt(0) ?? 0) - 0x1f1e6 + 65
  const b = (m[2].codePointAt(0) ?? 0) - 0x1f1e6 + 65
  return String.fromCharCode(a, b)
}

function resolved(
  name: string | null,
  iso2: string | null,
  details: PartnerEvidence[],
  rest: Partial<Pick<InferredPartner, 'candidates' | 'unresolved' | 'conflict'>> = {},
): InferredPartner {
  return {
    name,
    iso2,
    evidence: details.map(evidenceString),
    evidenceDetails: details,
    candidates: rest.candidates ?? [],
    unresolved: rest.unresolved ?? null,
    conflict: rest.conflict ?? null,
  }
}

/**
 * Score the countries mentioned in a row's notes.  Subject mentions are
 * dropped; a mention shared by several countries ("Congolese") gives each an
 * equal share of its weight.
 */
export function scoreCandidates(notesText: string, subjectIso2: string | null): PartnerCandidate[] {
  const mentions = findMentions(notesText)
  const byIso = new Map<string, PartnerCandidate>()
  for (const m of mentions) {
    if (subjectIso2 && (m.iso2 === subjectIso2 || m.candidates.includes(subjectIso2))) continue
    const context = mentionContext(notesText, m, mentions)
    if (context === 'accredited-from') continue
    const factor = context === 'place' ? PLACE_FACTOR : 1
    const share = 1 / Math.max(1, m.candidates.length)
    for (const iso of m.candidates) {
      let c = byIso.get(iso)
      if (!c) {
        c = {iso2: iso, name: countryName(iso, m.text), score: 0, evidence: []}
        byIso.set(iso, c)
      }
      c.score += WEIGHTS[m.kind] * factor * share
      c.evidence.push({kind: m.kind as EvidenceKind, text: m.text})
    }
  }
  return [...byIso.values()].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
}

/** Whether the best candidate wins clearly (see `MARGIN`). */
function clearWinner(candidates: readonly PartnerCandidate[]): PartnerCandidate | null {
  const [first, second] = candidates
  if (!first || first.score <= 0) return null
  if (second && first.score < MARGIN * second.score) return null
  return first
}

/**
 * Infer a row's partner from its cells.  See the module comment for the
 * order of evidence and docs/partners.md for the scoring.  The result is a
 * `Partner` plus `candidates`, `unresolved` and `conflict`; a row with no
 * evidence gets `name: null, iso2: null, evidence: []`.
 */
export function inferPartner(row: PartnerRow): InferredPartner {
  const {subjectIso2} = row
  const main = row.mainArticle
  const mainEvidence: PartnerEvidence | null =
    main && main.partnerName ? {kind: 'main-article', text: main.line} : null

  const candidates = scoreCandidates(row.notesText, subjectIso2)

  // 1. The Country cell.
  const cell = cleanCountryCell(row.countryCell)
  const placeholder = /^(?:n\/?a|none|unknown|tbd|\?+)$/i.test(cell)
  const fromFile = flagFile(row.countryCell)
  if ((/\p{L}/u.test(cell) && !placeholder) || flagEmoji(row.countryCell) || fromFile) {
    let iso2: string | null = flagEmoji(row.countryCell) ?? fromFile
    let name: string | null = iso2 ? countryName(iso2, cell) : null
    const namesSubject = !iso2 && subjectIso2 !== null && findCountry(cell)?.iso2 === subjectIso2
    if (!iso2 && !namesSubject) {
      const whole = findCountry(cell)
      const mention = findMentions(cell).find(
        (m) => m.iso2 !== null && m.iso2 !== subjectIso2 && m.kind !== 'demonym',
      )
      const found = whole && whole.iso2 !== subjectIso2 ? whole : mention ? getCountry(mention.iso2 ?? '') : null
      iso2 = found?.iso2 ?? null
      // Not a country of the dataset ("European Union", "Soviet Union"): the cell text is the name.
      name = found ? found.name : cell
    }
    // A cell that names the subject itself is no evidence of the partner.
    if (!namesSubject && (iso2 !== subjectIso2 || iso2 === null)) {
      const details: PartnerEvidence[] = [{kind: 'country-cell', text: row.countryCell.trim()}]
      let conflict: string | null = null
      if (mainEvidence && main) {
        if (main.partnerIso2 === iso2 && iso2 !== null) details.push(mainEvidence)
        else if (main.partnerIso2 !== null || iso2 !== null) {
          conflict = `Country cell "${row.countryCell.trim()}" but main article "${main.title}"`
        }
      }
      const agreeing = iso2 ? candidates.find((c) => c.iso2 === iso2) : undefined
      if (agreeing) pushAll(details, agreeing.evidence)
      return resolved(name, iso2, details, {candidates, conflict})
    }
  }

  // 2. The main article.
  if (main && main.partnerName && mainEvidence) {
    const iso2 = main.partnerIso2
    const details = [mainEvidence]
    const agreeing = iso2 ? candidates.find((c) => c.iso2 === iso2) : undefined
    if (agreeing) pushAll(details, agreeing.evidence)
    const name = iso2 ? countryName(iso2, main.partnerName) : main.partnerName
    return resolved(name, iso2, details, {candidates})
  }

  // 3–5. Names in the notes.
  const winner = clearWinner(candidates)
  if (winner) return resolved(winner.name, winner.iso2, winner.evidence, {candidates})
  if (candidates.length === 0) {
    return resolved(null, null, [], {unresolved: 'no evidence: no country cell, main article or country mention'})
  }
  return resolved(null, null, [], {
    candidates,
    unresolved: `ambiguous: ${candidates.map((c) => `${c.name} (${c.score})`).join(', ')}`,
  })
}

// ---------------------------------------------------------------------------
// Post-passes over the whole table.

/**
 * Names under which English Wikipedia's tables file a country when they
 * differ from the dataset's common name (the flag template shows the
 * article title).  Hand-written: no package maps ISO codes to Wikipedia
 * article titles, and only these few differ in their first letters.
 */
const TABLE_NAMES = new Map<string, string[]>([
  ['CD', ['Democratic Republic of the Congo', 'Congo, Democratic Republic of the']],
  ['CG', ['Congo, Republic of the']],
  ['CZ', ['Czech Republic']],
  ['TR', ['Turkey']],
  ['CI', ["Côte d'Ivoire"]],
  ['SZ', ['Swaziland']],
  ['MK', ['Macedonia', 'Republic of Macedonia']],
  ['TL', ['East Timor']],
  ['VA', ['Holy See']],
  ['CV', ['Cabo Verde']],
  ['MM', ['Burma']],
])

function sortKey(name: string): string {
  return fold(name).replace(/^the /, '')
}

/** Whether the resolved names of the table are (almost) in alphabetical order. */
export function isAlphabetical(partners: readonly Partner[]): boolean {
  const keys = partners.filter((p) => p.name !== null).map((p) => sortKey(p.name ?? ''))
  if (keys.length < 3) return false
  let ascending = 0
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] ?? '') <= (keys[i] ?? '')) ascending++
  // One slip (a renamed country, "Ivory Coast" filed under "Côte") is allowed.
  return ascending >= keys.length - 2 && ascending / (keys.length - 1) >= 0.8
}

/**
 * Use the table's alphabetical order as a constraint between neighbours: for
 * each unresolved row that has candidates, keep the candidates whose name
 * sorts between the nearest resolved rows above and below, and take the best
 * of them if it wins clearly among those.  Never invents a partner for a row
 * without evidence, never changes a resolved row, and does nothing when the
 * resolved rows are not in alphabetical order.
 */
export function applyTableOrder<T extends Partner>(partners: readonly T[]): T[] {
  const out = partners.map((p) => ({...p}))
  if (!isAlphabetical(partners)) return out
  // The nearest named row before and after each row, found in two passes
  // (searching from each unnamed row was quadratic in a run of them).
  const n = partners.length
  const prevNamed = new Int32Array(n)
  const nextNamed = new Int32Array(n)
  for (let k = 0, last = -1; k < n; k++) {
    prevNamed[k] = last
    if (partners[k]?.name) last = k
  }
  for (let k = n - 1, last = -1; k >= 0; k--) {
    nextNamed[k] = last
    if (partners[k]?.name) last = k
  }
  for (let i = 0; i < out.length; i++) {
    const p = out[i] as T & Partial<InferredPartner>
    if (p.name !== null || !p.candidates || p.candidates.length === 0) continue
    const prevAt = prevNamed[i]!
    const nextAt = nextNamed[i]!
    const prev = prevAt === -1 ? null : partners[prevAt]?.name ?? null
    const next = nextAt === -1 ? null : partners[nextAt]?.name ?? null
    // A neighbour is filed under its common name or under the name English
    // Wikipedia uses ("DR Congo" sorts as "Democratic Republic of the
    // Congo"): the window is as wide as the widest of those forms allows,
    // so that the order never rules out a candidate it should not.
    const neighbourKeys = (at: number): string[] => {
      const p = partners[at]
      if (!p || !p.name) return []
      return [p.name, ...(p.iso2 ? TABLE_NAMES.get(p.iso2) ?? [] : [])].map(sortKey)
    }
    const lowest = neighbourKeys(prevAt).sort()[0] ?? null
    const highest = neighbourKeys(nextAt).sort().reverse()[0] ?? null
    const fits = p.candidates.filter((c) => {
      // The dataset's common name, the name Wikipedia files it under when
      // that differs, and the names the row itself uses.  Official names are
      // left out: "Kingdom of Morocco" would fit anywhere between J and L.
      const forms = [
        c.name,
        ...(TABLE_NAMES.get(c.iso2) ?? []),
        ...c.evidence.filter((e) => e.kind === 'name' || e.kind === 'alt-spelling').map((e) => e.text),
      ]
      return forms.some((f) => {
        const key = sortKey(f)
        return (lowest === null || lowest <= key) && (highest === null || key <= highest)
      })
    })
    const winner = clearWinner(fits)
    if (!winner) continue
    const order: PartnerEvidence = {
      kind: 'table-order',
      text: `between ${prev ?? '(start)'} and ${next ?? '(end)'}`,
    }
    const details = [...winner.evidence, order]
    Object.assign(p, {
      name: winner.name,
      iso2: winner.iso2,
      evidence: details.map(evidenceString),
      evidenceDetails: details,
      unresolved: null,
    })
  }
  return out
}

/** Rows that name the same partner (by ISO code), for `duplicate-partner` diagnostics. */
export function findDuplicatePartners(
  partners: readonly Partner[],
): {iso2: string; name: string | null; rows: number[]}[] {
  const rows = new Map<string, number[]>()
  partners.forEach((p, i) => {
    if (!p.iso2) return
    const list = rows.get(p.iso2) ?? []
    list.push(i)
    rows.set(p.iso2, list)
  })
  const out: {iso2: string; name: string | null; rows: number[]}[] = []
  for (const [iso2, list] of rows) {
    if (list.length > 1) out.push({iso2, name: partners[list[0] ?? 0]?.name ?? null, rows: list})
  }
  return out
}

/** Strip the inference extras, keeping only the `Partner` fields of the model. */
export function toPartner(p: Partner): Partner {
  return {name: p.name, iso2: p.iso2, evidence: [...p.evidence], evidenceDetails: [...p.evidenceDetails]}
}
