import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import {describe, expect, test} from 'vitest'
import {splitClaims, type ClaimSpan} from '../src/resolve/claims.js'
import type {ClaimScope} from '../src/model/types.js'
import {unmark} from './dumps.js'


function claimsOf(raw: string, scope: ClaimScope = 'clause'): ClaimSpan[] {
  const {text, markers} = unmark(raw)
  return splitClaims(text, markers, scope)
}

function simple(claims: ClaimSpan[]): Array<[string, number[]]> {
  return claims.map((c) => [c.text, c.citations])
}

const seed = readFileSync(new URL('../fixtures/foreign-relations-of-mali.txt', import.meta.url), 'utf8')

// Paragraphs of the seed, copied verbatim (grid-table cells joined as pandoc does).
const CANADA = "Mali established its embassy in Canada in 1978 at 50 avenue Golburn in Ottawa, with its 1st appointed ambassador Zana Ousmane Dao,[5] while Canada's embassy in Mali has been open since 1995.[6] Canada has moved from Mali's sixth-largest donor of bilateral official development assistance in 2000 to third-largest in 2007.[7] The value of Canada's exports of goods to Mali exceeded imports from Mali by Cdn.$22m. between 1990-2008.[8] Natural Resources Canada estimated that Canadian mining investment in Mali reached Cdn.$500 million in 2009,[9] and in 2005, 73 mining concessions were held by Canadian firms in Mali.[10]"
const LEAD_3 = "Although Azawad, a region spanning the expansive north of Mali, was proclaimed independent in April 2012 by Tuareg rebels, Mali has not recognised the _de facto_ state.[3] Britain has closed its embassy; ECOWAS has declared an embargo against Mali, aiming to squeeze out Malinese oil supplies; closed Mali's assets in the ECOWAS regional bank and has prepared a potential intervention force of 3,000 troops. France has declared it will assist in a potential intervention.[4]"
const PAKISTAN = 'Pakistan supports the integrity and sovereignty of Mali.'
const KOREA = 'Establishment of diplomatic relations between the Republic of Korea and Mali was on 27 September 1990. In 2011, the number of South Koreans living in Mali totaled 17.[22]'
const MEXICO = 'Mali is accredited to Mexico from its embassy in Washington, D.C., United States.[20]'

describe('splitClaims on the Mali seed (clause scope)', () => {
  test('the test paragraphs are the seed\'s own text', () => {
    for (const paragraph of [CANADA, LEAD_3, PAKISTAN, KOREA, MEXICO]) expect(seed).toContain(paragraph)
  })

  test('the Canada row: six claims, "Dao,[5] while …[6]" cut in two', () => {
    expect(simple(claimsOf(CANADA))).toEqual([
      ['Mali established its embassy in Canada in 1978 at 50 avenue Golburn in Ottawa, with its 1st appointed ambassador Zana Ousmane Dao', [5]],
      ["while Canada's embassy in Mali has been open since 1995.", [6]],
      ["Canada has moved from Mali's sixth-largest donor of bilateral official development assistance in 2000 to third-largest in 2007.", [7]],
      ["The value of Canada's exports of goods to Mali exceeded imports from Mali by Cdn.$22m. between 1990-2008.", [8]],
      ['Natural Resources Canada estimated that Canadian mining investment in Mali reached Cdn.$500 million in 2009', [9]],
      ['and in 2005, 73 mining concessions were held by Canadian firms in Mali.', [10]]
    ])
  })

  test('start/end are the offsets of the trimmed claim in the marker-free text', () => {
    const {text, markers} = unmark(CANADA)
    const claims = splitClaims(text, markers, 'clause')
    for (const claim of claims) expect(text.slice(claim.start, claim.end)).toBe(claim.text)
    const while6 = claims[1]
    expect(while6?.start).toBe(text.indexOf("while Canada's"))
    expect(while6?.end).toBe(text.indexOf('1995.') + 5)
  })

  test('a sentence with no marker is one uncited claim', () => {
    expect(simple(claimsOf(PAKISTAN))).toEqual([[PAKISTAN, []]])
    expect(simple(claimsOf(LEAD_3))).toEqual([
      ['Although Azawad, a region spanning the expansive north of Mali, was proclaimed independent in April 2012 by Tuareg rebels, Mali has not recognised the _de facto_ state.', [3]],
      ["Britain has closed its embassy; ECOWAS has declared an embargo against Mali, aiming to squeeze out Malinese oil supplies; closed Mali's assets in the ECOWAS regional bank and has prepared a potential intervention force of 3,000 troops.", []],
      ['France has declared it will assist in a potential intervention.', [4]]
    ])
  })

  test('"D.C., United States.[20]" and the Korea row', () => {
    expect(simple(claimsOf(MEXICO))).toEqual([['Mali is accredited to Mexico from its embassy in Washington, D.C., United States.', [20]]])
    expect(simple(claimsOf(KOREA))).toEqual([
      ['Establishment of diplomatic relations between the Republic of Korea and Mali was on 27 September 1990.', []],
      ['In 2011, the number of South Koreans living in Mali totaled 17.', [22]]
    ])
  })

  test('the lead\'s first paragraph: "U.S. Department" stays in one claim, only the last sentence is cited', () => {
    const claims = claimsOf(seed.split('\n')[0] ?? '')
    expect(claims).toHaveLength(5)
    expect(claims[3]?.text).toMatch(/^U\.S\.-Malian relations are described by the U\.S\. Department of State as "excellent and expanding," especially/)
    expect(claims.map((c) => c.citations)).toEqual([[], [], [], [], [1]])
  })
})

