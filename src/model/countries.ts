/**
 * Country names, official names, alternative spellings and demonyms, looked
 * up by text.
 *
 * All country data comes from the maintained `world-countries` package
 * (mledoze/countries, ODbL-1.0): `name.common`, `name.official`,
 * `altSpellings`, `demonyms.eng`, `cca2`, `cca3`.  The only hand-written data
 * is the small, commented `EXTRA_FORMS` / `DROPPED_FORMS` / `NOT_COUNTRIES`
 * tables below, each entry with the reason the dataset does not cover it.
 *
 * The matcher is ours: one character trie over every folded form, built once
 * at module load, walked from each word start of the (folded) text, keeping
 * the longest match that ends on a word boundary.  Packages that do
 * "find countries in text" (e.g. country-finder style regex lists) loop one
 * regex per country over the text, know no demonyms or alt spellings, and do
 * not give UTF-16 offsets into the original string, which the pipeline needs.
 */

import worldCountriesModule from 'world-countries'
import type {Country} from 'world-countries'

// world-countries ships CommonJS (`module.exports = [...]`) with an ESM-style
// `export default` declaration; under NodeNext TypeScript types the default
// import as the module object, while Node and Vite hand over the array
// itself.  Accept both.
const worldCountriesValue: unknown = worldCountriesModule
const worldCountries: Country[] = Array.isArray(worldCountriesValue)
  ? (worldCountriesValue as Country[])
  : (worldCountriesValue as {default: Country[]}).default

/** A country (or territory) of the dataset. */
export interface CountryInfo {
  /** ISO 3166-1 alpha-2, e.g. `ML`. */
  iso2: string
  /** ISO 3166-1 alpha-3, e.g. `MLI`. */
  iso3: string
  /** Common English name, e.g. `South Korea`. */
  name: string
  /** Official English name, e.g. `Republic of Korea`. */
  official: string
  /** Alternative spellings (the dataset's, minus the bare ISO code, plus our extras). */
  altSpellings: string[]
  /** English demonyms, singular and plural, e.g. `South Korean`, `South Koreans`. */
  demonyms: string[]
  /** Whether the dataset marks it independent (a sovereign state). */
  independent: boolean
}

/** How a mention names its country. */
export type MentionKind = 'name' | 'official-name' | 'alt-spelling' | 'demonym'

/** One country mention found in a text. */
export interface Mention {
  kind: MentionKind
  /** The matched text, exactly as it stands in the input. */
  text: string
  /** 0-based offset of `text` in the input (UTF-16 code units). */
  index: number
  /** Offset just after `text`. */
  end: number
  /** The country, or null when the form is shared by several (e.g. `Congolese`). */
  iso2: string | null
  /** Every country the form can mean (one entry unless ambiguous). */
  candidates: string[]
}

// ---------------------------------------------------------------------------
// Hand-written additions (kept small; each entry says why).

/**
 * English forms the dataset lacks, by ISO code.  `kind` is the mention kind
 * they are reported as.
 */
