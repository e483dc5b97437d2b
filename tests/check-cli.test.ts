import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {Ajv2020} from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import {afterAll, describe, expect, it} from 'vitest'
import type {Diagnostic, ForeignRelations} from '../src/model/types.js'
import {expandInputs, parseCheckArgs, runCheck, type ParseFunction} from '../src/cli/check.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SEED = 'fixtures/foreign-relations-of-mali.txt'

const schema = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/check/sarif-schema-2.1.0.json'), 'utf8'))
const ajv = new Ajv2020({strict: false, allErrors: true})
addFormatsModule.default(ajv)
const validateSarif = ajv.compile(schema)

/** Runs `check` and captures its output. */
async function run(args: string[], cwd = ROOT, parse?: ParseFunction) {
  let stdout = ''
  let stderr = ''
  const code = await runCheck(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    cwd,
    ...(parse ? {parse} : {})
  })
  return {code, stdout, stderr}
}

/** A stand-in parser: the file holds its diagnostics as JSON. */
const fakeParse: ParseFunction = (input) => {
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input)
  return {diagnostics: JSON.parse(text) as Diagnostic[]} as ForeignRelations
}

function d(ruleId: Diagnostic['ruleId'], severity: Diagnostic['severity'], line: number): Diagnostic {
  return {ruleId, severity, message: `${ruleId} here`, line, column: 1}
}

const tmp = mkdtempSync(path.join(tmpdir(), 'fr-check-cli-'))
afterAll(() => rmSync(tmp, {recursive: true, force: true}))
mkdirSync(path.join(tmp, 'dumps', 'nested'), {recursive: true})
mkdirSync(path.join(tmp, 'dumps', 'node_modules'), {recursive: true})
mkdirSync(path.join(tmp, 'strict'), {recursive: true})
mkdirSync(path.join(tmp, 'empty'), {recursive: true})
writeFileSync(path.join(tmp, 'dumps', 'a.txt'), JSON.stringify([d('link-number', 'warning', 3), d('uncited-claim', 'info', 1)]))
writeFileSync(path.join(tmp, 'dumps', 'nested', 'b.txt'), JSON.stringify([d('empty-reference', 'warning', 9)]))
writeFileSync(path.join(tmp, 'dumps', 'nested', 'notes.md'), 'not a dump')
writeFileSync(path.join(tmp, 'dumps', 'node_modules', 'c.txt'), 'not json: must be skipped')
writeFileSync(path.join(tmp, 'strict', 'foreign-relations.config.json'), JSON.stringify({rules: {'link-number': 'error', 'uncited-claim': 'off'}}))
writeFileSync(path.join(tmp, 'strict', 's.txt'), JSON.stringify([d('link-number', 'warning', 3), d('uncited-claim', 'info', 1)]))

describe('arguments', () => {
  it('parses formats, rules, max-warnings, output, with or without a leading "check"', () => {
    const args = parseCheckArgs(['check', 'a.txt', '-f', 'sarif', '--rule', 'ragged-row=off', '--rule', 'uncited-claim=error', '--max-warnings', '3', '-o', 'out.sarif'])
    expect(args).toEqual({
      help: false,
      format: 'sarif',
      overrides: {'ragged-row': 'off', 'uncited-claim': 'error'},
      maxWarnings: 3,
      output: 'out.sarif',
      inputs: ['a.txt']
    })
    expect(parseCheckArgs(['a.txt']).maxWarnings).toBe(Infinity)
    expect(parseCheckArgs(['a.txt']).format).toBe('stylish')
  })

  it('usage errors: exit 2, one line on stderr, nothing on stdout', async () => {
    for (const args of [
      ['check'],
      ['check', 'x.txt', '--format', 'xml'],
      ['check', 'x.txt', '--rule', 'no-such-rule=off'],
      ['check', 'x.txt', '--rule', 'ragged-row=loud'],
      ['check', 'x.txt', '--max-warnings', '-1'],
      ['check', 'x.txt', '--frobnicate'],
      ['check', 'nothing/**/*.none']
    ]) {
      const r = await run(args, tmp, fakeParse)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stdout, args.join(' ')).toBe('')
      expect(r.stderr.split('\n').filter(Boolean), args.join(' ')).toHaveLength(1)
      expect(r.stderr).toMatch(/^foreign-relations check: /)
      expect(r.stderr).not.toMatch(/\n\s+at /)
    }
    expect((await run(['check', 'x.txt', '--rule', 'no-such-rule=off'], tmp, fakeParse)).stderr).toContain("unknown rule 'no-such-rule'")
  })

  it('--help prints usage and exits 0', async () => {
    const r = await run(['check', '--help'], tmp, fakeParse)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Usage: foreign-relations check')
  })
})

