#!/usr/bin/env node
/**
 * `npm run bench:parallel`: what `parse --jobs 2` gains over `--jobs 1`, and
 * what two cores of this machine can give this kind of work at all.
 *
 * Four measurements, each `--jobs 1`-like run against a 2-way run, in
 * separate child processes (nothing shared with this one):
 *
 * 1. compute only: a pure arithmetic loop, once in one process, then the
 *    same loop in two processes at once.  Near 2× when the machine really
 *    has two free cores.
 * 2. the pipeline without any batch machinery: one process parses (and
 *    serializes) every document, then two processes parse half each: how
 *    the parser itself scales on the cores, caches and memory bandwidth of
 *    this machine, with V8's helper threads (compiling, collecting), which
 *    in a one-thread run already use part of the second core.  (Not a
 *    ceiling for the batch, which also reads and writes: 4 is the closer
 *    bound.)  Each process then parses its documents a second time, its
 *    code compiled by then: the ratio of these warm passes against that of
 *    the first (cold) passes tells how much of what a second thread loses is
 *    its warm-up (V8 compiles the parser again in every isolate, a cost per
 *    thread that grows far more slowly than the batch), and how much is
 *    left when both run compiled code.  The passes are timed inside each
 *    process (from the 13th session; before, this measured each process
 *    whole, from node's start to its exit, one pass); the two processes do
 *    not wait for each other between passes, so near the switch one's warm
 *    pass may overlap the other's cold one.
 * 3. the batch: `foreign-relations parse --jsonl --jobs 1` and `--jobs 2` on
 *    the same JSON Lines file, wall time and peak RSS of the whole process
 *    (worker threads included).
 * 4. the batch with no coordination at all: two `parse --jsonl --jobs 1`
 *    processes at once, each on its own half of the file (cut at a line
 *    boundary), each reading and writing for itself.  What `--jobs 2` could
 *    reach if handing out documents and collecting their lines cost nothing:
 *    unlike 2, it includes the CLI's reading, serializing and writing.
 *
 * Options (environment): BENCH_DOCS (default 10000) documents, the 38 corpus
 * dumps repeated, as `{"title", "text"}` lines; BENCH_ROUNDS (default 3)
 * alternating rounds of all four (medians reported); BENCH_JSON=FILE writes
 * the results.  Goals (issue 8): `--jobs 2` ≥ 1.6× `--jobs 1`, peak RSS < 300 MB.
 */