const EXTRA_FORMS: ReadonlyArray<{iso2: string; form: string; kind: MentionKind; why: string}> = [
  {iso2: 'GB', form: 'Britain', kind: 'alt-spelling', why: 'dataset has only "Great Britain"'},
  {iso2: 'GB', form: 'U.K.', kind: 'alt-spelling', why: 'dotted abbreviation, common in prose'},
  {iso2: 'GB', form: 'Briton', kind: 'demonym', why: 'noun demonym; dataset has only "British"'},
  {iso2: 'GB', form: 'Britons', kind: 'demonym', why: 'plural of the above'},
  {iso2: 'US', form: 'U.S.', kind: 'alt-spelling', why: 'dotted abbreviation ("U.S. Embassy"); bare "US" is excluded'},
  {iso2: 'US', form: 'U.S.A.', kind: 'alt-spelling', why: 'dotted abbreviation'},
  {iso2: 'TR', form: 'Turkey', kind: 'alt-spelling', why: 'dataset switched to "Türkiye" and lists only "Republic of Turkey"'},
  {iso2: 'MK', form: 'Republic of Macedonia', kind: 'official-name', why: 'official name 1991–2019, used by most older articles'},
  {iso2: 'VA', form: 'Holy See', kind: 'alt-spelling', why: 'dataset has it only inside "Holy See (Vatican City State)"'},
  {iso2: 'CV', form: 'Cabo Verde', kind: 'alt-spelling', why: 'dataset has only "Republic of Cabo Verde"'},
  {iso2: 'CV', form: 'Cape Verdean', kind: 'demonym', why: 'dataset spells the demonym "Cape Verdian"'},
  {iso2: 'ST', form: 'São Tomé', kind: 'alt-spelling', why: 'short form used in prose'},
  {iso2: 'CN', form: 'PRC', kind: 'alt-spelling', why: 'common acronym in diplomatic prose'},
  {iso2: 'KR', form: 'ROK', kind: 'alt-spelling', why: 'common acronym in diplomatic prose'},
  {iso2: 'SA', form: 'Saudis', kind: 'demonym', why: 'plural of "Saudi" (dataset lists "Saudi" as an alt spelling)'},
  {iso2: 'CI', form: 'Ivoirian', kind: 'demonym', why: 'variant of "Ivorian"'},
  {iso2: 'CI', form: 'Ivoirians', kind: 'demonym', why: 'plural of the above'},
  {iso2: 'EC', form: 'Ecuadorian', kind: 'demonym', why: 'dataset spells the demonym "Ecuadorean"; English Wikipedia writes "Ecuadorian"'},
  {iso2: 'EC', form: 'Ecuadorians', kind: 'demonym', why: 'plural of the above'},
  {iso2: 'AR', form: 'Argentinian', kind: 'demonym', why: 'dataset has only "Argentine"'},
  {iso2: 'AR', form: 'Argentinians', kind: 'demonym', why: 'plural of the above'},
  {iso2: 'KG', form: 'Kyrgyz', kind: 'demonym', why: 'dataset has only the old spelling "Kirghiz"'},
  {iso2: 'KM', form: 'Comorian', kind: 'demonym', why: 'dataset spells the demonym "Comoran"'},
  {iso2: 'KM', form: 'Comorians', kind: 'demonym', why: 'plural of the above'},
]

/**
 * Dataset forms we do not index, with the reason.  Keyed `ISO2:form`.
 */
const DROPPED_FORMS: ReadonlySet<string> = new Set([
  // A regional adjective far more often than the demonym of the Central
  // African Republic ("Central African states").
  'CF:Central African',
  // A bare "Timor" is the island (shared with Indonesia), not Timor-Leste.
  'TL:Timor',
  // The dataset's VG official name "Virgin Islands" is shared by the US
  // Virgin Islands in prose; keep it out rather than guess.
  'VG:Virgin Islands',
])

/**
 * Phrases that contain a country form but are not about that country.  They
 * are indexed as blockers: when one is the longest match, nothing is
 * reported for its span ("Indian Ocean" is not India, "Niger River" is not
 * Niger, "Latin American" is not the United States).
 */
const NOT_COUNTRIES: readonly string[] = [
  'Latin America', 'Latin American', 'Latin Americans',
  'South America', 'South American', 'South Americans',
  'North America', 'North American', 'North Americans',
  'Central America', 'Central American', 'Central Americans',
  'African American', 'African Americans', 'Native American', 'Native Americans',
  'American Indian', 'American Indians',
  'Indian Ocean', 'Indian Subcontinent',
  'Niger River', 'River Niger', 'Niger Delta', 'Niger Basin', 'Niger Bend',
  'Congo River', 'River Congo', 'Congo Basin', 'Congo Free State',
  'Gulf of Guinea', 'New Guinea', 'Jordan River', 'River Jordan',
  'New Mexico', 'New Jersey', 'Mexico City',
  // Part of the United Kingdom, not Ireland.
  'Northern Ireland', 'Northern Irish',
  // Lakes and seas named after a country, often named in rows about its
  // neighbours ("Nigerian troops patrol Lake Chad", "claims in the South
  // China Sea").
  'Lake Chad', 'Lake Chad Basin', 'South China Sea', 'East China Sea', 'Sea of Japan', 'Gulf of Mexico',
]

