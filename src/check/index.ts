/**
 * `check`: turn the diagnostics of parsed dumps into a gate result, with
 * severities from config and the command line.
 *
 * `check` itself is pure; the config found on disk for each file is passed
 * in (see `loadConfig` in `load-config.ts`, which the CLI calls).
 */

import type {Diagnostic, ForeignRelations, Severity} from '../model/types.js'
import {applyRuleSettings, mergeSettings, type RuleSettings} from './config.js'

export * from './rules.js'
export * from './config.js'
export * from './load-config.js'

/** One file to check. */
export interface CheckInput {
  /** The path as it should appear in reports (relative to the working directory, usually). */
  path: string
  /** The parsed file; only its `diagnostics` are read. */
  model: Pick<ForeignRelations, 'diagnostics'>
  /** Settings from the config found for this file (nearest config upward). */
  rules?: RuleSettings
}

/** Options of `check`. */
export interface CheckOptions {
  /** Settings for every file (e.g. a config given explicitly). Below per-file and CLI settings. */
  rules?: RuleSettings
  /** Command-line `--rule` settings: they win over every config. */
  overrides?: RuleSettings
}

/** Counts of findings by severity. */
export interface SeverityCounts {
  errorCount: number
  warningCount: number
  infoCount: number
}

/** The findings of one file. */
export interface FileResult extends SeverityCounts {
  path: string
  /** Sorted by line, column, rule id; `off` rules removed, severities applied. */
  diagnostics: Diagnostic[]
}

/** The findings of a run. */
export interface CheckResults extends SeverityCounts {
  files: FileResult[]
}

/** Count diagnostics by severity. */
export function countSeverities(diagnostics: readonly {severity: Severity}[]): SeverityCounts {
  const counts: SeverityCounts = {errorCount: 0, warningCount: 0, infoCount: 0}
  for (const d of diagnostics) {
    if (d.severity === 'error') counts.errorCount++
    else if (d.severity === 'warning') counts.warningCount++
    else counts.infoCount++
  }
  return counts
}

/**
 * Check files: apply, per file, `options.rules`, then the file's own
 * `rules`, then `options.overrides` (later wins) to its diagnostics, and
 * count the findings.  Files keep the order given.
 */
export function check(files: readonly CheckInput[], options: CheckOptions = {}): CheckResults {
  const results: FileResult[] = []
  const total: SeverityCounts = {errorCount: 0, warningCount: 0, infoCount: 0}
  for (const file of files) {
    const settings = mergeSettings(options.rules, file.rules, options.overrides)
    const diagnostics = applyRuleSettings(file.model.diagnostics, settings)
    const counts = countSeverities(diagnostics)
    total.errorCount += counts.errorCount
    total.warningCount += counts.warningCount
    total.infoCount += counts.infoCount
    results.push({path: file.path, diagnostics, ...counts})
  }
  return {files: results, ...total}
}

/**
 * The exit code of a run: 1 when there is an error-level finding or more
 * warnings than `maxWarnings` (default: unlimited), else 0.
 */
export function exitCodeOf(results: SeverityCounts, maxWarnings: number = Infinity): 0 | 1 {
  return results.errorCount > 0 || results.warningCount > maxWarnings ? 1 : 0
}
