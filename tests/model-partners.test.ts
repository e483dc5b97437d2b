/**
 * Partner inference, main-article lines and subjects for other countries'
 * articles.  The row texts are written the way "Foreign relations of X"
 * tables write them (sentences modelled on the English Wikipedia articles
 * for the Gambia, Côte d'Ivoire, São Tomé and Príncipe, Guinea-Bissau,
 * Niger, the United States, South Korea, Ghana, Chile and Japan).
 */

import {describe, expect, test} from 'vitest'
import {findCountry, findMentions} from '../src/model/countries.js'
import {
  applyTableOrder,
  findDuplicatePartners,
  inferPartner,
  type InferredPartner,
  isAlphabetical,
  parseMainArticle,
  parseMainArticles,
} from '../src/model/partner.js'
import {detectSubject} from '../src/model/subject.js'

interface Row {
  cell?: string
  see?: string
  notes?: string
}

function infer(subjectTitle: string, rows: Row[]): InferredPartner[] {
  const subject = detectSubject({title: subjectTitle, text: ''})
  expect(subject.iso2).not.toBeNull()
  return rows.map((r) =>
    inferPartner({
      countryCell: r.cell ?? '',
      notesText: r.notes ?? '',
      mainArticle: r.see ? parseMainArticle(r.see, subject.iso2) : null,
      subjectIso2: subject.iso2,
    }),
  )
}

describe('countries', () => {
  test('findCountry: names, official names, alt spellings, articles, diacritics', () => {
    const cases: [string, string | null][] = [
      ["Côte d'Ivoire", 'CI'], ["Cote d'Ivoire", 'CI'], ['Ivory Coast', 'CI'], ['Côte d\u2019Ivoire', 'CI'],
      ['São Tomé and Príncipe', 'ST'], ['Sao Tome and Principe', 'ST'], ['the Gambia', 'GM'],
      ['The Gambia', 'GM'], ['Republic of Korea', 'KR'], ["People's Republic of China", 'CN'],
      ['Russian Federation', 'RU'], ['United States of America', 'US'], ['Burma', 'MM'],
      ['Turkey', 'TR'], ['Britain', 'GB'], ['Guinea-Bissau', 'GW'], ['Guinea\u2013Bissau', 'GW'],
      ['Timor-Leste', 'TL'], ['the Netherlands', 'NL'], ['  Mali  ', 'ML'],
      // Not names of a country.
      ['Algerian', null], ['European Union', null], ['__proto__', null], ['constructor', null],
      ['toString', null], ['hasOwnProperty', null], ['', null], ['the', null],
    ]
    for (const [name, iso2] of cases) expect([name, findCountry(name)?.iso2 ?? null]).toEqual([name, iso2])
  })

  test('findMentions: longest match, word boundaries, demonyms, offsets', () => {
    const text =
      'South Korea, not Korea; the Democratic Republic of the Congo and the Republic of the Congo; ' +
      'Niger and Nigeria; Guinea, Guinea-Bissau, Equatorial Guinea and Papua New Guinea; ' +
      'Algerian and Canadian firms, South Koreans and a Malian; the Nigerien army; Côte d\'Ivoire.'
    const found = findMentions(text)
    expect(found.map((m) => [m.kind, m.text, m.iso2])).toEqual([
      ['name', 'South Korea', 'KR'],
      ['official-name', 'Democratic Republic of the Congo', 'CD'],
      ['name', 'Republic of the Congo', 'CG'],
      ['name', 'Niger', 'NE'],
      ['name', 'Nigeria', 'NG'],
      ['name', 'Guinea', 'GN'],
      ['name', 'Guinea-Bissau', 'GW'],
      ['name', 'Equatorial Guinea', 'GQ'],
      ['name', 'Papua New Guinea', 'PG'],
      ['demonym', 'Algerian', 'DZ'],
      ['demonym', 'Canadian', 'CA'],
      ['demonym', 'South Koreans', 'KR'],
      ['demonym', 'Malian', 'ML'],
      ['demonym', 'Nigerien', 'NE'],
      ['alt-spelling', "Côte d'Ivoire", 'CI'],
    ])
    for (const m of found) expect(text.slice(m.index, m.end)).toBe(m.text)
  })

  test('findMentions: no matches inside words, in lower case, or in non-country phrases', () => {
    const text =
      'Malians, Maliki, Indiana, Germane, Chadwick; chad, turkey and china; the Indian Ocean, the Niger River, ' +
      'the Gulf of Guinea, New Guinea, Latin American states; us and US; a Jordanian.'
    expect(findMentions(text).map((m) => [m.text, m.iso2])).toEqual([
      ['Malians', 'ML'],
      ['Jordanian', 'JO'],
    ])
  })

  test('findMentions: shared demonyms are ambiguous unless one sovereign state owns them', () => {
    const [congolese, french, american] = findMentions('Congolese, French and American officials')
    expect(congolese).toMatchObject({iso2: null, candidates: ['CD', 'CG']})
    expect(french).toMatchObject({iso2: 'FR', candidates: ['FR']})
    expect(american).toMatchObject({iso2: 'US', candidates: ['US']})
  })

  test('findMentions: offsets are in the original text around decomposed diacritics', () => {
    const text = 'Visit Co\u0302te d\u2019Ivoire and Sa\u0303o Tome\u0301 and Pri\u0301ncipe.'
    const found = findMentions(text)
    expect(found.map((m) => [m.text, m.iso2])).toEqual([
      ['Co\u0302te d\u2019Ivoire', 'CI'],
      ['Sa\u0303o Tome\u0301 and Pri\u0301ncipe', 'ST'],
    ])
  })
})

