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
import {isLetterOrDigitUnit} from '../util/chars.js'
import {detachedCopy} from '../util/strings.js'

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

/**
 * `foldChar` of every non-ASCII code unit, filled on first use: the fold
 * depends only on the code unit, and NFD plus a regex per character was a
 * hot spot on long texts.
 */
const foldCache: Array<string | undefined> = new Array<string | undefined>(0x10000)

/** `foldChar` of the ASCII characters. */
const ASCII_FOLD: readonly string[] = Array.from({length: 0x80}, (_, c) => foldChar(String.fromCharCode(c)))

/** `foldChar` of the code unit at `text[i]` (`code`), cached. */
function foldOfUnit(code: number, text: string, i: number): string {
  if (code < 0x80) return ASCII_FOLD[code]!
  let f = foldCache[code]
  if (f === undefined) {
    f = foldChar(text.charAt(i))
    foldCache[code] = f
  }
  return f
}

/** A folded copy of a text, as UTF-16 code units, with the original offset of each unit. */
interface FoldedUnits {
  /** The folded code units, `units[0, length)`. */
  units: Uint16Array
  /** `map[i]` is the offset in the original of folded unit `i`; `map[length]` is the original length. */
  map: Int32Array
  length: number
}

/** The most code units one code unit folds to (a Hangul syllable: three jamo). */
const MAX_FOLD = 3

function foldUnits(text: string): FoldedUnits {
  const n = text.length
  // Typed arrays sized for the worst case: pushing onto growing arrays was a hot spot.
  let units = new Uint16Array(n * MAX_FOLD)
  let map = new Int32Array(n * MAX_FOLD + 1)
  let len = 0
  let lastSpace = false
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) {
      // ASCII fast path, the same as `foldChar`: `_` and white space
      // (`\t \n \v \f \r` and space) fold to a space, A-Z to lower case.
      if (code === 95 || code === 32 || (code >= 9 && code <= 13)) {
        if (lastSpace) continue
        lastSpace = true
        units[len] = 32
        map[len++] = i
        continue
      }
      lastSpace = false
      units[len] = code >= 65 && code <= 90 ? code + 32 : code
      map[len++] = i
      continue
    }
    let f = foldCache[code]
    if (f === undefined) {
      f = foldChar(text.charAt(i))
      foldCache[code] = f
    }
    if (len + f.length > units.length - (n - i)) {
      // Not reached with the Unicode data of today (see MAX_FOLD); grow rather than fail.
      const bigger = new Uint16Array(units.length * 2 + f.length)
      bigger.set(units)
      units = bigger
      const biggerMap = new Int32Array(bigger.length + 1)
      biggerMap.set(map)
      map = biggerMap
    }
    if (f === ' ') {
      // Runs of white space (and underscores) fold to one space.
      if (lastSpace) continue
      lastSpace = true
    } else if (f.length > 0) {
      lastSpace = false
    }
    for (let k = 0; k < f.length; k++) {
      units[len] = f.charCodeAt(k)
      map[len++] = i
    }
  }
  map[len] = n
  return {units, map, length: len}
}

/**
 * Fold a string for comparison: lower case, no diacritics, straight
 * apostrophes, hyphen for every dash, one space for any white space run.
 */
export function fold(text: string): string {
  // `foldUnits` without the offset map (names and titles are short; typed
  // arrays cost more to set up than to fill here).
  let out = ''
  let lastSpace = false
  for (let i = 0; i < text.length; i++) {
    const f = foldOfUnit(text.charCodeAt(i), text, i)
    if (f === ' ') {
      if (lastSpace) continue
      lastSpace = true
    } else if (f.length > 0) {
      lastSpace = false
    }
    out += f
  }
  return out.trim()
}

/**
 * Whether a folded code unit is a letter or a digit, as `/[\p{L}\p{N}]/u`
 * tests it on the one-unit string (a lone surrogate never is); `undefined`
 * (past the end) is not.
 */
function isWordUnit(code: number | undefined): boolean {
  return code !== undefined && isLetterOrDigitUnit(code)
}

/**
 * Whether the original character at `offset` starts a proper name as
 * `caseFits` requires (upper case as written).  Every indexed form needs it,
 * so a word start that fails it cannot match and the trie walk is skipped.
 */