import {spawnSync} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, openSync, writeSync, closeSync} from 'node:fs'
import {cpus, tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const corpusDir = join(root, 'fixtures', 'corpus')
const main = join(root, 'dist', 'cli', 'main.js')
const DOCS = Math.max(2, Number(process.env.BENCH_DOCS) || 10000)

const names = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.dump.txt'))
  .sort()
const lines = names.map((f) => JSON.stringify({title: f.slice(0, -'.dump.txt'.length), text: readFileSync(join(corpusDir, f), 'utf8')}))
const dir = mkdtempSync(join(tmpdir(), 'fr-bench-parallel-'))
const input = join(dir, 'docs.jsonl')
{
  const fd = openSync(input, 'w')
  for (let i = 0; i < DOCS; i++) writeSync(fd, `${lines[i % lines.length]}\n`)
  closeSync(fd)
}
// The two halves for measurement 4: the first ends with the line that holds the middle byte.
const halves = [join(dir, 'half0.jsonl'), join(dir, 'half1.jsonl')]
let inputMB
{
  const bytes = readFileSync(input)
  inputMB = bytes.length / 1e6
  const cut = bytes.indexOf(10, bytes.length >> 1) + 1
  writeFileSync(halves[0], bytes.subarray(0, cut))
  writeFileSync(halves[1], bytes.subarray(cut))
}

/** Start `count` node processes at once with these arguments; wall time (s) until all end, and each one's stderr. */
function together(count, argsOf) {
  // spawnSync runs one at a time, so a small launcher starts them together.
  const launcher = `
    const {spawn} = require('node:child_process')
    const t0 = performance.now()
    const runs = ${JSON.stringify(Array.from({length: count}, (_, k) => argsOf(k)))}
    let left = runs.length
    const errs = runs.map(() => '')
    runs.forEach((args, k) => {
      const child = spawn(process.execPath, args, {stdio: ['ignore', 'ignore', 'pipe']})
      child.stderr.on('data', (d) => (errs[k] += d))
      child.on('exit', (code) => {
        if (code !== 0 && code !== 1) errs[k] += 'exit ' + code
        if (--left === 0) console.log(JSON.stringify({seconds: (performance.now() - t0) / 1000, errs}))
      })
    })`
  const r = spawnSync(process.execPath, ['-e', launcher], {encoding: 'utf8', maxBuffer: 1 << 26})
  if (r.status !== 0) throw new Error(r.stderr)
  return JSON.parse(r.stdout)
}

const spin = `let x = 0; for (let i = 0; i < 3e8; i++) x = (x * 31 + i) | 0; if (x === 0.5) console.log(x)`
const pipeline = `
  const lib = await import(${JSON.stringify(join(root, 'dist', 'index.js'))})
  const [k, n] = process.argv.slice(-2).map(Number)
  // Bytes, decoded a line at a time, as the batch reads them: the whole
  // file as one string would be a two-byte string twice the file's size in
  // each process.
  const bytes = require('node:fs').readFileSync(${JSON.stringify(input)})
  // Process k of n takes the lines that start in its k-th of the file's
  // bytes, so that the shares are equal in size.  (Every n-th line would not
  // be: the 38 pages repeat, so with n = 2 one process got the 19 even pages,
  // 152 KB a cycle, and the other the 19 odd ones, 374 KB.)
  const lo = Math.floor((k * bytes.length) / n), hi = Math.floor(((k + 1) * bytes.length) / n)
  // Two passes over the same documents, each timed: cold, then warm.
  const seconds = []
  for (let pass = 0; pass < 2; pass++) {
    const t0 = performance.now()
    let sink = 0, start = 0
    for (let end = bytes.indexOf(10); end !== -1; start = end + 1, end = bytes.indexOf(10, start)) {
      if (start >= hi) break
      if (start < lo) continue
      const r = JSON.parse(bytes.toString('utf8', start, end))
      sink += JSON.stringify(lib.parseForeignRelations(r.text, {title: r.title})).length
    }
    seconds.push((performance.now() - t0) / 1000)
    if (sink === 0) console.log(sink)
  }
  process.stderr.write('passes ' + seconds.join(' ') + '\\n')`
const rssHook = `data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss '+process.resourceUsage().maxRSS+'\\n'))`

const results = {docs: DOCS, inputMB}
const fmt = (n, d = 2) => n.toFixed(d)
console.log(`foreign-relations bench:parallel: ${DOCS} documents (${fmt(inputMB, 1)} MB of JSON Lines)`)
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}\n`)

// The machine's speed swings from minute to minute (other tenants): every
// measurement is repeated in alternating rounds, each 2-way run right after
// its 1-way run, and the medians are reported with each round's ratio.
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS) || 3)
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
const pipelineArgs = (k, n) => ['--input-type=commonjs', '-e', `(async () => {${pipeline}})()`, String(k), String(n)]
const batch = (jobs) => {
  const r = together(1, () => ['--import', rssHook, main, 'parse', '--jsonl', '--jobs', String(jobs), input, '-o', join(dir, `out${jobs}.jsonl`)])
  // maxRSS is in KiB; MB are 10^6 bytes here as everywhere in the benches
  // (until the ninth session this printed MiB as MB, 4.9 % less).
  const rss = (Number(/maxrss (\d+)/.exec(r.errs[0])?.[1] ?? NaN) * 1024) / 1e6
  return {seconds: r.seconds, rssMB: rss, err: r.errs[0].replace(/maxrss \d+\n?/, '')}
}
/**
 * The pipeline's passes (s) in the processes run together: the first
 * (cold) and the second (warm) pass of the slowest process at each, and
 * the warm-up (first pass − second) of each process, averaged.
 */
const passes = (r) => {
  const each = r.errs.map((e) => {
    const m = /passes ([\d.]+) ([\d.]+)/.exec(e)
    if (!m) throw new Error(`no pass times from the pipeline: ${e}`)
    return [Number(m[1]), Number(m[2])]
  })
  return {
    cold: Math.max(...each.map((p) => p[0])),
    warm: Math.max(...each.map((p) => p[1])),
    warmup: each.reduce((sum, p) => sum + p[0] - p[1], 0) / each.length
  }
}
const runs = {spin1: [], spin2: [], pipe1: [], pipe2: [], b1: [], b2: [], halves: []}
let errors = ''
for (let round = 0; round < ROUNDS; round++) {
  runs.spin1.push(together(1, () => ['-e', spin]).seconds)
  runs.spin2.push(together(2, () => ['-e', spin]).seconds)
  runs.pipe1.push(passes(together(1, () => pipelineArgs(0, 1))))
  runs.pipe2.push(passes(together(2, (k) => pipelineArgs(k, 2))))
  const b1 = batch(1)
  const b2 = batch(2)
  const h = together(2, (k) => [main, 'parse', '--jsonl', '--jobs', '1', halves[k], '-o', join(dir, `half${k}.out.jsonl`)])
  errors += b1.err + b2.err + h.errs.join('')
  runs.b1.push(b1)
  runs.b2.push(b2)
  runs.halves.push(h.seconds)
  const r = (a, b) => fmt(a / b)
  console.log(
    `  round ${round + 1}: compute ${r(2 * runs.spin1[round], runs.spin2[round])}×, pipeline ${r(runs.pipe1[round].cold, runs.pipe2[round].cold)}× (warm ${r(runs.pipe1[round].warm, runs.pipe2[round].warm)}×), two CLIs on halves ${r(b1.seconds, h.seconds)}×, batch ${r(b1.seconds, b2.seconds)}× (${fmt(b1.seconds)} s → ${fmt(b2.seconds)} s)`
  )
}
if (errors) console.log(`  (stderr: ${errors})`)
const spin1 = med(runs.spin1)
const spin2 = med(runs.spin2)
results.computeRatio = (2 * spin1) / spin2
console.log(`\n  compute only: 1 process ${fmt(spin1)} s, the same loop in 2 processes ${fmt(spin2)} s → ${fmt(results.computeRatio)}× the throughput`)
const pipe1 = med(runs.pipe1.map((p) => p.cold))
const pipe2 = med(runs.pipe2.map((p) => p.cold))
results.ceilingRatio = pipe1 / pipe2
console.log(`  pipeline, no batch machinery: 1 process ${fmt(pipe1)} s, 2 processes (half each) ${fmt(pipe2)} s → ${fmt(results.ceilingRatio)}× (how the parser alone scales)`)
const warm1 = med(runs.pipe1.map((p) => p.warm))
const warm2 = med(runs.pipe2.map((p) => p.warm))
results.warmRatio = warm1 / warm2
// What each process's first pass costs over its second: its warm-up.
const warmup1 = med(runs.pipe1.map((p) => p.warmup))
const warmup2 = med(runs.pipe2.map((p) => p.warmup))
results.warmup = {alone: warmup1, together: warmup2}
console.log(
  `  the same, a second pass (code compiled): 1 process ${fmt(warm1)} s, 2 processes ${fmt(warm2)} s → ${fmt(results.warmRatio)}×; warm-up (first pass − second) ${fmt(warmup1)} s alone, ${fmt(warmup2)} s in each of two`
)
const b1 = {seconds: med(runs.b1.map((b) => b.seconds)), rssMB: Math.max(...runs.b1.map((b) => b.rssMB))}
// Each round's --jobs 1 time over its own halves time, then the median: the machine's speed changes between rounds.
results.halvesRatio = med(runs.b1.map((b, k) => b.seconds / runs.halves[k]))
const b2 = {seconds: med(runs.b2.map((b) => b.seconds)), rssMB: Math.max(...runs.b2.map((b) => b.rssMB))}
const same = readFileSync(join(dir, 'out1.jsonl')).equals(readFileSync(join(dir, 'out2.jsonl')))
results.rounds = runs
results.batch = {jobs1: b1, jobs2: b2, ratio: b1.seconds / b2.seconds, sameOutput: same}
console.log(`  parse --jobs 1: ${fmt(b1.seconds)} s, ${fmt(inputMB / b1.seconds, 1)} MB/s, peak RSS ${fmt(b1.rssMB, 0)} MB (the highest of the rounds)`)
console.log(`  parse --jobs 2: ${fmt(b2.seconds)} s, ${fmt(inputMB / b2.seconds, 1)} MB/s, peak RSS ${fmt(b2.rssMB, 0)} MB (output ${same ? 'identical' : 'DIFFERENT'})`)
// Every document of the halves has its line (the last round's outputs): a half that failed would flatter the bound.
const countLines = (bytes) => {
  let n = 0
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) n++
  return n
}
const halvesLines = countLines(readFileSync(join(dir, 'half0.out.jsonl'))) + countLines(readFileSync(join(dir, 'half1.out.jsonl')))
results.halves = {seconds: med(runs.halves), lines: halvesLines}
console.log(
  `  parse --jobs 1 in 2 processes, half the file each: ${fmt(med(runs.halves))} s → ${fmt(results.halvesRatio)}× (--jobs 2 if handing out documents cost nothing; ${halvesLines === DOCS ? `all ${DOCS} lines` : `${halvesLines} lines of ${DOCS}: INCOMPLETE`})`
)

const ok = (c) => (c ? 'met  ' : 'SHORT')
console.log('\nGoals:')
console.log(`  ${ok(results.batch.ratio >= 1.6)}  --jobs 2 ≥ 1.6× --jobs 1            ${fmt(results.batch.ratio)}× (on this machine now: pipeline ${fmt(results.ceilingRatio)}×, warm ${fmt(results.warmRatio)}×, two CLIs on halves ${fmt(results.halvesRatio)}×, compute-only ${fmt(results.computeRatio)}×)`)
console.log(`  ${ok(b2.rssMB < 300)}  peak RSS < 300 MB with --jobs 2       ${fmt(b2.rssMB, 0)} MB`)
rmSync(dir, {recursive: true, force: true})
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, `${JSON.stringify(results, null, 2)}\n`)
