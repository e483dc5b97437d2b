/**
 * Offsets, lines and columns stay small integers (V8 "Smis") from the bytes
 * to the model.  V8 gives a field one representation for every object of the
 * same shape: a single double stored in `offset` (an integral one: -0, or an
 * offset computed from one) makes that field a boxed double in every point
 * of every tree from then on, two extra heap objects a point.  It happened:
 * the decoder's first delta was `-0`, so the non-ASCII offsets were an array
 * of doubles, and the repairs, the position map and the points made from
 * them all carried doubles.  Nothing in the output shows it (JSON prints 5
 * for 5.0), so these tests ask V8 itself, through its natives syntax
 * (enabled for this worker, used only in functions made after it).
 */

import {setFlagsFromString} from 'node:v8'
import {describe, expect, it} from 'vitest'
import {decodeForPipeline} from '../src/decode/index.js'
import {prepare} from '../src/pipeline.js'
import {parseDocument, parseForeignRelations} from '../src/index.js'
import {repairMojibake} from '../src/repair/index.js'
import {PositionMap} from '../src/util/position.js'
import {seedAndDumps} from './corpus-helpers.js'

setFlagsFromString('--allow-natives-syntax')
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const isSmi = new Function('x', 'return %IsSmi(x)') as (x: unknown) => boolean
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const hasDoubleElements = new Function('x', 'return %HasDoubleElements(x)') as (x: unknown) => boolean

const inputs = seedAndDumps()

interface Pointish {
  line: unknown
  column: unknown
  offset?: unknown
}

/** The points of a tree (every node's start and end) whose fields are not Smis. */
function boxedPoints(node: {position?: {start: Pointish; end: Pointish}; children?: unknown[]}, out: string[]): void {
  const p = node.position
  if (p) {
    for (const point of [p.start, p.end]) {
      if (!isSmi(point.line) || !isSmi(point.column) || !isSmi(point.offset)) out.push(JSON.stringify(point))
    }
  }
  if (Array.isArray(node.children)) for (const c of node.children) boxedPoints(c as typeof node, out)
}

describe('offsets are small integers (V8 Smis), not boxed doubles', () => {
  it('the natives probe works here (else the tests below prove nothing)', () => {
    expect(isSmi(3)).toBe(true)
    expect(isSmi(-0)).toBe(false)
    expect(hasDoubleElements([1, 2])).toBe(false)
    expect(hasDoubleElements([1, 0.5])).toBe(true)
  })

  it('the decoder lists the non-ASCII offsets as an array of Smis', () => {
    let withNonAscii = 0
    for (const bytes of inputs) {
      const {nonAscii} = decodeForPipeline(bytes)
      if (nonAscii === null || nonAscii.length === 0) continue
      withNonAscii++
      expect(hasDoubleElements(nonAscii)).toBe(false)
    }
    expect(withNonAscii).toBeGreaterThan(20)
  })

  it('repairs carry Smi offsets, lines and columns', () => {
    let repairs = 0
    for (const bytes of inputs) {
      for (const r of prepare(bytes).repairs) {
        repairs++
        expect([isSmi(r.offset), isSmi(r.line), isSmi(r.column)]).toEqual([true, true, true])
      }
    }
    expect(repairs).toBeGreaterThan(1000)
  })

  it('the position map gives Smi points even from repairs whose offsets are doubles', () => {
    const text = 'Ã©tÃ© and Ã  la\nsecond Ã© line\n'
    const {repairs} = repairMojibake(text)
    expect(repairs.length).toBeGreaterThan(0)
    // Integral, but computed as doubles (a division), as a caller's may be.
    const doubles = repairs.map((r) => ({...r, offset: (r.offset * 3) / 3 + 0.5 - 0.5}))
    expect(doubles.some((r) => !isSmi(r.offset))).toBe(true)
    const plain = new PositionMap(text, repairs)
    const map = new PositionMap(text, doubles)
    for (let w = 0; w <= text.length; w++) {
      const p = map.point(w)
      expect(p).toEqual(plain.point(w))
      expect([isSmi(p.line), isSmi(p.column), isSmi(p.offset)]).toEqual([true, true, true])
    }
  })

  it('every point of every tree, every claim and every diagnostic has Smi fields', () => {
    const boxed: string[] = []
    let claims = 0
    for (const bytes of inputs) {
      boxedPoints(parseDocument(bytes) as never, boxed)
      const model = parseForeignRelations(bytes)
      for (const claim of model.claims) {
        claims++
        const p = claim.position
        if (!isSmi(p.line) || !isSmi(p.column) || !isSmi(p.offset)) boxed.push(JSON.stringify(p))
      }
      for (const d of model.diagnostics) {
        if (!isSmi(d.line) || !isSmi(d.column) || (d.offset !== undefined && !isSmi(d.offset))) boxed.push(d.ruleId)
      }
    }
    expect(claims).toBeGreaterThan(1000)
    expect(boxed.slice(0, 5)).toEqual([])
  })
})
