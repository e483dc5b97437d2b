/**
 * "Foreign relations of X" for other countries, made in the test from
 * wikitext (`fixtures/wikitext/*.wiki`, written for these tests) by pandoc
 * 2.17 (Debian, /usr/bin/pandoc) and pandoc 3.10 (pandoc-wasm), exactly as
 * the dumps are made: `pandoc -f mediawiki -t plain --wrap=none`.
 *
 * Every case states its partners (ISO codes, in table order), the kind of
 * evidence that decided each one, dates, main articles, memberships,
 * references and a few claims.  No partner may be wrong; a partner is null
 * only in rows whose text names no country (and then a `partner-unresolved`
 * diagnostic points at the row).
 *
 * pandoc's plain writer draws a GRID table when some cell is not a single
 * line (two paragraphs, a list) or is empty (a dropped `{{flag|…}}`), or
 * holds a template; otherwise a SIMPLE table.  Both kinds are covered and the
 * kind is asserted, so a change in pandoc that moves a case from one kind to
 * the other shows up here.
 */

import {readFileSync} from 'node:fs'
import iconv from 'iconv-lite'
import {describe, expect, it} from 'vitest'
import {createResolver, parseForeignRelations} from '../src/index.js'
import type {DatePrecision, EvidenceKind, ForeignRelations, MembershipStatus, RuleId} from '../src/index.js'
import {hasPandoc217, pandoc217, pandoc3} from './table-helpers.js'
import {newListMarks} from './dumps.js'

type DateRow = [date: string | null, precision: DatePrecision | null, extra?: {approximate?: true; until?: string | null}] | null

interface Case {
  file: string
  subject: {name: string; iso2: string; article: string}
  table: 'grid' | 'simple'
  /** Partners' ISO codes in table order (null: no evidence in the row). */
  partners: Array<string | null>
  /** The first (strongest) evidence kind of each row, null for unresolved rows. */
  evidence: Array<EvidenceKind | null>
  dates: DateRow[]
  mainArticles: Array<string | null>
  memberships?: Array<[name: string, acronym: string | null, status: MembershipStatus]>
  /** Number of footnotes and the ids of the empty ones. */
  references: {count: number; empty: number[]}
  /** Claims that must be there: text, citations, partner (undefined outside the table). */
  claims: Array<[text: string, citations: number[], partner?: string | null]>
  /** Diagnostics other than uncited claims and empty references: rule and a text of the line it points at. */
  diagnostics?: Array<[RuleId, string]>
  seeAlso?: string[]
}

