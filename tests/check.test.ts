import {mkdirSync, mkdtempSync, readFileSync, existsSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import type {Diagnostic, RuleId} from '../src/model/types.js'
import {
  RULES,
  RULE_IDS,
  UsageError,
  applyRuleSettings,
  check,
  exitCodeOf,
  isRuleId,
  loadConfig,
  parseRuleOption,
  ruleDocsUrl,
  validateConfig,
  type LoadedConfig
} from '../src/check/index.js'

const seedLike = JSON.parse(
  readFileSync(new URL('../fixtures/check/seed-like-diagnostics.json', import.meta.url), 'utf8')
) as Diagnostic[]

/** The defaults the issue asks for. */
const EXPECTED_DEFAULTS: Record<RuleId, string> = {
  'mojibake-repaired': 'warning',
  'undecodable-bytes': 'error',
  'not-utf8': 'warning',
  'empty-reference': 'warning',
  'dangling-marker': 'error',
  'unused-definition': 'warning',
  'missing-definition': 'warning',
  'marker-order': 'warning',
  'link-number': 'warning',
  'uncited-claim': 'info',
  'partner-unresolved': 'warning',
  'partner-conflict': 'warning',
  'duplicate-partner': 'warning',
  'invalid-date': 'warning',
  'broken-template': 'warning',
  'lost-table': 'warning',
  'ragged-row': 'info',
  'subject-unknown': 'warning',
  'empty-input': 'warning'
}

function diag(ruleId: RuleId, line: number, column = 1, severity = RULES[ruleId].severity): Diagnostic {
  return {ruleId, severity, message: `${ruleId} at ${line}`, line, column}
}

describe('rules', () => {
  it('has one entry per rule id with the default severity of the issue', () => {
    expect([...RULE_IDS].sort()).toEqual(Object.keys(EXPECTED_DEFAULTS).sort())
    for (const id of RULE_IDS) {
      expect(RULES[id].id).toBe(id)
      expect(RULES[id].severity, id).toBe(EXPECTED_DEFAULTS[id])
      expect(RULES[id].description.length, id).toBeGreaterThan(10)
      expect(RULES[id].docs).toBe(`docs/rules/${id}.md`)
    }
  })

  it('has a docs page per rule with what, why, failing and passing examples and configuration', () => {
    for (const id of RULE_IDS) {
      const file = new URL(`../docs/rules/${id}.md`, import.meta.url)
      expect(existsSync(file), `docs/rules/${id}.md`).toBe(true)
      const text = readFileSync(file, 'utf8')
      expect(text.startsWith(`# ${id}`), id).toBe(true)
      for (const section of ['## What', '## Why', '## Failing', '## Passing', '## Configure']) {
        expect(text, `${id}: ${section}`).toContain(section)
      }
      expect(text, id).toContain(`"${id}": "`)
      expect(text, id).toContain(`--rule ${id}=`)
    }
  })

  it('knows its ids and builds docs URLs', () => {
    expect(isRuleId('link-number')).toBe(true)
    expect(isRuleId('toString')).toBe(false)
    expect(isRuleId('no-such-rule')).toBe(false)
    expect(ruleDocsUrl('lost-table', 'https://example.org/docs')).toBe('https://example.org/docs/lost-table.md')
    expect(ruleDocsUrl('lost-table')).toMatch(/^https:\/\/.+\/docs\/rules\/lost-table\.md$/)
  })
})

describe('config (pure)', () => {
  it('validates a config object', () => {
    expect(validateConfig({rules: {'uncited-claim': 'off', 'link-number': 'error'}}, 'x.json')).toEqual({
      'uncited-claim': 'off',
      'link-number': 'error'
    })
    expect(validateConfig({}, 'x.json')).toEqual({})
  })

  it('rejects unknown rules, bad settings and bad shapes with a usage error naming the source', () => {
    expect(() => validateConfig({rules: {'no-such-rule': 'off'}}, 'a/foreign-relations.config.json')).toThrow(
      /unknown rule 'no-such-rule' in a\/foreign-relations\.config\.json/
    )
    expect(() => validateConfig({rules: {'link-number': 'fatal'}}, 'x.json')).toThrow(UsageError)
    expect(() => validateConfig({rules: {'link-number': 2}}, 'x.json')).toThrow(/invalid setting 2/)
    expect(() => validateConfig([], 'x.json')).toThrow(UsageError)
    expect(() => validateConfig({rule: {}}, 'x.json')).toThrow(/unknown key 'rule'/)
    expect(() => validateConfig({rules: []}, 'x.json')).toThrow(UsageError)
  })

  it('parses --rule values', () => {
    expect(parseRuleOption('uncited-claim=error')).toEqual(['uncited-claim', 'error'])
    expect(parseRuleOption(' ragged-row = off ')).toEqual(['ragged-row', 'off'])
    expect(() => parseRuleOption('uncited-claim')).toThrow(/<id>=off\|info\|warning\|error/)
    expect(() => parseRuleOption('nope=off')).toThrow(/unknown rule 'nope' in --rule/)
    expect(() => parseRuleOption('ragged-row=loud')).toThrow(/invalid setting "loud"/)
  })

  it('applies settings: off drops, a severity replaces, others get the rule default; sorted; input untouched', () => {
    const input = [diag('link-number', 92, 1, 'info'), diag('uncited-claim', 50), diag('empty-reference', 78), diag('lost-table', 3, 5)]
    const copy = structuredClone(input)
    const out = applyRuleSettings(input, {'uncited-claim': 'off', 'lost-table': 'error'})
    expect(input).toEqual(copy)
    expect(out.map((d) => [d.ruleId, d.severity, d.line])).toEqual([
      ['lost-table', 'error', 3],
      ['empty-reference', 'warning', 78],
      ['link-number', 'warning', 92]
    ])
  })
})

describe('check', () => {
  it('counts the seed-like findings by severity', () => {
    const results = check([{path: 'mali.txt', model: {diagnostics: seedLike}}])
    expect(results.files).toHaveLength(1)
    expect(results.warningCount).toBe(20)
    expect(results.infoCount).toBe(2)
    expect(results.errorCount).toBe(0)
    expect(exitCodeOf(results)).toBe(0)
    expect(exitCodeOf(results, 20)).toBe(0)
    expect(exitCodeOf(results, 19)).toBe(1)
    expect(exitCodeOf(results, 0)).toBe(1)
  })

  it('layers settings: options.rules < per-file config < CLI overrides', () => {
    const model = {diagnostics: [diag('link-number', 1), diag('ragged-row', 2), diag('uncited-claim', 3)]}
    const results = check(
      [
        {path: 'a.txt', model, rules: {'link-number': 'off', 'ragged-row': 'warning'}},
        {path: 'b.txt', model}
      ],
      {rules: {'link-number': 'error', 'uncited-claim': 'warning'}, overrides: {'ragged-row': 'error'}}
    )
    const [a, b] = results.files
    expect(a!.diagnostics.map((d) => `${d.ruleId}:${d.severity}`)).toEqual(['ragged-row:error', 'uncited-claim:warning'])
    expect(b!.diagnostics.map((d) => `${d.ruleId}:${d.severity}`)).toEqual([
      'link-number:error',
      'ragged-row:error',
      'uncited-claim:warning'
    ])
    expect(results.errorCount).toBe(3)
    expect(results.warningCount).toBe(2)
    expect(exitCodeOf(results)).toBe(1)
  })

  it('one error is enough to fail', () => {
    expect(exitCodeOf(check([{path: 'x', model: {diagnostics: [diag('dangling-marker', 4)]}}]))).toBe(1)
    expect(exitCodeOf(check([{path: 'x', model: {diagnostics: [diag('uncited-claim', 4)]}}]), 0)).toBe(0)
  })
})

describe('loadConfig (I/O)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'fr-check-config-'))
  afterAll(() => rmSync(root, {recursive: true, force: true}))
  mkdirSync(path.join(root, 'a', 'b'), {recursive: true})
  mkdirSync(path.join(root, 'c'), {recursive: true})
  mkdirSync(path.join(root, 'bad'), {recursive: true})
  mkdirSync(path.join(root, 'badjson'), {recursive: true})
  writeFileSync(path.join(root, 'foreign-relations.config.json'), JSON.stringify({rules: {'uncited-claim': 'off'}}))
  writeFileSync(
    path.join(root, 'a', 'package.json'),
    JSON.stringify({name: 'a', 'foreign-relations': {rules: {'link-number': 'error'}}})
  )
  writeFileSync(path.join(root, 'c', 'package.json'), JSON.stringify({name: 'c'}))
  writeFileSync(path.join(root, 'bad', 'foreign-relations.config.json'), JSON.stringify({rules: {'no-such': 'off'}}))
  writeFileSync(path.join(root, 'badjson', 'foreign-relations.config.json'), '{rules:')

  it('finds the nearest config upward; a package.json key counts, a package.json without it does not', () => {
    expect(loadConfig(path.join(root, 'a', 'b'))).toEqual({
      path: path.join(root, 'a', 'package.json'),
      rules: {'link-number': 'error'}
    })
    expect(loadConfig(path.join(root, 'c'))).toEqual({
      path: path.join(root, 'foreign-relations.config.json'),
      rules: {'uncited-claim': 'off'}
    })
    expect(loadConfig(root)?.rules).toEqual({'uncited-claim': 'off'})
  })

  it('caches lookups per directory', () => {
    const cache = new Map<string, LoadedConfig | null>()
    const first = loadConfig(path.join(root, 'a', 'b'), cache)
    expect(cache.get(path.join(root, 'a', 'b'))).toBe(first)
    expect(cache.get(path.join(root, 'a'))).toBe(first)
    expect(loadConfig(path.join(root, 'a', 'b'), cache)).toBe(first)
  })

  it('reports invalid configs as usage errors naming the file', () => {
    expect(() => loadConfig(path.join(root, 'bad'))).toThrow(/unknown rule 'no-such' in .*bad\/foreign-relations\.config\.json/)
    expect(() => loadConfig(path.join(root, 'badjson'))).toThrow(/invalid JSON/)
  })
})
