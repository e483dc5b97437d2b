/**
 * Benchmark of the mojibake repairer against ftfy-js, in one run.
 *
 * Run it (Node 20 cannot strip TypeScript types, so compile this file and
 * what it imports to a scratch folder first; nothing is written outside
 * node_modules/.cache):
 *
 *     npx tsc --outDir node_modules/.cache/bench --rootDir . --module nodenext \
 *       --moduleResolution nodenext --target es2022 --skipLibCheck \
 *       --esModuleInterop --types node bench/repair.ts \
 *       && node node_modules/.cache/bench/bench/repair.js
 *
 * It measures, on the 38 corpus dumps of fixtures/corpus:
 * - `repairMojibake` on the damaged dumps (MB/s of UTF-8 input);
 * - ftfy-js `fix_encoding` applied line by line to the same dumps;
 * - `repairMojibake` on clean text (the corpus plain texts, repeated to about
 *   20 MB), which must take the fast path.
 * The goals (issue 4): ≥ 10× ftfy-js on the dumps, ≥ 100 MB/s on clean text.
 */

import {readdirSync, readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {fix_encoding} from 'ftfy-js'
import {repairMojibake} from '../src/repair/index.js'

// Works from bench/ and from the compiled copy in node_modules/.cache/bench/bench/.
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    try {
      readdirSync(join(dir, 'fixtures', 'corpus'))
      return dir
    } catch {
      dir = dirname(dir)
    }
  }
  throw new Error('fixtures/corpus not found')
}

const corpus = join(findRoot(), 'fixtures', 'corpus')
const names = readdirSync(corpus).filter((f) => f.endsWith('.dump.txt'))
const dumps = names.map((f) => {
  const text = readFileSync(join(corpus, f), 'utf8')
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
})
const plains = names.map((f) => readFileSync(join(corpus, f.replace('.dump.txt', '.plain.txt')), 'utf8'))

const mb = (texts: readonly string[]): number => texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0) / 1e6

/**
 * Runs `fn` repeatedly for at least `minMs` milliseconds (and `minRuns` times)
 * and returns the fastest run in ms: the minimum is the least disturbed by
 * other processes on a shared machine.
 */
function time(fn: () => void, minMs = 2000, minRuns = 5): number {
  fn() // warm up
  let best = Infinity
  let runs = 0
  const start = performance.now()
  while (runs < minRuns || performance.now() - start < minMs) {
    const t0 = performance.now()
    fn()
    best = Math.min(best, performance.now() - t0)
    runs++
  }
  return best
}

let sink = 0

const dumpMB = mb(dumps)
const oursMs = time(() => {
  for (const t of dumps) sink += repairMojibake(t).repairs.length
})
const ftfyMs = time(
  () => {
    for (const t of dumps) {
      for (const line of t.split('\n')) sink += fix_encoding(line).length
    }
  },
  4000,
  5
)

// Do both agree?  (Counts lines where the outputs differ; informational.)
let differ = 0
let lines = 0
for (const t of dumps) {
  const ours = repairMojibake(t).text.split('\n')
  const theirs = t.split('\n').map((line) => fix_encoding(line))
  lines += theirs.length
  theirs.forEach((line, i) => {
    if (line !== ours[i]) differ++
  })
}

const clean: string[] = []
let cleanBytes = 0
while (cleanBytes < 20e6) {
  for (const p of plains) {
    clean.push(p)
    cleanBytes += Buffer.byteLength(p, 'utf8')
  }
}
const cleanMB = cleanBytes / 1e6
const cleanMs = time(() => {
  for (const t of clean) sink += repairMojibake(t).repairs.length
})

const ascii = 'The quick brown fox jumps over the lazy dog. '.repeat(500_000)
const asciiMs = time(() => {
  sink += repairMojibake(ascii).repairs.length
})

const rate = (megabytes: number, ms: number): string => `${(megabytes / (ms / 1000)).toFixed(1)} MB/s`
console.log(`corpus dumps: ${names.length} files, ${dumpMB.toFixed(2)} MB, ${lines} lines`)
console.log(`(fastest run of each; ms per pass over all dumps)`)
console.log(`repairMojibake on dumps:        ${oursMs.toFixed(2)} ms/run  ${rate(dumpMB, oursMs)}`)
console.log(`ftfy-js fix_encoding per line:  ${ftfyMs.toFixed(2)} ms/run  ${rate(dumpMB, ftfyMs)}`)
console.log(`speed-up over ftfy-js:          ${(ftfyMs / oursMs).toFixed(1)}×  (goal ≥ 10×)`)
console.log(`lines where the two differ:     ${differ}`)
console.log(`clean text (${cleanMB.toFixed(1)} MB):         ${rate(cleanMB, cleanMs)}  (goal ≥ 100 MB/s)`)
console.log(`pure ASCII (${(ascii.length / 1e6).toFixed(1)} MB):         ${rate(ascii.length / 1e6, asciiMs)}`)
if (sink === -1) console.log('')
