import {describe, expect, test} from 'vitest'
import {extractMemberships} from '../src/model/memberships.js'

function names(text: string) {
  return extractMemberships(text).map((m) => [m.name, m.acronym, m.status])
}

describe('extractMemberships', () => {
  test('acronym-only organizations and "and" lists', () => {
    expect(names('Ghana is a member of the Commonwealth of Nations, the African Union (AU) and ECOWAS.')).toEqual([
      ['Commonwealth of Nations', null, 'member'],
      ['African Union', 'AU', 'member'],
      ['ECOWAS', 'ECOWAS', 'member'],
    ])
  })

  test('"and" inside a name does not split it', () => {
    expect(names(
      'Chile is a member of the International Bank for Reconstruction and Development (IBRD), ' +
      'the Organisation for Economic Co-operation and Development (OECD) and the Andean Community.',
    )).toEqual([
      ['International Bank for Reconstruction and Development', 'IBRD', 'member'],
      ['Organisation for Economic Co-operation and Development', 'OECD', 'member'],
      ['Andean Community', null, 'member'],
    ])
  })

  test('observer, suspended and associate statuses, sentence by sentence', () => {
    const text =
      'Morocco is an observer in the Organization of American States (OAS). ' +
      'Mali was suspended from the African Union in 2021. ' +
      'Tunisia is an associate member of the Organisation internationale de la Francophonie (OIF). ' +
      'Egypt belongs to the Arab League, the African Union (observer) and the Non-Aligned Movement.'
    expect(names(text)).toEqual([
      ['Organization of American States', 'OAS', 'observer'],
      ['African Union', null, 'suspended'],
      ['Organisation internationale de la Francophonie', 'OIF', 'associate member'],
      ['Arab League', null, 'member'],
      ['African Union', null, 'observer'],
      ['Non-Aligned Movement', null, 'member'],
    ])
  })

  test('remarks, relative clauses and countries are not organizations', () => {
    const text =
      'Niger participates in the Liptako-Gourma Authority, which seeks to develop the areas of Mali, ' +
      'Niger, and Burkina Faso; the Niger Basin Authority (NBA) for the river; and the Council of the Entente.'
    const found = extractMemberships(text)
    expect(found.map((m) => [m.name, m.acronym, m.status])).toEqual([
      ['Liptako-Gourma Authority', null, 'participant'],
      ['Niger Basin Authority', 'NBA', 'participant'],
      ['Council of the Entente', null, 'participant'],
    ])
    for (const m of found) expect(text.slice(m.index, m.index + m.name.length)).toBe(m.name)
  })

  test('sentences without a membership verb give nothing', () => {
    expect(extractMemberships('Mali is active in regional organizations such as the African Union.')).toEqual([])
    expect(extractMemberships('The U.S. Department of State praised the United Nations (UN).')).toEqual([])
    expect(extractMemberships('')).toEqual([])
  })

  test('the same organization with the same status is listed once', () => {
    expect(names('Mali is a member of the United Nations. It also belongs to the United Nations (UN).')).toEqual([
      ['United Nations', 'UN', 'member'],
    ])
    expect(names('Mali is a member of the African Union. Mali is a member of the African Union.')).toEqual([
      ['African Union', null, 'member'],
    ])
  })

  test('"U.S." inside a list does not end the sentence', () => {
    expect(names('Canada is a member of the U.S. led coalition (GCAD) and the United Nations.')).toEqual([
      ['U.S. led coalition', 'GCAD', 'member'],
      ['United Nations', null, 'member'],
    ])
  })
})