describe('subject', () => {
  test('titles and category lines of several countries', () => {
    expect(detectSubject({title: 'Foreign relations of the Gambia', text: ''})).toEqual({
      name: 'Gambia', iso2: 'GM', article: 'Foreign relations of the Gambia',
    })
    expect(detectSubject({title: "Foreign relations of Côte d'Ivoire", text: ''})).toEqual({
      name: "Côte d'Ivoire", iso2: 'CI', article: "Foreign relations of Côte d'Ivoire",
    })
    expect(detectSubject({categoryLine: 'Category:Foreign_relations_of_São_Tomé_and_Príncipe', text: ''})).toEqual({
      name: 'São Tomé and Príncipe', iso2: 'ST', article: 'Foreign relations of São Tomé and Príncipe',
    })
    expect(detectSubject({title: 'Foreign relations of the United States', text: ''}).iso2).toBe('US')
    expect(detectSubject({title: 'Foreign relations of the Sovereign Military Order of Malta', text: ''})).toEqual({
      name: 'Sovereign Military Order of Malta', iso2: null, article: 'Foreign relations of the Sovereign Military Order of Malta',
    })
  })

  test('from the text: the most mentioned country, or unknown on a tie', () => {
    expect(detectSubject({text: 'Ghana and Togo. Ghana is a member of ECOWAS. The Ghanaian president.'}).iso2).toBe('GH')
    expect(detectSubject({text: 'Ghana and Togo.'})).toEqual({name: '', iso2: null, article: null})
    expect(detectSubject({text: 'Nothing here.'}).iso2).toBeNull()
  })
})

