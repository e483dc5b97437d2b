/**
 * Fast paths of the model stage, round 13 (issue 8):
 *
 * - `pointAt` of the flattening keeps the map's run of equally shifted
 *   offsets and the original's line around its last point, for the whole
 *   document, and answers inside them without asking the map: every index of
 *   every paragraph of the seed and the corpus (in increasing order, as the
 *   claims ask, then at random, with one flattening per document as the
 *   model has it) gives the point that `map.point` gives, as before.
 * - The references are made after the claims, from lists gathered per
 *   definition: each reference's `claimIds` are the claims citing its
 *   number in claim order, and where two definitions share a number, the
 *   later one's (the earlier one's list is empty), as the Map of the
 *   references by number gave them; on the seed, the corpus and dumps with
 *   definitions out of order, repeated and missing.
 * - The mention scan's candidates leave out capitals after an ASCII letter
 *   or digit (where `previousUnitIsWord` turned them down): the regex finds
 *   exactly the others, on random text; the mentions themselves are checked
 *   against the unit-by-unit reference by perf11-subject-countries.
 */

import {describe, expect, test} from 'vitest'
import type {Paragraph} from 'mdast'
import {prepare} from '../src/pipeline.js'
import {parseText} from '../src/parse/index.js'
import {flattening, reflatten, type Flattener} from '../src/model/text.js'
import type {PositionMap} from '../src/util/position.js'
import type {TextOffsetLookup} from '../src/parse/context.js'
import type {Point} from '../src/model/types.js'
import {seedAndDumps} from './corpus-helpers.js'
import {parseForeignRelations} from '../src/index.js'
import type {ForeignRelations} from '../src/model/types.js'
import type {RootContent} from 'mdast'
import {buildModel} from '../src/model/index.js'
import {CANDIDATE} from '../src/model/countries.js'
import {generator} from './random.js'

function paragraphsOf(node: {type: string; children?: unknown[]}, out: Paragraph[]): Paragraph[] {
  if (node.type === 'paragraph') out.push(node as unknown as Paragraph)
  else if (Array.isArray(node.children)) for (const c of node.children) paragraphsOf(c as {type: string}, out)
  return out
}

/** The point of `index` as `pointAt` gave it before round 13: a linear search of the segments, then `map.point`. */
function referencePoint(f: Flattener, p: Paragraph, map: PositionMap, offsets: TextOffsetLookup, index: number): Point {
  let found = -1
  for (let k = 0; k < f.segments; k++) if (f.starts[k]! <= index) found = k
  const fallback = (): Point => {
    const s = p.children[0]?.position?.start
    return s ? {line: s.line, column: s.column, offset: s.offset} : {line: 1, column: 1}
  }
  if (found === -1) return fallback()
  const work = offsets.get(f.nodes[found]!) ?? null
  if (work === null) {
    const s = f.nodes[found]!.position?.start
    return s ? {line: s.line, column: s.column, offset: s.offset} : fallback()
  }
  return map.point(work + (index - f.starts[found]!))
}

describe('round 13: points by the kept run and line', () => {
  test('every index of every paragraph of the seed and the corpus gives map.point', () => {
    const rnd = generator(131)
    let checked = 0
    let repaired = 0
    for (const bytes of seedAndDumps()) {
      const doc = prepare(bytes, {})
      if (doc.repairs.length > 0) repaired++
      const {tree, offsets} = parseText(doc.text, doc.map)
      const f = flattening(doc.map, offsets)
      for (const p of paragraphsOf(tree, [])) {
        reflatten(f, p.children)
        const n = f.text.length
        for (let i = 0; i <= n; i++) {
          const got = f.pointAt(i)
          const want = referencePoint(f, p, doc.map, offsets, i)
          if (got.line !== want.line || got.column !== want.column || got.offset !== want.offset) expect(got).toEqual(want)
          expect(Object.keys(got)).toEqual(Object.keys(want))
          checked++
        }
        for (let r = 0; r < 8; r++) {
          const i = rnd(n + 1)
          expect(f.pointAt(i)).toEqual(referencePoint(f, p, doc.map, offsets, i))
        }
      }
    }
    expect(checked).toBeGreaterThan(100_000)
    expect(repaired).toBeGreaterThan(0)
  })
})

