/**
 * Rules reported by the parser and the model that the rule tests of
 * check-rules.test.ts do not exercise: a failing and a passing input each.
 */

import {describe, expect, it} from 'vitest'
import {parseForeignRelations} from '../src/index.js'
import {conflictTable} from './dumps.js'

const table = conflictTable

const ids = (text: string): string[] => parseForeignRelations(text).diagnostics.map((d) => d.ruleId)

describe('partner-conflict', () => {
  it('fails when the Country cell and the main article disagree', () => {
    const model = parseForeignRelations(table('France', 'See Canada–Mali relations'))
    const d = model.diagnostics.filter((x) => x.ruleId === 'partner-conflict')
    expect(d).toHaveLength(1)
    expect(d[0]!.line).toBe(9)
    // The Country cell wins.
    expect(model.bilateral[0]!.partner.iso2).toBe('FR')
  })
  it('passes when they agree', () => {
    expect(ids(table('France', 'See France–Mali relations'))).not.toContain('partner-conflict')
  })
})

describe('missing-definition', () => {
  const text = (defs: string): string => `Mali is a landlocked country.[1] It is in Africa.[2] It is large.[3]\n\n\nReferences\n\n${defs}`
  it('fails when the definitions jump over a number', () => {
    const model = parseForeignRelations(text('[1] One.\n\n[3] Three.\n'))
    const d = model.diagnostics.filter((x) => x.ruleId === 'missing-definition')
    expect(d).toHaveLength(1)
    expect(d[0]!.line).toBe(8)
    expect(d[0]!.message).toContain('[2]')
    // [3] is still a definition, and [2] dangles.
    expect(model.references.map((r) => r.id)).toEqual([1, 3])
    expect(model.diagnostics.filter((x) => x.ruleId === 'dangling-marker').map((x) => x.data?.id)).toEqual([2])
  })
  it('passes when they are complete', () => {
    expect(ids(text('[1] One.\n\n[2] Two.\n\n[3] Three.\n'))).not.toContain('missing-definition')
  })
})

describe('empty-input', () => {
  it('fails on an empty or blank file, with an empty model', () => {
    for (const input of ['', '\n\n', '   \r\n', new Uint8Array()]) {
      const model = parseForeignRelations(input)
      expect(model.diagnostics.map((d) => d.ruleId)).toContain('empty-input')
      expect(model.bilateral).toEqual([])
      expect(model.claims).toEqual([])
    }
  })
  it('passes on a file with text', () => {
    expect(ids('Mali is a country.')).not.toContain('empty-input')
  })
})

describe('a References heading right before the definitions', () => {
  it('is a heading, not a claim', () => {
    const model = parseForeignRelations('Mali is a landlocked country.[1]\n\nReferences\n\n[1] One.\n')
    expect(model.claims.map((c) => c.text)).toEqual(['Mali is a landlocked country.'])
    expect(model.references[0]!.claimIds).toHaveLength(1)
  })
})
