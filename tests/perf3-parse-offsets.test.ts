/**
 * The text nodes' working offsets: `TextOffsets` stores only the nodes for
 * which the position map's inverse is wrong and answers the others from
 * `node.position`; here every text node's answer is compared with the
 * offset the parser gave it (what the `Map` it replaced held), on the seed,
 * the corpus, mojibake and BOM variants of them, and position maps whose
 * edits make the working text longer (where the inverse is ambiguous).
 * And `PositionMap.toWorkOffset` against `toOriginalOffset` on every offset.
 */

import {readdirSync, readFileSync} from 'node:fs'
import type {Nodes, Root} from 'mdast'
import {describe, expect, test, vi} from 'vitest'
import {parseText} from '../src/parse/index.js'
import {TextOffsets} from '../src/parse/context.js'
import {prepare} from '../src/pipeline.js'
import {PositionMap, lineColumn} from '../src/util/position.js'
import type {Repair} from '../src/model/types.js'

const corpusDir = new URL('../fixtures/corpus/', import.meta.url)
const seed = readFileSync(new URL('../fixtures/foreign-relations-of-mali.txt', import.meta.url), 'utf8')
const dumps = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.dump.txt'))
  .sort()
  .map((f) => readFileSync(new URL(f, corpusDir), 'utf8'))

/** UTF-8 read as Latin-1 in every other paragraph: mojibake the repairer undoes (shorter). */
function mojibake(text: string): string {
  return text
    .split('\n\n')
    .map((p, i) => (i % 2 === 0 ? Buffer.from(p, 'utf8').toString('latin1') : p))
    .join('\n\n')
}

const inputs: string[] = [seed, ...dumps, '\ufeff' + seed, mojibake(seed), '\ufeff' + mojibake(seed), ...dumps.slice(0, 12).map(mojibake)]

function textNodes(tree: Root): Nodes[] {
  const out: Nodes[] = []
  const walk = (n: Nodes): void => {
    if (n.type === 'text') out.push(n)
    if ('children' in n) for (const c of n.children as Nodes[]) walk(c)
  }
  walk(tree)
  return out
}

/** parseText, with the offset each text node was recorded with (the simple definition: a Map). */
function parseRecorded(text: string, map: PositionMap): {tree: Root; offsets: TextOffsets; recorded: Map<object, number>} {
  const recorded = new Map<object, number>()
  const original = TextOffsets.prototype.record
  const spy = vi.spyOn(TextOffsets.prototype, 'record').mockImplementation(function (this: TextOffsets, node, work, orig) {
    recorded.set(node, work)
    original.call(this, node, work, orig)
  })
  try {
    const {tree, offsets} = parseText(text, map)
    return {tree, offsets, recorded}
  } finally {
    spy.mockRestore()
  }
}

describe('text node offsets without a Map entry per node', () => {
  test('every text node: what the parser recorded; other nodes: undefined', () => {
    let stored = 0
    let nodes = 0
    let repaired = 0
    for (const input of inputs) {
      const p = prepare(input)
      repaired += p.repairs.length
      const {tree, offsets, recorded} = parseRecorded(p.text, p.map)
      const texts = textNodes(tree)
      // Every text node of the tree was recorded (splitLinkNumber replaces one).
      for (const n of texts) expect(recorded.has(n)).toBe(true)
      for (const n of texts) expect(offsets.get(n)).toBe(recorded.get(n))
      expect(offsets.get(tree)).toBeUndefined()
      expect(offsets.get(tree.children[0]!)).toBeUndefined()
      stored += offsets.storedCount
      nodes += texts.length
    }
    expect(nodes).toBeGreaterThan(5000)
    expect(repaired).toBeGreaterThan(100)
    // Shorter repairs only: the inverse is exact, nothing stored.
    expect(stored).toBe(0)
  })

  test('repairs that lengthen the text: the ambiguous nodes are stored', () => {
    let stored = 0
    for (const text of [seed, dumps[3]!, dumps[7]!]) {
      // Fake repairs every 97 units: one unit of the original became 1–4 units.
      const repairs: Repair[] = []
      for (let at = 5, k = 0; at < text.length - 10; at += 97, k++) {
        const len = 1 + (k % 4)
        repairs.push({original: text.charAt(at), replacement: 'x'.repeat(len), line: 1, column: 1, offset: at, codecs: []} as unknown as Repair)
      }
      const map = new PositionMap('\ufeff' + text, repairs, 1)
      const {tree, offsets, recorded} = parseRecorded(text, map)
      for (const n of textNodes(tree)) expect(offsets.get(n)).toBe(recorded.get(n))
      stored += offsets.storedCount
    }
    expect(stored).toBeGreaterThan(0)
  })
})

describe('PositionMap.toWorkOffset', () => {
  test('inverts toOriginalOffset when no edit lengthens the text', () => {
    for (const input of [mojibake(seed), '\ufeff' + mojibake(dumps[5]!), '\ufeff' + seed]) {
      const p = prepare(input)
      for (let w = 0; w <= p.text.length; w++) expect(p.map.toWorkOffset(p.map.toOriginalOffset(w))).toBe(w)
      // Backwards too (the cursor of the last call).
      for (let w = p.text.length; w >= 0; w -= 7) expect(p.map.toWorkOffset(p.map.toOriginalOffset(w))).toBe(w)
    }
  })

  test('maps back into the working text when edits lengthen it', () => {
    const text = 'abcdefghijklmnopqrstuvwxyz'.repeat(4)
    const repairs = [3, 10, 11, 40, 70].map((at, k) => ({original: text.charAt(at), replacement: 'XY'.repeat(k + 1), line: 1, column: 1, offset: at, codecs: []}) as unknown as Repair)
    const map = new PositionMap(text, repairs)
    for (let w = 0; w < 120; w++) {
      const o = map.toOriginalOffset(w)
      expect(map.toOriginalOffset(map.toWorkOffset(o))).toBe(o)
    }
  })
})

describe('PositionMap line lookup', () => {
  test('pointAtOriginal and lineIndex/columnAt: lineColumn of every offset, in and out of order', () => {
    for (const text of ['', 'a', '\n', seed.slice(0, 20000), '\ufeff' + dumps[2]!.slice(0, 20000).replace(/\n/g, '\r\n')]) {
      const map = new PositionMap(text)
      const order = [...Array(text.length + 1).keys()]
      const shuffled = order.map((_, i) => order[(i * 7919) % order.length]!)
      for (const o of [...order, ...shuffled]) {
        const {line, column} = lineColumn(text, o)
        expect(map.pointAtOriginal(o)).toEqual({line, column, offset: o})
        const k = map.lineIndex(o)
        expect([k + 1, map.columnAt(o, k)]).toEqual([line, column])
      }
    }
  })
})