describe('splitClaims: clause rules', () => {
  test('markers at one place ([6][7]) cite the same claim', () => {
    expect(simple(claimsOf("Canada's embassy in Mali has been open since 1995.[6][7] Trade grew."))).toEqual([
      ["Canada's embassy in Mali has been open since 1995.", [6, 7]],
      ['Trade grew.', []]
    ])
  })

  test('markers separated only by space or punctuation join the previous claim', () => {
    expect(simple(claimsOf('Mali has an embassy in Moscow.[6] [7] Trade grew.'))).toEqual([
      ['Mali has an embassy in Moscow.', [6, 7]],
      ['Trade grew.', []]
    ])
  })

  test('text after the last marker of a sentence is an uncited claim; punctuation alone is not', () => {
    expect(simple(claimsOf('Mali reached Cdn.$500 million in 2009,[9] and mining grew.'))).toEqual([
      ['Mali reached Cdn.$500 million in 2009', [9]],
      ['and mining grew.', []]
    ])
    expect(simple(claimsOf('Mali has an embassy in Moscow[6].'))).toEqual([['Mali has an embassy in Moscow.', [6]]])
    expect(simple(claimsOf('He said it was "excellent"[2]. Trade grew.'))).toEqual([
      ['He said it was "excellent".', [2]],
      ['Trade grew.', []]
    ])
  })

  test('a leading ", " or "; " is trimmed, the conjunction kept', () => {
    expect(simple(claimsOf('Relations are cordial;[1] trade, however, is small.[2]'))).toEqual([
      ['Relations are cordial', [1]],
      ['trade, however, is small.', [2]]
    ])
  })

  test('a marker after "D.C." ends the sentence', () => {
    expect(simple(claimsOf('Mali has an embassy in Washington, D.C.[20] The United States has one in Bamako.'))).toEqual([
      ['Mali has an embassy in Washington, D.C.', [20]],
      ['The United States has one in Bamako.', []]
    ])
  })

  test('a marker before any text cites the text after it; markers with no text give one empty claim', () => {
    expect(simple(claimsOf('[3]Mali has not recognised the state.'))).toEqual([['Mali has not recognised the state.', [3]]])
    expect(claimsOf('[2][3]')).toEqual([{start: 0, end: 0, text: '', citations: [2, 3]}])
    expect(claimsOf('')).toEqual([])
    expect(claimsOf(' … ')).toEqual([])
  })
})

