/**
 * The model building blocks on the seed's real text (fixtures/foreign-relations-of-mali.txt).
 * The table rows are sliced out of the fixture here by plain line handling
 * (not by the project's parser), after undoing the seed's one kind of
 * mojibake (`â€“` → `–`), so these tests do not depend on the other stages.
 */

import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {describe, expect, test} from 'vitest'
import {findCountry} from '../src/model/countries.js'
import {parseEstablished} from '../src/model/dates.js'
import {extractMemberships} from '../src/model/memberships.js'
import {
  applyTableOrder,
  findDuplicatePartners,
  inferPartner,
  parseMainArticle,
} from '../src/model/partner.js'
import {detectSubject} from '../src/model/subject.js'

const raw = readFileSync(fileURLToPath(new URL('../fixtures/foreign-relations-of-mali.txt', import.meta.url)), 'utf8')
const text = raw.replaceAll('\u00e2\u20ac\u201c', '\u2013')
const lines = text.split('\n')

interface SeedRow {
  country: string
  date: string
  notes: string[]
}

/** The 13 rows of the grid table (lines 20–62), cells split at `|`. */
function seedRows(): SeedRow[] {
  const rows: SeedRow[] = []
  let current: SeedRow | null = null
  for (const line of lines.slice(19, 63)) {
    if (line.startsWith('+')) {
      if (current) rows.push(current)
      current = null
      continue
    }
    const cells = line.split('|')
    current ??= {country: '', date: '', notes: []}
    current.country = `${current.country} ${cells[1] ?? ''}`.trim()
    current.date = `${current.date} ${cells[2] ?? ''}`.trim()
    current.notes.push((cells[3] ?? '').trim())
  }
  return rows
}

const rows = seedRows()
const subject = detectSubject({title: null, categoryLine: 'Foreign_relations_of_Mali', text})

function partners() {
  return rows.map((row) => {
    const see = row.notes.find((n) => /^See\s/.test(n)) ?? null
    const mainArticle = see ? parseMainArticle(see, subject.iso2) : null
    const notesText = row.notes.filter((n) => n !== see).join('\n')
    return {
      mainArticle,
      partner: inferPartner({countryCell: row.country, notesText, mainArticle, subjectIso2: subject.iso2}),
    }
  })
}

