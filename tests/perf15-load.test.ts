/**
 * The tables built when the library loads, built more cheaply since the
 * tenth performance session (each process and worker thread builds them):
 * they must be what their definitions give.
 */

import iconv from 'iconv-lite'
import {describe, expect, it, vi} from 'vitest'
import {CODECS, SUSPECT_CONT, SUSPECT_LEAD} from '../src/repair/codecs.js'
import {allCountries, findMentions, findMentionsReference} from '../src/model/countries.js'

/** iconv-lite's name of each codec, and whether the bytes it leaves undefined stay as the C1 control of their number. */
const SPEC: Record<string, {iconv: string; sloppy: boolean}> = {
  'windows-1252': {iconv: 'windows-1252', sloppy: true},
  'windows-1250': {iconv: 'windows-1250', sloppy: true},
  'iso-8859-2': {iconv: 'iso-8859-2', sloppy: false},
  'windows-1251': {iconv: 'windows-1251', sloppy: true},
  'windows-1257': {iconv: 'windows-1257', sloppy: true},
  macroman: {iconv: 'macintosh', sloppy: false},
  cp437: {iconv: 'cp437', sloppy: false}
}

describe('codec tables', () => {
  it('decode each byte as iconv-lite decodes that byte alone', () => {
    expect(CODECS.map((c) => c.name)).toEqual(Object.keys(SPEC))
    for (const codec of CODECS) {
      const spec = SPEC[codec.name]!
      const expected: string[] = []
      for (let b = 0; b < 256; b++) {
        let ch = iconv.decode(Buffer.from([b]), spec.iconv)
        if (ch === '\uFFFD') {
          if (spec.iconv === 'macintosh' && b === 0xf0) ch = '\uF8FF'
          else if (spec.sloppy) ch = String.fromCharCode(b)
        }
        expected.push(ch)
      }
      expect(codec.decode, codec.name).toEqual(expected)
    }
    // The C1 controls are kept by windows-1252 (Latin-1 read as it), not by the strict codecs.
    expect(CODECS[0]!.decode[0x81]).toBe('\u0081')
    expect(CODECS[2]!.decode[0x41]).toBe('A')
  })

  it('encode every character to the first byte that decodes to it', () => {
    for (const codec of CODECS) {
      for (let b = 0; b < 256; b++) {
        const ch = codec.decode[b]!
        if (ch.length !== 1 || ch === '\uFFFD') continue
        const code = ch.charCodeAt(0)
        expect(codec.encode[code], `${codec.name} ${b}`).toBe(codec.decode.findIndex((d) => d === ch))
      }
    }
    // windows-1252's extra mapping: a C1 control to its own byte (Latin-1
    // read it so), also where the byte is cp1252's punctuation (0x80 is €).
    expect(CODECS[0]!.encode[0x80]).toBe(0x80)
    expect(CODECS[0]!.encode[0x20ac]).toBe(0x80)
    // A character no byte decodes to.
    expect(CODECS[0]!.encode[0x4e00]).toBe(-1)
  })

  it('mark UTF-8 lead and continuation bytes as the 65,536-code definition does', () => {
    const lead = new Uint8Array(65536)
    const cont = new Uint8Array(65536)
    CODECS.forEach((codec, k) => {
      for (let code = 0x80; code < 65536; code++) {
        const b = codec.encode[code]!
        if (b >= 0xc2 && b <= 0xf4) lead[code]! |= 1 << k
        if (b >= 0x80 && b <= 0xbf) cont[code]! |= 1 << k
      }
    })
    cont[0xfffd] = 0xff
    expect(Buffer.from(SUSPECT_LEAD).equals(Buffer.from(lead))).toBe(true)
    expect(Buffer.from(SUSPECT_CONT).equals(Buffer.from(cont))).toBe(true)
    // `Ã` (0xC3 in windows-1252) leads, `©` (0xA9) continues: `Ã©` is the mojibake of `é`.
    expect(SUSPECT_LEAD[0xc3]! & 1).toBe(1)
    expect(SUSPECT_CONT[0xa9]! & 1).toBe(1)
  })
})

describe('country trie', () => {
  it('holds every form of the dataset: the packed walk finds what the walk over the node objects finds', () => {
    // Every name, official name, alternative spelling and demonym, so that
    // a trie cut short (its size counted wrong) misses some form whichever
    // it laid out last.
    const forms = allCountries().flatMap((c) => [c.name, c.official, ...c.altSpellings, ...c.demonyms])
    const text = forms.join('; ')
    const found = findMentions(text)
    expect(found).toEqual(findMentionsReference(text))
    // Most forms are found as themselves (a few are blocked or ambiguous).
    expect(found.length).toBeGreaterThan(forms.length * 0.9)
    expect(new Set(found.flatMap((m) => m.candidates)).size).toBeGreaterThan(240)
  })
})

describe('cluster widths', () => {
  it('make the grapheme segmenter on first use, not at load', async () => {
    const made: unknown[] = []
    const Original = Intl.Segmenter
    class Counting extends Original {
      constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
        super(...args)
        made.push(args)
      }
    }
    const intl = Intl as {Segmenter: typeof Intl.Segmenter}
    vi.resetModules()
    intl.Segmenter = Counting
    try {
      const width = await import('../src/parse/width.js')
      expect(made).toHaveLength(0)
      // The man, woman and girl joined by ZWJ: one cluster of width 2.
      expect(width.displayWidthClusters('\u{1F468}\u200D\u{1F469}\u200D\u{1F467} family')).toBe(9)
      expect(width.displayWidthClusters('e\u0301t\u00E9')).toBe(3)
      expect(made).toEqual([['en', {granularity: 'grapheme'}]])
    } finally {
      intl.Segmenter = Original
      vi.resetModules()
    }
  })
})
