/**
 * The pipeline keeps the repaired text in chunks (#8, perf13): `prepare`
 * gives `chunks` (its `text` is joined on first read), the repairer repairs
 * each chunk on its own (`repairInChunks`), and the parser splits the lines
 * chunk by chunk.  Checked against the whole text: the chunks join to the
 * text the frozen repairer (tests/reference/repair.ts) makes, and the frozen `splitLines` / `parseText` of the chunks
 * equal those of the joined text — on the corpus dumps and on seeded random
 * texts cut into random line-aligned chunks (empty chunks, CRLF, a final
 * line feed or not, an empty last chunk).
 */
import {readFileSync, readdirSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {prepare, prepareDocument} from '../src/pipeline.js'
import {repairInChunks} from '../src/repair/index.js'
// The whole text repaired by the frozen repairer (not by the code under test).
import {repairChunks, repairMojibake} from './reference/repair.js'
import {decode} from '../src/decode/index.js'
import {splitLines} from './reference/lines.js'
import {parseText} from '../src/parse/index.js'
import {lineStartsOf} from '../src/util/position.js'
import {generator, mixture} from './random.js'

const corpus = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url))
const dumpBytes = readdirSync(corpus)
  .filter((f) => f.endsWith('.dump.txt'))
  .sort()
  .map((f) => new Uint8Array(readFileSync(corpus + f)))

const PIECES = ['Ã©', 'â€™', 'Â ', '\u0093', 'é', '’', ' ', '\t', '\r', '\r\n', '\n', '\n\n', '[1] note', '[2]', 'word', '', '   \n']

/** `text` cut into chunks after random line feeds (some chunks empty). */
function cut(text: string, rnd: (n: number) => number): string[] {
  const chunks: string[] = []
  let from = 0
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (rnd(3) === 0) {
      chunks.push(text.slice(from, i + 1))
      if (rnd(8) === 0) chunks.push('')
      from = i + 1
    }
  }
  chunks.push(text.slice(from))
  return chunks
}

describe('prepare keeps the text in chunks', () => {
  it('corpus: the chunks join to the whole text repaired at once; lines and trees equal those of the whole text', () => {
    let multi = 0
    for (const bytes of dumpBytes) {
      const p = prepare(bytes)
      const whole = p.chunks.join('')
      // The chunks, repaired one by one, against the text decoded and repaired whole.
      const decoded = decode(bytes).text
      const expected = repairMojibake(decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded).text
      expect(whole === expected).toBe(true)
      expect(p.text === expected).toBe(true)
      if (p.chunks.length > 1) multi++
      for (const chunk of p.chunks.slice(0, -1)) expect(chunk.endsWith('\n')).toBe(true)
      expect(splitLines(p.chunks)).toEqual(splitLines(whole))
      const doc = prepareDocument(bytes)
      expect(doc.text === expected).toBe(true)
      expect(doc.tree).toEqual(parseText(whole, prepare(bytes).map).tree)
    }
    expect(multi).toBeGreaterThan(2)
  })

  it('random texts in random chunks: splitLines, parseText and repairInChunks', () => {
    const sources = dumpBytes.slice(0, 20).map((b) => prepare(b).text)
    const rnd = generator(1313)
    for (let k = 0; k < 400; k++) {
      const text = mixture(rnd, {sources, pieces: PIECES, maxParts: 12, sliceOneIn: 3, maxSlice: 400, spaceOneIn: 4})
      const chunks = cut(text, rnd)
      expect(chunks.join('')).toBe(text)
      expect(splitLines(chunks), JSON.stringify(chunks)).toEqual(splitLines(text))
      // (Several chunks need the line starts: see `repairChunks`.)
      const repaired = repairInChunks(chunks, lineStartsOf(text), 0, null)
      const single = repairChunks([text], null, 0, null)
      // Each chunk but the last ends in a line feed or is empty, as those
      // given (a chunk with repairs goes out in several pieces, none empty);
      // a chunk without repairs is passed on as it is.
      for (const chunk of repaired.chunks.slice(0, -1)) expect(chunk === '' || chunk.endsWith('\n')).toBe(true)
      expect(repaired.chunks.filter((c) => c === '').length).toBe(chunks.filter((c) => c === '').length)
      if (repaired.repairs.length === 0) {
        expect(repaired.chunks.length).toBe(chunks.length)
        repaired.chunks.forEach((chunk, k) => expect(chunk === chunks[k]).toBe(true))
      }
      expect(repaired.chunks.join('')).toBe(single.text)
      expect(repaired.repairs).toEqual(single.repairs)
      expect(parseText(repaired.chunks, prepare(text).map)).toEqual(parseText(single.text, prepare(text).map))
    }
    for (const chunks of [[''], ['', ''], ['\n', ''], ['a\n', ''], ['a\n', '', 'b'], ['\r\n', '\r\n'], ['  \n', ' ']]) {
      expect(splitLines(chunks), JSON.stringify(chunks)).toEqual(splitLines(chunks.join('')))
    }
  })

  it('long texts with repaired lines far apart and close together: repairInChunks cuts chunks into pieces', () => {
    // Lines of ASCII of random lengths (around the 256 units of unchanged
    // text that the repairer copies rather than slices: GAP), some with
    // mojibake, some with CRLF, in random chunks: the pieces join to the
    // text repaired whole, with the same repairs, lines and tree.
    const rnd = generator(8013)
    const filler = 'The quick brown fox jumps over the lazy dog; [1] note. '
    let cutUp = 0
    for (let k = 0; k < 150; k++) {
      let text = ''
      const lineCount = 1 + rnd(60)
      for (let l = 0; l < lineCount; l++) {
        const len = [0, 1, 40, 250, 256, 257, 300, 700][rnd(8)] as number
        let line = ''
        while (line.length < len) line += filler
        line = line.slice(0, len)
        if (rnd(3) === 0) {
          const at = rnd(line.length + 1)
          line = line.slice(0, at) + (PIECES[rnd(4)] as string) + line.slice(at)
        }
        text += line + (l === lineCount - 1 && rnd(2) === 0 ? '' : rnd(5) === 0 ? '\r\n' : '\n')
      }
      const chunks = cut(text, rnd)
      const repaired = repairInChunks(chunks, lineStartsOf(text), 0, null)
      const single = repairChunks([text], null, 0, null)
      for (const chunk of repaired.chunks.slice(0, -1)) expect(chunk === '' || chunk.endsWith('\n')).toBe(true)
      if (repaired.chunks.length > chunks.length + 2) cutUp++
      expect(repaired.chunks.join('')).toBe(single.text)
      expect(repaired.repairs).toEqual(single.repairs)
      expect(splitLines(repaired.chunks)).toEqual(splitLines(single.text))
      expect(parseText(repaired.chunks, prepare(text).map)).toEqual(parseText(single.text, prepare(text).map))
    }
    expect(cutUp).toBeGreaterThan(20)
  })
})
