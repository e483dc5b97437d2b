import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import {describe, expect, test} from 'vitest'
import {splitSentences} from '../src/resolve/sentences.js'

/** The sentences of `text` as strings. */
function sentences(text: string, anchors?: number[]): string[] {
  return splitSentences(text, anchors ? {anchors} : {}).map((s) => text.slice(s.start, s.end))
}

const seed = readFileSync(new URL('../fixtures/foreign-relations-of-mali.txt', import.meta.url), 'utf8')
/** The seed's first line (the lead's first paragraph) with its `[1]` taken out. */
const leadParagraph = (seed.split('\n')[0] ?? '').replace(/\[\d+\]/g, '')

describe('splitSentences on the Mali seed', () => {
  test('the lead paragraph: five sentences, "U.S. Department" and "U.S. aid" kept whole', () => {
    expect(sentences(leadParagraph)).toEqual([
      'Visa_Mali.jpg Following independence in 1960, Mali initially followed a socialist path and was aligned ideologically with the communist bloc.',
      "Mali's foreign policy orientation became increasingly pragmatic and pro-Western over time.",
      "Since the institution of a democratic form of government in 1992, Mali's relations with the West in general and the United States in particular have improved significantly.",
      'U.S.-Malian relations are described by the U.S. Department of State as "excellent and expanding," especially given Mali\'s recent record of democratic stability in the volatile area of West Africa and its avowed support of the war on terrorism.',
      'Mali is reported to be one of the largest recipients of U.S. aid in Africa.'
    ])
  })

  test('"Cdn.$22m. between" does not end a sentence', () => {
    const text = "Canada has moved from Mali's sixth-largest donor of bilateral official development assistance in 2000 to third-largest in 2007. The value of Canada's exports of goods to Mali exceeded imports from Mali by Cdn.$22m. between 1990-2008. Natural Resources Canada estimated that Canadian mining investment in Mali reached Cdn.$500 million in 2009, and in 2005, 73 mining concessions were held by Canadian firms in Mali."
    expect(seed).toContain('by Cdn.$22m. between 1990-2008.[8]')
    expect(sentences(text)).toEqual([
      "Canada has moved from Mali's sixth-largest donor of bilateral official development assistance in 2000 to third-largest in 2007.",
      "The value of Canada's exports of goods to Mali exceeded imports from Mali by Cdn.$22m. between 1990-2008.",
      'Natural Resources Canada estimated that Canadian mining investment in Mali reached Cdn.$500 million in 2009, and in 2005, 73 mining concessions were held by Canadian firms in Mali.'
    ])
  })

  test('"Washington, D.C., United States" and "a U.S. Embassy" stay inside their sentence', () => {
    expect(sentences('Mali is accredited to Mexico from its embassy in Washington, D.C., United States. Pakistan supports the integrity and sovereignty of Mali.')).toEqual([
      'Mali is accredited to Mexico from its embassy in Washington, D.C., United States.',
      'Pakistan supports the integrity and sovereignty of Mali.'
    ])
    expect(sentences('There is a U.S. Embassy in Bamako, Mali. Russia has an embassy in Bamako.')).toEqual([
      'There is a U.S. Embassy in Bamako, Mali.',
      'Russia has an embassy in Bamako.'
    ])
  })

  test('initials in the seed\'s reference text: "Robert E. Handloff", "Handloff, Robert E. "Relations…"', () => {
    const text = 'Handloff, Robert E. "Relations with Other African States". In Mauritania: A Country Study (Robert E. Handloff, editor). Library of Congress Federal Research Division (June 1988).'
    expect(sentences(text)).toEqual([
      'Handloff, Robert E. "Relations with Other African States".',
      'In Mauritania: A Country Study (Robert E. Handloff, editor).',
      'Library of Congress Federal Research Division (June 1988).'
    ])
  })
})

describe('splitSentences: abbreviations', () => {
  test.each([
    ['U.S.', 'Relations with the U.S. Department of State improved. Trade grew.'],
    ['U.K.', 'The U.K. Foreign Office opened a post. Trade grew.'],
    ['U.N.', 'The U.N. Security Council met. Trade grew.'],
    ['D.C.', 'Its embassy in Washington D.C. Chancery Row is new. Trade grew.'],
    ['Gen.', 'The coup was led by Gen. Amadou Toumani Touré in 1991. Trade grew.'],
    ['Jan.', 'Talks began on Jan. 12 and ended in Feb. 1994 at the border. Trade grew.'],
    ['e.g.', 'Several donors, e.g. Canada and France, gave aid. Trade grew.'],
    ['i.e.', 'The bloc, i.e. ECOWAS, imposed an embargo. Trade grew.'],
    ['Mr.', 'Mr. Dao presented his credentials. Trade grew.'],
    ['Dr.', 'Dr. Diawara chaired the commission. Trade grew.'],
    ['St.', 'The mission sits on St. Laurent Boulevard. Trade grew.'],
    ['No.', 'Resolution No. 2085 authorised a force. Trade grew.'],
    ['vs.', 'The match Mali vs. Senegal was played in Dakar. Trade grew.'],
    ['Cdn.', 'Investment reached Cdn. $500 million in 2009. Trade grew.'],
    ['Cdn.$', 'Exports exceeded imports by Cdn.$22m. between 1990 and 2008. Trade grew.'],
    ['Co. Ltd.', 'The mine is run by Resolute Mining Co. Ltd. of Perth. Trade grew.'],
    ['Inc. + lowercase', 'Randgold Resources Inc. operates the mine. Trade grew.'],
    ['Jr.', 'Martin Luther King Jr. visited in 1960. Trade grew.'],
    // fixtures/corpus/Clint-Murchison-Sr..plain.txt, footnote marker removed
    ['Sr. (', 'Clinton Williams "Clint" Murchison Sr. (April 11, 1895 – June 20, 1969) was a noted Texas-based oil magnate and political operative. Trade grew.'],
    ['etc. + lowercase', 'Gold, cotton, livestock etc. are exported. Trade grew.'],
    ['initial', 'The study was edited by K. Nicole Mitchell in 2010. Trade grew.'],
    ['c. + year', 'The empire peaked c. 1350 under Mansa Musa. Trade grew.']
  ])('%s does not end a sentence', (_, text) => {
    const out = sentences(text)
    expect(out).toHaveLength(2)
    expect(out[1]).toBe('Trade grew.')
  })

  test('abbreviations that can close a sentence do so before a capitalized word', () => {
    expect(sentences('Gold is mined by Randgold Resources Inc. The company is listed in London.')).toHaveLength(2)
    expect(sentences('They export gold, cotton, etc. The rest is consumed at home.')).toHaveLength(2)
    expect(sentences('Resolution No. The vote failed.')).toHaveLength(2)
  })

  test('a footnote marker after an acronym or initial makes it a sentence end', () => {
    const text = 'Mali has an embassy in Washington, D.C. The United States has one in Bamako.'
    expect(sentences(text)).toHaveLength(1)
    const anchor = text.indexOf('D.C.') + 4
    expect(sentences(text, [anchor])).toEqual([
      'Mali has an embassy in Washington, D.C.',
      'The United States has one in Bamako.'
    ])
  })
})

