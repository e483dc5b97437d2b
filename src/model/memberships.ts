/**
 * Multilateral memberships from prose such as "Mali is a member of the
 * United Nations, the International Monetary Fund (IMF) …; an associate
 * member of the European Community (EC); and African Development Bank (ADB)".
 *
 * Hand-written: this is a small grammar over one kind of sentence (a
 * membership verb, then a list of "Name (ACRONYM)" items joined by commas,
 * semicolons and "and"); NLP packages (compromise, wink-nlp) tag nouns but do
 * not know where an organization's name ends ("Bank for Reconstruction and
 * Development") or what status the verb gives.
 */

import {findCountry} from './countries.js'
import type {MembershipStatus} from './types.js'

/** One membership as found in the text. */
export interface FoundMembership {
  /** Full name as written, without a leading article, e.g. `Economic Community of West African States`. */
  name: string
  /** Acronym from the parentheses, e.g. `ECOWAS`, or null. */
  acronym: string | null
  status: MembershipStatus
  /** 0-based offset of `name` in the text. */
  index: number
}

/** Verbs that open a membership list, and the status they give its items. */
const TRIGGERS: ReadonlyArray<{re: RegExp; status: MembershipStatus}> = [
  {re: /\b(?:is|are|was|were|has\s+been|became)\s+(?:also\s+)?an?\s+associate\s+members?\s+(?:of|in)\s+/gi, status: 'associate member'},
  {re: /\b(?:is|are|was|were|has\s+been|became)\s+(?:also\s+)?(?:an?\s+)?observers?(?:\s+status)?\s+(?:in|of|at|to)\s+/gi, status: 'observer'},
  {re: /\bhas\s+observer\s+status\s+(?:in|at|with)\s+/gi, status: 'observer'},
  {re: /\b(?:is|are|was|were|has\s+been)\s+(?:currently\s+)?suspended\s+from\s+/gi, status: 'suspended'},
  {re: /\b(?:is|are|was|were|has\s+been|became)\s+(?:also\s+)?(?:an?\s+)?(?:full\s+|founding\s+|active\s+)?members?\s+(?:of|in)\s+/gi, status: 'member'},
  {re: /\b(?:also\s+)?belongs?\s+to\s+/gi, status: 'member'},
  {re: /\bmembership\s+(?:of|in)\s+/gi, status: 'member'},
  {re: /\b(?:also\s+)?joined\s+/gi, status: 'member'},
  // The text's own word: "It participates in the Economic Community of West
  // African States (ECOWAS) …" gives 'participant', not a status the text
  // does not state.
  {re: /\b(?:also\s+)?participates?\s+in\s+/gi, status: 'participant'},
]

/** Item prefixes that change one item's status ("an associate member of the European Community (EC)"). */
// An item may restate its verb with a pronoun: "…; it participates in the
// Partnership for Peace (PfP)", "…; it is an observer of …".
const ITEM_STATUS: ReadonlyArray<{re: RegExp; status: MembershipStatus}> = [
  {re: /^(?:(?:it|they)\s+)?(?:is\s+|was\s+|are\s+)?(?:also\s+)?an?\s+associate\s+member\s+(?:of|in)\s+/i, status: 'associate member'},
  {re: /^(?:(?:it|they)\s+)?(?:is\s+|was\s+|are\s+)?(?:also\s+)?(?:an?\s+)?observer(?:\s+status)?\s+(?:in|of|at|to)\s+/i, status: 'observer'},
  {re: /^(?:(?:it|they)\s+)?(?:is\s+|was\s+|are\s+)?(?:also\s+)?(?:a\s+)?suspended\s+member\s+(?:of|in)\s+/i, status: 'suspended'},
  {re: /^(?:(?:it|they)\s+)?(?:is\s+|was\s+|are\s+)?(?:also\s+)?(?:an?\s+)?(?:full\s+|founding\s+)?member\s+(?:of|in)\s+/i, status: 'member'},
  {re: /^(?:(?:it|they)\s+)?(?:also\s+)?participates?\s+in\s+/i, status: 'participant'},
]