function startsUpper(text: string, offset: number): boolean {
  const code = text.charCodeAt(offset)
  if (code < 0x80) return code >= 65 && code <= 90
  const first = text.charAt(offset)
  return first === first.toUpperCase() && first !== first.toLowerCase()
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
  /** Children by folded UTF-16 code unit, in the order they were added (the order of {@link TRIE}'s records). */
  next: Map<number, TrieNode>
  entries: Entry[] | null
  /**
   * `resolveEntries(entries)`, when every entry fits any text that starts
   * with a capital (no entry is `exactCase`): the matcher only tries text
   * that does, so it need not filter or resolve per match.  Null otherwise.
   */
  resolved: {kind: EntryKind; candidates: string[]} | null
}

const byIso2 = new Map<string, CountryInfo>()
/** Folded form → entries (for `findCountry`). */
const formIndex = new Map<string, Entry[]>()
const root: TrieNode = {next: new Map(), entries: null, resolved: null}
/** The nodes of the trie, the root included (the size of {@link TRIE}). */
let trieNodes = 1

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
    const ch = key.charCodeAt(i)
    let child = node.next.get(ch)
    if (!child) {
      child = {next: new Map(), entries: null, resolved: null}
      node.next.set(ch, child)
      trieNodes++
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
 * Bit `(a - 65) * 0x80 + b` of `PAIR_BITS` is set when a walk that starts
 * with the ASCII capital `a` (folded to lower case) and the folded ASCII unit
 * `b` can match: the trie has the path `a` `b`, or a form of the one unit
 * `a`.  Most capitalized words fail it at once.  A bit set (416 bytes)
 * rather than a byte per pair of units (16 KB): subject detection runs after
 * the parser and the model have filled the caches with other data, and each
 * candidate read a different line of the byte table from memory.
 */
const PAIR_BITS = new Uint32Array((26 * 0x80) >>> 5)
for (let a = 65; a <= 90; a++) {
  const first = root.next.get(a + 32)
  if (!first) continue
  for (let b = 0; b < 0x80; b++) {
    if (first.entries !== null || first.next.has(b)) {
      const bit = (a - 65) * 0x80 + b
      PAIR_BITS[bit >>> 5]! |= 1 << (bit & 31)
    }
  }
}

/*
 * The trie packed into one typed array for the matcher, node records in
 * depth-first order: a record is the number of children `n`, the node's
 * index in `formNodes` (`NO_FORM` when it ends no form), then `n` pairs (folded
 * unit, offset of the child's record).  The root's record is at 0.  Walking
 * the node objects touched memory all over the heap, and so did parallel
 * arrays by node number (a step read four of them): after the parser has run
 * each read missed the cache.  Here a step reads one record, and a chain of
 * single-child nodes ("kazakhstan") lies in a few consecutive cache lines.
 */
/** The nodes that end a form, by the index their record holds. */
const formNodes: TrieNode[] = []
/** A record per node (two units) and a pair of units per edge, one edge into every node but the root. */
const trieSize = 4 * trieNodes - 2
/**
 * 16-bit records (half the lines of 32-bit ones) when the offsets fit, as
 * they do with today's dataset (≈ 39,000 units); a process only ever makes
 * one of the two, so the accesses stay monomorphic.
 */
const TRIE: Uint16Array | Uint32Array = trieSize < 0xFFFF ? new Uint16Array(trieSize) : new Uint32Array(trieSize)
/** The form index of a record that ends no form. */
const NO_FORM = TRIE instanceof Uint16Array ? 0xFFFF : 0xFFFFFFFF
{
  let next = 0
  const layout = (node: TrieNode): number => {
    const o = next
    next += 2 + 2 * node.next.size
    TRIE[o] = node.next.size
    if (node.entries !== null) {
      TRIE[o + 1] = formNodes.length
      formNodes.push(node)
      if (!node.entries.some((e) => e.exactCase)) node.resolved = resolveEntries(node.entries)
    } else TRIE[o + 1] = NO_FORM
    let k = o + 2
    for (const [unit, kid] of node.next) {
      TRIE[k] = unit
      TRIE[k + 1] = layout(kid)
      k += 2
    }
    return o
  }
  layout(root)
  // (A typed array ignores writes past its end: a wrong size would cut the trie short without a word.)
  if (next !== TRIE.length) throw new Error(`foreign-relations: the country trie has ${next} units, not ${TRIE.length}`)
}
/** The offset of the root's child for an ASCII unit, -1 for none. */
const ROOT_ASCII = new Int32Array(0x80).fill(-1)
for (let k = 0; k < TRIE[0]!; k++) if (TRIE[2 + 2 * k]! < 0x80) ROOT_ASCII[TRIE[2 + 2 * k]!] = TRIE[3 + 2 * k]!

/** Whether the node whose record is at `o` ends a form. */
function endsForm(o: number): boolean {
  return TRIE[o + 1] !== NO_FORM
}

/**
 * Classes of ASCII units for {@link TRIPLE_MASK}: `a`–`z` (and `A`–`Z`)
 * 0–25, white space and `_` (they fold to a space) 26, `.` 27, `-` 28, `'`
 * 29; anything else 30, which the mask never rules out.
 */
const TRIPLE_CLASS = new Uint8Array(0x80).fill(30)
for (let u = 97; u <= 122; u++) TRIPLE_CLASS[u] = TRIPLE_CLASS[u - 32] = u - 97
for (const u of [9, 10, 11, 12, 13, 32, 95]) TRIPLE_CLASS[u] = 26
TRIPLE_CLASS[46] = 27
TRIPLE_CLASS[45] = 28
TRIPLE_CLASS[39] = 29

/**
 * `TRIPLE_MASK[(a - 97) * 32 + TRIPLE_CLASS[b]]` has bit `TRIPLE_CLASS[c]`
 * set when a walk that starts with the folded units `a` (a letter), `b` (a
 * letter or `.` `-` `'`) and `c` can match: the trie has the path `a` `b`
 * `c`, or a form of `a` or of `a` `b` alone.  The capitals of prose that
 * pass the pair test ("Th", "In", "Pr") mostly fail it; a walk after the
 * parser has run misses the cache at every step, this table is 3 KB.
 * Unknown units (class 30) pass.
 */
const TRIPLE_MASK = new Uint32Array(26 * 32)
for (let a = 97; a <= 122; a++) {
  const first = ROOT_ASCII[a]!
  for (let bc = 0; bc < 32; bc++) {
    let mask = 1 << 30
    if (bc === 30 || bc === 31 || first === -1 || endsForm(first)) mask = -1
    else {
      // Every unit of class `bc` (A–Z fold to a–z; white space to a space).
      for (let b = 0; b < 0x80; b++) {
        if (TRIPLE_CLASS[b] !== bc || (b >= 65 && b <= 90)) continue
        const second = trieChild(first, b === 95 || (b >= 9 && b <= 13) ? 32 : b)
        if (second === -1) continue
        if (endsForm(second)) mask = -1
        for (let c = 0; c < 0x80; c++) {
          if (c >= 65 && c <= 90) continue
          if (trieChild(second, c === 95 || (c >= 9 && c <= 13) ? 32 : c) !== -1) mask |= 1 << TRIPLE_CLASS[c]!
        }
      }
    }
    TRIPLE_MASK[(a - 97) * 32 + bc] = mask
  }
}

/** {@link TRIPLE_CLASS} of a code unit; 30 (never ruled out) for one not ASCII and for `NaN` (past the end). */
function tripleClass(code: number): number {
  return code < 0x80 ? TRIPLE_CLASS[code]! : 30
}

/*
 * The head of a folded form is its units up to its first unit that is not a
 * letter or digit (the whole form if none).  A form can match at a word
 * start only if the text's head there, up to its first unit that is not a
 * letter or digit, is the form's head: a form of letters and digits alone
 * must end at a word boundary, and any other form holds the unit that ends
 * the head.  `HEAD_BITS` has the bit of `headHash` of every form's head set:
 * most capitalized words that pass the pair and triple tests ("Park",
 * "Stark's", "Final") fail it, and their trie walks (a cache miss a step,
 * after the parser and the model have run) were most of the matcher's time.
 */
const HEAD_BITS = new Uint32Array(1 << 9)
const HEAD_MASK = (1 << 9) - 1

/** The hash of folded units `units[0, end)`, as the matcher computes it on a text. */
function headHash(units: string, end: number): number {
  let h = 0
  for (let i = 0; i < end; i++) h = (Math.imul(h, 31) + units.charCodeAt(i)) | 0
  return h
}

for (const key of formIndex.keys()) {
  let end = 0
  while (end < key.length && isWordUnit(key.charCodeAt(end))) end++
  const h = headHash(key, end)
  HEAD_BITS[(h >>> 5) & HEAD_MASK]! |= 1 << (h & 31)
}

/**
 * Characters that may start a mention: ASCII capitals, and the code units
 * not ASCII that may be upper case (checked by `startsUpperUnit`).  The
 * ranges left out hold no unit that `startsUpper` accepts (tested unit by
 * unit in tests/perf11-subject-countries.test.ts): Latin-1 punctuation and
 * small letters, general punctuation (the en dashes, quotes and spaces of
 * prose, each one a regex call and a cache lookup for nothing), arrows and
 * symbols, CJK, Hangul, surrogates and private use.  (A loop over the
 * characters instead of the regex measured twice as slow in the model stage:
 * the texts come as flat, cons and sliced strings, and `charCodeAt` per
 * character on them costs more than one regex call per capital.)
 *
 * Not after an ASCII letter or digit (the lookbehind, tested only where the
 * class matched: after it, so that it costs nothing at the other
 * positions): a mention never starts there, since the unit before it is a
 * word unit (see `previousUnitIsWord`), and the capitals inside words and
 * acronyms (`USA`, `McDonald`), an eighth of the lead's candidates, cost a
 * regex call each for nothing.
 *
 * @internal
 */
export const CANDIDATE = /[A-Z\u00C0-\u00D6\u00D8-\u00DE\u0100-\u1FFF\u2126-\u2183\u24B6-\u24CF\u2C00-\u2CF2\uA640-\uA7F5\uFF21-\uFF3A](?<![A-Za-z0-9].)/g

/** The record offset of the child of the node at `o` for a folded unit, or -1. */
function trieChild(o: number, unit: number): number {
  if (o === 0 && unit < 0x80) return ROOT_ASCII[unit]!
  const end = o + 2 + 2 * TRIE[o]!
  for (let k = o + 2; k < end; k += 2) if (TRIE[k] === unit) return TRIE[k + 1]!
  return -1
}

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
  // Memoised: a long bilateral table asks for the same few names on every
  // row (the country cell, both sides of each "X–Y relations" pair), and
  // each lookup folds the name.  The answer depends on the name only.
  const hit = findCountryCache.get(name)
  if (hit !== undefined) return hit
  const found = findCountryUncached(name)
  if (findCountryCache.size >= FIND_COUNTRY_CACHE_SIZE) findCountryCache.clear()
  // (The name is often a slice of a document's text: not kept as the key.)
  findCountryCache.set(detachedCopy(name), found)
  return found
}