// ---------------------------------------------------------------------------
// Folding: case, diacritics, apostrophes, dashes, spaces.

/** Characters NFD does not decompose but readers treat as plain letters. */
const SPECIAL_FOLDS = new Map<string, string>([
  ['ø', 'o'], ['Ø', 'o'], ['ł', 'l'], ['Ł', 'l'], ['đ', 'd'], ['Đ', 'd'],
  ['æ', 'ae'], ['Æ', 'ae'], ['œ', 'oe'], ['Œ', 'oe'], ['ß', 'ss'], ['ı', 'i'],
  ['\u2019', '\''], ['\u2018', '\''], ['\u02BC', '\''], ['\u02BB', '\''], ['`', '\''], ['\u00B4', '\''],
  ['\u2010', '-'], ['\u2011', '-'], ['\u2012', '-'], ['\u2013', '-'], ['\u2014', '-'], ['\u2212', '-'],
])

const combining = /\p{M}/gu
const isSpace = /\s/

function foldChar(ch: string): string {
  const code = ch.charCodeAt(0)
  if (code < 0x80) {
    if (ch === '_') return ' '
    return isSpace.test(ch) ? ' ' : ch.toLowerCase()
  }
  const special = SPECIAL_FOLDS.get(ch)
  if (special !== undefined) return special
  if (isSpace.test(ch)) return ' '
  return ch.normalize('NFD').replace(combining, '').toLowerCase()
}

/** A folded copy of a text with, for each folded code unit, its original offset. */
interface Folded {
  text: string
  /** `map[i]` is the offset in the original of folded code unit `i`; `map[text.length]` is the original length. */
  map: number[]
}

function foldWithMap(text: string): Folded {
  let out = ''
  const map: number[] = []
  let lastSpace = false
  for (let i = 0; i < text.length; i++) {
    const f = foldChar(text.charAt(i))
    if (f === ' ') {
      // Runs of white space (and underscores) fold to one space.
      if (lastSpace) continue
      lastSpace = true
    } else if (f.length > 0) {
      lastSpace = false
    }
    for (let k = 0; k < f.length; k++) {
      out += f.charAt(k)
      map.push(i)
    }
  }
  map.push(text.length)
  return {text: out, map}
}

/**
 * Fold a string for comparison: lower case, no diacritics, straight
 * apostrophes, hyphen for every dash, one space for any white space run.
 */
export function fold(text: string): string {
  return foldWithMap(text).text.trim()
}

const wordChar = /[\p{L}\p{N}]/u

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && ch !== '' && wordChar.test(ch)
}

// ---------------------------------------------------------------------------
// The index, built once.

type EntryKind = MentionKind | 'blocker'

interface Entry {
  kind: EntryKind
  iso2: string
  /** The form as written in the dataset or table. */
  form: string
  /** Acronym-like forms (`UK`, `U.S.`, `DPRK`) must match case exactly. */
  exactCase: boolean
}

interface TrieNode {
  next: Map<string, TrieNode>
  entries: Entry[] | null
}

const byIso2 = new Map<string, CountryInfo>()
/** Folded form → entries (for `findCountry`). */
const formIndex = new Map<string, Entry[]>()
const root: TrieNode = {next: new Map(), entries: null}

const KIND_RANK: Record<EntryKind, number> = {
  blocker: 0, name: 1, 'official-name': 2, 'alt-spelling': 3, demonym: 4,
}

function stripArticle(folded: string): string {
  return folded.startsWith('the ') ? folded.slice(4) : folded
}