/** Parenthesized status words: "(observer)", "(suspended)". */
const PAREN_STATUS: ReadonlyArray<{re: RegExp; status: MembershipStatus}> = [
  {re: /^associate(?:\s+member)?$/i, status: 'associate member'},
  {re: /^observer(?:\s+status)?$/i, status: 'observer'},
  {re: /^suspended(?:\s+(?:since|in)\s+\d{4})?$/i, status: 'suspended'},
]

/**
 * Last words of organization names.  A bare " and " splits a list only after
 * one of these (or after ")" or before "the"/"a"/"an"), so "International
 * Bank for Reconstruction and Development" stays whole.
 */
const HEAD_NOUNS = new Set([
  'union', 'organization', 'organisation', 'commission', 'authority', 'bank', 'fund', 'movement',
  'court', 'community', 'council', 'association', 'agency', 'forum', 'group', 'conference',
  'committee', 'alliance', 'nations', 'treaty', 'initiative', 'institute', 'league', 'office',
  'program', 'programme', 'zone', 'area', 'pact', 'partnership', 'secretariat', 'centre',
  'center', 'network', 'federation', 'assembly', 'parliament', 'system', 'convention',
])

const ACRONYM = /^[A-Z][A-Za-z0-9&.'\-]{1,14}$/

function isAcronym(s: string): boolean {
  return ACRONYM.test(s) && (s.match(/[A-Z]/g)?.length ?? 0) >= 2 && !/\s/.test(s)
}

/** The end of the sentence that starts at `from`: a period at depth 0 before white space or the end. */
function sentenceEnd(text: string, from: number): number {
  let depth = 0
  for (let i = from; i < text.length; i++) {
    const ch = text.charAt(i)
    if (ch === '(') depth++
    else if (ch === ')') depth = Math.max(0, depth - 1)
    else if (ch === '\n' && text.charAt(i + 1) === '\n') return i
    else if ((ch === '.' || ch === '!' || ch === '?') && depth === 0) {
      const next = text.charAt(i + 1)
      if (next !== '' && !/\s/.test(next)) continue
      // "U.S." and initials: a single capital before the period.
      if (/(?:^|[\s.])[A-Z]$/.test(text.slice(Math.max(0, i - 2), i))) continue
      return i
    }
  }
  return text.length
}

interface Piece {
  text: string
  start: number
  /** The separator before this piece. */
  sep: ',' | ';' | 'and' | 'start'
}

/** Split a list at depth-0 commas, semicolons and list-joining "and". */
function splitList(text: string, offset: number): Piece[] {
  const pieces: Piece[] = []
  let depth = 0
  let start = 0
  let sep: Piece['sep'] = 'start'
  const push = (end: number, nextSep: Piece['sep'], skip: number) => {
    pieces.push({text: text.slice(start, end), start: offset + start, sep})
    start = end + skip
    sep = nextSep
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i)
    if (ch === '(') depth++
    else if (ch === ')') depth = Math.max(0, depth - 1)
    if (depth > 0) continue
    if (ch === ',' || ch === ';') {
      push(i, ch, 1)
      continue
    }
    if (text.startsWith(' and ', i)) {
      const left = text.slice(start, i).trim()
      const right = text.slice(i + 5)
      const lastWord = (/([\p{L}]+)\W*$/u.exec(left)?.[1] ?? '').toLowerCase()
      const rightStartsItem = /^(?:the|an?)\s/i.test(right) || /^\p{Lu}/u.test(right)
      if (left !== '' && rightStartsItem &&
        (left.endsWith(')') || /^(?:the|an?)\s/i.test(right) || HEAD_NOUNS.has(lastWord))) {
        push(i, 'and', 5)
      }
    }
  }
  pieces.push({text: text.slice(start), start: offset + start, sep})
  return pieces
}

/**
 * Parse one list item: status prefix, article, "Name (ACR)", trailing
 * purpose phrase.  Null when the item is not an organization.
 */