const CASES: Case[] = [
  {
    file: 'gambia',
    subject: {name: 'Gambia', iso2: 'GM', article: 'Foreign relations of the Gambia'},
    table: 'grid',
    partners: ['FR', 'GH', 'IN', 'SN', 'GB'],
    // France: `{{flagicon|FRA}} [[France]]` survives as text; Ghana: the
    // flag was dropped and only "Ghanaian" says who it is; India: the flag
    // was dropped, the name is in the notes; the United Kingdom: `{{main}}`
    // was dropped (no "See" line), "British" decides.
    evidence: ['country-cell', 'demonym', 'name', 'main-article', 'demonym'],
    dates: [['1960', 'year', {until: '1965'}], ['1960', 'year', {approximate: true}], null, ['1965-02-18', 'day'], ['1965-02-18', 'day']],
    mainArticles: ['France–Gambia relations', null, null, 'Gambia–Senegal relations', null],
    memberships: [
      ['United Nations', null, 'member'],
      ['African Union', 'AU', 'member'],
      ['Economic Community of West African States', 'ECOWAS', 'member'],
      ['Organisation of Islamic Cooperation', 'OIC', 'member']
    ],
    // 3, 4 and 7 reuse the named ref "cw" (pandoc leaves them empty); 5 was a {{cite web}}.
    references: {count: 7, empty: [3, 4, 5, 7]},
    claims: [
      ['The Gambia joined the Commonwealth of Nations in 1965', [2]],
      ['left it in 2013 and rejoined in 2018.', [3]],
      ['France covers the Gambia from its embassy in Dakar.', [5], 'France'],
      ['The Ghanaian high commission in Banjul opened after independence.', [6], 'Ghana'],
      ['Students travel both ways.', [], 'Ghana'],
      ['The two countries formed a confederation from 1982 to 1989.', [7], 'Senegal'],
      ['Many British tourists visit each winter.', [], 'United Kingdom']
    ],
    seeAlso: ['List of diplomatic missions of the Gambia']
  },
  {
    file: 'cote-divoire',
    subject: {name: "Côte d'Ivoire", iso2: 'CI', article: "Foreign relations of Côte d'Ivoire"},
    // Single-line cells, but the dropped flags leave empty cells: grid.
    table: 'grid',
    partners: ['BF', 'GH', 'LR', 'ML', 'MA'],
    // Subject on the right (Burkina Faso–Côte d'Ivoire) and on the left (Côte d'Ivoire–Ghana).
    evidence: ['main-article', 'main-article', 'demonym', 'country-cell', 'demonym'],
    dates: [['1960-08-07', 'day'], ['1960', 'year'], ['1961', 'year', {approximate: true}], ['1960', 'year'], ['1962-03', 'month']],
    mainArticles: ["Burkina Faso–Côte d'Ivoire relations", "Côte d'Ivoire–Ghana relations", null, null, null],
    references: {count: 3, empty: []},
    claims: [
      ["The foreign relations of Côte d'Ivoire were long led by its first president.", []],
      ['Ivorian diplomacy favours close ties with its neighbours.', [1]],
      ['Liberian refugees crossed the border in 1990.', [2], 'Liberia'],
      ['The Moroccan king visited Abidjan in 2013.', [3], 'Morocco']
    ],
    seeAlso: ["List of diplomatic missions of Côte d'Ivoire"]
  },
  {
    file: 'sao-tome',
    subject: {name: 'São Tomé and Príncipe', iso2: 'ST', article: 'Foreign relations of São Tomé and Príncipe'},
    table: 'grid',
    partners: ['AO', 'CN', 'GQ', 'PT'],
    // China: "The People's Republic of China" (not Taiwan); Equatorial Guinea: a hyphen between two multi-word names.
    evidence: ['main-article', 'official-name', 'main-article', 'country-cell'],
    dates: [['1975-07-12', 'day'], ['2016-12-26', 'day'], ['1981', 'year'], ['1975-07', 'month']],
    mainArticles: ['Angola–São Tomé and Príncipe relations', null, 'Equatorial Guinea–São Tomé and Príncipe relations', null],
    memberships: [
      ['United Nations', 'UN', 'member'],
      ['African Union', 'AU', 'member'],
      ['Community of Portuguese Language Countries', 'CPLP', 'member']
    ],
    references: {count: 4, empty: [4]},
    claims: [
      ["The People's Republic of China re-established relations in December 2016.", [3], 'China'],
      ['Chinese doctors work at the main hospital.', [4], 'China'],
      ['Many Santomeans live in Lisbon.', [], 'Portugal']
    ]
  },
  {
    file: 'mongolia',
    subject: {name: 'Mongolia', iso2: 'MN', article: 'Foreign relations of Mongolia'},
    table: 'grid',
    partners: ['CN', 'JP', 'KZ', 'RU', 'US'],
    // The subject on the right of the dash (China, Japan, Kazakhstan) and on the left (Russia, United States).
    evidence: ['main-article', 'main-article', 'main-article', 'main-article', 'main-article'],
    dates: [['1949-10-16', 'day'], ['1972-02-24', 'day'], ['1992-01-22', 'day'], ['1921', 'year'], ['1987-01-27', 'day']],
    mainArticles: ['China–Mongolia relations', 'Japan–Mongolia relations', 'Kazakhstan–Mongolia relations', 'Mongolia–Russia relations', 'Mongolia–United States relations'],
    references: {count: 4, empty: [4]},
    claims: [
      ['Most of the country\'s trade crosses the southern border.', [2], 'China'],
      ['Kazakhs form the largest minority in the west.', [], 'Kazakhstan'],
      ['The U.S. Embassy is in Ulaanbaatar.', [4], 'United States']
    ]
  },
  {
    file: 'norway',
    subject: {name: 'Norway', iso2: 'NO', article: 'Foreign relations of Norway'},
    table: 'simple',
    partners: ['DK', 'IS', 'SE', 'SE'],
    evidence: ['country-cell', 'country-cell', 'country-cell', 'country-cell'],
    // "sometime after the war" is kept as text with a diagnostic; "—" means no date.
    dates: [['1905', 'year'], [null, null], ['1905', 'year'], null],
    mainArticles: [null, null, null, null],
    references: {count: 2, empty: []},
    claims: [
      ['The union with Sweden ended in 1905.', [2], 'Sweden'],
      ['Swedish and Norwegian are mutually intelligible.', [], 'Sweden']
    ],
    diagnostics: [
      ['invalid-date', 'sometime after the war'],
      ['duplicate-partner', 'Swedish and Norwegian are mutually intelligible.']
    ]
  },
  {
    file: 'peru',
    subject: {name: 'Peru', iso2: 'PE', article: 'Foreign relations of Peru'},
    table: 'grid',
    // Row 3 says only "Both countries established diplomatic relations in
    // 1822": no evidence, so no partner (Colombia in the wikitext).
    partners: ['BO', 'CL', null, 'EC'],
    evidence: ['demonym', 'demonym', null, 'demonym'],
    dates: [['1826', 'year'], ['1822', 'year'], ['1822', 'year'], ['1831', 'year']],
    mainArticles: [null, null, null, null],
    references: {count: 3, empty: []},
    claims: [
      ['The two share the lake.', [], 'Bolivia'],
      ['Both countries established diplomatic relations in 1822.', [], null],
      ['Ecuadorian and Peruvian officials signed a peace treaty in 1998.', [3], 'Ecuador']
    ],
    diagnostics: [['partner-unresolved', 'Both countries established diplomatic relations in 1822.']]
  },
  {
    file: 'new-zealand',
    subject: {name: 'New Zealand', iso2: 'NZ', article: 'Foreign relations of New Zealand'},
    table: 'simple',
    partners: ['AU', 'FJ', 'WS', 'TO'],
    // Tonga's cell is the link text "Kingdom of Tonga" (an official name).
    evidence: ['country-cell', 'country-cell', 'country-cell', 'country-cell'],
    dates: [['1943', 'year'], ['1970-10-10', 'day'], ['1962', 'year'], ['1970', 'year']],
    mainArticles: [null, null, null, null],
    memberships: [
      ['United Nations', 'UN', 'member'],
      ['Commonwealth of Nations', null, 'member'],
      ['Pacific Islands Forum', 'PIF', 'member'],
      ['Organisation for Economic Co-operation and Development', 'OECD', 'member']
    ],
    // The named ref "mfat" is defined once and reused twice: the reuses are empty.
    references: {count: 4, empty: [2, 3]},
    claims: [
      ['The foreign relations of New Zealand are oriented to the Pacific.', [1]],
      ['The two countries share a common labour market.', [3], 'Australia'],
      ['A treaty of friendship was signed in 1962.', [4], 'Samoa']
    ]
  },
  {
    file: 'bhutan',
    subject: {name: 'Bhutan', iso2: 'BT', article: 'Foreign relations of Bhutan'},
    table: 'grid',
    partners: ['BD', 'IN', 'JP', 'NP'],
    // Main articles with a plain hyphen; "Japanese", "Nepalese" alone (the subject's "Bhutanese" does not count).
    evidence: ['main-article', 'main-article', 'demonym', 'demonym'],
    dates: [['1971-12-07', 'day'], ['1968-01', 'month'], ['1986', 'year'], null],
    mainArticles: ['Bangladesh–Bhutan relations', 'Bhutan–India relations', null, null],
    references: {count: 2, empty: []},
    claims: [['Nepalese and Bhutanese officials discussed refugees in 1993.', [2], 'Nepal']]
  },
  {
    file: 'ireland',
    subject: {name: 'Ireland', iso2: 'IE', article: 'Foreign relations of Ireland'},
    table: 'grid',
    partners: ['FR', 'DE', 'GB', 'US'],
    evidence: ['demonym', 'demonym', 'main-article', 'main-article'],
    dates: [['1929', 'year'], ['1929', 'year'], ['1922', 'year'], ['1924', 'year']],
    mainArticles: [null, null, 'Ireland–United Kingdom relations', 'Ireland–United States relations'],
    memberships: [
      ['European Union', 'EU', 'member'],
      ['United Nations', 'UN', 'member'],
      ['Council of Europe', 'CoE', 'member'],
      ['OECD', 'OECD', 'member'],
      ['Partnership for Peace', 'PfP', 'participant'],
      ['Organisation internationale de la Francophonie', 'OIF', 'observer']
    ],
    references: {count: 5, empty: [5]},
    claims: [
      ['Irish soldiers served in French regiments for centuries.', [3], 'France'],
      ['The two states share the Common Travel Area.', [4], 'United Kingdom'],
      ['About 30 million Americans claim Irish descent.', [5], 'United States']
    ]
  },
  {
    file: 'south-korea',
    subject: {name: 'South Korea', iso2: 'KR', article: 'Foreign relations of South Korea'},
    table: 'grid',
    // "Korean" (shared by both Koreas, one of them the subject) never counts.
    partners: ['CN', 'JP', 'KP', 'VN'],
    evidence: ['main-article', 'main-article', 'main-article', 'demonym'],
    dates: [['1992-08-24', 'day'], ['1965-06-22', 'day'], null, ['1992-12-22', 'day']],
    mainArticles: ['China–South Korea relations', 'Japan–South Korea relations', 'North Korea–South Korea relations', null],
    references: {count: 3, empty: []},
    claims: [
      ["The People's Republic of China and the Republic of Korea opened relations in 1992.", [2], 'China'],
      ['Many Vietnamese brides live in Korean villages.', [3], 'Vietnam']
    ]
  },
  {
    file: 'bahamas',
    subject: {name: 'Bahamas', iso2: 'BS', article: 'Foreign relations of the Bahamas'},
    table: 'simple',
    partners: ['CU', 'HT', 'JM', 'US'],
    // Cells as link texts: "Republic of Haiti", "USA".
    evidence: ['country-cell', 'country-cell', 'country-cell', 'country-cell'],
    dates: [['1974', 'year'], ['1975', 'year', {approximate: true}], ['1973', 'year'], ['1973-07-10', 'day']],
    mainArticles: ['Bahamas–Cuba relations', null, null, null],
    memberships: [
      ['United Nations', null, 'member'],
      ['Commonwealth of Nations', null, 'member'],
      ['Caribbean Community', 'CARICOM', 'member']
    ],
    references: {count: 3, empty: []},
    claims: [
      ['Haitian migrants often land on the southern islands.', [2], 'Haiti'],
      ['The U.S. Coast Guard patrols nearby waters.', [3], 'United States']
    ]
  },
  {
    file: 'guinea-bissau',
    subject: {name: 'Guinea-Bissau', iso2: 'GW', article: 'Foreign relations of Guinea-Bissau'},
    table: 'grid',
    partners: ['CV', 'GN', 'PT', 'SN'],
    // A hyphen inside the subject's name: "Guinea-Guinea-Bissau relations" (plain hyphens) is Guinea.
    evidence: ['main-article', 'main-article', 'demonym', 'main-article'],
    dates: [['1975', 'year'], ['1973', 'year'], ['1974-09-10', 'day'], ['1974', 'year', {approximate: true}]],
    mainArticles: ['Cape Verde–Guinea-Bissau relations', 'Guinea–Guinea-Bissau relations', null, 'Guinea-Bissau–Senegal relations'],
    memberships: [
      ['United Nations', 'UN', 'member'],
      ['African Union', 'AU', 'member'],
      ['Economic Community of West African States', 'ECOWAS', 'member'],
      ['Organisation internationale de la Francophonie', 'OIF', 'observer']
    ],
    references: {count: 3, empty: [3]},
    claims: [
      ['The two shared one independence party until 1980.', [2], 'Cape Verde'],
      ['Conakry hosted the independence movement.', [3], 'Guinea'],
      ['Senegalese troops entered the country in 1998.', [], 'Senegal']
    ]
  },
  {
    file: 'niger',
    subject: {name: 'Niger', iso2: 'NE', article: 'Foreign relations of Niger'},
    table: 'grid',
    // Near misses: "Nigerien" (the subject) vs "Nigerian", "Niger River",
    // Sudan vs South Sudan, the two Congos, "Northern Ireland" (not
    // Ireland).  Row 2 names Burkina Faso and Mali equally: the table order
    // (between Benin and Chad) decides.  Row 5 says only "Dominican", which
    // is Dominica or the Dominican Republic: both fit the order window, so
    // the row stays unresolved rather than guessed.
    partners: ['BJ', 'BF', 'TD', 'CD', null, 'GN', 'IE', 'NG', 'CG', 'SS', 'SD'],
    evidence: ['demonym', 'name', 'name', 'main-article', null, 'demonym', 'demonym', 'demonym', 'name', 'name', 'demonym'],
    dates: [
      ['1960', 'year'], ['1960', 'year'], ['1960', 'year'], ['1972', 'year'], ['2010', 'year'], ['1960', 'year'],
      ['1980', 'year'], ['1960', 'year'], ['1961', 'year'], ['2011', 'year'], ['1960', 'year']
    ],
    mainArticles: [null, null, null, 'Democratic Republic of the Congo–Niger relations', null, null, null, null, null, null, null],
    references: {count: 3, empty: []},
    claims: [
      ['Nigerien diplomats work closely with their neighbours.', []],
      ['Trade with Burkina Faso grew after Mali closed its border.', [], 'Burkina Faso'],
      ['Dominican doctors visited Niamey in 2010.', [], null],
      ['A Northern Ireland charity funds wells in Tahoua.', [], 'Ireland'],
      ['Nigerian traders dominate the border markets.', [3], 'Nigeria']
    ],
    diagnostics: [['partner-unresolved', 'Dominican doctors visited Niamey in 2010.']]
  }
]

