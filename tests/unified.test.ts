/**
 * The unified plugin: `unified().use(foreignRelationsParse)` gives the same
 * tree as `parseDocument`, for the Mali dump and for every corpus dump, and
 * the Markdown export runs through remark-stringify.
 */

import {readFileSync} from 'node:fs'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {foreignRelationsParse, parseDocument} from '../src/index.js'
import {toMarkdown} from '../src/cli/markdown.js'
import {corpusNames, loadPage} from './corpus-helpers.js'

const seed = readFileSync(new URL('../fixtures/foreign-relations-of-mali.txt', import.meta.url))

/** JSON round trip: the trees as plain data (positions, data and all). */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value))
}

describe('foreignRelationsParse', () => {
  it('unified().use(foreignRelationsParse).parse(text) equals parseDocument(text) for the Mali dump', () => {
    const text = seed.toString('utf8')
    const tree = unified().use(foreignRelationsParse).parse(text)
    const expected = parseDocument(text)
    expect(tree.type).toBe('root')
    expect(tree.children.filter((c) => c.type === 'table')).toHaveLength(1)
    expect(tree.children.filter((c) => c.type === 'footnoteDefinition')).toHaveLength(22)
    expect(plain(tree)).toEqual(plain(expected))
  })

  it('reads bytes in a VFile with the package decoder (Windows-1252, UTF-16), like parseDocument', () => {
    const bytes = new Uint8Array([...Buffer.from('Foreign relations of Mali\n\nCaf'), 0xe9, ...Buffer.from(' au lait\n')])
    const tree = unified().use(foreignRelationsParse).parse(new VFile({value: bytes}))
    expect(plain(tree)).toEqual(plain(parseDocument(bytes)))
    expect(JSON.stringify(tree)).toContain('Café au lait')
    const utf16 = Buffer.from('\ufeffHello [1]\n', 'utf16le')
    expect(plain(unified().use(foreignRelationsParse).parse(new VFile({value: utf16})))).toEqual(plain(parseDocument(utf16)))
  })

  it('passes repair: false through and reports diagnostics as file messages', () => {
    const text = 'A dash â€“ here.[1]\n'
    const repaired = unified().use(foreignRelationsParse).parse(text)
    const raw = unified().use(foreignRelationsParse, {repair: false}).parse(text)
    expect(JSON.stringify(repaired)).toContain('A dash – here.')
    expect(JSON.stringify(raw)).toContain('A dash â€“ here.')
    expect(plain(raw)).toEqual(plain(parseDocument(text, {repair: false})))
    const file = new VFile(text)
    unified().use(foreignRelationsParse).parse(file)
    const ids = file.messages.map((m) => m.ruleId)
    expect(ids).toContain('mojibake-repaired')
    expect(file.messages.every((m) => m.source === 'foreign-relations')).toBe(true)
  })

  it('equals parseDocument on every corpus dump', () => {
    const names = corpusNames()
    expect(names.length).toBe(38)
    for (const name of names) {
      const {dump} = loadPage(name)
      expect(plain(unified().use(foreignRelationsParse).parse(new VFile({value: dump}))), name).toEqual(plain(parseDocument(dump)))
    }
  })

  it('the Markdown export of the plugin tree is GFM (table, footnotes)', () => {
    const md = toMarkdown(unified().use(foreignRelationsParse).parse(seed.toString('utf8')))
    expect(md).toMatch(/^\| Country +\| Formal Relations Began +\| Notes +\|$/m)
    expect(md).toMatch(/^\[\^1\]: /m)
  })
})
