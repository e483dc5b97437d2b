import {readFileSync} from 'node:fs'
import {Ajv2020} from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import {describe, expect, it} from 'vitest'
import type {Diagnostic} from '../src/model/types.js'
import {RULE_IDS, check} from '../src/check/index.js'
import {
  REPORT_FORMATS,
  artifactUri,
  escapeData,
  escapeProperty,
  formatGithub,
  formatJson,
  formatResults,
  formatSarif,
  formatStylish,
  summaryLine,
  toSarif
} from '../src/report/index.js'

const seedLike = JSON.parse(
  readFileSync(new URL('../fixtures/check/seed-like-diagnostics.json', import.meta.url), 'utf8')
) as Diagnostic[]

const schema = JSON.parse(readFileSync(new URL('../fixtures/check/sarif-schema-2.1.0.json', import.meta.url), 'utf8'))
const ajv = new Ajv2020({strict: false, allErrors: true})
// ajv-formats is CommonJS: under NodeNext its default export is the module object.
const addFormats = addFormatsModule.default
addFormats(ajv)
/** Validates a SARIF log against the SARIF 2.1.0 schema. */
const validateSarif = ajv.compile(schema)

const tricky: Diagnostic = {
  ruleId: 'broken-template',
  severity: 'error',
  message: 'Unparsed "{{Cite web|url=a,b}}": 100% broken\r\nsecond line',
  line: 7,
  column: 12,
  endLine: 7,
  endColumn: 22
}

const results = check([
  {path: 'fixtures/foreign-relations-of-mali.txt', model: {diagnostics: seedLike}},
  {path: 'dir with space/a,b:c.txt', model: {diagnostics: [tricky]}, rules: {'broken-template': 'error'}},
  {path: 'clean.txt', model: {diagnostics: []}}
])

describe('stylish', () => {
  const text = formatStylish(results)

  it('prints file, then line:column severity message rule, then a summary line', () => {
    const lines = text.trimEnd().split('\n')
    expect(lines[0]).toBe('fixtures/foreign-relations-of-mali.txt')
    const partner = lines.find((l) => l.includes('partner-unresolved'))
    expect(partner).toMatch(/^\s+22:3\s+warning\s+The partner of bilateral row 2 .*\s+partner-unresolved$/)
    expect(lines.filter((l) => /^\s+\d+:\d+\s/.test(l))).toHaveLength(seedLike.length + 1)
    expect(lines.at(-1)).toBe('✖ 23 problems (1 error, 20 warnings, 2 info) in 3 files')
    expect(text).not.toContain('clean.txt')
  })

  it('keeps one finding on one line and has no colour unless asked', () => {
    expect(text).toContain('100% broken second line')
    expect(text).not.toContain('\u001B[')
    expect(formatStylish(results, {color: true})).toContain('\u001B[33mwarning')
  })

  it('says when there is nothing to report', () => {
    const clean = check([{path: 'a.txt', model: {diagnostics: []}}])
    expect(formatStylish(clean)).toBe('✔ no problems in 1 file\n')
    expect(summaryLine(check([]))).toBe('✔ no problems in 0 files')
  })
})

describe('json', () => {
  it('is the results object', () => {
    const parsed = JSON.parse(formatJson(results))
    expect(parsed).toEqual(JSON.parse(JSON.stringify(results)))
    expect(parsed.files[0].diagnostics.filter((d: Diagnostic) => d.ruleId === 'empty-reference')).toHaveLength(8)
    expect(parsed.warningCount).toBe(20)
  })
})

