import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {encodeUtf8} from '../src/cli/utf8.js'
import {parseForeignRelations} from '../src/index.js'
import {generator} from './random.js'

describe('encodeUtf8 (the batch output encoder)', () => {
  const seed = readFileSync(new URL('../fixtures/foreign-relations-of-mali.txt', import.meta.url), 'utf8')
  const json = JSON.stringify(parseForeignRelations(seed))

  it('gives the bytes Buffer.from gives, on the seed model and on random strings with lone surrogates', () => {
    expect(Buffer.from(encodeUtf8(json)).equals(Buffer.from(json, 'utf8'))).toBe(true)
    const rnd = generator(7)
    const units = [0x41, 0xe9, 0x2013, 0xd83d, 0xde00, 0xdc00, 0xd800, 0x0a, 0xfeff, 0x10]
    for (let n = 0; n < 500; n++) {
      let s = ''
      for (let k = rnd(40); k > 0; k--) s += String.fromCharCode(units[rnd(units.length)]!)
      expect(Buffer.from(encodeUtf8(s)).equals(Buffer.from(s, 'utf8'))).toBe(true)
    }
  })

  it('is a view that the next call reuses, and still right past the scratch limit', () => {
    const a = encodeUtf8('first')
    const copy = a.slice()
    encodeUtf8('other')
    expect(Buffer.from(copy).toString()).toBe('first')
    // 6 M code units: over the 16 MB scratch limit at 3 bytes each.
    const big = 'é–'.repeat(3_000_000)
    const bytes = encodeUtf8(big)
    expect(bytes.length).toBe(15_000_000)
    expect(Buffer.from(bytes).equals(Buffer.from(big, 'utf8'))).toBe(true)
  })
})
