/**
 * Round 2 of the model stage's fast paths (issue 8): the splitter's reused
 * bounds array, the clause cutter handing an anchor's id array over as a
 * claim's citations, and flattened paragraphs whose points become claim
 * positions without a copy.  Compared with the plain definitions on every
 * prose paragraph of the 38 corpus dumps and the seed.
 */

import {describe, expect, test} from 'vitest'
import {prepare} from '../src/pipeline.js'
import {parseText} from '../src/parse/index.js'
import type {FlatText} from '../src/model/text.js'
import {sentenceBounds, sentenceBoundsInto, splitSentences} from '../src/resolve/sentences.js'
import {splitClaims} from '../src/resolve/claims.js'
import {buildModel} from '../src/model/index.js'
import type {ClaimScope, Diagnostic} from '../src/model/types.js'
import {seedAndDumps, seedAndDumpsParagraphs} from './corpus-helpers.js'

const inputs: Buffer[] = seedAndDumps()

const flats: FlatText[] = seedAndDumpsParagraphs()

describe('model round 2 fast paths', () => {
  test('sentenceBoundsInto over one reused (stale) array gives sentenceBounds and splitSentences', () => {
    expect(flats.length).toBeGreaterThan(2000)
    const scratch: number[] = []
    for (const f of flats) {
      const anchors = [...new Set(f.markers.map((m) => m.index))].sort((a, b) => a - b)
      const count = sentenceBoundsInto(f.text, anchors, scratch)
      const fresh = sentenceBounds(f.text, anchors)
      expect(scratch.slice(0, count)).toEqual(fresh)
      const spans = splitSentences(f.text, {anchors})
      expect(fresh).toEqual(spans.flatMap((s) => [s.start, s.end]))
    }
  })

  test('claims never share a citations array, and the splitter gives the same claims called twice', () => {
    for (const scope of ['clause', 'sentence', 'paragraph'] as ClaimScope[]) {
      for (const f of flats) {
        const a = splitClaims(f.text, f.markers, scope)
        const seen = new Set<number[]>()
        for (const c of a) {
          expect(seen.has(c.citations)).toBe(false)
          seen.add(c.citations)
          expect(new Set(c.citations).size).toBe(c.citations.length)
        }
        expect(splitClaims(f.text, f.markers, scope)).toEqual(a)
      }
    }
  })

  test('pointAt gives a fresh point with line, column and offset, in that order', () => {
    for (const f of flats.slice(0, 500)) {
      for (const i of [0, f.text.length >> 1, f.text.length]) {
        const p = f.pointAt(i)
        const q = f.pointAt(i)
        expect(p).not.toBe(q)
        expect(p).toEqual(q)
        expect(Object.keys(p)).toEqual(['line', 'column', 'offset'])
      }
    }
  })

  test('diagnostics come sorted stably by position, as a stable sort of all of them would give', () => {
    const byPosition = (a: Diagnostic, b: Diagnostic): number => a.line - b.line || a.column - b.column
    for (const bytes of inputs) {
      const doc = prepare(bytes, {})
      const parsed = parseText(doc.text, doc.map)
      const model = buildModel({...doc, tree: parsed.tree, offsets: parsed.offsets, diagnostics: [...doc.diagnostics, ...parsed.diagnostics]}, {title: null})
      const others = model.diagnostics.filter((d) => d.ruleId !== 'uncited-claim')
      const uncited = model.diagnostics.filter((d) => d.ruleId === 'uncited-claim')
      // Uncited-claim diagnostics in claim order; a stable sort of the rest then them.
      const claimOrder = new Map(model.claims.map((c, k) => [c.id, k]))
      uncited.sort((a, b) => claimOrder.get(a.data!.claimId as string)! - claimOrder.get(b.data!.claimId as string)!)
      expect(model.diagnostics).toEqual([...others, ...uncited].sort(byPosition))
    }
  })
})