describe('files', () => {
  it('a missing file: exit 2, one line on stderr', async () => {
    const r = await run(['check', 'fixtures/no-such-dump.txt'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe("foreign-relations check: cannot read 'fixtures/no-such-dump.txt': no such file or directory\n")
  })

  it('expands directories to *.txt (recursive, skipping node_modules) and globs', () => {
    expect(expandInputs(['dumps'], tmp).map((f) => path.relative(tmp, f))).toEqual([
      path.join('dumps', 'a.txt'),
      path.join('dumps', 'nested', 'b.txt')
    ])
    expect(expandInputs(['dumps/**/b.txt', 'dumps/a.txt', 'dumps/*.txt'], tmp).map((f) => path.relative(tmp, f))).toEqual([
      path.join('dumps', 'nested', 'b.txt'),
      path.join('dumps', 'a.txt')
    ])
    expect(() => expandInputs(['empty'], tmp)).toThrow(/no \.txt files/)
  })

  it('checks many files in one run with a summary and the exit code of --max-warnings', async () => {
    const r = await run(['check', 'dumps'], tmp, fakeParse)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`dumps/a.txt\n`)
    expect(r.stdout).toMatch(/^\s+3:1\s+warning\s+link-number here\s+link-number$/m)
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('⚠ 3 problems (0 errors, 2 warnings, 1 info) in 2 files')
    expect((await run(['check', 'dumps', '--max-warnings', '2'], tmp, fakeParse)).code).toBe(0)
    expect((await run(['check', 'dumps', '--max-warnings', '1'], tmp, fakeParse)).code).toBe(1)
    expect((await run(['check', 'dumps', '--rule', 'empty-reference=error'], tmp, fakeParse)).code).toBe(1)
  })

  it('applies the nearest config, and --rule over it', async () => {
    const strict = await run(['check', 'strict/s.txt', '-f', 'json'], tmp, fakeParse)
    expect(strict.code).toBe(1)
    const report = JSON.parse(strict.stdout)
    expect(report.files[0].diagnostics.map((x: Diagnostic) => `${x.ruleId}:${x.severity}`)).toEqual(['link-number:error'])
    const relaxed = await run(['check', 'strict/s.txt', '-f', 'json', '--rule', 'link-number=warning'], tmp, fakeParse)
    expect(relaxed.code).toBe(0)
    expect(JSON.parse(relaxed.stdout).warningCount).toBe(1)
  })

  it('an invalid config is a usage error', async () => {
    mkdirSync(path.join(tmp, 'badcfg'), {recursive: true})
    writeFileSync(path.join(tmp, 'badcfg', 'foreign-relations.config.json'), JSON.stringify({rules: {'link-numbers': 'off'}}))
    writeFileSync(path.join(tmp, 'badcfg', 'x.txt'), '[]')
    const r = await run(['check', 'badcfg/x.txt'], tmp, fakeParse)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^foreign-relations check: unknown rule 'link-numbers' in .*foreign-relations\.config\.json/)
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1)
  })

  it('-o writes the report to a file and the summary to stdout', async () => {
    const r = await run(['check', 'dumps', '-f', 'sarif', '-o', 'out.sarif'], tmp, fakeParse)
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('⚠ 3 problems (0 errors, 2 warnings, 1 info) in 2 files\n')
    const log = JSON.parse(readFileSync(path.join(tmp, 'out.sarif'), 'utf8'))
    expect(validateSarif(log)).toBe(true)
    expect(log.runs[0].results).toHaveLength(3)
    const w = await run(['check', 'dumps', '-o', 'no-such-dir/out.txt'], tmp, fakeParse)
    expect(w.code).toBe(2)
    expect(w.stderr).toMatch(/^foreign-relations check: cannot write 'no-such-dir\/out\.txt': no such file or directory\n$/)
  })
})