describe('seed: Foreign relations of Mali', () => {
  test('the subject is Mali, from the category line and from the text alone', () => {
    expect(subject).toEqual({name: 'Mali', iso2: 'ML', article: 'Foreign relations of Mali'})
    expect(detectSubject({text: lines.slice(0, 63).join('\n')})).toEqual({name: 'Mali', iso2: 'ML', article: null})
    // The category line is found in the text when not given.
    expect(detectSubject({text}).iso2).toBe('ML')
  })

  test('the table has 13 rows with empty Country cells', () => {
    expect(rows).toHaveLength(13)
    expect(rows.every((r) => r.country === '')).toBe(true)
  })

  test('the 13 partners, in order, each with evidence (row 2 unresolved)', () => {
    const result = applyTableOrder(partners().map((p) => p.partner))
    expect(result.map((p) => p.iso2)).toEqual(
      ['DZ', null, 'CA', 'CN', 'FR', 'IN', 'LY', 'MR', 'MX', 'PK', 'RU', 'KR', 'US'],
    )
    expect(result.map((p) => p.name)).toEqual([
      'Algeria', null, 'Canada', 'China', 'France', 'India', 'Libya', 'Mauritania', 'Mexico',
      'Pakistan', 'Russia', 'South Korea', 'United States',
    ])
    for (const [i, p] of result.entries()) {
      if (i === 1) {
        expect(p.evidence).toEqual([])
        expect(p.evidenceDetails).toEqual([])
      } else {
        expect(p.evidence.length).toBeGreaterThan(0)
        expect(p.evidence.length).toBe(p.evidenceDetails.length)
      }
    }
    expect(findDuplicatePartners(result)).toEqual([])
  })

  test('evidence strings name the kind and the text', () => {
    const [algeria, row2, canada, china, , , libya, , mexico, , , korea, us] = partners().map((p) => p.partner)
    expect(algeria?.evidence).toEqual(['demonym: Algerian', 'name: Algeria', 'name: Algeria'])
    expect(row2?.unresolved).toMatch(/no evidence/)
    expect(canada?.evidence).toEqual([
      'main-article: See Canada\u2013Mali relations', ...Array(5).fill('name: Canada'), 'demonym: Canadian', 'demonym: Canadian',
    ])
    expect(china?.evidence).toEqual([
      'main-article: See China\u2013Mali relations',
      "official-name: People's Republic of China",
    ])
    expect(libya?.evidence).toEqual(['main-article: See Libya-Mali relations'])
    // Washington, D.C., United States and Rabat, Morocco are where embassies are.
    expect(mexico?.evidence).toEqual(['name: Mexico', 'name: Mexico'])
    expect(mexico?.candidates.map((c) => c.iso2)).toEqual(['MX'])
    expect(korea?.evidence).toEqual(['official-name: Republic of Korea', 'demonym: South Koreans'])
    expect(us?.evidence).toEqual(['main-article: See Mali\u2013United States relations', 'alt-spelling: U.S.', 'alt-spelling: U.S.'])
  })

  test('main articles: hyphen normalized, subject on either side', () => {
    const titles = partners().map((p) => p.mainArticle?.title ?? null)
    expect(titles).toEqual([
      null, null, 'Canada\u2013Mali relations', 'China\u2013Mali relations', null,
      'India\u2013Mali relations', 'Libya\u2013Mali relations', 'Mali\u2013Mauritania relations', null, null,
      'Mali\u2013Russia relations', null, 'Mali\u2013United States relations',
    ])
  })

  test('dates: four cells at day precision, the rest empty', () => {
    const dates = rows.map((r) => parseEstablished(r.date))
    expect(dates.map((d) => d.problem)).toEqual(Array(13).fill(null))
    expect(dates.map((d) => d.value?.date ?? null)).toEqual([
      null, '1994-02-21', null, '1960-10-25', null, null, null, null, '1977-03-23', null, null, '1990-09-27', null,
    ])
    expect(dates[8]?.value).toEqual({text: '23 March 1977', date: '1977-03-23', precision: 'day'})
    expect(dates.filter((d) => d.value).every((d) => d.value?.precision === 'day')).toBe(true)
  })

  test('the 18 memberships of the Multilateral membership section', () => {
    const section = lines.slice(9, 12).join('\n')
    const found = extractMemberships(section)
    expect(found.map((m) => [m.name, m.acronym, m.status])).toEqual([
      ['United Nations', null, 'member'],
      ['International Monetary Fund', 'IMF', 'member'],
      ['World Bank', null, 'member'],
      ['International Labour Organization', 'ILO', 'member'],
      ['International Telecommunication Union', 'ITU', 'member'],
      ['Universal Postal Union', 'UPU', 'member'],
      ['International Criminal Court', 'ICC', 'member'],
      ['Organisation of African Unity', 'OAU', 'member'],
      ['Organisation of Islamic Cooperation', 'OIC', 'member'],
      ['Non-Aligned Movement', 'NAM', 'member'],
      ['European Community', 'EC', 'associate member'],
      ['African Development Bank', 'ADB', 'member'],
      ['Economic Community of West African States', 'ECOWAS', 'participant'],
      ['West African Economic Monetary Union', 'UEMOA', 'participant'],
      ['Liptako-Gourma Authority', null, 'participant'],
      ['Niger River Commission', null, 'participant'],
      ['Permanent Interstate Committee for drought control in the Sahel', 'CILSS', 'participant'],
      ['Senegal River Valley Development Organization', 'OMVS', 'participant'],
    ])
    for (const m of found) expect(section.slice(m.index, m.index + m.name.length)).toBe(m.name)
    // Paragraph by paragraph (as the model assembly calls it), the same 18.
    const byParagraph = [lines[9] ?? '', lines[11] ?? ''].flatMap((p) => extractMemberships(p))
    expect(byParagraph.map((m) => m.name)).toEqual(found.map((m) => m.name))
  })

  test('the lead\'s "active in regional organizations such as the African Union" is not a membership list', () => {
    expect(extractMemberships(lines[2] ?? '')).toEqual([])
  })

  test('countries named in the seed are found', () => {
    expect(findCountry('Ivory Coast')?.iso2).toBe('CI')
    expect(findCountry('Britain')?.iso2).toBe('GB')
    expect(findCountry('Azawad')).toBeNull()
  })
})
