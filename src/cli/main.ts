#!/usr/bin/env node
/**
 * The `foreign-relations` command.
 *
 * Argument parsing uses Node's own `util.parseArgs` (no dependency needed).
 * Errors print one line on stderr and exit 2; `--debug` shows the stack.
 */

import {readFileSync, writeFileSync, statSync} from 'node:fs'
import {parseArgs} from 'node:util'
import {fileURLToPath} from 'node:url'
import {parseDocument, parseForeignRelations, repairMojibake} from '../index.js'
import type {ClaimScope, ForeignRelations} from '../model/types.js'
import {decode} from '../decode/index.js'
import {toMarkdown} from './markdown.js'
import {createResolver} from '../resolve/index.js'

/** What the CLI writes to; replaceable in tests. */
export interface CliIO {
  stdout: (s: string) => void
  stderr: (s: string) => void
  cwd: string
  /** Standard input, read on demand. */
  stdin?: () => Promise<Uint8Array>
  /** Whether reports may use colour. */
  color?: boolean
}

/** A usage or I/O problem: one line on stderr, exit 2. */
export class CliError extends Error {
  override name = 'CliError'
}

const HELP = `Usage: foreign-relations <command> [options] [FILE]

Commands:
  parse [FILE]     Parse a dump (stdin when no FILE) and print the model as JSON
  repair [FILE]    Print the text with mojibake repaired (line ends kept, BOM dropped)
  check [FILES…]   Check dumps for data-quality problems (see docs/rules/)

Options for parse:
  -f, --format <json|mdast|markdown>   What to print (default: json)
  -o, --output <FILE>                  Write to FILE instead of stdout
      --claim-scope <clause|sentence|paragraph>
                                       How much text a footnote supports (default: clause)
      --no-repair                      Do not repair mojibake
      --title <TITLE>                  The article title, when the dump lacks it
      --summary                        Print a short summary on stderr

Options for repair:
  -o, --output <FILE>                  Write to FILE instead of stdout

General:
  -h, --help                           Show this help
  -v, --version                        Show the version
      --debug                          Show the stack trace of an error

Exit codes: 0 success, 1 check found errors, 2 usage or I/O error.
`

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string}
  return pkg.version
}

