/**
 * Round 13, third model pass (issue 8):
 * - a claim's point at the start of a text node is a copy of the node's
 *   start point (no search of the map), and the line of a point inside a
 *   node comes from the node's start and end points when they are on one
 *   line (no search of the map's lines): checked against `map.point` at
 *   every node start of every paragraph of the seed and the corpus, and at
 *   every index of random documents full of mojibake that the repairer
 *   shortens and lengthens (tests/perf13-model2 checks every index of the
 *   seed and the corpus);
 * - the splitter answers "ends a sentence" at once for a word holding an
 *   ASCII unit that is no letter, period or opener (`1960.`): checked
 *   against the frozen splitter on random words of such units;
 * - `sectionKind` is cached by title: the cached answers equal the
 *   reference's, asked twice, and past the cache's bound (where it is emptied).
 */

import {describe, expect, test} from 'vitest'
import type {Paragraph} from 'mdast'
import {prepare} from '../src/pipeline.js'
import {parseText} from '../src/parse/index.js'
import {flattening, reflatten, type Flattener} from '../src/model/text.js'
import type {Point} from '../src/model/types.js'
import type {PositionMap} from '../src/util/position.js'
import type {TextOffsetLookup} from '../src/parse/context.js'
import {sectionKind} from '../src/model/index.js'
import {sectionKind as sectionKindReference} from './reference/model-sections.js'
import {splitSentences} from '../src/resolve/sentences.js'
import {splitSentences as splitSentencesReference} from './reference/sentences.js'
import {MOJIBAKE_PIECES, seedAndDumps} from './corpus-helpers.js'
import {generator, mixture} from './random.js'

function paragraphsOf(node: {type: string; children?: unknown[]}, out: Paragraph[]): Paragraph[] {
  if (node.type === 'paragraph') out.push(node as unknown as Paragraph)
  else if (Array.isArray(node.children)) for (const c of node.children) paragraphsOf(c as {type: string}, out)
  return out
}

/** The point of text node `k`'s start by the map: what `pointAt` gave before the copy of the node's point. */
function mappedStart(f: Flattener, p: Paragraph, map: PositionMap, offsets: TextOffsetLookup, k: number): Point {
  const node = f.nodes[k]!
  const work = offsets.get(node) ?? null
  if (work === null) {
    const s = node.position?.start ?? p.children[0]?.position?.start
    return s ? {line: s.line, column: s.column, offset: s.offset} : {line: 1, column: 1}
  }
  return map.point(work)
}

/** Check every node start of every paragraph of the document; returns how many were checked. */
function checkDocument(bytes: Uint8Array, all = false): number {
  const doc = prepare(bytes, {})
  const {tree, offsets} = parseText(doc.text, doc.map)
  const f = flattening(doc.map, offsets)
  let checked = 0
  for (const p of paragraphsOf(tree, [])) {
    reflatten(f, p.children)
    // In order (a claim after another one), and each alone after a fresh
    // flattening (a paragraph's first claim).
    for (let k = 0; k < f.segments; k++) {
      const got = f.pointAt(f.starts[k]!)
      const want = mappedStart(f, p, doc.map, offsets, k)
      expect(got).toEqual(want)
      expect(Object.keys(got)).toEqual(['line', 'column', 'offset'])
      checked++
    }
    for (let k = f.segments - 1; k >= 0; k--) {
      reflatten(f, p.children)
      expect(f.pointAt(f.starts[k]!)).toEqual(mappedStart(f, p, doc.map, offsets, k))
    }
    if (all) {
      // Every index, in order (claims after claims), and the kept line of
      // each node (its start and end points) against the map's lines.
      reflatten(f, p.children)
      for (let i = 0; i <= f.text.length; i++) {
        let k = -1
        for (let q = 0; q < f.segments; q++) if (f.starts[q]! <= i) k = q
        const got = f.pointAt(i)
        const work = k === -1 ? null : offsets.get(f.nodes[k]!) ?? null
        if (work !== null) {
          const want = doc.map.point(work + (i - f.starts[k]!))
          if (got.line !== want.line || got.column !== want.column || got.offset !== want.offset) expect(got).toEqual(want)
        }
      }
    }
  }
  return checked
}