/** Bound of {@link findCountryCache} (cleared when full: memory stays flat on any input). */
const FIND_COUNTRY_CACHE_SIZE = 4096
const findCountryCache = new Map<string, CountryInfo | null>()

function findCountryUncached(name: string): CountryInfo | null {
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
  const mentions: Mention[] = []
  const cursor = new FoldCursor(text)
  for (let from = 0; ;) {
    const p = nextMention(text, from, cursor)
    if (p === -1) break
    const best = matchResolved!
    mentions.push({
      kind: best.kind as MentionKind,
      text: text.slice(p, matchEnd),
      index: p,
      end: matchEnd,
      iso2: best.candidates.length === 1 ? best.candidates[0] ?? null : null,
      // A copy: `node.resolved` is shared by every match of the form.
      candidates: best.candidates.slice(),
    })
    from = matchNext
  }
  return mentions
}

/**
 * How many mentions of `findMentions(text)` name each country (those with
 * one candidate), in order of first mention; without building the mention
 * objects (subject detection only counts them).
 *
 * @internal
 */
export function countryMentionCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>()
  const cursor = new FoldCursor(text)
  for (let from = 0; ;) {
    const p = nextMention(text, from, cursor)
    if (p === -1) break
    const candidates = matchResolved!.candidates
    if (candidates.length === 1) {
      const iso2 = candidates[0]!
      counts.set(iso2, (counts.get(iso2) ?? 0) + 1)
    }
    from = matchNext
  }
  return counts
}

