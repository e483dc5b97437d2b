/**
 * The CLI, in process: parse, repair, --help, --version, exit codes and
 * one-line errors.
 */

import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {cli} from './cli-helpers.js'

const seedPath = new URL('../fixtures/foreign-relations-of-mali.txt', import.meta.url).pathname
const seed = readFileSync(seedPath)


describe('foreign-relations parse', () => {
  it('prints the model as JSON', async () => {
    const {code, out, err} = await cli(['parse', seedPath])
    expect(code).toBe(0)
    expect(err).toBe('')
    const model = JSON.parse(out)
    expect(model.subject.iso2).toBe('ML')
    expect(model.bilateral).toHaveLength(13)
  })

  it('reads stdin when no file is given, and writes -o', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fr-cli-'))
    const output = join(dir, 'mali.json')
    const {code, out} = await cli(['parse', '-o', output], {stdin: seed})
    expect(code).toBe(0)
    expect(out).toBe('')
    expect(JSON.parse(readFileSync(output, 'utf8')).references).toHaveLength(22)
  })

  it('prints the mdast tree and Markdown', async () => {
    const mdast = await cli(['parse', '--format', 'mdast', seedPath])
    expect(mdast.code).toBe(0)
    const tree = JSON.parse(mdast.out)
    expect(tree.type).toBe('root')
    expect(tree.children.filter((c: {type: string}) => c.type === 'footnoteDefinition')).toHaveLength(22)
    const md = await cli(['parse', '--format', 'markdown', seedPath])
    expect(md.code).toBe(0)
    expect(md.out).toMatch(/^\| Country +\| Formal Relations Began +\| Notes +\|$/m)
    expect(md.out).toContain('See India–Mali relations<br>• India has an embassy in Bamako.[^14]<br>• Mali maintains')
    expect(md.out).toContain('[^5]')
    expect(md.out).toContain('See Canada–Mali relations<br>')
  })

  it('prints a summary with --summary', async () => {
    const {err} = await cli(['parse', seedPath, '--summary', '-o', join(mkdtempSync(join(tmpdir(), 'fr-cli-')), 'x.json')])
    expect(err).toContain('bilateral relations: 13')
    expect(err).toContain('references: 22 (8 empty)')
  })
})

describe('foreign-relations repair', () => {
  it('prints the repaired text, line ends kept, BOM dropped', async () => {
    const crlf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(seed.toString('utf8').replace(/\n/g, '\r\n'))])
    const {code, out} = await cli(['repair'], {stdin: crlf})
    expect(code).toBe(0)
    expect(out.charCodeAt(0)).not.toBe(0xfeff)
    expect(out).not.toContain('â€“')
    expect(out).toContain('See Canada–Mali relations')
    expect(out.split('\r\n')).toHaveLength(seed.toString('utf8').split('\n').length)
  })
})

describe('usage and errors', () => {
  it('--help and --version', async () => {
    const help = await cli(['--help'])
    expect(help.code).toBe(0)
    expect(help.out).toContain('Usage: foreign-relations')
    const version = await cli(['--version'])
    expect(version.code).toBe(0)
    expect(version.out.trim()).toBe(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version)
  })

  it('a missing file: exit 2, one line on stderr, no stack', async () => {
    const {code, out, err} = await cli(['parse', 'no/such/file.txt'])
    expect(code).toBe(2)
    expect(out).toBe('')
    expect(err.trim().split('\n')).toHaveLength(1)
    expect(err).toContain('no/such/file.txt')
    expect(err).not.toMatch(/\bat .*\.(ts|js):\d+/)
  })

  it('a directory, an unknown command, an unknown option, a bad format: exit 2', async () => {
    for (const argv of [['parse', tmpdir()], ['frobnicate'], ['parse', '--frob', seedPath], ['parse', '--format', 'xml', seedPath], []]) {
      const {code, err} = await cli(argv)
      expect(code, argv.join(' ')).toBe(2)
      expect(err.length).toBeGreaterThan(0)
    }
  })

  it('--debug shows the stack', async () => {
    const {code, err} = await cli(['parse', 'no/such/file.txt', '--debug'])
    expect(code).toBe(2)
    expect(err).toMatch(/CliError/)
    expect(err.split('\n').length).toBeGreaterThan(1)
  })

  it('an empty file gives an empty model with a diagnostic', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fr-cli-'))
    const file = join(dir, 'empty.txt')
    writeFileSync(file, '')
    const {code, out} = await cli(['parse', file])
    expect(code).toBe(0)
    const model = JSON.parse(out)
    expect(model.bilateral).toEqual([])
    expect(model.diagnostics.map((d: {ruleId: string}) => d.ruleId)).toContain('empty-input')
  })

  it('a binary file (NUL bytes, not UTF-16): exit 2, one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fr-cli-'))
    const file = join(dir, 'x.bin')
    writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00, 0x42]))
    const {code, err} = await cli(['parse', file])
    expect(code).toBe(2)
    expect(err.trim().split('\n')).toHaveLength(1)
    expect(err).toContain('binary file')
  })
})

describe('foreign-relations schema', () => {
  it('prints the JSON Schema of the model', async () => {
    const {code, out} = await cli(['schema'])
    expect(code).toBe(0)
    const schema = JSON.parse(out)
    expect(JSON.stringify(schema)).toContain('ForeignRelations')
  })
})
