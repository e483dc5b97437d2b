/**
 * `foreign-relations check [files, dirs, globs…]`: the data-quality gate.
 *
 * Reads each dump as bytes, parses it with `parseForeignRelations`, applies
 * the nearest config and `--rule` overrides, prints a report and returns the
 * exit code: 0 when no error-level finding and warnings ≤ `--max-warnings`,
 * 1 otherwise, 2 on a usage or I/O error (one line on stderr, no stack).
 */

import {readFileSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {parseArgs} from 'node:util'
import {globSync, isDynamicPattern} from 'tinyglobby'
import type {ForeignRelations, ParseOptions} from '../model/types.js'
import {
  UsageError,
  check,
  exitCodeOf,
  loadConfig,
  parseRuleOption,
  type CheckInput,
  type LoadedConfig,
  type RuleSettings
} from '../check/index.js'
import {REPORT_FORMATS, formatResults, isReportFormat, summaryLine, type ReportFormat} from '../report/index.js'

/** The parser `runCheck` calls on each file's bytes. */
export type ParseFunction = (input: string | Uint8Array, options?: ParseOptions) => ForeignRelations

/** Where `runCheck` writes and from where it resolves paths. */
export interface CheckIo {
  stdout: (s: string) => void
  stderr: (s: string) => void
  /** The directory relative paths and globs are resolved against. */
  cwd: string
  /** Colour the stylish report (the caller decides: a TTY without NO_COLOR). Default false. */
  color?: boolean
  /** The parser; default `parseForeignRelations` from the package entry point. */
  parse?: ParseFunction
}

/** The usage text of `check`. */
export const CHECK_USAGE = `Usage: foreign-relations check [files, directories, globs…] [options]

Checks pandoc plain-text dumps of "Foreign relations of X" articles.
Directories are searched for *.txt files; globs (*, **, ?, {a,b}) are expanded.

Options:
  -f, --format <name>     stylish (default), json, sarif, github
      --rule <id>=<sev>   set a rule to off, info, warning or error (repeatable)
      --max-warnings <n>  exit 1 when there are more than n warnings (default: unlimited)
  -o, --output <file>     write the report to a file (stdout gets the summary line)
  -h, --help              show this help

Config: the nearest foreign-relations.config.json, or "foreign-relations" key in
package.json, upward from each file: {"rules": {"uncited-claim": "off"}}.
Exit codes: 0 ok, 1 errors or too many warnings, 2 usage or I/O error.
`

interface CheckArgs {
  help: boolean
  format: ReportFormat
  overrides: RuleSettings
  maxWarnings: number
  output: string | null
  inputs: string[]
}

/**
 * Parse the arguments of `check` (a leading `check` is skipped, so both
 * `['check', 'a.txt']` and `['a.txt']` work; name a file `./check`).
 *
 * @throws UsageError
 */
export function parseCheckArgs(args: readonly string[]): CheckArgs {
  const rest = args[0] === 'check' ? args.slice(1) : [...args]
  let parsed
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        format: {type: 'string', short: 'f'},
        rule: {type: 'string', multiple: true},
        'max-warnings': {type: 'string'},
        output: {type: 'string', short: 'o'},
        help: {type: 'boolean', short: 'h'}
      }
    })
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'invalid arguments')
  }
  const {values, positionals} = parsed
  const format = values.format ?? 'stylish'
  if (!isReportFormat(format)) {
    throw new UsageError(`unknown format '${format}' (expected one of ${REPORT_FORMATS.join(', ')})`)
  }
  const overrides: RuleSettings = {}
  for (const value of values.rule ?? []) {
    const [id, setting] = parseRuleOption(value)
    overrides[id] = setting
  }
  let maxWarnings = Infinity
  const mw = values['max-warnings']
  if (mw !== undefined) {
    if (!/^\d+$/.test(mw.trim())) throw new UsageError(`--max-warnings expects a whole number ≥ 0, got '${mw}'`)
    maxWarnings = Number(mw)
  }
  return {
    help: values.help === true,
    format,
    overrides,
    maxWarnings,
    output: values.output ?? null,
    inputs: positionals
  }
}

const IGNORE = ['**/node_modules/**', '**/.git/**']

/**
 * Expand files, directories (every `*.txt` below, recursively, outside
 * `node_modules` and `.git`) and globs into absolute file paths, in
 * argument order, each once; directory and glob matches sorted.
 * A literal path that does not exist is kept (reading it reports the error).
 *
 * Globs use `tinyglobby` (Node 20 has no `fs.globSync`).
 *
 * @throws UsageError when a glob or directory matches no file
 */
