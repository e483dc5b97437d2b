/**
 * The prepare stage's byte-level paths (#8, perf4) against the string paths
 * they stand beside: `decodeForPipeline` (valid UTF-8 decoded in line-aligned
 * chunks, the non-ASCII units found in the bytes) against `decode` and a
 * regex scan of its text; and `prepare` of the bytes (chunks, line starts
 * and line ending from the chunks, repairs made in the original's positions)
 * against `prepare` of the decoded string, which takes none of those paths.
 * Inputs: the corpus dumps (with and without a BOM), and seeded random texts
 * of up to a few chunks, with long lines (longer than a chunk), CRLF, line
 * feeds at and around the chunk boundary, mojibake, C1 controls, CJK and
 * four-byte characters; each also at every alignment of its bytes.
 */
import {readFileSync, readdirSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {decode, decodeForPipeline} from '../src/decode/index.js'
import {prepare} from '../src/pipeline.js'
import {generator, mixture} from './random.js'

const corpus = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url))
const dumpBytes = readdirSync(corpus)
  .filter((f) => f.endsWith('.dump.txt'))
  .sort()
  .map((f) => new Uint8Array(readFileSync(corpus + f)))
const dumpTexts = dumpBytes.map((b) => decode(b).text)

const PIECES = [
  'Ã©', 'Ã¤', 'Ã¶', 'Ã¼', 'Ã ', 'Ã  ', 'â€™', 'â€“', 'â€œ', 'â€\u009d', 'Ã¢â‚¬â„¢', 'Â ', 'Â', '\u0080', '\u0081', '\u0093', '\u009d',
  'é', 'ä', '–', '’', '€', '™', '中文', '한국어', 'Ελλάδα', 'Россия', '\ud83d\ude00', '\ud83c\uddf2\ud83c\uddf1', '\ufffd', '?',
  ' ', '  ', '\t', '\r', '\r\n', '\n', '\n\n', 'Mali', 'the', 'voilà', 'GÃ idhlig', 'word', '"', '`', '«', '»', '\ufeff'
]

/** A text of about `size` characters: mixtures joined by LF or CRLF, and now and then a line longer than a chunk. */
function randomText(rnd: (n: number) => number, size: number): string {
  const parts: string[] = []
  let length = 0
  const eol = rnd(3) === 0 ? '\r\n' : '\n'
  while (length < size) {
    let line = mixture(rnd, {sources: dumpTexts, pieces: PIECES, maxParts: 12, sliceOneIn: 3, maxSlice: 400, spaceOneIn: 3, startAtEnd: true})
    // Now and then a line longer than a chunk (of correct text: repairing
    // thousands of runs on one line is slow, and not what is tested here).
    if (rnd(40) === 0) line = 'Straße – “quoted” '.repeat(1000)
    parts.push(line)
    length += line.length + eol.length
  }
  return parts.join(rnd(8) === 0 ? '\r\n' : eol)
}

/** A text whose line feeds fall at bytes 16382–16386 (the chunk size is 16384), as ASCII. */
function boundaryTexts(): string[] {
  const out: string[] = []
  for (let at = 16380; at <= 16388; at++) {
    for (const tail of ['', 'Ã©\n', 'é€\nâ€™ x', '\n\n']) out.push(`${'a'.repeat(at)}\n${'über '.repeat(3000)}\nÃ¼ber\n${tail}`)
  }
  out.push('x'.repeat(40000), `${'é'.repeat(9000)}\n${'Ã©'.repeat(300)}`, '\n'.repeat(20000), '')
  return out
}

/** `bytes` copied to start at byte `offset` of a fresh buffer (another alignment). */
function at(bytes: Uint8Array, offset: number): Uint8Array {
  const buffer = new Uint8Array(bytes.length + offset)
  buffer.set(bytes, offset)
  return buffer.subarray(offset)
}

function nonAsciiByRegex(text: string): number[] {
  const out: number[] = []
  for (const m of text.matchAll(/[^\x00-\x7f]/g)) out.push(m.index)
  return out
}

function inputs(): Uint8Array[] {
  const rnd = generator(0x9e3779b9)
  const encoder = new TextEncoder()
  const texts = [...boundaryTexts()]
  for (let k = 0; k < 24; k++) texts.push(randomText(rnd, [200, 3000, 18000, 40000][k % 4] as number))
  const out: Uint8Array[] = []
  for (const text of texts) {
    const bytes = encoder.encode(text)
    out.push(bytes, at(bytes, 1 + (text.length % 3)), new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]))
  }
  for (const bytes of dumpBytes) out.push(bytes, at(bytes, 3), new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]))
  return out
}

describe('decodeForPipeline equals decode, in chunks, with the non-ASCII units found in the bytes', () => {
  it('on the corpus and on random texts, at every alignment', () => {
    let chunked = 0
    for (const bytes of inputs()) {
      const whole = decode(bytes)
      const fast = decodeForPipeline(bytes)
      expect(fast.decoded.encoding).toBe(whole.encoding)
      expect(fast.decoded.bom).toBe(whole.bom)
      expect(fast.decoded.diagnostics).toEqual(whole.diagnostics)
      expect(fast.decoded.text === whole.text).toBe(true)
      if (fast.chunks === null) {
        expect(fast.nonAscii).toBeNull()
        continue
      }
      const body = whole.bom ? whole.text.slice(1) : whole.text
      expect(fast.chunks.join('') === body).toBe(true)
      for (const chunk of fast.chunks.slice(0, -1)) expect(chunk.endsWith('\n')).toBe(true)
      expect(fast.nonAscii).toEqual(nonAsciiByRegex(body))
      if (fast.chunks.length > 1) chunked++
    }
    expect(chunked).toBeGreaterThan(40)
  })
})

describe('prepare of the bytes equals prepare of the decoded string', () => {
  it('text, original, repairs, diagnostics, source and positions', () => {
    let repaired = 0
    for (const bytes of inputs()) {
      const decoded = decode(bytes)
      if (decoded.encoding !== 'utf-8') continue
      const fast = prepare(bytes)
      const slow = prepare(decoded.text)
      expect(fast.text === slow.text).toBe(true)
      expect(fast.original === slow.original).toBe(true)
      expect(fast.repairs).toEqual(slow.repairs)
      expect(fast.diagnostics).toEqual(slow.diagnostics)
      expect(fast.source).toEqual(slow.source)
      // (Gathered, then compared once: an `expect` per point is slow.)
      const step = Math.max(1, Math.floor(fast.text.length / 300))
      const points = (p: typeof fast) => {
        const out: unknown[] = []
        for (let w = 0; w <= p.text.length; w += step) out.push(p.map.point(w))
        for (let o = 0; o <= p.original.length; o += step) out.push(p.map.toWorkOffset(o))
        return out
      }
      expect(points(fast)).toEqual(points(slow))
      const off = prepare(bytes, {repair: false})
      expect(off.text === (decoded.bom ? decoded.text.slice(1) : decoded.text)).toBe(true)
      expect(off.repairs).toEqual([])
      repaired += fast.repairs.length
    }
    expect(repaired).toBeGreaterThan(1000)
  })
})
