import {describe, expect, it} from 'vitest'
import {layoutLine, sameInEveryMode, type LaidLine} from '../src/parse/table-layout.js'
import {fallbackWidths} from '../src/parse/width.js'

/** The laid-out columns of a line as plain arrays (comparable with toEqual). */
function shape(l: LaidLine): {cols: number; cp: number[]; idx: number[]} {
  const cp: number[] = []
  const idx: number[] = []
  for (let c = 0; c < l.cols; c++) {
    cp.push(l.cp === null ? l.line.text.charCodeAt(l.start + c) : l.cp[c]!)
    idx.push(l.idx === null ? l.start + c : l.idx[c]!)
  }
  return {cols: l.cols, cp, idx}
}

describe('sameInEveryMode (the scanners skip the fallback layouts when it holds)', () => {
  it('holds only when every fallback width lays the line out as the primary one does, for every BMP code unit', () => {
    let same = 0
    let differ = 0
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c)
      const line = {text: `| a${ch}b\t| ${ch}${ch} |`, offset: 0}
      const primary = shape(layoutLine(line, 0))
      const claims = sameInEveryMode(line, 0)
      if (claims) {
        same++
        for (const mode of fallbackWidths) expect(shape(layoutLine(line, 0, mode)), `U+${c.toString(16)} ${mode.name}`).toEqual(primary)
      } else differ++
    }
    // Both answers occur: the en dash of a repaired `â€“` is the same
    // everywhere, a combining mark or a wide character is not.
    expect(same).toBeGreaterThan(10_000)
    expect(differ).toBeGreaterThan(1_000)
    expect(sameInEveryMode({text: '| Mali–Canada |', offset: 0}, 0)).toBe(true)
    expect(sameInEveryMode({text: '| 中国 |', offset: 0}, 0)).toBe(false)
    expect(sameInEveryMode({text: '| e\u0301 |', offset: 0}, 0)).toBe(false)
    expect(sameInEveryMode({text: '| 👍🏽 |', offset: 0}, 0)).toBe(false)
  })
})

describe('layoutLine: the narrow fast path (no typed arrays) lays a line out as the general one does', () => {
  it('for every BMP code unit, a line taking the fast path equals the same line laid out in full', () => {
    let fast = 0
    for (let c = 0x7f; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c)
      const text = `| a${ch}b ${ch} |`
      const l = layoutLine({text, offset: 0}, 0)
      if (l.cp !== null) continue
      fast++
      // A combining mark after the line forces the general layout; the
      // columns of the line itself must come out the same.
      const full = layoutLine({text: `${text}x\u0301`, offset: 0}, 0)
      expect(full.cp, `U+${c.toString(16)}`).not.toBeNull()
      const want = shape(full)
      const got = shape(l)
      expect(got, `U+${c.toString(16)}`).toEqual({cols: l.cols, cp: want.cp.slice(0, l.cols), idx: want.idx.slice(0, l.cols)})
      expect(sameInEveryMode({text, offset: 0}, 0), `U+${c.toString(16)}`).toBe(true)
    }
    expect(fast).toBeGreaterThan(10_000)
    expect(layoutLine({text: '| Mali–Canada |', offset: 0}, 0).cp).toBeNull()
    expect(layoutLine({text: '| 中国 |', offset: 0}, 0).cp).not.toBeNull()
  })
})