function addForm(form: string, iso2: string, kind: EntryKind): void {
  const trimmed = form.trim()
  if (trimmed === '') return
  if (DROPPED_FORMS.has(iso2 + ':' + trimmed)) return
  const key = stripArticle(fold(trimmed))
  if (key === '') return
  // Acronyms and dotted abbreviations are case sensitive: "US" ≠ "us".
  const exactCase = /^[A-Z.]+$/.test(trimmed) && trimmed.length <= 6
  const entry: Entry = {kind, iso2, form: trimmed, exactCase}
  let list = formIndex.get(key)
  if (!list) {
    list = []
    formIndex.set(key, list)
  }
  if (list.some((e) => e.iso2 === iso2 && e.kind === kind && e.form === entry.form)) return
  list.push(entry)
  let node = root
  for (let i = 0; i < key.length; i++) {
    const ch = key.charAt(i)
    let child = node.next.get(ch)
    if (!child) {
      child = {next: new Map(), entries: null}
      node.next.set(ch, child)
    }
    node = child
  }
  node.entries = list
}

/** Plural of an English demonym: `Malian` → `Malians`; `Chinese`, `French`, `Swiss` have none. */
function demonymPlural(demonym: string): string | null {
  if (/(?:ese|sh|ch|ss|s|x|z)$/.test(demonym)) return null
  if (/[aeuy]$/.test(demonym)) return null
  return demonym + 's'
}

for (const c of worldCountries) {
  const iso2 = c.cca2
  const demonyms: string[] = []
  const eng = c.demonyms?.['eng']
  if (eng) {
    // Some entries hold two demonyms in one string ("Bosnian, Herzegovinian").
    for (const d of new Set([eng.m, eng.f].flatMap((x) => (x ? x.split(/\s*,\s*/) : [])))) {
      if (!d || DROPPED_FORMS.has(iso2 + ':' + d)) continue
      demonyms.push(d)
      const plural = demonymPlural(d)
      if (plural) demonyms.push(plural)
    }
  }
  const alt = c.altSpellings.filter((a) => a !== iso2 && a !== c.name.common && a !== c.name.official)
  byIso2.set(iso2, {
    iso2,
    iso3: c.cca3,
    name: c.name.common,
    official: c.name.official,
    altSpellings: alt,
    demonyms,
    independent: c.independent === true,
  })
}

for (const extra of EXTRA_FORMS) {
  const info = byIso2.get(extra.iso2)
  if (!info) continue
  if (extra.kind === 'demonym') info.demonyms.push(extra.form)
  else info.altSpellings.push(extra.form)
}

for (const info of byIso2.values()) {
  addForm(info.name, info.iso2, 'name')
  addForm(info.official, info.iso2, 'official-name')
  for (const a of info.altSpellings) {
    const extra = EXTRA_FORMS.find((e) => e.iso2 === info.iso2 && e.form === a)
    addForm(a, info.iso2, extra ? extra.kind : 'alt-spelling')
  }
  for (const d of info.demonyms) addForm(d, info.iso2, 'demonym')
}

for (const phrase of NOT_COUNTRIES) addForm(phrase, '', 'blocker')

/**
 * Resolve the entries of one form to a mention kind and its countries.
 * A form shared by a sovereign state and territories of it (the dataset gives
 * "French" to France and the French Southern Territories, "American" to the
 * US and the Northern Mariana Islands) means the sovereign state; a form
 * shared by two sovereign states ("Congolese", "Dominican") stays ambiguous.
 */
function resolveEntries(entries: readonly Entry[]): {kind: EntryKind; candidates: string[]} {
  const sorted = [...entries].sort((a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind])
  const first = sorted[0]
  if (!first) return {kind: 'blocker', candidates: []}
  if (first.kind === 'blocker') return {kind: 'blocker', candidates: []}
  const isos = [...new Set(sorted.map((e) => e.iso2))]
  if (isos.length > 1) {
    const sovereign = isos.filter((i) => byIso2.get(i)?.independent === true)
    if (sovereign.length === 1 && sovereign[0] !== undefined) {
      const only = sovereign[0]
      const kind = sorted.find((e) => e.iso2 === only)?.kind ?? first.kind
      return {kind, candidates: [only]}
    }
    return {kind: first.kind, candidates: sovereign.length > 1 ? sovereign : isos}
  }
  return {kind: first.kind, candidates: isos}
}

