/**
 * The `github` reporter: GitHub Actions workflow commands
 * (`::warning file=…,line=…,col=…,title=…::message`), one a finding, which
 * GitHub shows as annotations on the pull request.
 */

import type {Severity} from '../model/types.js'
import type {CheckResults} from '../check/index.js'
import {summaryLine} from './stylish.js'

const COMMAND: Record<Severity, string> = {error: 'error', warning: 'warning', info: 'notice'}

/** Escape the message of a workflow command (`%`, `\r`, `\n`), as GitHub's `@actions/core` does. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** Escape a property value of a workflow command: as `escapeData`, plus `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/**
 * Format results as workflow commands, one line a finding (`info` becomes
 * `::notice`), then the summary line as plain output; ends with a newline.
 */
export function formatGithub(results: CheckResults): string {
  const out: string[] = []
  for (const file of results.files) {
    for (const d of file.diagnostics) {
      const props = [`file=${escapeProperty(file.path)}`, `line=${d.line}`, `col=${d.column}`]
      if (d.endLine !== undefined) props.push(`endLine=${d.endLine}`)
      if (d.endColumn !== undefined && (d.endLine === undefined || d.endLine === d.line)) {
        props.push(`endColumn=${d.endColumn}`)
      }
      props.push(`title=${escapeProperty(`foreign-relations(${d.ruleId})`)}`)
      out.push(`::${COMMAND[d.severity]} ${props.join(',')}::${escapeData(d.message)}`)
    }
  }
  out.push(summaryLine(results))
  return out.join('\n') + '\n'
}