const wikitext = (file: string): string => readFileSync(new URL(`../fixtures/wikitext/${file}.wiki`, import.meta.url), 'utf8')

const has217 = hasPandoc217()
const convert3 = await pandoc3()
if (!has217) console.warn('[model-countries-pandoc] /usr/bin/pandoc (2.17) not found: its cases are skipped')
if (!convert3) console.warn('[model-countries-pandoc] pandoc-wasm (3.10) not installed: its cases are skipped')

interface Version {
  name: string
  available: boolean
  run: (wiki: string) => Promise<string>
}

const VERSIONS: Version[] = [
  {name: 'pandoc 2.17', available: has217, run: async (wiki) => pandoc217(['-f', 'mediawiki', '-t', 'plain', '--wrap=none'], wiki)},
  {
    name: 'pandoc 3.10',
    available: convert3 !== null,
    run: async (wiki) => (await convert3!({from: 'mediawiki', to: 'plain', wrap: 'none'}, wiki, {})).stdout
  }
]

/** The kind of table a dump holds, from its text. */
function tableKind(dump: string): 'grid' | 'simple' | null {
  if (/^\+=+\+/m.test(dump)) return 'grid'
  if (/^ *-{3,}(?: +-{3,})+ *$/m.test(dump)) return 'simple'
  return null
}