// ---------------------------------------------------------------------------
// Public API.

/** The country with this ISO 3166-1 alpha-2 code, or null. */
export function getCountry(iso2: string): CountryInfo | null {
  return byIso2.get(iso2.toUpperCase()) ?? null
}

/** Every country of the dataset (250 entries, including territories). */
export function allCountries(): CountryInfo[] {
  return [...byIso2.values()]
}

/**
 * Look up a country by a whole name: its common name, official name or an
 * alternative spelling, with or without a leading "the", tolerant of case,
 * diacritics, apostrophe and dash variants ("Cote d'Ivoire", "the Gambia",
 * "Republic of Korea", "Russian Federation").  Demonyms are not names and do
 * not match.  Returns null for unknown or ambiguous names.
 */
export function findCountry(name: string): CountryInfo | null {
  const key = stripArticle(fold(name).replace(/[\s.,;:]+$/, ''))
  const entries = formIndex.get(key) ?? formIndex.get(key + '.')
  if (!entries) return null
  const named = entries.filter((e) => e.kind !== 'demonym' && e.kind !== 'blocker')
  if (named.length === 0) return null
  const {candidates} = resolveEntries(named)
  if (candidates.length !== 1 || candidates[0] === undefined) return null
  return byIso2.get(candidates[0]) ?? null
}

/**
 * Every country mention in a text, in order, without overlaps: names,
 * official names, alternative spellings and demonyms (singular and plural).
 * The longest match wins ("South Korea" over "Korea", "Guinea-Bissau" over
 * "Guinea", "Democratic Republic of the Congo" over "Republic of the
 * Congo"); a match never starts or ends inside a word ("Niger" is not found
 * in "Nigeria"); words must start with a capital letter as written, and
 * acronyms must match case exactly.  A leading "the" is not part of the
 * mention.
 */
export function findMentions(text: string): Mention[] {
  const {text: f, map} = foldWithMap(text)
  const mentions: Mention[] = []
  let i = 0
  while (i < f.length) {
    if (!isWordChar(f.charAt(i)) || (i > 0 && isWordChar(f.charAt(i - 1)))) {
      i++
      continue
    }
    // Walk the trie; remember the longest form that ends on a word boundary
    // and whose case fits the original text.
    let node: TrieNode | undefined = root
    let best: {end: number; kind: EntryKind; candidates: string[]} | null = null
    for (let j = i; j < f.length && node; j++) {
      node = node.next.get(f.charAt(j))
      if (!node || !node.entries) continue
      const end = j + 1
      const lastCh = f.charAt(j)
      // A form ending in a non-word character ("U.S.") needs no boundary after it.
      if (isWordChar(lastCh) && isWordChar(f.charAt(end))) continue
      const start0 = map[i] ?? 0
      const end0 = map[end] ?? text.length
      const original = text.slice(start0, end0)
      const fitting = node.entries.filter((e) => caseFits(e, original))
      if (fitting.length === 0) continue
      const resolved = resolveEntries(fitting)
      best = {end, ...resolved}
    }
    if (best) {
      const start0 = map[i] ?? 0
      const end0 = map[best.end] ?? text.length
      if (best.kind !== 'blocker') {
        mentions.push({
          kind: best.kind,
          text: text.slice(start0, end0),
          index: start0,
          end: end0,
          iso2: best.candidates.length === 1 ? best.candidates[0] ?? null : null,
          candidates: best.candidates,
        })
      }
      i = best.end
      continue
    }
    i++
  }
  return mentions
}

function caseFits(entry: Entry, original: string): boolean {
  if (entry.exactCase) return original === entry.form
  const first = original.charAt(0)
  // Proper names start with a capital letter as written ("Chad", not "chad").
  return first === first.toUpperCase() && first !== first.toLowerCase()
}
