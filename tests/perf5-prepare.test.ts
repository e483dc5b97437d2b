/**
 * The prepare stage's perf5 paths against what they stand for: the checks
 * made after a first repair pass on the units of the new text read from the
 * line and the runs (`firstPassUnits`) against the same checks on the text
 * `applyFirstRuns` builds.  Inputs: every line with non-ASCII characters of
 * the corpus dumps, the Mali seed and the ftfy cases, and seeded random
 * lines dense with mojibake, C1 controls, `Ã ` and line ends.
 */
import {readFileSync, readdirSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {decode} from '../src/decode/index.js'
import {firstPassChecks} from '../src/repair/index.js'
import {generator, mixture} from './random.js'

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url))
const corpus = `${fixtures}corpus/`
const dumps = readdirSync(corpus)
  .filter((f) => f.endsWith('.dump.txt'))
  .sort()
  .map((f) => decode(new Uint8Array(readFileSync(corpus + f))).text)
const seed = readFileSync(`${fixtures}foreign-relations-of-mali.txt`, 'utf8')
const ftfy = readdirSync(`${fixtures}ftfy`)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) =>
    readFileSync(`${fixtures}ftfy/${f}`, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => (JSON.parse(l) as {input: string | null}).input)
      .filter((s): s is string => typeof s === 'string')
  )

const PIECES = [
  'Ã©', 'Ã¤', 'Ã¶', 'Ã¼', 'Ã ', 'Ã  ', 'Ã', 'â€™', 'â€“', 'â€œ', 'â€\u009d', 'Ã¢â‚¬â„¢', 'ÃƒÂ©', 'Â ', 'Â', '\u0080', '\u0081', '\u0093',
  '\u009d', 'é', 'ä', '–', '’', '€', '™', 'Ã©Ã', 'Ð¼Ð¸Ñ€', 'Å¡', 'Ä\u008d', 'ÐŸ', '中文', '\ud83d\ude00', 'ðŸ˜€', '\ufffd', '?', ' ', '  ',
  'word', 'GÃ idhlig', 'voilÃ le', '"', '`', '«', '»', 'A', 'É', 'Ã‰'
]

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
