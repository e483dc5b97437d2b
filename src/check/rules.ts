/**
 * The rules `foreign-relations check` knows: one entry per `RuleId`, with
 * its default severity, a one-line description and its docs page.
 *
 * The diagnostics themselves are produced by the pipeline stages (decode,
 * repair, parse, model, resolve); this table is what `check` and the
 * reporters (SARIF `tool.driver.rules`, stylish, GitHub annotations) know
 * about each id.
 */

import type {RuleId, Severity} from '../model/types.js'

/** The area of the dump a rule is about. */
export type RuleCategory =
  | 'encoding'
  | 'references'
  | 'claims'
  | 'bilateral'
  | 'markup'
  | 'tables'
  | 'document'

/** What is known about one rule. */
export interface RuleMeta {
  id: RuleId
  /** The severity a finding of this rule has unless configured otherwise. */
  severity: Severity
  /** One line, no final period: what the rule reports. */
  description: string
  category: RuleCategory
  /** The docs page, relative to the package root: `docs/rules/<id>.md`. */
  docs: string
}

/**
 * Where the docs pages are published; `helpUri` in SARIF is this plus
 * `<id>.md`.  SARIF wants an absolute URI here, so the reporters take a
 * `docsBaseUrl` option to point it elsewhere (a fork, a tag).
 */
export const DEFAULT_DOCS_BASE_URL =
  'https://github.com/foreign-relations/foreign-relations/blob/main/docs/rules/'

function rule(id: RuleId, severity: Severity, category: RuleCategory, description: string): RuleMeta {
  return {id, severity, description, category, docs: `docs/rules/${id}.md`}
}

/**
 * Every rule, keyed by id.  Typed as a `Record<RuleId, …>` so that adding a
 * `RuleId` without an entry here is a type error.
 */
export const RULES: Readonly<Record<RuleId, RuleMeta>> = {
  'mojibake-repaired': rule('mojibake-repaired', 'warning', 'encoding', 'Text saved through a wrong encoding (mojibake such as `â€“`) was repaired'),
  'undecodable-bytes': rule('undecodable-bytes', 'error', 'encoding', 'Some bytes are not text in any supported encoding (kept as control characters, or dropped)'),
  'not-utf8': rule('not-utf8', 'warning', 'encoding', 'The file is not UTF-8 (UTF-16 or Windows-1252 was detected)'),
  'empty-reference': rule('empty-reference', 'warning', 'references', 'A footnote definition is empty: pandoc dropped its citation template'),
  'dangling-marker': rule('dangling-marker', 'error', 'references', 'A footnote marker cites a number that has no definition'),
  'unused-definition': rule('unused-definition', 'warning', 'references', 'A footnote definition is never cited in the text'),
  'missing-definition': rule('missing-definition', 'warning', 'references', 'A footnote number is missing from the definitions (a gap in 1, 2, 3 …)'),
  'marker-order': rule('marker-order', 'warning', 'references', 'Footnotes are not numbered in order of first use'),
  'link-number': rule('link-number', 'warning', 'references', 'A reference ends in the number pandoc kept of a bare external link'),
  'uncited-claim': rule('uncited-claim', 'info', 'claims', 'A claim has no footnote supporting it'),
  'partner-unresolved': rule('partner-unresolved', 'warning', 'bilateral', 'The partner country of a bilateral table row could not be determined'),
  'partner-conflict': rule('partner-conflict', 'warning', 'bilateral', 'Two strong pieces of partner evidence disagree (Country cell vs main article)'),
  'duplicate-partner': rule('duplicate-partner', 'warning', 'bilateral', 'Two bilateral table rows have the same partner country'),
  'invalid-date': rule('invalid-date', 'warning', 'bilateral', 'The "Formal Relations Began" cell is not a valid date'),
  'broken-template': rule('broken-template', 'warning', 'markup', 'Unparsed wiki template markup (`{{…`) is left in the text'),
  'lost-table': rule('lost-table', 'warning', 'tables', 'A table was lost in conversion: pandoc wrote `[TABLE]` instead'),
  'ragged-row': rule('ragged-row', 'info', 'tables', 'A grid table row does not line up with the table border'),
  'subject-unknown': rule('subject-unknown', 'warning', 'document', 'The country the article is about could not be determined'),
  'empty-input': rule('empty-input', 'warning', 'document', 'The file is empty or holds only whitespace')
}

/** All rule ids, in the order of `RULES`. */
export const RULE_IDS: readonly RuleId[] = Object.keys(RULES) as RuleId[]

/** Whether `value` is a known rule id. */
export function isRuleId(value: string): value is RuleId {
  return Object.hasOwn(RULES, value)
}

/** The documentation URL of a rule under `base` (default `DEFAULT_DOCS_BASE_URL`). */
export function ruleDocsUrl(id: RuleId, base: string = DEFAULT_DOCS_BASE_URL): string {
  return base.endsWith('/') ? `${base}${id}.md` : `${base}/${id}.md`
}