const IGNORED: readonly RuleId[] = ['uncited-claim', 'empty-reference']

/**
 * Mojibake: the UTF-8 bytes of `text` read as `codec`.  Windows-1252 leaves
 * five bytes undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D); iconv-lite gives
 * U+FFFD for them, which would destroy information the damage keeps in real
 * files (the decoder reads them as C1 controls too), so keep them as C1.
 */
function misread(text: string, codec: 'latin1' | 'windows-1252'): string {
  const bytes = Buffer.from(text, 'utf8')
  const chars = [...iconv.decode(bytes, codec)]
  return chars.map((ch, i) => (ch === '\uFFFD' ? String.fromCharCode(bytes[i]!) : ch)).join('')
}


/** The same dump, damaged in the ways real dumps are. */
function damaged(dump: string): Array<{name: string; input: string | Uint8Array}> {
  const cp1252 = misread(dump, 'windows-1252')
  return [
    {name: 'Windows-1252 mojibake', input: cp1252},
    {name: 'Latin-1 mojibake', input: misread(dump, 'latin1')},
    {name: 'double Windows-1252 mojibake', input: misread(cp1252, 'windows-1252')},
    {name: 'CRLF and BOM', input: `\uFEFF${cp1252.replaceAll('\n', '\r\n')}`},
    {name: 'pandoc ≥ 3.7 list marks', input: newListMarks(cp1252)},
    {name: 'a Windows-1252 file', input: iconv.encode(dump, 'windows-1252')},
    {name: 'UTF-16 LE with BOM', input: Uint8Array.from([0xff, 0xfe, ...iconv.encode(dump, 'utf-16le')])},
    {name: 'UTF-16 BE with BOM', input: Uint8Array.from([0xfe, 0xff, ...iconv.encode(dump, 'utf-16be')])},
    {name: 'UTF-16 LE without BOM', input: iconv.encode(cp1252, 'utf-16le')}
  ]
}

