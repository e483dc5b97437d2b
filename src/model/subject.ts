/**
 * The country an article is about: from its title ("Foreign relations of
 * Mali"), its category line (`Foreign_relations_of_Mali`,
 * `Category:Foreign_relations_of_Mali`), or else the country the text
 * mentions most.
 */

import {countryMentionCounts, findCountry, getCountry} from './countries.js'
import type {Subject} from './types.js'

/** Where `detectSubject` found the subject. */
export type SubjectSource = 'title' | 'category' | 'text' | null

const PREFIX = /^(?:category:)?\s*(?:foreign\s+relations|foreign\s+policy|international\s+relations)\s+of\s+/i
const CATEGORY_LINE = /^(?:Category:)?Foreign_relations_of_\S+$/m

/**
 * Whether `raw.replace(/_/g, ' ').replace(/\s+/g, ' ').trim()` is `raw`
 * itself: printable ASCII, no `_`, single spaces between words.  Most
 * category names are so; the three passes of the regexes (each a new
 * string) were a visible cost of subject detection on every page whose
 * subject is not in its title.
 *
 * @internal
 */
export function isNormalTitle(raw: string): boolean {
  const n = raw.length
  let previousSpace = true // (a leading space is trimmed)
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i)
    if (c === 32) {
      if (previousSpace) return false
      previousSpace = true
    } else if (c < 33 || c > 126 || c === 95) return false
    else previousSpace = false
  }
  return !previousSpace || n === 0
}

/** "Foreign relations of the Gambia" → `{name: 'Gambia', article: 'Foreign relations of the Gambia'}`. */
function fromTitle(raw: string): {subject: Subject; known: boolean} | null {
  const title = isNormalTitle(raw) ? raw : raw.replace(/_/g, ' ').replace(/\s+/g, ' ').trim()
  const article = title.replace(/^category:\s*/i, '')
  const m = PREFIX.exec(title)
  const rest = (m ? title.slice(m[0].length) : article).trim()
  if (rest === '') return null
  const country = findCountry(rest)
  // (Before the name is made: most category lines name no country.)
  if (!country && !m) return null
  // The name as the title writes it ("Côte d'Ivoire", "São Tomé and Príncipe"),
  // without a leading "the"; the dataset's common name would turn the first
  // into "Ivory Coast".
  const name = rest.replace(/^the\s+/i, '')
  return {subject: {name, iso2: country?.iso2 ?? null, article: m ? article : null}, known: country !== null}
}

/**
 * Detect the subject.  The title wins over the category line, which wins
 * over the text.  A title or category that names something outside the
 * dataset (e.g. "Foreign relations of the Sovereign Military Order of
 * Malta") gives that name with `iso2: null`.  From the text, the most
 * mentioned country wins if it has strictly more mentions than the next;
 * otherwise the subject is unknown: `{name: '', iso2: null, article: null}`
 * (the caller reports `subject-unknown`).
 */
export function detectSubject(input: {title?: string | null; categoryLine?: string | null; text: SubjectText}): Subject {
  return detectSubjectWithSource(input).subject
}

/**
 * The text subject detection may read: the text itself, or a function that
 * builds it, called only when the title and the category line do not decide
 * (building the plain text of a whole article costs as much as reading it).
 */
export type SubjectText = string | (() => string)

/** `detectSubject`, plus where the subject came from. */
export function detectSubjectWithSource(input: {
  title?: string | null
  categoryLine?: string | null
  text: SubjectText
}): {subject: Subject; source: SubjectSource} {
  let text: string | null = typeof input.text === 'string' ? input.text : null
  const getText = (): string => (text ??= (input.text as () => string)())
  let fallback: {subject: Subject; source: SubjectSource} | null = null
  if (input.title) {
    const t = fromTitle(input.title)
    if (t?.known) return {subject: t.subject, source: 'title'}
    if (t) fallback = {subject: t.subject, source: 'title'}
  }
  // (The regex, multiline, tries every line start; most texts do not hold
  // its literal part at all, which `indexOf` rules out far faster.)
  const category = input.categoryLine ??
    (getText().includes('Foreign_relations_of_') ? CATEGORY_LINE.exec(getText())?.[0] ?? null : null)
  if (category) {
    const c = fromTitle(category)
    if (c?.known) {
      const article = fallback?.subject.article ?? c.subject.article
      return {subject: {...c.subject, article}, source: 'category'}
    }
    if (c && !fallback) fallback = {subject: c.subject, source: 'category'}
  }
  if (fallback) return fallback

  // The most mentioned country: names and official names count 1, demonyms
  // count 1 too (they are as much about the country in its own article).
  // The count of the first is strictly above the second's exactly when one
  // country has the highest count: found in one pass over the counts, with
  // no mention objects built (the whole lead is scanned on most articles).
  let top: string | null = null
  let topCount = 0
  let tied = false
  for (const [iso2, count] of countryMentionCounts(getText())) {
    if (count > topCount) {
      top = iso2
      topCount = count
      tied = false
    } else if (count === topCount) {
      tied = true
    }
  }
  if (top !== null && !tied) {
    const country = getCountry(top)
    if (country) return {subject: {name: country.name, iso2: country.iso2, article: null}, source: 'text'}
  }
  return {subject: {name: '', iso2: null, article: null}, source: null}
}
