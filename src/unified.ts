/**
 * A unified parser plugin: `unified().use(foreignRelationsParse)` parses a
 * pandoc plain-text dump into the same mdast tree as `parseDocument`.
 *
 * @example
 *   import {unified} from 'unified'
 *   import {foreignRelationsParse} from 'foreign-relations'
 *
 *   const tree = unified().use(foreignRelationsParse).parse(dump)
 */

import type {Root} from 'mdast'
import type {Parser, Plugin} from 'unified'
import {parseDocument} from './index.js'
import type {ParseOptions} from './model/types.js'

/** Options of `foreignRelationsParse`: those of `parseDocument` (`claimScope` is not used by the tree). */
export type ForeignRelationsParseOptions = Pick<ParseOptions, 'repair'>

type VFileLike = Parameters<Parser<Root>>[1]

/**
 * unified plugin that sets the parser: a dump (string, or bytes in a
 * `VFile`, decoded by `decode` rather than as UTF-8) to an mdast `Root`.
 * Diagnostics stay on `tree.data.diagnostics`, as with `parseDocument`, and
 * are also added to the file as messages (`info` severity as info messages),
 * with `source` `foreign-relations` and the diagnostic's `ruleId`.
 *
 * @param options `repair: false` skips mojibake repair
 */
export const foreignRelationsParse: Plugin<[ForeignRelationsParseOptions?], string, Root> = function (options) {
  const settings: ParseOptions = {...(options ?? {})}
  const parser: Parser<Root> = (document: string, file: VFileLike): Root => {
    // unified hands the parser `String(file)`, which decodes bytes as UTF-8;
    // give our decoder the bytes themselves so that UTF-16 and Windows-1252
    // dumps are read as `parseDocument` reads them.
    const value: unknown = file.value
    const input = value instanceof Uint8Array ? value : document
    const tree = parseDocument(input, settings)
    for (const d of tree.data?.diagnostics ?? []) {
      const place = {line: d.line, column: d.column}
      const origin = {place, ruleId: d.ruleId, source: 'foreign-relations'}
      if (d.severity === 'info') file.info(d.message, origin)
      else file.message(d.message, origin)
    }
    return tree
  }
  this.parser = parser
}
