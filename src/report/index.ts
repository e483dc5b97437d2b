/**
 * Reporters of `foreign-relations check`: `stylish`, `json`, `sarif`,
 * `github`.
 */

import type {CheckResults} from '../check/index.js'
import {formatGithub} from './github.js'
import {formatJson} from './json.js'
import {formatSarif, type SarifOptions} from './sarif.js'
import {formatStylish, type StylishOptions} from './stylish.js'

export {formatStylish, summaryLine, type StylishOptions} from './stylish.js'
export {formatJson} from './json.js'
export {formatSarif, toSarif, artifactUri, type SarifOptions} from './sarif.js'
export {formatGithub, escapeData, escapeProperty} from './github.js'

/** The names `--format` accepts. */
export const REPORT_FORMATS = ['stylish', 'json', 'sarif', 'github'] as const

/** A reporter name. */
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/** Options of every reporter (each reads what it needs). */
export type ReportOptions = StylishOptions & SarifOptions

/** Whether `value` names a reporter. */
export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value)
}

/** Format results with the named reporter. */
export function formatResults(results: CheckResults, format: ReportFormat, options: ReportOptions = {}): string {
  switch (format) {
    case 'stylish':
      return formatStylish(results, options)
    case 'json':
      return formatJson(results)
    case 'sarif':
      return formatSarif(results, options)
    case 'github':
      return formatGithub(results)
  }
}