describe('splitSentences: punctuation', () => {
  test('decimals, versions and file names do not split', () => {
    expect(sentences('Growth was 5.3 percent in 2008. Trade grew.')).toEqual(['Growth was 5.3 percent in 2008.', 'Trade grew.'])
    expect(sentences('See Visa_Mali.jpg for the visa. Trade grew.')).toHaveLength(2)
  })

  test('ellipses: split before a capital, not before a lowercase word', () => {
    expect(sentences('The talks went on... and on. Trade grew.')).toEqual(['The talks went on... and on.', 'Trade grew.'])
    expect(sentences('The talks went on… Trade grew.')).toEqual(['The talks went on…', 'Trade grew.'])
  })

  test('closing quotes and brackets after the period stay with the sentence', () => {
    expect(sentences('He called it "excellent." Trade grew.')).toEqual(['He called it "excellent."', 'Trade grew.'])
    expect(sentences('Relations are cordial (mostly.) Trade grew.')).toEqual(['Relations are cordial (mostly.)', 'Trade grew.'])
    expect(sentences('He said: “We will never accept it.” Trade grew.')).toEqual(['He said: “We will never accept it.”', 'Trade grew.'])
  })

  test('question and exclamation marks end sentences, not before a lowercase word', () => {
    expect(sentences('Is Mali stable? Observers disagree! Trade grew.')).toEqual(['Is Mali stable?', 'Observers disagree!', 'Trade grew.'])
    expect(sentences('The portal Yahoo! was blocked. Trade grew.')).toHaveLength(2)
  })

  test('a period before a lowercase word or an opening quote with lowercase never splits', () => {
    expect(sentences('The total was 22m. between 1990 and 2008.')).toHaveLength(1)
    expect(sentences('It was approx. "three thousand" troops.')).toHaveLength(1)
  })

  test('a blank line is a hard break; white space and empty text', () => {
    expect(sentences('First line without stop\n\nSecond line')).toEqual(['First line without stop', 'Second line'])
    expect(sentences('a wrapped\nline. Next one.')).toEqual(['a wrapped\nline.', 'Next one.'])
    expect(splitSentences('')).toEqual([])
    expect(splitSentences('   \n ')).toEqual([])
    expect(sentences('  No final stop  ')).toEqual(['No final stop'])
  })
})

describe('splitSentences: properties', () => {
  const alphabet = fc.constantFrom(
    'a', 'B', 'U', '.', '.', ' ', ' ', '?', '!', '"', ')', '(', '\n', '…', '1', ',', 'é', 'D.C.', 'e.g.', 'Gen.', '[1]'
  )
  const texts = fc.array(alphabet, {maxLength: 80}).map((parts) => parts.join(''))

  test('spans are in order, non-overlapping, trimmed, and cover every non-space character', () => {
    fc.assert(
      fc.property(texts, fc.array(fc.nat(100), {maxLength: 5}), (text, anchors) => {
        const spans = splitSentences(text, {anchors})
        let previousEnd = 0
        for (const span of spans) {
          expect(span.start).toBeGreaterThanOrEqual(previousEnd)
          expect(span.end).toBeGreaterThan(span.start)
          expect(span.end).toBeLessThanOrEqual(text.length)
          expect(text[span.start]).toMatch(/\S/u)
          expect(text[span.end - 1]).toMatch(/\S/u)
          previousEnd = span.end
        }
        const covered = new Array<boolean>(text.length).fill(false)
        for (const span of spans) for (let i = span.start; i < span.end; i++) covered[i] = true
        for (let i = 0; i < text.length; i++) if (!covered[i]) expect(text[i]).toMatch(/\s/u)
      })
    )
  })

  test('long inputs made of one repeated period-heavy token still come back whole', () => {
    // Not a timing test: checks the bounded look-back gives the same answer on a long token.
    const token = 'a.'.repeat(50_000)
    const spans = splitSentences(`${token} Next.`)
    expect(spans.map((s) => s.end - s.start)).toEqual([token.length, 5])
  })
})
