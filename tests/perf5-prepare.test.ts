/**
 * The prepare stage's perf5 paths against what they stand for: the checks
 * made after a first repair pass on the units of the new text read from the
 * line and the runs (`firstPassUnits`) against the same checks on the text
 * `applyFirstRuns` builds.  Inputs: every line with non-ASCII characters of
 * the corpus dumps, the Mali seed and the ftfy cases, and seeded random
 * lines dense with mojibake, C1 controls, `Ã ` and line ends.
 */
import {decodedDumpsAndSeed, ftfyInputs, MOJIBAKE_PIECES} from './corpus-helpers.js'
import {describe, expect, it} from 'vitest'
import {decode} from '../src/decode/index.js'
import {firstPassChecks} from '../src/repair/index.js'
import {generator, mixture} from './random.js'

const {dumps, seed} = decodedDumpsAndSeed()
const ftfy = ftfyInputs()

const PIECES = MOJIBAKE_PIECES

function lines(): string[] {
  const out: string[] = []
  for (const text of [...dumps, seed, ...ftfy]) for (const line of text.split('\n')) if (/[^\x00-\x7f]/.test(line)) out.push(line)
  const rnd = generator(0x5eed5)
  for (let k = 0; k < 6000; k++) {
    out.push(mixture(rnd, {sources: dumps, pieces: PIECES, maxParts: 14, sliceOneIn: 5, maxSlice: 30, spaceOneIn: 4, startAtEnd: true}))
  }
  return out
}

describe('the checks after a first pass, on the units read from the line and the runs', () => {
  it('equal the checks on the text applyFirstRuns builds', () => {
    let checked = 0
    const seen = [0, 0, 0]
    for (const line of lines()) {
      const c = firstPassChecks(line)
      if (c === null) continue
      expect(c.units, line).toEqual(c.built)
      c.built.forEach((b, k) => {
        if (b) seen[k] = (seen[k] as number) + 1
      })
      checked++
    }
    expect(checked).toBeGreaterThan(3000)
    // Each check is true on some lines (C1 control, suspect near a change, hopeless).
    for (const n of seen) expect(n).toBeGreaterThan(10)
  })
})

/** The UTF-16 sniffing as it was: NULs counted byte by byte in the first 4096 bytes. */
function sniffByCount(input: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(input.length - (input.length % 2), 4096)
  if (n < 4) return null
  let evenNul = 0
  let oddNul = 0
  for (let i = 0; i < n; i += 2) {
    if (input[i] === 0) evenNul++
    if (input[i + 1] === 0) oddNul++
  }
  const pairs = n / 2
  if (oddNul >= pairs * 0.4 && evenNul <= pairs * 0.05) return 'utf-16le'
  if (evenNul >= pairs * 0.4 && oddNul <= pairs * 0.05) return 'utf-16be'
  return null
}

describe('decode: UTF-16 without a BOM, sniffed after a search for a NUL', () => {
  it('decides as the count of NULs does, with NULs anywhere (or past the sniffed bytes), in views at any offset', () => {
    const rnd = generator(0x2b)
    let utf16 = 0
    for (let k = 0; k < 600; k++) {
      const size = [3, 4, 9, 100, 4095, 4096, 4097, 9000][k % 8] as number
      const bytes = new Uint8Array(size + 3)
      for (let i = 0; i < bytes.length; i++) bytes[i] = 0x20 + rnd(0x5f)
      const kind = rnd(4)
      if (kind === 1) for (let i = 1; i < bytes.length; i += 2) bytes[i] = 0 // UTF-16LE-like
      else if (kind === 2) for (let i = 0; i < bytes.length; i += 2) bytes[i] = 0 // UTF-16BE-like
      else if (kind === 3) for (let m = rnd(5); m >= 0; m--) bytes[rnd(bytes.length)] = 0 // a few NULs
      if (rnd(3) === 0) bytes[4096 + rnd(3)] = 0 // just past the sniffed bytes (when there)
      const view = bytes.subarray(rnd(4)).subarray(0, size)
      if (view[0] === 0xff || view[0] === 0xfe || view[0] === 0xef) continue
      const expected = sniffByCount(view)
      const {encoding} = decode(view)
      if (expected === null) expect(encoding === 'utf-16le' || encoding === 'utf-16be').toBe(false)
      else {
        expect(encoding).toBe(expected)
        utf16++
      }
    }
    expect(utf16).toBeGreaterThan(50)
  })
})
