/**
 * The JSON Schema of the ForeignRelations JSON: generated from the types
 * (no drift), printed by `foreign-relations schema`, and the Mali output and
 * all corpus outputs valid under it (ajv, strict mode).
 */

import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {Ajv} from 'ajv'
import {describe, expect, it} from 'vitest'
import {run} from '../src/cli/main.js'
import {runSchema} from '../src/cli/schema.js'
import {parseForeignRelations} from '../src/index.js'
import {corpusNames, loadPage} from './corpus-helpers.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const committed = readFileSync(new URL('../schema/foreign-relations.schema.json', import.meta.url), 'utf8')
const seedPath = fileURLToPath(new URL('../fixtures/foreign-relations-of-mali.txt', import.meta.url))

async function capture(f: (io: {stdout: (s: string) => void; stderr: (s: string) => void}) => Promise<number>): Promise<{code: number; out: string; err: string}> {
  let out = ''
  let err = ''
  const code = await f({stdout: (s) => (out += s), stderr: (s) => (err += s)})
  return {code, out, err}
}

function compile(schemaText: string) {
  const ajv = new Ajv({allErrors: true, strict: true})
  return ajv.compile(JSON.parse(schemaText) as object)
}

describe('JSON Schema', () => {
  it('is what scripts/schema.mjs generates from src/model/types.ts (run `npm run schema` after changing the types)', {timeout: 60_000}, () => {
    const generated = execFileSync(process.execPath, ['scripts/schema.mjs', '--stdout'], {cwd: root, encoding: 'utf8'})
    expect(generated).toBe(committed)
  })

  it('`foreign-relations schema` prints it; the Mali output of `foreign-relations parse` is valid', async () => {
    const schema = await capture((io) => runSchema([], io))
    expect(schema.code).toBe(0)
    expect(schema.out).toBe(committed)
    const parsed = await capture((io) => run(['parse', seedPath], {...io, cwd: root}))
    expect(parsed.code).toBe(0)
    const validate = compile(schema.out)
    const model = JSON.parse(parsed.out) as {bilateral: unknown[]; overview: unknown[]}
    expect(model.bilateral).toHaveLength(13)
    expect(model.overview.length).toBeGreaterThan(0)
    expect(validate(model), JSON.stringify(validate.errors)).toBe(true)
  })

  it('rejects a model that breaks the types', () => {
    const validate = compile(committed)
    const model = JSON.parse(JSON.stringify(parseForeignRelations(readFileSync(seedPath)))) as Record<string, unknown> & {
      bilateral: Array<{partner: {iso2: unknown}}>
      claims: Array<Record<string, unknown>>
    }
    expect(validate(model)).toBe(true)
    model.bilateral[0]!.partner.iso2 = 12
    expect(validate(model)).toBe(false)
    model.bilateral[0]!.partner.iso2 = 'DZ'
    model.claims[0]!.extra = true
    expect(validate(model)).toBe(false)
    delete model.claims[0]!.extra
    delete model.source
    expect(validate(model)).toBe(false)
  })

  it('every corpus output is valid', () => {
    const validate = compile(committed)
    const names = corpusNames()
    expect(names).toHaveLength(38)
    const invalid: string[] = []
    for (const name of names) {
      const model: unknown = JSON.parse(JSON.stringify(parseForeignRelations(loadPage(name).dump)))
      if (!validate(model)) invalid.push(`${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`)
    }
    expect(invalid).toEqual([])
  })

  it('-o writes the file; a FILE argument is a usage error', async () => {
    const {mkdtempSync} = await import('node:fs')
    const {tmpdir} = await import('node:os')
    const {join} = await import('node:path')
    const file = join(mkdtempSync(join(tmpdir(), 'fr-schema-')), 's.json')
    const written = await capture((io) => runSchema(['-o', file], io))
    expect(written.code).toBe(0)
    expect(written.out).toBe('')
    expect(readFileSync(file, 'utf8')).toBe(committed)
    await expect(capture((io) => runSchema(['x.txt'], io))).rejects.toThrow(/schema takes no FILE/)
  })
})