async function readInput(file: string | undefined, io: CliIO): Promise<Uint8Array> {
  if (file === undefined || file === '-') {
    if (!io.stdin) throw new CliError('no input: give a FILE or pipe a dump on stdin')
    return io.stdin()
  }
  let stat
  try {
    stat = statSync(file)
  } catch {
    throw new CliError(`cannot read ${file}: no such file`)
  }
  if (stat.isDirectory()) throw new CliError(`cannot read ${file}: it is a directory`)
  try {
    return readFileSync(file)
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`)
  }
}

function writeOutput(text: string, output: string | undefined, io: CliIO): void {
  if (output === undefined || output === '-') {
    io.stdout(text)
    return
  }
  try {
    writeFileSync(output, text)
  } catch (error) {
    throw new CliError(`cannot write ${output}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`)
  }
}

/** A short human summary of a model. */
export function summarize(model: ForeignRelations): string {
  const resolver = createResolver(model)
  const coverage = resolver.coverage()
  const partners = model.bilateral.map((r) => r.partner.iso2 ?? '?').join(' ')
  const bySeverity = {error: 0, warning: 0, info: 0}
  for (const d of model.diagnostics) bySeverity[d.severity]++
  return [
    `${model.subject.article ?? model.subject.name} (${model.subject.iso2 ?? 'no ISO code'})`,
    `  bilateral relations: ${model.bilateral.length}  [${partners}]`,
    `  memberships: ${model.multilateral.length}   see also: ${model.seeAlso.length}`,
    `  references: ${model.references.length} (${model.references.filter((r) => r.empty).length} empty)`,
    `  claims: ${model.claims.length}, cited ${coverage.overall.cited} (${((coverage.overall.share ?? 0) * 100).toFixed(1)} %, ${coverage.scope} scope)`,
    `  repairs: ${model.repairs.length}   diagnostics: ${bySeverity.error} errors, ${bySeverity.warning} warnings, ${bySeverity.info} infos`
  ].join('\n')
}

async function runParse(args: string[], io: CliIO): Promise<number> {
  const {values, positionals} = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: {type: 'string', short: 'f', default: 'json'},
      output: {type: 'string', short: 'o'},
      'claim-scope': {type: 'string', default: 'clause'},
      'no-repair': {type: 'boolean', default: false},
      title: {type: 'string'},
      summary: {type: 'boolean', default: false},
      debug: {type: 'boolean', default: false}
    }
  })
  if (positionals.length > 1) throw new CliError('parse takes one FILE (or stdin)')
  const format = values.format
  if (format !== 'json' && format !== 'mdast' && format !== 'markdown') throw new CliError(`unknown --format ${format}: use json, mdast or markdown`)
  const scope = values['claim-scope']
  if (scope !== 'clause' && scope !== 'sentence' && scope !== 'paragraph') throw new CliError(`unknown --claim-scope ${scope}: use clause, sentence or paragraph`)
  const input = await readInput(positionals[0], io)
  const options = {claimScope: scope as ClaimScope, repair: !values['no-repair'], ...(values.title ? {title: values.title} : {})}
  let text: string
  if (format === 'json') {
    const model = parseForeignRelations(input, options)
    text = `${JSON.stringify(model, null, 2)}\n`
    if (values.summary) io.stderr(`${summarize(model)}\n${values.output ? `  wrote ${values.output}\n` : ''}`)
  } else {
    const tree = parseDocument(input, options)
    text = format === 'mdast' ? `${JSON.stringify(tree, null, 2)}\n` : toMarkdown(tree)
  }
  writeOutput(text, values.output, io)
  return 0
}

async function runRepair(args: string[], io: CliIO): Promise<number> {
  const {values, positionals} = parseArgs({
    args,
    allowPositionals: true,
    options: {output: {type: 'string', short: 'o'}, debug: {type: 'boolean', default: false}}
  })
  if (positionals.length > 1) throw new CliError('repair takes one FILE (or stdin)')
  const input = await readInput(positionals[0], io)
  const decoded = decode(input)
  const body = decoded.bom ? decoded.text.slice(1) : decoded.text
  writeOutput(repairMojibake(body).text, values.output, io)
  return 0
}

/** Run the CLI; returns the exit code. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const debug = argv.includes('--debug')
  try {
    const [command, ...rest] = argv
    if (command === undefined) {
      io.stderr(HELP)
      return 2
    }
    if (command === '-h' || command === '--help' || command === 'help') {
      io.stdout(HELP)
      return 0
    }
    if (command === '-v' || command === '--version') {
      io.stdout(`${version()}\n`)
      return 0
    }
    if (command === 'check') {
      const {runCheck} = await import('./check.js')
      return await runCheck(rest.filter((a) => a !== '--debug'), io)
    }
    if (rest.includes('-h') || rest.includes('--help')) {
      io.stdout(HELP)
      return 0
    }
    switch (command) {
      case 'parse':
        return await runParse(rest, io)
      case 'repair':
        return await runRepair(rest, io)
      default:
        throw new CliError(`unknown command ${JSON.stringify(command)}: use parse, repair or check (see --help)`)
    }
  } catch (error) {
    if (debug) io.stderr(`${(error as Error).stack ?? String(error)}\n`)
    else io.stderr(`foreign-relations: ${oneLine(error)}\n`)
    return 2
  }
}

function oneLine(error: unknown): string {
  const e = error as {code?: string; message?: string}
  if (e && e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `${e.message?.split('\n')[0] ?? 'unknown option'} (see --help)`
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0] ?? message
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === (await import('node:fs')).realpathSync(process.argv[1])
if (isMain) {
  const code = await run(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    stdin: readStdin,
    color: process.stdout.isTTY === true && !process.env.NO_COLOR
  })
  process.exitCode = code
}
