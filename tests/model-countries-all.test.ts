/**
 * Every country of the dataset, as partner of Mali and of the Gambia: the
 * main article, the name, the official name and the demonym each give that
 * country or nothing, never another one.
 */

import {describe, expect, test} from 'vitest'
import {allCountries, findCountry, findMentions} from '../src/model/countries.js'
import {inferPartner, parseMainArticle} from '../src/model/partner.js'

const countries = allCountries()

function partnerOf(subjectIso2: string, notesText: string, see: string | null = null) {
  const mainArticle = see ? parseMainArticle(see, subjectIso2) : null
  return inferPartner({countryCell: '', notesText, mainArticle, subjectIso2})
}

describe('every country of world-countries', () => {
  test('the dataset is there (250 entries)', () => {
    expect(countries.length).toBe(250)
  })

  test('findCountry finds each by common and official name', () => {
    const wrong: string[] = []
    for (const c of countries) {
      for (const form of [c.name, c.official]) {
        const found = findCountry(form)
        if (found?.iso2 !== c.iso2) wrong.push(`${form} → ${found?.iso2 ?? 'null'} (want ${c.iso2})`)
      }
    }
    // "Virgin Islands" is VG's official name and dropped on purpose (ambiguous with VI).
    expect(wrong).toEqual(['Virgin Islands → null (want VG)'])
  })

  for (const subject of ['ML', 'GM']) {
    test(`as partner of ${subject}: main article, name, demonym are right or absent`, () => {
      const wrong: string[] = []
      const unresolved = new Set<string>()
      for (const c of countries) {
        if (c.iso2 === subject) continue
        const subjectName = subject === 'ML' ? 'Mali' : 'Gambia'
        const [a, b] = [c.name, subjectName].sort()
        const byArticle = partnerOf(subject, '', `See ${a}-${b} relations`)
        if (byArticle.iso2 !== c.iso2) wrong.push(`article ${a}-${b}: ${byArticle.iso2}`)
        const byName = partnerOf(subject, `${c.name} has an embassy in the capital of ${subjectName}.`)
        if (byName.iso2 !== c.iso2) wrong.push(`name ${c.name}: ${byName.iso2}`)
        const byOfficial = partnerOf(subject, `Relations between ${subjectName} and the ${c.official} are close.`)
        if (byOfficial.iso2 !== c.iso2 && byOfficial.iso2 !== null) wrong.push(`official ${c.official}: ${byOfficial.iso2}`)
        for (const d of c.demonyms) {
          const byDemonym = partnerOf(subject, `The ${d} ambassador visited.`)
          if (byDemonym.iso2 === null) unresolved.add(d)
          else if (byDemonym.iso2 !== c.iso2) {
            // A demonym shared with the sovereign state ("French" for the French
            // Southern Territories) means the sovereign state.
            const mentions = findMentions(d)
            if (!(mentions.length === 1 && mentions[0]?.iso2 === byDemonym.iso2 && !c.independent)) {
              wrong.push(`demonym ${d}: ${byDemonym.iso2} (want ${c.iso2})`)
            }
          }
        }
      }
      expect(wrong).toEqual([])
      // Only the demonyms two sovereign states (or two territories) share stay unresolved.
      expect([...unresolved].sort()).toEqual([
        'Channel Islander', 'Channel Islanders', 'Congolese', 'Dominican', 'Dominicans',
        'Virgin Islander', 'Virgin Islanders',
      ])
    })
  }
})