export function expandInputs(inputs: readonly string[], cwd: string): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  const add = (file: string): void => {
    if (!seen.has(file)) {
      seen.add(file)
      out.push(file)
    }
  }
  for (const input of inputs) {
    const abs = path.resolve(cwd, input)
    let stat
    try {
      stat = statSync(abs)
    } catch {
      stat = null
    }
    if (stat?.isDirectory()) {
      const found = globSync('**/*.txt', {cwd: abs, absolute: true, onlyFiles: true, ignore: IGNORE})
      if (found.length === 0) throw new UsageError(`no .txt files in directory '${input}'`)
      for (const f of found.map((f) => path.resolve(f)).sort()) add(f)
    } else if (!stat && isDynamicPattern(input)) {
      const found = globSync(input, {cwd, absolute: true, onlyFiles: true, ignore: IGNORE})
      if (found.length === 0) throw new UsageError(`no files match '${input}'`)
      for (const f of found.map((f) => path.resolve(f)).sort()) add(f)
    } else add(abs)
  }
  return out
}

/** A path for reports: relative to `cwd` when below it, else absolute. */
function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file)
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file
}

function ioMessage(error: unknown): string {
  const e = error as NodeJS.ErrnoException
  if (e.code === 'ENOENT') return 'no such file or directory'
  if (e.code === 'EISDIR') return 'is a directory'
  if (e.code === 'EACCES') return 'permission denied'
  return (e.message ?? String(error)).split('\n')[0] ?? 'error'
}

/**
 * Load `parseForeignRelations` from the package entry point.  Imported
 * lazily through a variable so that this module (and the tests of its pure
 * parts) load even where the entry point is not built.
 */
async function loadParser(): Promise<ParseFunction> {
  const specifier = '../index.js'
  const mod = (await import(specifier)) as {parseForeignRelations?: ParseFunction}
  if (typeof mod.parseForeignRelations !== 'function') {
    throw new Error('parseForeignRelations is not exported by the package entry point')
  }
  return mod.parseForeignRelations
}

/**
 * Run `foreign-relations check` with `args` (with or without the leading
 * `check`).  Never throws: usage and I/O errors are one line on `io.stderr`
 * and exit code 2.
 *
 * @returns the exit code: 0, 1 or 2
 */
export async function runCheck(args: string[], io: CheckIo): Promise<number> {
  const fail = (message: string): number => {
    io.stderr(`foreign-relations check: ${message}\n`)
    return 2
  }
  try {
    const options = parseCheckArgs(args)
    if (options.help) {
      io.stdout(CHECK_USAGE)
      return 0
    }
    if (options.inputs.length === 0) throw new UsageError('no files given (try --help)')
    const files = expandInputs(options.inputs, io.cwd)

    const inputs: (CheckInput & {bytes: Uint8Array})[] = []
    const configCache = new Map<string, LoadedConfig | null>()
    for (const file of files) {
      const shown = displayPath(file, io.cwd)
      let bytes: Uint8Array
      try {
        bytes = readFileSync(file)
      } catch (error) {
        return fail(`cannot read '${shown}': ${ioMessage(error)}`)
      }
      const config = loadConfig(path.dirname(file), configCache)
      inputs.push({path: shown, bytes, model: {diagnostics: []}, ...(config ? {rules: config.rules} : {})})
    }

    let parse = io.parse
    if (!parse) {
      try {
        parse = await loadParser()
      } catch (error) {
        return fail(`the parser is not available (${ioMessage(error)})`)
      }
    }
    for (const input of inputs) {
      try {
        input.model = parse(input.bytes)
      } catch (error) {
        return fail(`cannot parse '${input.path}': ${ioMessage(error)}`)
      }
    }

    const results = check(inputs, {overrides: options.overrides})
    const report = formatResults(results, options.format, {color: io.color === true && !options.output})
    if (options.output) {
      const target = path.resolve(io.cwd, options.output)
      try {
        writeFileSync(target, report)
      } catch (error) {
        return fail(`cannot write '${options.output}': ${ioMessage(error)}`)
      }
      io.stdout(summaryLine(results) + '\n')
    } else io.stdout(report)
    return exitCodeOf(results, options.maxWarnings)
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message)
    return fail(ioMessage(error))
  }
}