/**
 * The match `nextMention` found last: its end, where the search goes on
 * (after its last folded unit), and how it resolves.  Module state rather
 * than an object per match: the matcher is not reentrant.
 */
let matchEnd = 0
let matchNext = 0
let matchResolved: {kind: EntryKind; candidates: string[]} | null = null

/**
 * The start of the first mention (not a blocker) that the matcher finds
 * searching from `from`, or -1; the match is in `matchEnd`, `matchNext` and
 * `matchResolved`.
 */
function nextMention(text: string, from: number, cursor: FoldCursor): number {
  // The matcher is defined on the folded text (see `foldUnits`): a mention
  // starts at a folded unit that is a letter or digit after one that is not,
  // whose original character is a capital.  Folding a whole text unit by unit
  // was the hot spot, so this folds only where it must: the capitals are found
  // by the regex engine, the unit before one by looking back, and the trie is
  // walked with a cursor that folds forward.  (Tested against the
  // unit-by-unit matcher in tests/perf-equivalence.test.ts.)
  const n = text.length
  let p = from - 1
  for (;;) {
    // The next character that may start a mention (see `CANDIDATE`).
    const re = CANDIDATE
    re.lastIndex = p + 1
    if (!re.test(text)) return -1
    p = re.lastIndex - 1
    const code = text.charCodeAt(p)
    if (code < 0x80) {
      // An ASCII capital (the regex finds no other ASCII) followed by an
      // ASCII character that folds to itself: when the trie has no path of
      // those two units and no one-letter form, nothing can match here.
      const next = text.charCodeAt(p + 1)
      if (next < 0x80 && next !== 95 && next !== 32 && !(next >= 9 && next <= 13) &&
        (((PAIR_BITS[((code - 65) * 0x80 + (next >= 65 && next <= 90 ? next + 32 : next)) >>> 5]! >>> (next & 31)) & 1) === 0 ||
        // The third unit likewise (see `TRIPLE_MASK`), when it is ASCII.
        ((TRIPLE_MASK[(code - 65) * 32 + TRIPLE_CLASS[next]!]! >>> tripleClass(text.charCodeAt(p + 2))) & 1) === 0)) continue
      // An ASCII capital is a word unit: the unit before it must not be one.
      if (p > 0) {
        const before = text.charCodeAt(p - 1)
        if (before < 0x80 ? isLetterOrDigitUnit(before) : previousUnitIsWord(text, p)) continue
      }
      // The word's head must be the head of some form (see `HEAD_BITS`),
      // when it is ASCII; a walk that fails misses the cache at every step.
      let h = code + 32
      let q = p + 1
      for (; q < n; q++) {
        const c = text.charCodeAt(q)
        if (c >= 97 ? c > 122 : c < 48 || (c > 57 && c < 65) || (c > 90 && c < 97)) break
        h = (Math.imul(h, 31) + (c >= 65 && c <= 90 ? c + 32 : c)) | 0
      }
      if ((q === n || text.charCodeAt(q) < 0x80) && ((HEAD_BITS[(h >>> 5) & HEAD_MASK]! >>> (h & 31)) & 1) === 0) continue
    } else {
      if (!startsUpperUnit(code, text, p)) continue
      const f0 = foldOfUnit(code, text, p)
      if (f0 === '' || !isWordUnit(f0.charCodeAt(0)) || previousUnitIsWord(text, p)) continue
    }
    // Walk the trie; remember the longest form that ends on a word boundary
    // and whose case fits the original text.
    cursor.reset(p)
    let o = 0 // the root's record
    // The best match so far: its end, the offset of its last folded unit, and how it resolves.
    let bestEnd = -1
    let bestLast = -1
    let best: {kind: EntryKind; candidates: string[]} | null = null
    let unit = cursor.next()
    let unitAt = cursor.at
    while (unit !== -1) {
      o = trieChild(o, unit)
      if (o === -1) break
      const nextUnit = cursor.next()
      const nextAt = cursor.at
      const form = TRIE[o + 1]!
      if (form !== NO_FORM) {
        const node = formNodes[form]!
        // A form ending in a non-word character ("U.S.") needs no boundary after it.
        if (!(isWordUnit(unit) && nextUnit !== -1 && isWordUnit(nextUnit))) {
          let resolved = node.resolved
          if (resolved === null) {
            const original = text.slice(p, nextAt)
            const fitting = node.entries!.filter((e) => caseFits(e, original))
            if (fitting.length > 0) resolved = resolveEntries(fitting)
          }
          if (resolved !== null) {
            best = resolved
            bestEnd = nextAt
            bestLast = unitAt
          }
        }
      }
      unit = nextUnit
      unitAt = nextAt
    }
    if (best !== null) {
      // The next mention starts after the last folded unit of this one.
      if (best.kind !== 'blocker') {
        matchEnd = bestEnd
        matchNext = bestLast + 1
        matchResolved = best
        return p
      }
      p = bestLast // the loop above goes on from bestLast + 1
    }
  }
}

