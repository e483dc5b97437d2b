/**
 * foreign-relations: raw pandoc plain-text dumps of Wikipedia “Foreign
 * relations of X” articles → a typed model, an mdast tree and a
 * claim-to-citation resolver.
 *
 * @packageDocumentation
 */

import type {Root} from 'mdast'
import {prepareDocument} from './pipeline.js'
import {buildModel} from './model/index.js'
import type {ForeignRelations, ParseOptions} from './model/types.js'

export type * from './model/types.js'
export type {BlockTableCell, Category, LinkNumber, LostTable, Template} from './parse/nodes.js'
export {decode} from './decode/index.js'
export {repairMojibake} from './repair/index.js'
export {createResolver, linkCitations} from './resolve/index.js'
export type {
  Coverage,
  CoverageFigure,
  DanglingCitation,
  LinkedCitations,
  PartnerCoverage,
  Resolver,
  ResolverOptions,
  SectionCoverage
} from './resolve/index.js'
export {foreignRelationsParse} from './unified.js'
export type {ForeignRelationsParseOptions} from './unified.js'

/**
 * Parse a dump into the ForeignRelations model.
 *
 * @param input the dump, as a string or as bytes (any encoding `decode` knows)
 * @param options repair, claim scope, title
 */
export function parseForeignRelations(input: string | Uint8Array, options: ParseOptions = {}): ForeignRelations {
  const doc = prepareDocument(input, options)
  return buildModel(doc, {claimScope: options.claimScope, title: options.title ?? null})
}

/**
 * Parse any dump (not only foreign relations) into an mdast tree.  Positions
 * refer to the original input; diagnostics are on `tree.data.diagnostics`.
 */
export function parseDocument(input: string | Uint8Array, options: ParseOptions = {}): Root {
  const doc = prepareDocument(input, options)
  const tree = doc.tree
  tree.data = {...tree.data, diagnostics: doc.diagnostics, repairs: doc.repairs, source: doc.source}
  return tree
}