describe('round 13 (3): a node start is the node\'s start point', () => {
  test('the seed and the corpus', () => {
    let checked = 0
    for (const bytes of seedAndDumps()) checked += checkDocument(bytes)
    expect(checked).toBeGreaterThan(3000)
  })

  test('2,000 random documents of mojibake, markers and paragraphs', () => {
    const rnd = generator(1303)
    const pieces = [...MOJIBAKE_PIECES, '[1]', '[2]', ' [3]', '\n', '\n\n', '\n\n  * ', '\n\n# Head\n\n', '. ', 'The ', 'U.S. ', '*x*']
    const sources = [...seedAndDumps().slice(0, 4).map((b) => b.toString('utf8'))]
    let checked = 0
    let repaired = 0
    for (let r = 0; r < 2000; r++) {
      const text = mixture(rnd, {sources, pieces, maxParts: 40, sliceOneIn: 6, maxSlice: 200, spaceOneIn: 4})
      const bytes = Buffer.from(text, 'utf8')
      if (prepare(bytes, {}).repairs.length > 0) repaired++
      checked += checkDocument(bytes, true)
    }
    expect(checked).toBeGreaterThan(5000)
    expect(repaired).toBeGreaterThan(500)
  })
})

describe('round 13 (3): words with an ASCII unit that is no letter, period or opener', () => {
  test('20,000 random texts equal the frozen splitter', () => {
    const rnd = generator(1313)
    const pieces = [
      '1960', '5', 'x1', '1x', 'é1', 'É-', 'a-b', 'U.S.-', '(a', '("', '“1', '"', "'", '(', ')', '-', '%', '#', '/', '_', '$', '&',
      'Gen', 'No', 'Co', 'Inc', 'e.g', 'E', 'ab', 'É', 'mr', '.', '.', '.', ' ', ' ', ' ', 'The', 'the', '5', '(', ',', 'Ltd',
      'abcdefghijklmnopqrstuvwxyz', '0123456789012345678901234'
    ]
    for (let r = 0; r < 20_000; r++) {
      const text = mixture(rnd, {sources: ['x'], pieces, maxParts: 14, sliceOneIn: 1000, maxSlice: 1, spaceOneIn: 3})
      const anchors: number[] = []
      for (let m = rnd(3); m > 0; m--) anchors.push(rnd(text.length + 1))
      expect(splitSentences(text, {anchors}), JSON.stringify({text, anchors})).toEqual(splitSentencesReference(text, {anchors}))
    }
  })
})

describe('round 13 (3): sectionKind cached by title', () => {
  test('answers equal the reference, first and second time', () => {
    const titles = ['(lead)', 'References', 'See also', 'Bilateral relations', 'Multilateral relations', 'International membership',
      'External links', 'Early life', 'Relations by country', 'Diplomatic relations', 'Countries', 'Notes and references', 'Bibliography',
      'Further reading', 'REFERENCES', 'x'.repeat(150) + ' bilateral', 'Sources', 'Citations', '']
    for (let round = 0; round < 2; round++) for (const t of titles) expect(sectionKind(t), t).toBe(sectionKindReference(t))
    // Past the cache's bound (it is emptied, not grown): still the same answers.
    for (let k = 0; k < 3000; k++) {
      const t = k % 3 === 0 ? `Bilateral ${k}` : k % 3 === 1 ? `Topic ${k}` : `Member${k}ship`
      expect(sectionKind(t)).toBe(sectionKindReference(t))
      expect(sectionKind(t)).toBe(sectionKindReference(t))
    }
  })
})