/** What must not change when the dump is damaged. */
function facts(model: ForeignRelations): unknown {
  return {
    subject: model.subject,
    partners: model.bilateral.map((r) => [r.partner.iso2, r.partner.name, r.partner.evidence]),
    established: model.bilateral.map((r) => r.established),
    mainArticles: model.bilateral.map((r) => r.mainArticle),
    memberships: model.multilateral.map((m) => [m.name, m.acronym, m.status, m.claimIds]),
    references: model.references.map((r) => [r.id, r.text, r.empty, r.urls, r.claimIds]),
    claims: model.claims.map((c) => [c.id, c.text, c.citations, c.section, c.partner]),
    seeAlso: model.seeAlso,
    diagnostics: model.diagnostics.filter((d) => d.ruleId !== 'mojibake-repaired' && d.ruleId !== 'not-utf8').map((d) => [d.ruleId, d.line])
  }
}

describe('the wikitext fixtures', () => {
  it('has at least 10 cases, with both table kinds and the subjects the issue names', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(10)
    expect(new Set(CASES.map((c) => c.table))).toEqual(new Set(['grid', 'simple']))
    expect(CASES.map((c) => c.subject.article)).toEqual(
      expect.arrayContaining(['Foreign relations of the Gambia', "Foreign relations of Côte d'Ivoire", 'Foreign relations of São Tomé and Príncipe'])
    )
    for (const c of CASES) {
      const n = c.partners.length
      expect([c.evidence.length, c.dates.length, c.mainArticles.length], c.file).toEqual([n, n, n])
      // Unresolved exactly where no evidence is expected.
      expect(c.partners.map((p) => p === null), c.file).toEqual(c.evidence.map((e) => e === null))
    }
  })
})

