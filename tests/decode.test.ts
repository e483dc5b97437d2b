import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import iconv from 'iconv-lite'
import {describe, expect, it} from 'vitest'
import {decode} from '../src/decode/index.js'

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url))
const text = 'Foreign relations of Côte d’Ivoire – São Tomé\n'

function utf16(s: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const bytes = Buffer.from(s, 'utf16le')
  if (endian === 'be') bytes.swap16()
  const mark = endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]
  return new Uint8Array(bom ? [...mark, ...bytes] : [...bytes])
}

describe('decode', () => {
  it('reads UTF-8 without a BOM', () => {
    expect(decode(new TextEncoder().encode(text))).toEqual({text, encoding: 'utf-8', bom: false, diagnostics: []})
  })

  it('keeps a UTF-8 BOM as U+FEFF at offset 0', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])
    expect(decode(bytes)).toEqual({text: '\uFEFF' + text, encoding: 'utf-8', bom: true, diagnostics: []})
  })

  it('reads UTF-16 LE and BE with a BOM, keeping the BOM', () => {
    expect(decode(utf16(text, 'le', true))).toMatchObject({text: '\uFEFF' + text, encoding: 'utf-16le', bom: true, diagnostics: [{ruleId: 'not-utf8', line: 1, column: 1}]})
    expect(decode(utf16(text, 'be', true))).toMatchObject({text: '\uFEFF' + text, encoding: 'utf-16be', bom: true, diagnostics: [{ruleId: 'not-utf8', line: 1, column: 1}]})
  })

  it('recognizes UTF-16 without a BOM by its NUL bytes', () => {
    expect(decode(utf16(text, 'le', false))).toMatchObject({text: text, encoding: 'utf-16le', bom: false, diagnostics: [{ruleId: 'not-utf8', line: 1, column: 1}]})
    expect(decode(utf16(text, 'be', false))).toMatchObject({text: text, encoding: 'utf-16be', bom: false, diagnostics: [{ruleId: 'not-utf8', line: 1, column: 1}]})
  })

  it('reads a Windows-1252 file (Côte as 0xF4) and says so', () => {
    const bytes = new Uint8Array(iconv.encode('Line one\nCôte d’Ivoire – 20 €\n', 'windows-1252'))
    expect(bytes[10]).toBe(0xf4)
    const result = decode(bytes)
    expect(result.text).toBe('Line one\nCôte d’Ivoire – 20 €\n')
    expect(result.encoding).toBe('windows-1252')
    expect(result.bom).toBe(false)
    expect(result.diagnostics).toHaveLength(1)
    expect(result.diagnostics[0]).toMatchObject({ruleId: 'not-utf8', line: 2, column: 2, offset: 10})
  })

  it('keeps bytes Windows-1252 leaves undefined as C1 controls and reports them', () => {
    const bytes = new Uint8Array([0x61, 0xff, 0x0a, 0x62, 0x81, 0x63]) // a ÿ \n b 0x81 c
    const result = decode(bytes)
    expect(result.text).toBe('aÿ\nb\u0081c')
    expect(result.encoding).toBe('windows-1252')
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(['not-utf8', 'undecodable-bytes'])
    expect(result.diagnostics[1]).toMatchObject({line: 2, column: 2, offset: 4})
  })

  it('reads invalid UTF-8 (a truncated sequence) as Windows-1252 without throwing', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('See Canada'), 0xe2, 0x80, 0x20, 0x4d])
    const result = decode(bytes)
    expect(result.encoding).toBe('windows-1252')
    expect(result.text).toBe('See Canadaâ€ M')
    expect(result.diagnostics[0]).toMatchObject({ruleId: 'not-utf8', line: 1, column: 11})
  })

  it('keeps the BOM of a file that is not UTF-8 after it', () => {
    const result = decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x43, 0xf4, 0x74, 0x65]))
    expect(result).toMatchObject({text: '\uFEFFCôte', encoding: 'windows-1252', bom: true})
    // Positions count the BOM as one unit.
    expect(result.diagnostics[0]).toMatchObject({ruleId: 'not-utf8', line: 1, column: 3, offset: 2})
  })

  it('never throws, whatever the bytes', () => {
    for (const bytes of [[], [0xff], [0xfe], [0x00], [0xff, 0xfe, 0x41], [0x00, 0x41, 0x00], [0xc3], [0xed, 0xa0, 0x80]]) {
      const result = decode(new Uint8Array(bytes))
      expect(typeof result.text).toBe('string')
    }
    expect(decode(new Uint8Array([]))).toEqual({text: '', encoding: 'utf-8', bom: false, diagnostics: []})
  })

  it('decodes the seed as UTF-8 (its mojibake is valid UTF-8)', () => {
    const bytes = new Uint8Array(readFileSync(`${fixtures}foreign-relations-of-mali.txt`))
    const result = decode(bytes)
    expect(result.encoding).toBe('utf-8')
    expect(result.bom).toBe(false)
    expect(result.text).toContain('See Canadaâ€“Mali relations')
  })

  it('decodes a cp1252-crlf-bom corpus dump with its BOM', () => {
    const manifest = readFileSync(`${fixtures}corpus/manifest.jsonl`, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as {name: string; corruption: string})
    const page = manifest.find((m) => m.corruption === 'cp1252-crlf-bom')
    expect(page).toBeDefined()
    const result = decode(new Uint8Array(readFileSync(`${fixtures}corpus/${page?.name}.dump.txt`)))
    expect(result.encoding).toBe('utf-8')
    expect(result.bom).toBe(true)
    expect(result.text.charCodeAt(0)).toBe(0xfeff)
    expect(result.text).toContain('\r\n')
  })
})