describe('main-article lines', () => {
  test('subject on either side, en dash or hyphen, hyphenated names', () => {
    const cases: [string, string, string, string | null][] = [
      ['See Canada\u2013Mali relations', 'ML', 'Canada\u2013Mali relations', 'CA'],
      ['See Libya-Mali relations', 'ML', 'Libya\u2013Mali relations', 'LY'],
      ['See Mali\u2013United States relations', 'ML', 'Mali\u2013United States relations', 'US'],
      ['Main article: Gambia\u2013Senegal relations', 'GM', 'Gambia\u2013Senegal relations', 'SN'],
      ['See The Gambia-United Kingdom relations', 'GM', 'The Gambia\u2013United Kingdom relations', 'GB'],
      ['See Guinea-Bissau-Senegal relations', 'GW', 'Guinea-Bissau\u2013Senegal relations', 'SN'],
      ['See Guinea\u2013Guinea-Bissau relations', 'GW', 'Guinea\u2013Guinea-Bissau relations', 'GN'],
      ["See Cote d'Ivoire-Ghana relations", 'CI', "Cote d'Ivoire\u2013Ghana relations", 'GH'],
      ['See Angola\u2013São Tomé and Príncipe relations', 'ST', 'Angola\u2013São Tomé and Príncipe relations', 'AO'],
      ['See Mali \u2013 Timor-Leste relations', 'ML', 'Mali\u2013Timor-Leste relations', 'TL'],
      ['Main articles: Japan\u2013South Korea relations', 'KR', 'Japan\u2013South Korea relations', 'JP'],
    ]
    for (const [line, subject, title, iso2] of cases) {
      const m = parseMainArticle(line, subject)
      expect([line, m?.title, m?.partnerIso2]).toEqual([line, title, iso2])
    }
  })

  test('a partner that is not a country keeps its name', () => {
    expect(parseMainArticle('See European Union\u2013Mali relations', 'ML')).toEqual({
      title: 'European Union\u2013Mali relations', partnerName: 'European Union', partnerIso2: null,
      line: 'See European Union\u2013Mali relations',
    })
  })

  test('several targets: the first that involves the subject', () => {
    const line = 'See also: China\u2013Taiwan relations and China\u2013Mali relations'
    expect(parseMainArticles(line, 'ML').map((a) => a.title)).toEqual([
      'China\u2013Taiwan relations', 'China\u2013Mali relations',
    ])
    expect(parseMainArticle(line, 'ML')?.partnerIso2).toBe('CN')
  })

  test('lines that are not main-article lines', () => {
    expect(parseMainArticle('Mali has an embassy in Moscow.', 'ML')).toBeNull()
    expect(parseMainArticle('See List of diplomatic missions in Mali', 'ML')).toBeNull()
  })
})

