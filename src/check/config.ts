/**
 * Rule configuration, the pure part: validating a config object and
 * applying severities to diagnostics.  Finding config files on disk lives in
 * `load-config.ts`.
 */

import type {Diagnostic, RuleId, Severity} from '../model/types.js'
import {RULES, RULE_IDS, isRuleId} from './rules.js'

/** What a rule can be set to: a severity, or `off` to drop its findings. */
export type RuleSetting = Severity | 'off'

/** Rule settings by id; a rule not listed keeps its default. */
export type RuleSettings = Partial<Record<RuleId, RuleSetting>>

/** The shape of `foreign-relations.config.json` (and of the `foreign-relations` key in package.json). */
export interface CheckConfigFile {
  rules?: RuleSettings
}

const SETTINGS: readonly RuleSetting[] = ['off', 'info', 'warning', 'error']

/**
 * A mistake in the command line or a config file: the CLI prints its
 * message on one line and exits with 2.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/** Whether `value` is `off`, `info`, `warning` or `error`. */
export function isRuleSetting(value: unknown): value is RuleSetting {
  return typeof value === 'string' && (SETTINGS as readonly string[]).includes(value)
}

function unknownRule(id: string, where: string): UsageError {
  return new UsageError(`unknown rule '${id}' in ${where} (known rules: ${RULE_IDS.join(', ')})`)
}

function badSetting(id: string, value: unknown, where: string): UsageError {
  return new UsageError(
    `invalid setting ${JSON.stringify(value)} for rule '${id}' in ${where} (expected one of ${SETTINGS.join(', ')})`
  )
}

/**
 * Check a parsed config object (the content of `foreign-relations.config.json`
 * or of the `foreign-relations` key in package.json) and return its rule
 * settings.  `where` names the source in error messages.
 *
 * @throws UsageError on anything but `{rules?: {<known id>: off|info|warning|error}}`
 */
export function validateConfig(raw: unknown, where: string): RuleSettings {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new UsageError(`${where}: expected an object like {"rules": {"uncited-claim": "off"}}`)
  }
  for (const key of Object.keys(raw)) {
    if (key !== 'rules' && key !== '$schema') throw new UsageError(`${where}: unknown key '${key}' (expected "rules")`)
  }
  const rules = (raw as {rules?: unknown}).rules
  if (rules === undefined) return {}
  if (rules === null || typeof rules !== 'object' || Array.isArray(rules)) {
    throw new UsageError(`${where}: "rules" must be an object of rule id to off|info|warning|error`)
  }
  const out: RuleSettings = {}
  for (const [id, value] of Object.entries(rules)) {
    if (!isRuleId(id)) throw unknownRule(id, where)
    if (!isRuleSetting(value)) throw badSetting(id, value, where)
    out[id] = value
  }
  return out
}

/**
 * Parse one `--rule` value, `<id>=off|info|warning|error`.
 *
 * @throws UsageError on a malformed value, an unknown id or setting
 */
export function parseRuleOption(value: string): [RuleId, RuleSetting] {
  const eq = value.indexOf('=')
  if (eq === -1) throw new UsageError(`--rule expects <id>=off|info|warning|error, got '${value}'`)
  const id = value.slice(0, eq).trim()
  const setting = value.slice(eq + 1).trim()
  if (!isRuleId(id)) throw unknownRule(id, '--rule')
  if (!isRuleSetting(setting)) throw badSetting(id, setting, '--rule')
  return [id, setting]
}

/** Merge rule settings; later ones win. */
export function mergeSettings(...layers: (RuleSettings | null | undefined)[]): RuleSettings {
  const out: RuleSettings = {}
  for (const layer of layers) if (layer) Object.assign(out, layer)
  return out
}

/**
 * Apply rule settings to diagnostics: a rule set to `off` is dropped, a rule
 * set to a severity gets it, any other gets its default severity from
 * `RULES` (the rule table is the one source of defaults, whatever severity
 * the stage that reported it wrote).  The result is sorted by position, then
 * rule id.  Pure: the input is not changed.
 */
export function applyRuleSettings(diagnostics: readonly Diagnostic[], settings: RuleSettings = {}): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const d of diagnostics) {
    const setting = settings[d.ruleId]
    if (setting === 'off') continue
    const severity = setting ?? RULES[d.ruleId]?.severity ?? d.severity
    out.push(severity === d.severity ? {...d} : {...d, severity})
  }
  return out.sort(compareDiagnostics)
}

/** Order diagnostics by line, column, then rule id. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
}