/**
 * `findMentions` the straightforward way: fold the whole text, then try
 * every word start.  Slower; kept as the specification the fast matcher is
 * tested against.
 *
 * @internal
 */
export function findMentionsReference(text: string): Mention[] {
  const {units: f, map, length: n} = foldUnits(text)
  const mentions: Mention[] = []
  let i = 0
  while (i < n) {
    if (!isWordUnit(f[i]) || (i > 0 && isWordUnit(f[i - 1]))) {
      i++
      continue
    }
    let node: TrieNode | undefined = root
    let best: {end: number; kind: EntryKind; candidates: string[]} | null = null
    for (let j = i; j < n && node; j++) {
      node = node.next.get(f[j]!)
      if (!node || !node.entries) continue
      const end = j + 1
      if (isWordUnit(f[j]) && end < n && isWordUnit(f[end])) continue
      const original = text.slice(map[i] ?? 0, map[end] ?? text.length)
      const fitting = node.entries.filter((e) => caseFits(e, original))
      if (fitting.length === 0) continue
      best = {end, ...resolveEntries(fitting)}
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

/** `startsUpper` per code unit: 1 yes, 2 no, 0 not known yet. */
const upperCache = new Uint8Array(0x10000)

function startsUpperUnit(code: number, text: string, offset: number): boolean {
  if (code < 0x80) return code >= 65 && code <= 90
  let known = upperCache[code]!
  if (known === 0) {
    known = startsUpper(text, offset) ? 1 : 2
    upperCache[code] = known
  }
  return known === 1
}

/**
 * Whether the folded unit before the first unit of `text[p]` is a letter or
 * digit: the last unit of the nearest earlier character whose fold is not
 * empty (a collapsed white space run folds to a space all the same).
 */
function previousUnitIsWord(text: string, p: number): boolean {
  for (let q = p - 1; q >= 0; q--) {
    const code = text.charCodeAt(q)
    // ASCII folds to one unit, a letter or digit exactly when it is one
    // (white space and `_` fold to a space; A-Z to a-z).
    if (code < 0x80) return isLetterOrDigitUnit(code)
    const f = foldOfUnit(code, text, q)
    if (f.length > 0) return isWordUnit(f.charCodeAt(f.length - 1))
  }
  return false
}

/**
 * Folds a text forward from a position, one unit at a time, exactly as
 * `foldUnits` does (white space runs give one space, empty folds vanish).
 */
class FoldCursor {
  private readonly text: string
  private pos = 0
  private fold = ''
  private k = 0
  private lastSpace = false
  /** Original offset of the unit `next` returned last (the text length at the end). */
  at = 0

  constructor(text: string) {
    this.text = text
  }

  /** Start at `pos`, a character whose fold is not white space. */
  reset(pos: number): void {
    this.pos = pos
    this.fold = ''
    this.k = 0
    this.lastSpace = false
  }

  /** The next folded unit, or -1 at the end of the text. */
  next(): number {
    const text = this.text
    for (;;) {
      if (this.k < this.fold.length) {
        this.at = this.pos - 1
        return this.fold.charCodeAt(this.k++)
      }
      if (this.pos >= text.length) {
        this.at = text.length
        return -1
      }
      const i = this.pos++
      const code = text.charCodeAt(i)
      if (code < 0x80 && code !== 95 && code !== 32 && !(code >= 9 && code <= 13)) {
        // Fast path: ASCII other than `_` and white space folds to itself,
        // lowercased (see `foldUnits`), one unit and no space.
        this.lastSpace = false
        this.fold = ''
        this.k = 0
        this.at = i
        return code >= 65 && code <= 90 ? code + 32 : code
      }
      const f = foldOfUnit(text.charCodeAt(i), text, i)
      if (f === ' ') {
        if (this.lastSpace) continue
        this.lastSpace = true
      } else if (f.length > 0) {
        this.lastSpace = false
      }
      this.fold = f
      this.k = 0
    }
  }
}

function caseFits(entry: Entry, original: string): boolean {
  if (entry.exactCase) return original === entry.form
  const first = original.charAt(0)
  // Proper names start with a capital letter as written ("Chad", not "chad").
  return first === first.toUpperCase() && first !== first.toLowerCase()
}