describe('partners of other countries', () => {
  test('the Gambia: country cells that survived, a main article, demonym-only and empty rows', () => {
    const result = infer('Foreign relations of the Gambia', [
      {cell: 'Flag_of_Ghana.svg Ghana', notes: 'Both countries are members of the Commonwealth.'},
      {see: 'See Gambia\u2013Senegal relations', notes: 'The Gambia is almost an enclave of Senegal.'},
      {notes: 'Taiwanese doctors worked at the Gambian hospital until 2013.'},
      {notes: 'Relations were established in 1965.'},
      {cell: '\u{1F1EC}\u{1F1E7}', notes: 'The Gambia was a British colony.'},
      {cell: 'European Union', notes: 'The EU funds road projects.'},
    ])
    expect(result.map((p) => [p.name, p.iso2])).toEqual([
      ['Ghana', 'GH'], ['Senegal', 'SN'], ['Taiwan', 'TW'], [null, null], ['United Kingdom', 'GB'],
      ['European Union', null],
    ])
    expect(result[0]?.evidence).toEqual(['country-cell: Flag_of_Ghana.svg Ghana'])
    expect(result[4]?.evidence).toEqual(['country-cell: \u{1F1EC}\u{1F1E7}', 'demonym: British'])
    expect(result[2]?.evidence).toEqual(['demonym: Taiwanese'])
    expect(result[3]).toMatchObject({evidence: [], evidenceDetails: [], unresolved: expect.stringMatching(/no evidence/)})
  })

  test('country cells: a flag file name alone, placeholders, the subject itself', () => {
    const result = infer('Foreign relations of the Gambia', [
      {cell: 'Flag_of_Sierra_Leone.svg'},
      {cell: 'N/A', notes: 'Nothing is known.'},
      {cell: '\u2014', notes: 'Liberian traders came in 1990.'},
      {cell: 'The Gambia', see: 'See Gambia\u2013Guinea relations'},
    ])
    expect(result.map((p) => [p.name, p.iso2])).toEqual([
      ['Sierra Leone', 'SL'], [null, null], ['Liberia', 'LR'], ['Guinea', 'GN'],
    ])
    expect(result[0]?.evidence).toEqual(['country-cell: Flag_of_Sierra_Leone.svg'])
  })

  test("Côte d'Ivoire: subject in every spelling never counts", () => {
    const result = infer("Foreign relations of Côte d'Ivoire", [
      {see: "See Burkina Faso\u2013Côte d'Ivoire relations", notes: 'Many Burkinabe live in Ivory Coast.'},
      {notes: "Ivorian and Ghanaian officials met in Accra. Cote d'Ivoire and Ghana share a border."},
      {notes: "The Ivorian government of Côte d'Ivoire, the Republic of Côte d'Ivoire."},
    ])
    expect(result.map((p) => p.iso2)).toEqual(['BF', 'GH', null])
  })

  test('São Tomé and Príncipe: hyphen in the main article, demonym-only evidence', () => {
    const result = infer('Foreign relations of São Tomé and Príncipe', [
      {see: 'See Angola\u2013São Tomé and Príncipe relations'},
      {see: 'See Portugal-Sao Tome and Principe relations', notes: 'Portuguese is the official language.'},
      {notes: 'Nigerian oil companies operate in the Joint Development Zone.'},
    ])
    expect(result.map((p) => p.iso2)).toEqual(['AO', 'PT', 'NG'])
    expect(result[1]?.evidence).toEqual(['main-article: See Portugal-Sao Tome and Principe relations', 'demonym: Portuguese'])
  })

  test('Niger and Guinea-Bissau: names inside other names are not mentions', () => {
    const niger = infer('Foreign relations of Niger', [
      {notes: 'Nigeria is the largest trading partner; the Niger River flows into Nigeria.'},
      {notes: 'Nigerien troops served in Mali during 2013.'},
    ])
    expect(niger.map((p) => p.iso2)).toEqual(['NG', 'ML'])
    const gb = infer('Foreign relations of Guinea-Bissau', [
      {notes: 'Guinea has an embassy in Bissau, and Guinea-Bissau has an embassy in Conakry.'},
      {notes: 'Equatorial Guinea and Guinea-Bissau are both Lusophone.'},
    ])
    expect(gb.map((p) => p.iso2)).toEqual(['GN', 'GQ'])
  })

  test('the United States: official names, places, accreditation from a third country', () => {
    const result = infer('Foreign relations of the United States', [
      {notes: 'The U.S. has an embassy in Ottawa, Canada.'},
      {notes: 'The United States is accredited to Bhutan from its embassy in New Delhi, India.'},
      {notes: 'The Democratic Republic of the Congo and the U.S. signed a minerals deal.'},
      {notes: 'The Republic of the Congo hosts a U.S. embassy in Brazzaville.'},
      {cell: 'Japan', see: 'See Japan\u2013United States relations'},
    ])
    expect(result.map((p) => p.iso2)).toEqual(['CA', 'BT', 'CD', 'CG', 'JP'])
    expect(result[1]?.candidates.map((c) => c.iso2)).toEqual(['BT'])
    expect(result[4]?.evidence).toEqual(['country-cell: Japan', 'main-article: See Japan\u2013United States relations'])
  })

  test('South Korea: North Korea by official name, subject official name ignored', () => {
    const result = infer('Foreign relations of South Korea', [
      {notes: "The Republic of Korea and the Democratic People's Republic of Korea signed an agreement."},
      {notes: 'About 3,000 South Koreans live in Vietnam.'},
    ])
    expect(result.map((p) => p.iso2)).toEqual(['KP', 'VN'])
  })

  test('a cell and a main article that disagree: the cell wins, with a conflict', () => {
    const [p] = infer('Foreign relations of Ghana', [{cell: 'Togo', see: 'See Benin\u2013Ghana relations'}])
    expect(p).toMatchObject({iso2: 'TG', conflict: expect.stringContaining('Benin')})
  })

  test('a place ("in Accra, Ghana") counts half, so the actor wins', () => {
    const [p] = infer('Foreign relations of Mali', [{notes: 'Togo signed the accord at a summit in Accra, Ghana.'}])
    expect(p).toMatchObject({iso2: 'TG', evidence: ['name: Togo']})
    expect(p?.candidates.map((c) => [c.iso2, c.score])).toEqual([['TG', 2], ['GH', 1]])
  })

  test('two countries with equal evidence stay unresolved', () => {
    const [p] = infer('Foreign relations of Chile', [{notes: 'Argentina and Bolivia both claim the area.'}])
    expect(p).toMatchObject({name: null, iso2: null, evidence: []})
    expect(p?.unresolved).toMatch(/ambiguous/)
    expect(p?.candidates.map((c) => c.iso2)).toEqual(['AR', 'BO'])
  })
})