describe('sarif', () => {
  const log = JSON.parse(formatSarif(results))

  it('is valid SARIF 2.1.0', () => {
    const ok = validateSarif(log)
    expect(validateSarif.errors ?? []).toEqual([])
    expect(ok).toBe(true)
  })

  it('the validator does reject a broken log', () => {
    const broken = structuredClone(log)
    broken.runs[0].results[0].level = 'warn'
    expect(validateSarif(broken)).toBe(false)
    const noDriver = structuredClone(log)
    delete noDriver.runs[0].tool.driver.name
    expect(validateSarif(noDriver)).toBe(false)
  })

  it('has rule metadata with helpUri and one result per finding with its region', () => {
    const run = log.runs[0]
    expect(run.tool.driver.rules.map((r: {id: string}) => r.id)).toEqual([...RULE_IDS])
    for (const r of run.tool.driver.rules) expect(r.helpUri).toMatch(new RegExp(`/docs/rules/${r.id}\\.md$`))
    expect(run.results).toHaveLength(23)
    const partner = run.results.find((r: {ruleId: string}) => r.ruleId === 'partner-unresolved')
    expect(partner.level).toBe('warning')
    expect(run.tool.driver.rules[partner.ruleIndex].id).toBe('partner-unresolved')
    expect(partner.locations[0].physicalLocation).toEqual({
      artifactLocation: {uri: 'fixtures/foreign-relations-of-mali.txt'},
      region: {startLine: 22, startColumn: 3}
    })
    const info = run.results.find((r: {ruleId: string}) => r.ruleId === 'uncited-claim')
    expect(info.level).toBe('note')
    const trickyResult = run.results.find((r: {ruleId: string; level: string}) => r.ruleId === 'broken-template' && r.level === 'error')
    expect(trickyResult.locations[0].physicalLocation).toEqual({
      artifactLocation: {uri: 'dir%20with%20space/a%2Cb%3Ac.txt'},
      region: {startLine: 7, startColumn: 12, endLine: 7, endColumn: 22}
    })
  })

  it('writes absolute paths as file URLs and takes a docs base URL', () => {
    expect(artifactUri('/tmp/x y.txt')).toBe('file:///tmp/x%20y.txt')
    const other = toSarif(check([]), {docsBaseUrl: 'https://example.org/rules/', toolVersion: '1.2.3'}) as any
    expect(other.runs[0].tool.driver.rules[0].helpUri).toBe('https://example.org/rules/mojibake-repaired.md')
    expect(other.runs[0].tool.driver.version).toBe('1.2.3')
    expect(other.runs[0].tool.driver.informationUri).toBe('https://example.org/rules/')
    expect(validateSarif(other)).toBe(true)
  })
})

describe('github', () => {
  const text = formatGithub(results)
  const commands = text.split('\n').filter((l) => l.startsWith('::'))

  it('gives one annotation per finding, info as notice', () => {
    expect(commands).toHaveLength(23)
    expect(commands.filter((l) => l.startsWith('::warning '))).toHaveLength(20)
    expect(commands.filter((l) => l.startsWith('::notice '))).toHaveLength(2)
    expect(commands).toContain(
      '::warning file=fixtures/foreign-relations-of-mali.txt,line=22,col=3,title=foreign-relations(partner-unresolved)::The partner of bilateral row 2 could not be determined (between Algeria and Canada in table order)'
    )
    expect(text.trimEnd().split('\n').at(-1)).toBe(summaryLine(results))
  })

  it('escapes % \\r \\n in messages and also : , in properties', () => {
    expect(commands).toContain(
      '::error file=dir with space/a%2Cb%3Ac.txt,line=7,col=12,endLine=7,endColumn=22,title=foreign-relations(broken-template)::Unparsed "{{Cite web|url=a,b}}": 100%25 broken%0D%0Asecond line'
    )
    expect(escapeData('a%b\r\nc:d,e')).toBe('a%25b%0D%0Ac:d,e')
    expect(escapeProperty('a%b\r\nc:d,e')).toBe('a%25b%0D%0Ac%3Ad%2Ce')
  })
})

describe('formatResults', () => {
  it('dispatches every format', () => {
    for (const format of REPORT_FORMATS) expect(formatResults(results, format).length).toBeGreaterThan(0)
    expect(formatResults(results, 'json')).toBe(formatJson(results))
  })
})
