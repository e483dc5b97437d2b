/**
 * The prepare stage's fast paths (#8) against the simpler definitions they
 * replace, on real inputs from fixtures/: the corpus dumps, the Mali seed and
 * the ftfy cases.
 */
import {readFileSync, readdirSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {ftfyInputs} from './corpus-helpers.js'
import {afterAll, describe, expect, it} from 'vitest'
import {decode} from '../src/decode/index.js'
import type {Repair, RepairResult} from '../src/model/types.js'
import {prepare} from '../src/pipeline.js'
import {repairLine, repairMojibake, trackedNonAscii, useVerdictCache} from '../src/repair/index.js'
import {PositionMap} from '../src/util/position.js'

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url))
const corpus = `${fixtures}corpus/`
const dumpFiles = readdirSync(corpus)
  .filter((f) => f.endsWith('.dump.txt'))
  .sort()
const dumpBytes = dumpFiles.map((f) => new Uint8Array(readFileSync(corpus + f)))
const dumps = dumpBytes.map((b) => decode(b).text)
const seed = readFileSync(`${fixtures}foreign-relations-of-mali.txt`, 'utf8')
const ftfy = ftfyInputs()
/** Every input: the dumps (BOM removed, as `prepare` does), the seed, the ftfy cases. */
const texts = [...dumps.map((t) => (t.charCodeAt(0) === 0xfeff ? t.slice(1) : t)), seed, ...ftfy]

/** The simple definition of `repairMojibake`: `repairLine` on every line. */
function repairByLines(text: string): RepairResult {
  const repairs: Repair[] = []
  const lines = text.split('\n')
  let offset = 0
  lines.forEach((line, k) => {
    const fixed = repairLine(line)
    for (const e of fixed.edits) {
      repairs.push({original: e.original, replacement: e.replacement, line: k + 1, column: e.start + 1, offset: offset + e.start, codecs: e.codecs})
    }
    lines[k] = fixed.text
    offset += line.length + 1
  })
  return {text: repairs.length === 0 ? text : lines.join('\n'), repairs}
}

describe('repairMojibake input check', () => {
  it('throws a clear TypeError for anything but a string', () => {
    for (const bad of [null, undefined, 42, new Uint8Array([0xc3, 0xa9])]) {
      expect(() => repairMojibake(bad as unknown as string)).toThrow(TypeError)
      expect(() => repairMojibake(bad as unknown as string)).toThrow('foreign-relations: repairMojibake expects a string')
    }
  })
})

describe('repairMojibake: one scan for non-ASCII stretches equals repairLine line by line', () => {
  it('on the corpus dumps, the seed and the ftfy cases', () => {
    expect(texts.length).toBeGreaterThan(100)
    let repaired = 0
    for (const text of texts) {
      const fast = repairMojibake(text)
      expect(fast).toEqual(repairByLines(text))
      repaired += fast.repairs.length
    }
    expect(repaired).toBeGreaterThan(1000)
  })
})

describe('applyRuns tracks the non-ASCII positions of the text it makes', () => {
  it('as a scan of the text finds them, on every pass over every line with non-ASCII; the check near the changes uses them', () => {
    let passes = 0
    let near = 0
    for (const text of texts) {
      for (const line of text.split('\n')) {
        if (!/[^\x00-\x7f]/.test(line)) continue
        for (const pass of trackedNonAscii(line)) {
          expect(pass.tracked, pass.text).toEqual(pass.scanned)
          expect(pass.near, pass.text).toBe(pass.nearSimple)
          if (pass.nearSimple) near++
          passes++
        }
      }
    }
    expect(passes).toBeGreaterThan(500)
    expect(near).toBeGreaterThan(10)
  })
})

describe('the verdict cache (keyed by its fields, hashed) changes no result', () => {
  afterAll(() => useVerdictCache(true))
  it('repairs with the cache equal repairs with every run judged afresh', () => {
    useVerdictCache(false)
    const fresh = texts.map((t) => repairMojibake(t))
    useVerdictCache(true)
    // Twice with the cache: filled, then hit.
    for (let round = 0; round < 2; round++) texts.forEach((t, k) => expect(repairMojibake(t)).toEqual(fresh[k]))
  })
})

describe('decode: valid UTF-8 through transcode equals TextDecoder', () => {
  it('on the corpus dumps (with and without a BOM)', () => {
    const reference = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true})
    for (const bytes of dumpBytes) {
      const d = decode(bytes)
      expect(d.encoding).toBe('utf-8')
      expect(d.text).toBe(reference.decode(bytes))
      const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes])
      expect(decode(bom).text).toBe(reference.decode(bom))
    }
  })
})

describe('prepare: positions from the shared line starts', () => {
  it('equal a PositionMap built from the text, and the simple line-ending test', () => {
    for (const bytes of dumpBytes) {
      const p = prepare(bytes)
      const map = new PositionMap(p.original, repairMojibake(p.original.charCodeAt(0) === 0xfeff ? p.original.slice(1) : p.original).repairs, p.source.bom ? 1 : 0)
      for (let w = 0; w <= p.text.length; w += 97) expect(p.map.point(w)).toEqual(map.point(w))
      for (const r of p.repairs) expect(map.pointAtOriginal(r.offset)).toMatchObject({line: r.line, column: r.column})
      const t = p.original
      const simple = !t.includes('\n') ? 'none' : !/\r\n/.test(t) ? 'lf' : /(^|[^\r])\n/.test(t) ? 'mixed' : 'crlf'
      expect(p.source.lineEnding).toBe(simple)
    }
  })
})