describe('splitClaims: the three scopes on one paragraph', () => {
  // The Canada row without its markers [6] and [7]: an uncited clause after
  // [5] and an uncited sentence before the paragraph's final marker [8].
  const PARAGRAPH = "Mali established its embassy in Canada in 1978 at 50 avenue Golburn in Ottawa, with its 1st appointed ambassador Zana Ousmane Dao,[5] while Canada's embassy in Mali has been open since 1995. Canada has moved from Mali's sixth-largest donor of bilateral official development assistance in 2000 to third-largest in 2007. The value of Canada's exports of goods to Mali exceeded imports from Mali by Cdn.$22m. between 1990-2008.[8]"
  const share = (claims: ClaimSpan[]): number => claims.filter((c) => c.citations.length > 0).length / claims.length

  test('clause < sentence < paragraph, as docs/claims.md says', () => {
    const clause = claimsOf(PARAGRAPH, 'clause')
    const sentence = claimsOf(PARAGRAPH, 'sentence')
    const paragraph = claimsOf(PARAGRAPH, 'paragraph')
    expect(clause.map((c) => c.citations)).toEqual([[5], [], [], [8]])
    expect(sentence.map((c) => c.citations)).toEqual([[5], [], [8]])
    expect(paragraph.map((c) => c.citations)).toEqual([[5], [8], [8]])
    expect(share(clause)).toBe(2 / 4)
    expect(share(sentence)).toBe(2 / 3)
    expect(share(paragraph)).toBe(1)
    expect(sentence[0]?.text).toBe("Mali established its embassy in Canada in 1978 at 50 avenue Golburn in Ottawa, with its 1st appointed ambassador Zana Ousmane Dao, while Canada's embassy in Mali has been open since 1995.")
  })

  test('sentence scope: a sentence with two markers is one claim citing both', () => {
    expect(simple(claimsOf(CANADA, 'sentence'))[0]).toEqual([
      "Mali established its embassy in Canada in 1978 at 50 avenue Golburn in Ottawa, with its 1st appointed ambassador Zana Ousmane Dao, while Canada's embassy in Mali has been open since 1995.",
      [5, 6]
    ])
  })

  test('paragraph scope covers nothing when the paragraph does not end with a marker', () => {
    const raw = 'Mali has an embassy in Moscow.[6] Russia has an embassy in Bamako.'
    expect(claimsOf(raw, 'paragraph').map((c) => c.citations)).toEqual([[6], []])
    // The seed's lead paragraph 3: "Britain has closed …" is covered by [4].
    expect(claimsOf(LEAD_3, 'paragraph').map((c) => c.citations)).toEqual([[3], [4], [4]])
  })
})

describe('splitClaims: properties', () => {
  const pieces = fc.constantFrom(
    'Mali', ' ', ' ', 'the U.S. ', 'Cdn.$22m. ', '.', '. ', ', ', '; ', 'while', 'Dao', '?', '"', ')', '\n\n', '…', 'e.g. ', 'D.C.', '1995'
  )
  const text = fc.array(pieces, {maxLength: 40}).map((p) => p.join(''))
  const input = text.chain((t) =>
    fc.tuple(
      fc.constant(t),
      fc.uniqueArray(fc.integer({min: 1, max: 60}), {maxLength: 8}).chain((ids) =>
        fc.tuple(...ids.map((id) => fc.record({id: fc.constant(id), index: fc.integer({min: 0, max: t.length})})))
      )
    )
  )

  for (const scope of ['clause', 'sentence', 'paragraph'] as const) {
    test(`${scope}: never throws; claims in order, non-overlapping, matching their offsets`, () => {
      fc.assert(
        fc.property(input, ([t, markers]) => {
          const claims = splitClaims(t, markers, scope)
          let previousEnd = 0
          for (const claim of claims) {
            expect(claim.start).toBeGreaterThanOrEqual(previousEnd)
            expect(claim.end).toBeGreaterThanOrEqual(claim.start)
            expect(claim.end).toBeLessThanOrEqual(t.length)
            expect(t.slice(claim.start, claim.end)).toBe(claim.text)
            expect(claim.text).toBe(claim.text.trim())
            previousEnd = claim.end
          }
        })
      )
    })
  }

  test('clause: every marker id is in exactly one claim\'s citations', () => {
    fc.assert(
      fc.property(input, ([t, markers]) => {
        const claims = splitClaims(t, markers, 'clause')
        const seen = claims.flatMap((c) => c.citations)
        expect([...seen].sort((a, b) => a - b)).toEqual(markers.map((m) => m.id).sort((a, b) => a - b))
      })
    )
  })

  test('clause: citations keep the markers\' order', () => {
    fc.assert(
      fc.property(input, ([t, markers]) => {
        const claims = splitClaims(t, markers, 'clause')
        const order = [...markers].sort((a, b) => a.index - b.index).map((m) => m.id)
        const seen = claims.flatMap((c) => c.citations)
        // Markers at one index may come in either order; compare as index groups.
        const rank = new Map(order.map((id, i) => [id, markers.find((m) => m.id === id)?.index ?? i]))
        const ranks = seen.map((id) => rank.get(id) ?? -1)
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
      })
    )
  })
})