/** Each reference's claim ids as the model gave them before round 13. */
function referenceClaimIds(model: ForeignRelations): string[][] {
  const last = new Map<number, number>()
  model.references.forEach((r, k) => last.set(r.id, k))
  const out = model.references.map((): string[] => [])
  for (const c of model.claims) {
    for (const id of c.citations) {
      const k = last.get(id)
      if (k !== undefined) out[k]!.push(c.id)
    }
  }
  return out
}

describe('round 13: references made after the claims', () => {
  test('claimIds on the seed and the corpus', () => {
    let cited = 0
    for (const bytes of seedAndDumps()) {
      const model = parseForeignRelations(bytes)
      expect(model.references.map((r) => r.claimIds)).toEqual(referenceClaimIds(model))
      cited += model.references.filter((r) => r.claimIds.length > 0).length
    }
    expect(cited).toBeGreaterThan(1000)
  })

  test('claimIds with definitions out of order, repeated and missing', () => {
    // The parser numbers the definitions 1, 2, …; other orders are made
    // here in the tree, to take the model's path by a Map.
    const dump = 'One cites two.[2] Another cites one.[1] A third cites two and three.[2][3] A fourth cites nine.[9] Five cites four.[4]\n\n[1] One\n\n[2] Two\n\n[3] Three\n\n[4] Four\n'
    const orders: Array<(defs: RootContent[]) => RootContent[]> = [
      (defs) => defs,
      (defs) => [...defs].reverse(),
      (defs) => [defs[1]!, defs[0]!, {...defs[1]!}, defs[2]!],
      (defs) => [defs[2]!, defs[3]!],
      (defs) => [{...defs[0]!, identifier: '7'} as RootContent, ...defs.slice(1)]
    ]
    let mapped = 0
    for (const order of orders) {
      const doc = prepare(Buffer.from(dump), {})
      const parsed = parseText(doc.text, doc.map)
      const defs = parsed.tree.children.filter((c) => c.type === 'footnoteDefinition')
      expect(defs.length).toBe(4)
      parsed.tree.children = [...parsed.tree.children.filter((c) => c.type !== 'footnoteDefinition'), ...order(defs)]
      const model = buildModel({...doc, tree: parsed.tree, offsets: parsed.offsets, diagnostics: [...doc.diagnostics, ...parsed.diagnostics]}, {title: null})
      expect(model.claims.length).toBeGreaterThan(3)
      const ids = model.references.map((r) => r.id)
      if (ids.some((id, k) => id !== k + 1)) mapped++
      expect(model.references.map((r) => r.claimIds)).toEqual(referenceClaimIds(model))
    }
    expect(mapped).toBe(4)
  })
})

describe('round 13: mention candidates', () => {
  test('the class without the capitals after an ASCII letter or digit', () => {
    const klass = /[A-Z\u00C0-\u00D6\u00D8-\u00DE\u0100-\u1FFF\u2126-\u2183\u24B6-\u24CF\u2C00-\u2CF2\uA640-\uA7F5\uFF21-\uFF3A]/
    const alphabet = ['A', 'Z', 'a', 'z', '0', '9', ' ', '\n', '.', '-', '_', 'É', 'é', 'Ä', 'Ω', 'ω', 'Ж', '\u2126', 'Ａ', '\ud83d', '\ude00', '\u0301', '(', '“']
    const rnd = generator(1313)
    let found = 0
    for (let r = 0; r < 3000; r++) {
      let t = ''
      const n = rnd(12)
      for (let i = 0; i < n; i++) t += alphabet[rnd(alphabet.length)]
      const want: number[] = []
      for (let p = 0; p < t.length; p++) if (klass.test(t[p]!) && !(p > 0 && /[A-Za-z0-9]/.test(t[p - 1]!))) want.push(p)
      const got: number[] = []
      const re = CANDIDATE
      for (let p = -1; ;) {
        re.lastIndex = p + 1
        if (!re.test(t)) break
        p = re.lastIndex - 1
        got.push(p)
      }
      expect(got, JSON.stringify(t)).toEqual(want)
      found += got.length
    }
    expect(found).toBeGreaterThan(1000)
  })
})
