/**
 * Fast paths of the model stage, round 6 (issue 8):
 *
 * - One flattening object refilled for every paragraph (`reflatten`) gives
 *   what a fresh `flattenPhrasing` gives: text, markers, template offset and
 *   the point of every index, asked in increasing order and then at random
 *   (`pointAt` remembers its last segment).
 * - `FlatText.plain`: where it is set, the flattened text is `plainText` of
 *   the paragraph (subject detection reads the lead's paragraphs from their
 *   flattenings), on the seed, the corpus and paragraphs with code and
 *   nested block-like children built here.
 *
 * The splitter's single regex for its stops is checked against the frozen
 * reference by perf3/perf4/perf5-model (every stop character is in their
 * random mixtures).
 */

import {describe, expect, test} from 'vitest'
import type {Paragraph, PhrasingContent} from 'mdast'
import {prepare} from '../src/pipeline.js'
import {parseText} from '../src/parse/index.js'
import {flattenPhrasing, flattening, plainText, reflatten} from '../src/model/text.js'
import {seedAndDumps} from './corpus-helpers.js'
import {generator} from './random.js'

function paragraphsOf(node: {type: string; children?: unknown[]}, out: Paragraph[]): Paragraph[] {
  if (node.type === 'paragraph') out.push(node as unknown as Paragraph)
  else if (Array.isArray(node.children)) for (const c of node.children) paragraphsOf(c as {type: string}, out)
  return out
}

describe('round 6: the reused flattening', () => {
  test('equals a fresh flattening on every paragraph of the seed and the corpus', () => {
    const rnd = generator(61)
    let checked = 0
    for (const bytes of seedAndDumps()) {
      const doc = prepare(bytes, {})
      const {tree, offsets} = parseText(doc.text, doc.map)
      const f = flattening(doc.map, offsets)
      for (const p of paragraphsOf(tree, [])) {
        const fresh = flattenPhrasing(p.children, doc.map, offsets)
        const reused = reflatten(f, p.children)
        expect(reused.text).toBe(fresh.text)
        expect(reused.markers).toEqual(fresh.markers)
        expect(reused.templateAt).toBe(fresh.templateAt)
        expect(reused.plain).toBe(fresh.plain)
        const n = fresh.text.length
        const indexes = [0, n, ...Array.from({length: 6}, () => rnd(n + 1))]
        // Increasing (as the claims ask), then in the drawn order.
        for (const i of [...indexes].sort((a, b) => a - b)) expect(reused.pointAt(i)).toEqual(fresh.pointAt(i))
        for (const i of indexes) expect(reused.pointAt(i)).toEqual(flattenPhrasing(p.children, doc.map, offsets).pointAt(i))
        if (fresh.plain) expect(fresh.text).toBe(plainText(p))
        checked++
      }
    }
    expect(checked).toBeGreaterThan(1000)
  })

  test('plain is false exactly where plainText would differ', () => {
    const map = prepare(Buffer.from('x'), {}).map
    const offsets = {get: () => undefined}
    const text = (value: string): PhrasingContent => ({type: 'text', value})
    const cases: Array<{children: PhrasingContent[]; plain: boolean}> = [
      {children: [text('a'), {type: 'break'}, text('b')], plain: true},
      {children: [{type: 'emphasis', children: [text('a'), text('b')]}], plain: true},
      {children: [text('a'), {type: 'inlineCode', value: 'x'}], plain: false},
      {children: [{type: 'link', url: 'u', children: [text('a')]}, {type: 'footnoteReference', identifier: '1'} as PhrasingContent], plain: true},
      // Children of a kind plainText joins by line feeds (not phrasing, but a tree may hold anything).
      {children: [{type: 'list', children: [text('a'), text('b')]} as unknown as PhrasingContent], plain: false},
      {children: [{type: 'list', children: [text('a')]} as unknown as PhrasingContent], plain: true}
    ]
    for (const c of cases) {
      const flat = flattenPhrasing(c.children, map, offsets)
      expect(flat.plain).toBe(c.plain)
      const p: Paragraph = {type: 'paragraph', children: c.children}
      if (flat.plain) expect(flat.text).toBe(plainText(p))
      else expect(flat.text).not.toBe(plainText(p))
    }
  })
})