function parseItem(piece: Piece, status: MembershipStatus, source: string): FoundMembership | null {
  let s = piece.text
  let at = piece.start
  const skip = (n: number) => {
    s = s.slice(n)
    at += n
  }
  const ws = /^\s*/.exec(s)?.[0].length ?? 0
  skip(ws)
  const conj = /^(?:(?:and|or|as\s+well\s+as)\s+)?(?:(?:of|in|to)\s+)?/i.exec(s)
  if (conj) skip(conj[0].length)
  let itemStatus = status
  for (const {re, status: st} of ITEM_STATUS) {
    const m = re.exec(s)
    if (m) {
      itemStatus = st
      skip(m[0].length)
      break
    }
  }
  const article = /^(?:the|an?)\s+/i.exec(s)
  if (article) skip(article[0].length)

  let name: string
  let acronym: string | null = null
  const open = s.indexOf('(')
  if (open >= 0) {
    const close = s.indexOf(')', open)
    const inner = s.slice(open + 1, close < 0 ? undefined : close).trim()
    name = s.slice(0, open).trim()
    if (isAcronym(inner)) acronym = inner
    else {
      const st = PAREN_STATUS.find((p) => p.re.test(inner))
      if (st) itemStatus = st.status
      // Any other parenthesis ("and many of its specialized agencies") is a remark.
    }
    // What follows the parenthesis is a remark too ("for regional economic integration").
  } else {
    // "the African Union in 2021", "the Commonwealth since 1957": the date is not part of the name.
    name = s.replace(/\s+(?:in|since|from|until|on|between)\s+(?:\d|(?:early|mid|late)\b|(?:January|February|March|April|May|June|July|August|September|October|November|December)\b).*$/s, '').trim()
  }
  name = name.replace(/[\s.:]+$/, '')
  if (name === '' && acronym) name = acronym
  if (name === '') return null
  // An organization's name starts with a capital letter (or is an acronym);
  // "which seeks to develop …", "many of its specialized agencies" do not.
  if (!/^[\p{Lu}\d]/u.test(name)) return null
  if (findCountry(name)) return null
  const bare = isAcronym(name)
  if (bare && !acronym) acronym = name
  const index = source.indexOf(name, at)
  return {name, acronym, status: itemStatus, index: index >= 0 ? index : at}
}

/**
 * Every organization named in the membership lists of a text, in order.
 *
 * A list starts after a membership verb ("is a member of", "belongs to",
 * "participates in", "is an observer in", "is suspended from", "joined")
 * and runs to the end of the sentence; items are separated by commas,
 * semicolons and "and".  Each item may change its own status ("an associate
 * member of the European Community (EC)").  Parenthesized acronyms are kept;
 * other parentheses are remarks; relative clauses ("…, which seeks to develop
 * the contiguous areas of Mali, Niger, and Burkina Faso") and country names
 * are not organizations.  `index` is the offset of the name in `text`.
 */
export function extractMemberships(text: string): FoundMembership[] {
  const out: FoundMembership[] = []
  const seen = new Map<string, FoundMembership>()
  const starts: {at: number; status: MembershipStatus}[] = []
  for (const {re, status} of TRIGGERS) {
    re.lastIndex = 0
    for (const m of text.matchAll(re)) {
      if (m.index === undefined) continue
      const at = m.index + m[0].length
      // A more specific trigger at the same place wins (they are listed first).
      if (starts.some((s) => s.at >= m.index && s.at <= at)) continue
      starts.push({at, status})
    }
  }
  starts.sort((a, b) => a.at - b.at)
  let covered = 0
  for (const {at, status} of starts) {
    if (at < covered) continue
    const end = sentenceEnd(text, at)
    covered = end
    const pieces = splitList(text.slice(at, end), at)
    let inClause = false
    const hasSemicolon = pieces.some((p) => p.sep === ';')
    for (const piece of pieces) {
      // A relative clause runs to the next semicolon when the list uses them.
      if (inClause && piece.sep !== ';') continue
      inClause = false
      if (/^\s*(?:which|who|whose|where|that)\b/i.test(piece.text)) {
        inClause = hasSemicolon
        continue
      }
      const found = parseItem(piece, status, text)
      if (!found) continue
      // The same organization twice with the same status is one membership
      // (the first place it is named; an acronym given later is kept).
      const key = `${found.name.toLowerCase()}\u0000${found.status}`
      const earlier = seen.get(key)
      if (earlier) {
        earlier.acronym ??= found.acronym
        continue
      }
      seen.set(key, found)
      out.push(found)
    }
  }
  return out
}