describe.each(VERSIONS)('$name', (version) => {
  const dumps = new Map<string, Promise<string>>()
  const dumpOf = (file: string): Promise<string> => {
    let d = dumps.get(file)
    if (!d) {
      d = version.run(wikitext(file))
      dumps.set(file, d)
    }
    return d
  }
  const models = new Map<string, Promise<ForeignRelations>>()
  const modelOf = (file: string): Promise<ForeignRelations> => {
    let m = models.get(file)
    if (!m) {
      m = dumpOf(file).then((d) => parseForeignRelations(d))
      models.set(file, m)
    }
    return m
  }

  it.skipIf(!version.available)('gets every partner of every case right (summary)', async () => {
    let rows = 0
    let right = 0
    let unresolved = 0
    const wrong: string[] = []
    for (const c of CASES) {
      const model = await modelOf(c.file)
      model.bilateral.forEach((r, i) => {
        rows++
        if (r.partner.iso2 === c.partners[i]) {
          if (r.partner.iso2 === null) unresolved++
          else right++
        } else wrong.push(`${c.file} row ${i + 1}: ${r.partner.iso2} for ${c.partners[i]}`)
      })
    }
    console.log(`[model-countries-pandoc] ${version.name}: ${CASES.length} articles, ${rows} rows, ${right} partners right, ${unresolved} unresolved (no evidence, or a demonym two countries share), ${wrong.length} wrong`)
    expect(wrong).toEqual([])
    expect(rows).toBe(CASES.reduce((n, c) => n + c.partners.length, 0))
  })

  describe.skipIf(!version.available).each(CASES)('$file', (c) => {
    it('draws the table kind stated', async () => {
      expect(tableKind(await dumpOf(c.file))).toBe(c.table)
    })

    it('knows the subject', async () => {
      expect((await modelOf(c.file)).subject).toEqual(c.subject)
    })

    it('gives the partners, never a wrong one', async () => {
      const model = await modelOf(c.file)
      expect(model.bilateral.map((r) => r.partner.iso2)).toEqual(c.partners)
      expect(model.bilateral.map((r) => r.partner.evidenceDetails[0]?.kind ?? null)).toEqual(c.evidence)
      for (const r of model.bilateral) {
        // A partner has evidence and a name; an unresolved row has neither.
        if (r.partner.iso2) expect(r.partner.evidence.length).toBeGreaterThan(0)
        else expect(r.partner).toEqual({name: null, iso2: null, evidence: [], evidenceDetails: []})
      }
      if (c.file === 'niger') expect(model.bilateral[1]!.partner.evidence).toContain('table-order: between Benin and Chad')
      const unresolved = model.diagnostics.filter((d) => d.ruleId === 'partner-unresolved').map((d) => d.data?.row)
      expect(unresolved).toEqual(c.partners.flatMap((p, i) => (p === null ? [i + 1] : [])))
    })

    it('reads the dates', async () => {
      const model = await modelOf(c.file)
      const dates: DateRow[] = model.bilateral.map((r) => {
        const e = r.established
        if (!e) return null
        const extra: {approximate?: true; until?: string | null} = {}
        if (e.approximate) extra.approximate = true
        if (e.until !== undefined) extra.until = e.until
        return Object.keys(extra).length > 0 ? [e.date, e.precision, extra] : [e.date, e.precision]
      })
      expect(dates).toEqual(c.dates)
    })

    it('reads the main articles', async () => {
      expect((await modelOf(c.file)).bilateral.map((r) => r.mainArticle)).toEqual(c.mainArticles)
    })

    it('reads memberships, references and see-also', async () => {
      const model = await modelOf(c.file)
      expect(model.multilateral.map((m) => [m.name, m.acronym, m.status])).toEqual(c.memberships ?? [])
      expect(model.references.map((r) => r.id)).toEqual(Array.from({length: c.references.count}, (_, i) => i + 1))
      expect(model.references.filter((r) => r.empty).map((r) => r.id)).toEqual(c.references.empty)
      expect(model.seeAlso).toEqual(c.seeAlso ?? [])
    })

    it('cuts the claims stated, with their citations and partners', async () => {
      const model = await modelOf(c.file)
      const resolver = createResolver(model)
      for (const [text, citations, partner] of c.claims) {
        const claim = model.claims.find((x) => x.text === text)
        expect(claim, text).toBeDefined()
        expect(claim!.citations, text).toEqual(citations)
        expect(claim!.partner, text).toBe(partner)
        for (const id of citations) expect(resolver.claimsCiting(id).map((x) => x.id)).toContain(claim!.id)
      }
      // Claims of a table row carry that row's partner.
      for (const r of model.bilateral) {
        for (const id of r.claimIds) expect(model.claims.find((x) => x.id === id)!.partner).toBe(r.partner.name)
      }
      // Every reference backs a claim.
      for (const ref of model.references) expect(ref.claimIds.length, `reference ${ref.id}`).toBeGreaterThan(0)
    })

    it('gives the same facts from the dump however it was damaged', async () => {
      const dump = await dumpOf(c.file)
      const expected = facts(await modelOf(c.file))
      const nonAscii = /[^\x00-\x7f]/.test(dump)
      for (const variant of damaged(dump)) {
        const model = parseForeignRelations(variant.input)
        expect(facts(model), variant.name).toEqual(expected)
        // Every repair points at its damage in the variant's own text.
        const text = typeof variant.input === 'string' ? variant.input : null
        if (/mojibake/.test(variant.name) && nonAscii) expect(model.repairs.length, variant.name).toBeGreaterThan(0)
        if (text) for (const r of model.repairs) expect(text.slice(r.offset, r.offset + r.original.length)).toBe(r.original)
      }
    })

    it('puts claims and diagnostics at their places in the dump', async () => {
      const dump = await dumpOf(c.file)
      const model = await modelOf(c.file)
      const lines = dump.split('\n')
      for (const claim of model.claims) {
        const firstWord = claim.text.split(/[\s,]/)[0]!
        expect(lines[claim.position.line - 1]!.slice(claim.position.column - 1).startsWith(firstWord), claim.text).toBe(true)
      }
      const diagnostics = model.diagnostics.filter((d) => !IGNORED.includes(d.ruleId))
      expect(diagnostics.map((d) => d.ruleId)).toEqual((c.diagnostics ?? []).map(([rule]) => rule))
      diagnostics.forEach((d, i) => {
        const [rule, text] = c.diagnostics![i]!
        expect(d.ruleId).toBe(rule)
        expect(lines[d.line - 1], `${rule} at line ${d.line}`).toContain(text)
      })
    })
  })
})