// ---------------------------------------------------------------------------
// The real pipeline.  Runs when the package entry point loads; skipped (with
// the reason) while it does not.

let realParse: ParseFunction | null = null
let realDecode: ((input: Uint8Array) => {text: string}) | null = null
let whyNot = ''
try {
  const mod = await import('../src/index.js')
  realParse = mod.parseForeignRelations
  realDecode = mod.decode
} catch (error) {
  whyNot = (error as Error).message.split('\n')[0] ?? 'unknown'
}
if (!realParse) console.warn(`check-cli: skipping real-pipeline tests, src/index.ts does not load: ${whyNot}`)

describe.skipIf(!realParse)('the seed, with the real pipeline', () => {
  it('json: 8 empty references, 4 link numbers, 1 unresolved partner (line 22), 1 broken template, 6 mojibake repairs, nothing else at warning or above', async () => {
    const r = await run(['check', SEED, '--format', 'json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout)
    const diags = report.files[0].diagnostics as Diagnostic[]
    const atLeastWarning = diags.filter((x) => x.severity !== 'info')
    const count = (id: string) => atLeastWarning.filter((x) => x.ruleId === id).length
    expect(count('empty-reference')).toBe(8)
    expect(count('link-number')).toBe(4)
    expect(count('partner-unresolved')).toBe(1)
    expect(atLeastWarning.find((x) => x.ruleId === 'partner-unresolved')!.line).toBe(22)
    expect(count('broken-template')).toBe(1)
    expect(count('mojibake-repaired')).toBe(6)
    expect(atLeastWarning).toHaveLength(8 + 4 + 1 + 1 + 6)
    expect(report.errorCount).toBe(0)
    expect(report.warningCount).toBe(20)
  })

  it('points each finding at the right line of the seed', async () => {
    const lines = readFileSync(path.join(ROOT, SEED), 'utf8').split('\n')
    const report = JSON.parse((await run(['check', SEED, '-f', 'json'])).stdout)
    const diags = report.files[0].diagnostics as Diagnostic[]
    const lineOf = (id: string) => diags.filter((x) => x.ruleId === id).map((x) => x.line)
    expect(lineOf('mojibake-repaired')).toEqual([24, 28, 36, 43, 52, 58])
    for (const x of diags.filter((x) => x.ruleId === 'mojibake-repaired')) {
      expect(lines[x.line - 1]!.slice(x.column - 1, x.column + 2)).toBe('â€“')
    }
    expect(lineOf('empty-reference')).toEqual([78, 80, 82, 98, 100, 108, 110, 112])
    expect(lineOf('link-number')).toEqual([86, 88, 90, 92])
    expect(lineOf('broken-template')).toEqual([62])
  })

  it('exit 0 by default, 1 with --max-warnings 0', async () => {
    expect((await run(['check', SEED])).code).toBe(0)
    const strict = await run(['check', SEED, '--max-warnings', '0'])
    expect(strict.code).toBe(1)
    expect(strict.stdout).toMatch(/^⚠ \d+ problems \(0 errors, 20 warnings, \d+ info\) in 1 file$/m)
  })

  it('sarif is valid SARIF 2.1.0 with as many results as the json report; github gives one annotation per finding', async () => {
    const json = JSON.parse((await run(['check', SEED, '-f', 'json'])).stdout)
    const findings = json.files[0].diagnostics.length
    expect(findings).toBeGreaterThanOrEqual(20)
    const sarif = await run(['check', SEED, '-f', 'sarif'])
    const log = JSON.parse(sarif.stdout)
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true)
    expect(log.runs[0].results).toHaveLength(findings)
    const github = await run(['check', SEED, '-f', 'github'])
    const annotations = github.stdout.split('\n').filter((l) => /^::(error|warning|notice) /.test(l))
    expect(annotations).toHaveLength(findings)
    expect(annotations).toContain(
      annotations.find((l) => l.startsWith(`::warning file=${SEED},line=22,`) && l.includes('title=foreign-relations(partner-unresolved)'))
    )
  })
})

describe.skipIf(!realParse)('the 38 corpus dumps, with the real pipeline', () => {
  const corpus = path.join(tmp, 'corpus')
  mkdirSync(corpus, {recursive: true})
  const dumps = readdirSync(path.join(ROOT, 'fixtures/corpus')).filter((f) => f.endsWith('.dump.txt'))
  for (const f of dumps) copyFileSync(path.join(ROOT, 'fixtures/corpus', f), path.join(corpus, f))

  it('checks the directory in one run with a summary, findings on the right lines', async () => {
    expect(dumps).toHaveLength(38)
    const r = await run(['check', 'corpus', '-f', 'json'], tmp)
    expect(r.stderr).toBe('')
    expect([0, 1]).toContain(r.code)
    const report = JSON.parse(r.stdout)
    expect(report.files).toHaveLength(38)
    let checked = 0
    let repairs = 0
    for (const file of report.files as {path: string; diagnostics: Diagnostic[]}[]) {
      // Positions refer to the decoded input (some dumps are Windows-1252).
      const text = realDecode!(readFileSync(path.join(tmp, file.path))).text
      const lines = text.split('\n')
      for (const x of file.diagnostics) {
        expect(x.line, `${file.path} ${x.ruleId}`).toBeGreaterThanOrEqual(1)
        expect(x.line, `${file.path} ${x.ruleId}`).toBeLessThanOrEqual(lines.length)
        const line = lines[x.line - 1]!
        expect(x.column, `${file.path}:${x.line} ${x.ruleId}`).toBeLessThanOrEqual(line.length + 1)
        if (x.ruleId === 'lost-table') expect(line, `${file.path}:${x.line}`).toContain('[TABLE]')
        if (x.ruleId === 'broken-template') expect(line, `${file.path}:${x.line}`).toContain('{{')
        if (x.ruleId === 'empty-reference') expect(line.trim(), `${file.path}:${x.line}`).toMatch(/^\[\d+\]$/)
        if (x.ruleId === 'link-number') expect(line, `${file.path}:${x.line}`).toMatch(/^\[\d+\] /)
        if (x.ruleId === 'mojibake-repaired') {
          const original = String(x.data?.original)
          expect(line.slice(x.column - 1, x.column - 1 + original.length), `${file.path}:${x.line}:${x.column}`).toBe(original)
          repairs++
        }
        checked++
      }
    }
    expect(checked).toBeGreaterThan(0)
    expect(repairs).toBeGreaterThan(0)
    const stylish = await run(['check', 'corpus'], tmp)
    expect(stylish.stdout.trimEnd().split('\n').at(-1)).toMatch(/^[✖⚠ℹ✔] .* in 38 files$/)
  })

  it('takes a glob of the dumps too', async () => {
    const r = await run(['check', 'fixtures/corpus/*.dump.txt', '-f', 'github'])
    expect(r.stderr).toBe('')
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/ in 38 files$/)
  })
})
