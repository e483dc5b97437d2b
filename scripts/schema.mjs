#!/usr/bin/env node
/**
 * Generate the JSON Schema of the ForeignRelations JSON from the one source
 * of truth, `src/model/types.ts`, with ts-json-schema-generator.
 *
 *   node scripts/schema.mjs            write schema/foreign-relations.schema.json
 *   node scripts/schema.mjs --stdout   print it instead (tests/schema.test.ts
 *                                      compares this with the committed file)
 *
 * The mdast nodes inside the model (overview paragraphs, notes blocks) come
 * from `@types/mdast`, whose types the generator cannot render (unist's and
 * mdast's `Node` collide, and the mdast unions are huge); they are described
 * loosely as `{type: string, …}` objects by a small parser/formatter pair
 * plugged into the generator's documented extension points.
 */

import {writeFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import ts from 'typescript'
import {BaseType, SchemaGenerator, createFormatter, createParser, createProgram} from 'ts-json-schema-generator'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = fileURLToPath(new URL('../schema/foreign-relations.schema.json', import.meta.url))

/** A node type from mdast/unist, written as a loose object. */
class MdastType extends BaseType {
  constructor(name) {
    super()
    this.name = name
  }

  getId() {
    return `mdast-${this.name}`
  }
}

/** Parses references to types declared in `@types/mdast` or `@types/unist`. */
class MdastParser {
  constructor(checker) {
    this.checker = checker
  }

  declarationFile(node) {
    if (!ts.isTypeReferenceNode(node)) return null
    let symbol = this.checker.getSymbolAtLocation(node.typeName)
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol)
    const declaration = symbol?.declarations?.[0]
    return declaration ? declaration.getSourceFile().fileName : null
  }

  supportsNode(node) {
    const file = this.declarationFile(node)
    return file !== null && /[\\/]@types[\\/](mdast|unist)[\\/]/.test(file)
  }

  createType(node) {
    return new MdastType(node.typeName.getText())
  }
}

/** Formats an mdast node type as `{type: string, children?: node[], …}`. */
class MdastFormatter {
  supportsType(type) {
    return type instanceof MdastType
  }

  getDefinition(type) {
    const node = {type: 'object', required: ['type'], properties: {type: {type: 'string'}}}
    return {
      type: 'object',
      description: `An mdast \`${type.name}\` node (https://github.com/syntax-tree/mdast), described loosely: its \`type\`, \`children\` and other fields are not checked in depth.`,
      required: ['type'],
      properties: {
        type: {type: 'string'},
        children: {type: 'array', items: node},
        value: {type: 'string'},
        position: {type: 'object'}
      }
    }
  }

  getChildren() {
    return []
  }
}

/** The schema, as an object. */
export function generateSchema() {
  const config = {
    path: `${root}src/model/types.ts`,
    tsconfig: `${root}tsconfig.json`,
    type: 'ForeignRelations',
    skipTypeCheck: true,
    additionalProperties: false,
    sortProps: true
  }
  const program = createProgram(config)
  const parser = createParser(program, config, (chain) => {
    chain.addNodeParser(new MdastParser(program.getTypeChecker()))
  })
  const formatter = createFormatter(config, (chain) => {
    chain.addTypeFormatter(new MdastFormatter())
  })
  const schema = new SchemaGenerator(program, parser, formatter, config).createSchema(config.type)
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://unpkg.com/foreign-relations/schema/foreign-relations.schema.json',
    title: 'ForeignRelations',
    description: 'The ForeignRelations JSON of foreign-relations (`foreign-relations parse`), generated from src/model/types.ts by scripts/schema.mjs: do not edit by hand.',
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema'))
  }
}

/** The schema, as the text of the committed file. */
export function schemaText() {
  return `${JSON.stringify(generateSchema(), null, 2)}\n`
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--stdout')) process.stdout.write(schemaText())
  else {
    writeFileSync(out, schemaText())
    process.stderr.write(`wrote ${out}\n`)
  }
}
