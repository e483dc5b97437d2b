/**
 * The `sarif` reporter: a SARIF 2.1.0 log for GitHub code scanning and other
 * SARIF consumers, with rule metadata (`tool.driver.rules`, `helpUri` to the
 * rule's docs page) and one result per finding.
 *
 * Written as plain objects rather than with `node-sarif-builder`: the log
 * has one run and a fixed shape, and the test validates it against the
 * SARIF 2.1.0 schema anyway.
 */

import path from 'node:path'
import {pathToFileURL} from 'node:url'
import type {Severity} from '../model/types.js'
import type {CheckResults} from '../check/index.js'
import {DEFAULT_DOCS_BASE_URL, RULES, RULE_IDS, ruleDocsUrl} from '../check/rules.js'

/** Options of the SARIF reporter. */
export interface SarifOptions {
  /** Base URL of the rule docs pages (default `DEFAULT_DOCS_BASE_URL`). */
  docsBaseUrl?: string
  /** The tool's version, written as `tool.driver.version` when given. */
  toolVersion?: string
}

/** SARIF levels of our severities. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {error: 'error', warning: 'warning', info: 'note'}

/**
 * A file path as a SARIF artifact URI: relative paths stay relative
 * (forward slashes, percent-encoded; GitHub resolves them against the
 * repository root), absolute paths become `file://` URLs.
 */
export function artifactUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href
  return file.split(/[\\/]/).map((part) => encodeURIComponent(part)).join('/')
}

/** Build the SARIF log object of a run. */
export function toSarif(results: CheckResults, options: SarifOptions = {}): Record<string, unknown> {
  const ruleIndex = new Map(RULE_IDS.map((id, i) => [id, i]))
  const rules = RULE_IDS.map((id) => {
    const meta = RULES[id]
    return {
      id,
      name: id.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
      shortDescription: {text: meta.description},
      helpUri: ruleDocsUrl(id, options.docsBaseUrl),
      help: {text: `${meta.description}. See ${meta.docs}.`},
      defaultConfiguration: {level: LEVEL[meta.severity]},
      properties: {category: meta.category, tags: ['foreign-relations', meta.category]}
    }
  })
  const sarifResults = results.files.flatMap((file) =>
    file.diagnostics.map((d) => {
      const region: Record<string, number> = {startLine: d.line, startColumn: d.column}
      if (d.endLine !== undefined) region.endLine = d.endLine
      if (d.endColumn !== undefined) region.endColumn = d.endColumn
      return {
        ruleId: d.ruleId,
        ruleIndex: ruleIndex.get(d.ruleId) ?? -1,
        level: LEVEL[d.severity],
        message: {text: d.message},
        locations: [{physicalLocation: {artifactLocation: {uri: artifactUri(file.path)}, region}}]
      }
    })
  )
  const driver: Record<string, unknown> = {
    name: 'foreign-relations',
    // The rules index (docs/rules/README.md) lives at the docs base URL.
    informationUri: options.docsBaseUrl ?? DEFAULT_DOCS_BASE_URL,
    rules
  }
  if (options.toolVersion) driver.version = options.toolVersion
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {driver},
        // Our columns count UTF-16 code units, like JavaScript strings.
        columnKind: 'utf16CodeUnits',
        results: sarifResults
      }
    ]
  }
}

/** Format results as a SARIF 2.1.0 log; ends with a newline. */
export function formatSarif(results: CheckResults, options: SarifOptions = {}): string {
  return JSON.stringify(toSarif(results, options), null, 2) + '\n'
}