describe('table order and duplicates', () => {
  test('chooses among candidates that fit between resolved neighbours, never invents', () => {
    const rows = infer('Foreign relations of Japan', [
      {see: 'See Croatia\u2013Japan relations'},
      {notes: 'Congolese students study in Tokyo.'},
      {see: 'See Cuba\u2013Japan relations'},
      {notes: 'Both countries established diplomatic relations in 1957.'},
      {see: 'See Denmark\u2013Japan relations'},
      {notes: 'Mexico and Morocco both sent observers; Mexico signed.'},
      {see: 'See Japan\u2013Mongolia relations'},
      {notes: 'Mexico and Morocco both sent observers.'},
      {see: 'See Japan\u2013Myanmar relations'},
    ])
    expect(rows.map((p) => p.iso2)).toEqual(['HR', null, 'CU', null, 'DK', 'MX', 'MN', null, 'MM'])
    const ordered = applyTableOrder(rows)
    // Row 2 ("Congolese") is between Croatia and Cuba, where neither Congo fits.
    expect(ordered.map((p) => p.iso2)).toEqual(['HR', null, 'CU', null, 'DK', 'MX', 'MN', 'MA', 'MM'])
    // A row without evidence stays empty, whatever its neighbours.
    expect(ordered[3]).toMatchObject({iso2: null, evidence: []})
    // Mexico and Morocco tie in row 8; only Morocco fits between Mongolia and Myanmar.
    expect(ordered[7]?.evidence).toEqual(['name: Morocco', 'table-order: between Mongolia and Myanmar'])
    // The input is not changed.
    expect(rows[7]?.iso2).toBeNull()
  })

  test('the Congo row resolved by order between Cuba and Denmark', () => {
    const rows = infer('Foreign relations of Japan', [
      {see: 'See Chad\u2013Japan relations'},
      {see: 'See Cuba\u2013Japan relations'},
      {notes: 'Congolese students study in Tokyo.'},
      {see: 'See Denmark\u2013Japan relations'},
      {notes: 'Mexico and Morocco both sent observers.'},
      {see: 'See Japan\u2013Mongolia relations'},
    ])
    const ordered = applyTableOrder(rows)
    expect(ordered.map((p) => p.iso2)).toEqual(['TD', 'CU', 'CD', 'DK', 'MX', 'MN'])
    expect(ordered[2]?.evidence).toEqual(['demonym: Congolese', 'table-order: between Cuba and Denmark'])
    expect(ordered[4]?.evidence).toEqual(['name: Mexico', 'table-order: between Denmark and Mongolia'])
  })

  test('an unsorted table gives no order evidence', () => {
    const rows = infer('Foreign relations of Japan', [
      {see: 'See Japan\u2013Zambia relations'},
      {see: 'See Cuba\u2013Japan relations'},
      {notes: 'Congolese students study in Tokyo.'},
      {see: 'See Denmark\u2013Japan relations'},
      {see: 'See Austria\u2013Japan relations'},
    ])
    expect(isAlphabetical(rows)).toBe(false)
    expect(applyTableOrder(rows)[2]?.iso2).toBeNull()
  })

  test('duplicate rows are reported with their indices', () => {
    const rows = infer('Foreign relations of Mali', [
      {see: 'See France\u2013Mali relations'},
      {notes: 'Germany has an embassy in Bamako.'},
      {cell: 'France', notes: 'French troops left in 2022.'},
    ])
    expect(findDuplicatePartners(rows)).toEqual([{iso2: 'FR', name: 'France', rows: [0, 2]}])
  })
})
