/**
 * `foreign-relations schema`: print the JSON Schema of the ForeignRelations
 * JSON that `foreign-relations parse` writes.
 *
 * The schema is generated from `src/model/types.ts` by `scripts/schema.mjs`
 * (`npm run schema`) and shipped as `schema/foreign-relations.schema.json`
 * (also exported as `foreign-relations/schema.json`); this command prints
 * that file, so the CLI and the package cannot disagree.
 */

import {readFileSync, writeFileSync} from 'node:fs'
import {parseArgs} from 'node:util'

/** Where `runSchema` writes. */
export interface SchemaIo {
  stdout: (s: string) => void
  stderr: (s: string) => void
}

/** The usage text of `schema`. */
export const SCHEMA_USAGE = `Usage: foreign-relations schema [-o FILE]

Prints the JSON Schema (draft-07) of the JSON that \`foreign-relations parse\` writes.

Options:
  -o, --output <FILE>   write the schema to FILE instead of stdout
  -h, --help            show this help
`

/** The location of the shipped schema (the same from `src/cli/` and `dist/cli/`). */
export const schemaUrl: URL = new URL('../../schema/foreign-relations.schema.json', import.meta.url)

/** The text of the shipped schema file. */
export function schemaText(): string {
  return readFileSync(schemaUrl, 'utf8')
}

/**
 * Run `foreign-relations schema`.  Returns the exit code (0); a usage or
 * I/O problem throws an `Error` whose message is one line (the caller prints
 * it and exits 2).
 *
 * @param args the arguments after `schema`
 * @param io where to write
 */
export async function runSchema(args: string[], io: SchemaIo): Promise<number> {
  const {values, positionals} = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: {type: 'string', short: 'o'},
      help: {type: 'boolean', short: 'h', default: false},
      debug: {type: 'boolean', default: false}
    }
  })
  if (values.help) {
    io.stdout(SCHEMA_USAGE)
    return 0
  }
  if (positionals.length > 0) throw new Error(`schema takes no FILE (got ${JSON.stringify(positionals[0])}); use -o FILE to write one`)
  const text = schemaText()
  if (values.output === undefined || values.output === '-') {
    io.stdout(text)
    return 0
  }
  try {
    writeFileSync(values.output, text)
  } catch (error) {
    throw new Error(`cannot write ${values.output}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`)
  }
  return 0
}
