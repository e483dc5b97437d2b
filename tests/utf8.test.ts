import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {Utf8Buffer} from '../src/cli/utf8.js'
import {parseForeignRelations} from '../src/index.js'
import {generator} from './random.js'

describe('Utf8Buffer (the batch output encoder)', () => {
  const seed = readFileSync(new URL('../fixtures/foreign-relations-of-mali.txt', import.meta.url), 'utf8')
  const json = JSON.stringify(parseForeignRelations(seed))

  it('gives the bytes Buffer.from gives, on the seed model and on random strings with lone surrogates, appended piece by piece', () => {
    const whole = new Utf8Buffer(16)
    whole.append(json)
    expect(Buffer.from(whole.view()).equals(Buffer.from(json, 'utf8'))).toBe(true)
    const rnd = generator(7)
    const units = [0x41, 0xe9, 0x2013, 0xd83d, 0xde00, 0xdc00, 0xd800, 0x0a, 0xfeff, 0x10]
    for (let n = 0; n < 200; n++) {
      // Small at first: it grows while it holds the earlier pieces.
      const out = new Utf8Buffer(8)
      const pieces: Buffer[] = []
      for (let piece = rnd(5); piece >= 0; piece--) {
        let s = ''
        for (let k = rnd(40); k > 0; k--) s += String.fromCharCode(units[rnd(units.length)]!)
        out.append(s)
        // Each piece is encoded by itself: a pair split between two pieces is two lone surrogates.
        pieces.push(Buffer.from(s, 'utf8'))
      }
      expect(Buffer.from(out.view()).equals(Buffer.concat(pieces))).toBe(true)
    }
  })

  it('appends array JSON as elements, and truncates back to a mark', () => {
    const out = new Utf8Buffer(4)
    out.append('{"a":')
    out.appendElements('[1,"é"]', true)
    const mark = out.size
    out.appendElements('["–",{"b":[2]}]', false)
    out.append(']}')
    expect(Buffer.from(out.view()).toString('utf8')).toBe('{"a":[1,"é","–",{"b":[2]}]}')
    out.truncate(mark)
    out.append(']}')
    expect(Buffer.from(out.view()).toString('utf8')).toBe('{"a":[1,"é"]}')
    expect(out.size).toBe(Buffer.byteLength('{"a":[1,"é"]}'))
  })

  it('clear empties it and gives up a buffer grown past 16 MB; a string that large is measured, not reserved at 3 bytes a unit', () => {
    const out = new Utf8Buffer()
    out.append('first')
    out.clear()
    out.append('other')
    expect(Buffer.from(out.view()).toString()).toBe('other')
    // 8 M code units, 20 MB: over the 16 MB that are kept.
    const big = 'é–'.repeat(4_000_000)
    out.append(big)
    expect(out.view().length).toBe(20_000_005)
    expect(Buffer.from(out.view()).equals(Buffer.from(`other${big}`, 'utf8'))).toBe(true)
    expect((out.view().buffer as ArrayBuffer).byteLength).toBe(20_000_005)
    out.clear()
    out.append('x')
    expect((out.view().buffer as ArrayBuffer).byteLength).toBe(1 << 16)
  })
})
