/**
 * The `stylish` reporter: findings grouped by file, one a line as
 * `line:column  severity  message  rule`, and a summary line, like ESLint's
 * stylish formatter and vfile-reporter.
 *
 * Colours are a few ANSI codes written by hand: `picocolors` would do, but it
 * is not a runtime dependency and three codes do not justify one.
 */

import type {Severity} from '../model/types.js'
import type {CheckResults} from '../check/index.js'
import {maxOf} from '../util/array.js'

/** Options of the stylish reporter. */
export interface StylishOptions {
  /** Use ANSI colours (the CLI turns them on only for a TTY without NO_COLOR). */
  color?: boolean
}

const ANSI = {red: 31, yellow: 33, blue: 34, dim: 2, bold: 1, underline: 4} as const

function paint(on: boolean, code: keyof typeof ANSI, s: string): string {
  return on ? `\u001B[${ANSI[code]}m${s}\u001B[0m` : s
}

const SEVERITY_COLOR: Record<Severity, keyof typeof ANSI> = {error: 'red', warning: 'yellow', info: 'blue'}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** The summary line of a run, e.g. `✖ 20 problems (0 errors, 19 warnings, 1 info) in 1 file`. */
export function summaryLine(results: CheckResults): string {
  const problems = results.errorCount + results.warningCount + results.infoCount
  const files = plural(results.files.length, 'file')
  if (problems === 0) return `✔ no problems in ${files}`
  const mark = results.errorCount > 0 ? '✖' : results.warningCount > 0 ? '⚠' : 'ℹ'
  return `${mark} ${plural(problems, 'problem')} (${plural(results.errorCount, 'error')}, ${plural(results.warningCount, 'warning')}, ${results.infoCount} info) in ${files}`
}

/** Format results in the stylish format; ends with a newline. */
export function formatStylish(results: CheckResults, options: StylishOptions = {}): string {
  const color = options.color === true
  const out: string[] = []
  for (const file of results.files) {
    if (file.diagnostics.length === 0) continue
    const rows = file.diagnostics.map((d) => ({
      place: `${d.line}:${d.column}`,
      severity: d.severity,
      // One finding, one line: a message never spans lines here.
      message: d.message.replace(/\s*[\r\n]+\s*/g, ' '),
      rule: d.ruleId
    }))
    const placeWidth = maxOf(rows.map((r) => r.place.length))
    const sevWidth = maxOf(rows.map((r) => r.severity.length))
    const msgWidth = maxOf(rows.map((r) => r.message.length))
    out.push(paint(color, 'underline', file.path))
    for (const r of rows) {
      out.push(
        `  ${paint(color, 'dim', r.place.padStart(placeWidth))}  ` +
          `${paint(color, SEVERITY_COLOR[r.severity], r.severity.padEnd(sevWidth))}  ` +
          `${r.message.padEnd(msgWidth)}  ${paint(color, 'dim', r.rule)}`
      )
    }
    out.push('')
  }
  const summary = summaryLine(results)
  const tone = results.errorCount > 0 ? 'red' : results.warningCount > 0 ? 'yellow' : 'bold'
  out.push(paint(color, 'bold', paint(color, tone, summary)))
  return out.join('\n') + '\n'
}
