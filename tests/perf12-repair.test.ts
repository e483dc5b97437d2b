/**
 * The repairer's round-12 paths (issue 8) against the frozen reference
 * (tests/reference/repair.ts, the repairer before the round): sequences in an
 * arena instead of an object each, the judges reading code units and code
 * points instead of one-character strings, runs judged in place with no
 * per-codec arrays.  The repairs (text, positions, codecs) of whole texts
 * and of single lines must be the same, with the verdict caches on and off.
 * Inputs: the corpus dumps, the Mali seed, the ftfy cases, and seeded random
 * lines dense with mojibake, C1 controls, `Ã `, CESU-8, lost bytes, CJK,
 * quotes and surrogate pairs.
 */
import {describe, expect, it} from 'vitest'
import {decodedDumpsAndSeed, ftfyInputs, MOJIBAKE_PIECES} from './corpus-helpers.js'
import {repairLine, repairMojibake, useVerdictCache} from '../src/repair/index.js'
import * as reference from './reference/repair.js'
import {generator, mixture} from './random.js'

const {dumps, seed} = decodedDumpsAndSeed()
const ftfy = ftfyInputs()

const PIECES = [
  ...MOJIBAKE_PIECES,
  'HÃ…Ã˜YA', 'Ã¥', 'Ã\ufffd', 'â€?', 'í ½í¸€', 'Ã­Â Â½Ã­Â¸Â€',
  'ä¸\u00ad', 'æ–‡', 'Ã¨s', 'â€¦', 'Ã‚Â', '\u00a0', 'Ë™', 'Ì\u0081', 'Ã\u0083', 'Ð', 'Ñ', 'Ð\u0091', 'â”€', 'Ã¯Â»Â¿', 'Coatl‡n', 'don’t',
  '\ud835\udc00', '\ud800', '“', '”', '‘', "'", '\n', 'ÃÂ©', 'Ãƒ', 'Â·', 'ÅŸ', 'Ä±', 'Ã§', 'Ã±', 'Ã³'
]

/** Every lead × continuation pair between every kind of neighbour: one run each, judged alone. */
function pairs(): string[] {
  const out: string[] = []
  const leads = ['Ã', 'Â', 'Ä', 'Å', 'Ð', 'Ñ', 'â', 'ä', 'å', 'æ', 'ï', 'ð', 'í', 'Ø', 'Ê', 'Î']
  const conts = ['‘', '’', '…', '\u00a0', ' ', '©', '¼', '\u0081', '\u009d', '™', 'Ÿ', '¸', '€', '\ufffd', '?', 'Â', '½']
  const sides = ['', 'A', 'a', 'é', ' ', '“', '”', 'Ж', '中', '\ud835\udc00']
  for (const l of leads) for (const c of conts) for (const b of sides) for (const a of sides) out.push(b + l + c + a)
  for (const cesu of ['í ½í¸€', 'í\u00a0½í¸\u00a0', 'í ½í¸ x', 'í\u00a0½í¸ ', 'í ½', 'í¸€', 'í ½í¸'])
    for (const b of sides) for (const a of sides) out.push(b + cesu + a)
  return out
}

function texts(): string[] {
  const out: string[] = [...dumps, seed, ...ftfy, ...pairs()]
  const rnd = generator(0x12ea1)
  for (let k = 0; k < 5000; k++) {
    out.push(mixture(rnd, {sources: dumps, pieces: PIECES, maxParts: 14, sliceOneIn: 5, maxSlice: 30, spaceOneIn: 4, startAtEnd: true}))
    out.push(mixture(rnd, {sources: dumps, pieces: PIECES, maxParts: 4, sliceOneIn: 9, maxSlice: 6, spaceOneIn: 6}))
  }
  return out
}

describe('round 12: the repairer against the frozen reference', () => {
  const inputs = texts()
  for (const cache of [true, false]) {
    it(`repairs whole texts and lines as the reference does (verdict cache ${cache ? 'on' : 'off'})`, () => {
      useVerdictCache(cache)
      reference.useVerdictCache(cache)
      let repaired = 0
      try {
        for (const text of inputs) {
          const got = repairMojibake(text)
          expect(got, text).toEqual(reference.repairMojibake(text))
          if (got.repairs.length > 0) repaired++
          if (text.length < 400 && !text.includes('\n')) expect(repairLine(text), text).toEqual(reference.repairLine(text))
        }
      } finally {
        useVerdictCache(true)
        reference.useVerdictCache(true)
      }
      expect(repaired).toBeGreaterThan(3000)
    })
  }
})
