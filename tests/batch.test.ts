/**
 * `foreign-relations parse` in batch mode, in process: output order,
 * per-document errors, JSON Lines on stdin (whole and streamed in odd
 * chunks), directories, globs, `-o`; and the worker pool (`--jobs 2`), which
 * needs the compiled worker in dist/ and skips with a message without it.
 */

import {spawnSync} from 'node:child_process'
import * as nodeModule from 'node:module'
import {copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import Tinypool from 'tinypool'
import {describe, expect, it, vi} from 'vitest'
import {cli} from './cli-helpers.js'
import {jsonlRanges, MAIN_ONLY_BYTES, RANGE_BYTES, runBatch, type BatchIo, type BatchOptions, type BatchStats, type BatchTask, type BatchTaskResult, type GroupOutput} from '../src/cli/batch.js'
import processTasks, {appendJson, appendLine, parseRecord, processGroup, useSlots, type LineSink, type SharedSlots} from '../src/cli/batch-worker.js'
import {forEachRecord} from '../src/cli/jsonl.js'
import {generator} from './random.js'
import {Utf8Buffer} from '../src/cli/utf8.js'
import {parseDocument, parseForeignRelations} from '../src/index.js'

const fixtures = new URL('../fixtures/', import.meta.url).pathname
const seedPath = join(fixtures, 'foreign-relations-of-mali.txt')
const seed = readFileSync(seedPath)
const corpus = (name: string): string => join(fixtures, 'corpus', `${name}.dump.txt`)
const bazooka = corpus('Bazooka')
/** The names of the corpus files ending in `suffix`, sorted. */
const corpusFiles = (suffix: '.dump.txt' | '.plain.txt'): string[] =>
  readdirSync(join(fixtures, 'corpus'))
    .filter((f) => f.endsWith(suffix))
    .sort()
/** The corpus texts ending in `suffix`, joined with blank lines: one large document. */
const joinedCorpus = (suffix: '.dump.txt' | '.plain.txt'): string => corpusFiles(suffix).map((f) => readFileSync(join(fixtures, 'corpus', f), 'utf8')).join('\n\n')
const ukraine = corpus('United-Kingdom')


const subjectOf = (line: Record<string, unknown>): unknown => (line.model as {subject: {name: string}}).subject.name

/** A LineSink that builds a string, written apart from Utf8Buffer to check it. */
class StringSink implements LineSink {
  text = ''
  append(s: string): void {
    this.text += s
  }
  appendElements(json: string, first: boolean): void {
    this.text += (first ? json : `,${json.slice(1)}`).slice(0, -1)
  }
  get size(): number {
    return this.text.length
  }
  truncate(size: number): void {
    this.text = this.text.slice(0, size)
  }
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'fr-batch-'))
}

describe('parse in batch mode (--jobs 1, in process)', () => {
  it('writes one JSON line per file, in argument order, each the model of that file', async () => {
    const r = await cli(['parse', '--jsonl', '--jobs', '1', bazooka, seedPath, ukraine])
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(r.out.endsWith('\n')).toBe(true)
    expect(r.lines.map((l) => l.file)).toEqual([bazooka, seedPath, ukraine].map((f) => f.replace(`${process.cwd()}/`, '')))
    expect(r.lines[1]!.model).toEqual(JSON.parse(JSON.stringify(parseForeignRelations(seed))))
    expect(subjectOf(r.lines[1]!)).toBe('Mali')
    expect((r.lines[1]!.model as {bilateral: unknown[]}).bilateral).toHaveLength(13)
    expect(r.lines[0]!.model).toEqual(JSON.parse(JSON.stringify(parseForeignRelations(readFileSync(bazooka)))))
  })

  it('gives a bad document its own error line, goes on, and exits 1', async () => {
    const r = await cli(['parse', '--jsonl', '-j', '1', seedPath, 'no/such/dump.txt', bazooka])
    expect(r.code).toBe(1)
    expect(r.err).toBe('')
    expect(r.lines).toHaveLength(3)
    expect(r.lines[1]).toEqual({file: join(process.cwd(), 'no/such/dump.txt').replace(`${process.cwd()}/`, ''), error: 'cannot read: no such file'})
    expect(subjectOf(r.lines[0]!)).toBe('Mali')
    expect(r.lines[2]!.model).toBeDefined()
  })

  it('reads JSON Lines on stdin: objects with a title, bare strings, bad lines; blank lines skipped', async () => {
    const input = [
      JSON.stringify({title: 'Foreign relations of Mali', text: seed.toString('utf8')}),
      '',
      JSON.stringify('Mali is a landlocked country.\n'),
      '{"title": "broken"',
      JSON.stringify({title: 'no text'}),
      JSON.stringify({text: 'Plain text, no title.'})
    ].join('\n')
    const r = await cli(['parse', '--jsonl-input', '--jobs', '1'], {stdin: Buffer.from(input)})
    expect(r.code).toBe(1)
    expect(r.lines.map((l) => [l.index, l.title, 'error' in l])).toEqual([
      [0, 'Foreign relations of Mali', false],
      [1, undefined, false],
      [2, undefined, true],
      [3, undefined, true],
      [4, undefined, false]
    ])
    expect(r.lines[0]!.model).toEqual(JSON.parse(JSON.stringify(parseForeignRelations(seed.toString('utf8'), {title: 'Foreign relations of Mali'}))))
    expect(r.lines[2]).toMatchObject({line: 4, error: expect.stringMatching(/^invalid JSON/)})
    expect(r.lines[3]).toMatchObject({line: 5, error: expect.stringMatching(/string "text"/)})
  })

  it('streams stdin: lines and UTF-8 characters split across chunks, CRLF, no final newline', async () => {
    const text = 'Côte d’Ivoire and São Tomé.\n'
    const payload = Buffer.from(`${JSON.stringify({title: 'A', text})}\r\n${JSON.stringify({title: 'B', text: 'Second – dash'})}`)
    // Cut into 3-byte chunks: multi-byte characters and the line end fall across chunks.
    const chunks: Uint8Array[] = []
    for (let i = 0; i < payload.length; i += 3) chunks.push(payload.subarray(i, i + 3))
    const r = await cli(['parse', '--jsonl-input', '-j', '1', '--format', 'markdown'], {chunks})
    expect(r.code).toBe(0)
    expect(r.lines.map((l) => l.title)).toEqual(['A', 'B'])
    expect(r.lines[0]!.markdown).toContain('Côte d’Ivoire and São Tomé.')
    expect(r.lines[1]!.markdown).toContain('Second – dash')
  })

  it('expands a directory (every .txt below, sorted) and a glob; a .jsonl file is read as JSON Lines', async () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'sub'))
    writeFileSync(join(dir, 'b.txt'), seed)
    writeFileSync(join(dir, 'a.txt'), 'Just a paragraph.\n')
    writeFileSync(join(dir, 'sub', 'c.txt'), 'Another one.\n')
    writeFileSync(join(dir, 'ignored.md'), '# not a dump\n')
    const byDir = await cli(['parse', '--jsonl', '-j', '1', dir], {cwd: dir})
    expect(byDir.code).toBe(0)
    expect(byDir.lines.map((l) => l.file)).toEqual(['a.txt', 'b.txt', 'sub/c.txt'])
    expect(subjectOf(byDir.lines[1]!)).toBe('Mali')

    const byGlob = await cli(['parse', '-j', '1', '*.txt'], {cwd: dir})
    expect(byGlob.lines.map((l) => l.file)).toEqual(['a.txt', 'b.txt'])

    writeFileSync(join(dir, 'docs.jsonl'), `${JSON.stringify('one')}\n${JSON.stringify({title: 'T', text: 'two'})}\n`)
    const byJsonl = await cli(['parse', 'docs.jsonl', 'a.txt', '-j', '1'], {cwd: dir})
    expect(byJsonl.code).toBe(0)
    expect(byJsonl.lines.map((l) => [l.file, l.index, l.title])).toEqual([
      ['docs.jsonl', 0, undefined],
      ['docs.jsonl', 1, 'T'],
      ['a.txt', undefined, undefined]
    ])
  })

  it('shows a progress bar on stderr only when asked (stderr is a terminal)', async () => {
    const quiet = await cli(['parse', '--jsonl', '-j', '1', seedPath, bazooka])
    expect(quiet.err).toBe('')
    const loud = await cli(['parse', '--jsonl', '-j', '1', seedPath, bazooka], {progress: true})
    expect(loud.code).toBe(0)
    expect(loud.out).toBe(quiet.out)
    const last = loud.err.split('\r').at(-1) ?? ''
    expect(last).toMatch(/^\[#{20}\] 100% 2 docs {2}[\d.]+ MB\/s {2}ETA 0m00s\x1b\[K\n$/)
  })

  it('writes to -o, and keeps mdast when asked', async () => {
    const dir = tempDir()
    const target = join(dir, 'out.jsonl')
    const r = await cli(['parse', '--jsonl', '-j', '1', '--format', 'mdast', '-o', target, seedPath, bazooka])
    expect(r.code).toBe(0)
    expect(r.out).toBe('')
    const lines = readFileSync(target, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as {mdast: {type: string}})
    expect(lines).toHaveLength(2)
    expect(lines[0]!.mdast.type).toBe('root')
  })

  it('replaces what an -o file held, longer or not, and writes to a device', async () => {
    const dir = tempDir()
    const target = join(dir, 'out.jsonl')
    // Longer than the new output: none of it may be left at the end (JSON
    // Lines never hold a raw NUL).
    writeFileSync(target, Buffer.alloc(3 << 20))
    const r = await cli(['parse', '--jsonl', '-j', '1', '-o', target, seedPath, bazooka])
    expect(r.code).toBe(0)
    const text = readFileSync(target, 'utf8')
    expect(text.includes('\0')).toBe(false)
    expect(text.trimEnd().split('\n').map((l) => (JSON.parse(l) as {file: string}).file)).toEqual([seedPath, bazooka].map((f) => relative(process.cwd(), f)))
    // No document: the file is still emptied.
    writeFileSync(target, 'old\n')
    const none = await cli(['parse', '--jsonl-input', '-o', target])
    expect(none.code).toBe(0)
    expect(readFileSync(target, 'utf8')).toBe('')
    // A character device cannot be truncated, and need not be.
    if (existsSync('/dev/null')) expect((await cli(['parse', '--jsonl', '-o', '/dev/null', seedPath])).code).toBe(0)
  })

  it('refuses an -o file that is one of the inputs, and leaves it as it was', async () => {
    const dir = tempDir()
    const input = join(dir, 'docs.jsonl')
    const record = `${JSON.stringify({title: 'Mali', text: seed})}\n`
    writeFileSync(input, record)
    linkSync(input, join(dir, 'link.jsonl'))
    for (const output of [input, join(dir, 'link.jsonl'), 'docs.jsonl']) {
      const r = await cli(['parse', '--jsonl', '-o', output, input], {cwd: dir})
      expect(r.code, output).toBe(2)
      expect(r.err).toMatch(/is also an input/)
      expect(readFileSync(input, 'utf8')).toBe(record)
    }
  })

  it('usage errors exit 2: empty directory, bad --jobs, --summary, unwritable -o', async () => {
    const dir = tempDir()
    for (const argv of [
      ['parse', '--jsonl', dir],
      ['parse', '--jobs', '0', seedPath],
      ['parse', '--jobs', 'two', seedPath],
      ['parse', '--jsonl', '--summary', seedPath],
      ['parse', '--jsonl', '-o', join(dir, 'no', 'such', 'out.jsonl'), seedPath]
    ]) {
      const r = await cli(argv)
      expect(r.code, argv.join(' ')).toBe(2)
      expect(r.out).toBe('')
      expect(r.err.trim().split('\n')).toHaveLength(1)
    }
  })

  it('a single FILE without batch flags keeps the pretty single-document output; a lone directory stays an error', async () => {
    const r = await cli(['parse', seedPath])
    expect(r.code).toBe(0)
    expect(r.out).toBe(`${JSON.stringify(parseForeignRelations(seed), null, 2)}\n`)
    const d = await cli(['parse', tempDir()])
    expect(d.code).toBe(2)
    expect(d.err).toMatch(/it is a directory/)
  })
})

describe('batch helpers', () => {
  it('parseRecord takes strings and {title, text}; rejects others', () => {
    expect(parseRecord('"abc"')).toEqual({text: 'abc'})
    expect(parseRecord('{"title":"T","text":"x","extra":1}')).toEqual({title: 'T', text: 'x'})
    expect(parseRecord('{"title":5,"text":"x"}')).toEqual({text: 'x'})
    expect(() => parseRecord('[1]')).toThrow(/string "text"/)
    expect(() => parseRecord('null')).toThrow(/string "text"/)
    expect(() => parseRecord('{')).toThrow(/invalid JSON/)
  })

  it('jsonlRanges cuts JSON Lines into ranges of whole lines, whatever the chunks, with each document\'s index and line', async () => {
    // Random inputs: records, blank lines (spaces, tabs, CR), CRLF, a BOM,
    // no final newline, lines longer than a range, UTF-8 across chunk edges.
    const rnd = generator(8)
    const random = {int: (low: number, high: number): number => low + rnd(high - low + 1)}
    for (let round = 0; round < 200; round++) {
      const rows: string[] = []
      for (let k = random.int(0, 30); k > 0; k--) {
        const kind = random.int(0, 5)
        rows.push(kind === 0 ? '' : kind === 1 ? ' \t\r' : `"${'é€x'.repeat(random.int(1, kind === 5 ? 60 : 5))}"${random.int(0, 3) === 0 ? '\r' : ''}`)
      }
      const text = `${round % 7 === 0 ? '\ufeff' : ''}${rows.join('\n')}${random.int(0, 1) ? '\n' : ''}`
      const bytes = Buffer.from(text)
      // Small chunks, or (one round in five) the whole input as one.
      const whole = round % 5 === 0
      async function* chunks(): AsyncGenerator<Uint8Array> {
        let at = 0
        while (at < bytes.length) {
          const end = whole ? bytes.length : Math.min(bytes.length, at + random.int(1, 40))
          yield bytes.subarray(at, end)
          at = end
        }
      }
      // What splitting the whole text gives.
      const expected: Array<[string, number, number]> = []
      text
        .replace(/^\ufeff/, '')
        .split('\n')
        .forEach((row, k) => {
          if (!/^[ \t\r]*$/.test(row)) expected.push([row.replace(/\r$/, ''), expected.length, k + 1])
        })
      const got: Array<[string, number, number]> = []
      let ranges = 0
      const size = random.int(1, 120)
      for await (const task of jsonlRanges(chunks(), round % 2 ? 'f.jsonl' : null, {format: 'json', parseOptions: {}}, size)) {
        ranges++
        expect(task.id).toEqual(round % 2 ? {file: 'f.jsonl'} : {})
        // A range ends at its first line end at or after `size` bytes, and
        // a line longer than that is a range of its own.  (Not checked with
        // a BOM, which the first range loses.)
        const own = Buffer.from(task.records!.bytes)
        const lines = own.toString('latin1').split(/(?<=\n)/)
        if (round % 7 !== 0) {
          let at = 0
          for (const l of lines.slice(0, -1)) {
            at += l.length
            expect(at, JSON.stringify(own.toString('utf8'))).toBeLessThan(size)
          }
          if (lines.some((l) => l.length > size)) expect(lines).toHaveLength(1)
        }
        let count = 0
        forEachRecord(task.records!, (record, index, line) => {
          count++
          got.push([Buffer.from(record).toString('utf8'), index, line])
        })
        expect(count).toBe(task.records!.count)
        expect(count).toBeGreaterThan(0)
      }
      expect(got).toEqual(expected)
      if (expected.length > 0) expect(ranges).toBeGreaterThan(0)
    }
  })

  it('appendLine puts the id first (with the title, and the line of a bad record) and escapes errors', () => {
    const line = (task: Pick<BatchTask, 'id' | 'line'>, result: BatchTaskResult): string => {
      const out = new StringSink()
      appendLine(out, task, result)
      return out.text
    }
    expect(line({id: {file: 'a "b".txt'}}, {ok: false, error: 'x\ny', bytes: 0})).toBe('{"file":"a \\"b\\".txt","error":"x\\ny"}\n')
    expect(line({id: {index: 3}, line: 4}, {ok: true, key: 'markdown', value: '# T\n', bytes: 4, title: 'T'})).toBe('{"index":3,"title":"T","markdown":"# T\\n"}\n')
    expect(line({id: {file: 'f.jsonl', index: 3}, line: 4}, {ok: false, error: 'bad', bytes: 2})).toBe('{"file":"f.jsonl","index":3,"line":4,"error":"bad"}\n')
  })
})

describe('appendJson (the output lines\' JSON, long top-level arrays in slices)', () => {
  const pages = corpusFiles('.dump.txt').map((f) => readFileSync(join(fixtures, 'corpus', f)))
  const json = (value: unknown, sink: LineSink): string => {
    appendJson(sink, value)
    return sink instanceof StringSink ? sink.text : Buffer.from((sink as Utf8Buffer).view()).toString('utf8')
  }

  it('gives what JSON.stringify gives, on every corpus model and tree and on the seed, through both sinks', () => {
    let sliced = 0
    for (const bytes of [seed, ...pages]) {
      const model = parseForeignRelations(bytes)
      const tree = parseDocument(bytes)
      for (const value of [model, tree]) {
        const expected = JSON.stringify(value)
        expect(json(value, new StringSink())).toBe(expected)
        expect(json(value, new Utf8Buffer(8))).toBe(expected)
      }
      if (model.diagnostics.length > 64 || model.claims.length > 64) sliced++
    }
    // The slices were taken: 10 of the 39 documents have more than 64 claims or diagnostics.
    expect(sliced).toBeGreaterThan(5)
  })

  it('keeps what JSON.stringify leaves out or turns to null, and toJSON', () => {
    const long = Array.from({length: 200}, (_, k) => (k % 7 === 0 ? undefined : k % 5 === 0 ? {k, f: () => 1} : k % 3 === 0 ? [k, 'é–\u2028'] : `s${k}`))
    const values: unknown[] = [
      {a: undefined, b: () => 1, c: Symbol('c'), d: long, e: [], f: Array(70), g: {h: long}, i: null, j: 'x'},
      {},
      {a: undefined},
      {toJSON: () => ({z: long})},
      {d: Object.assign(Array.from({length: 100}, (_, k) => k), {toJSON: () => 'array'})},
      {d: {toJSON: () => long}},
      [1, long],
      'a string',
      42,
      null
    ]
    for (const value of values) {
      expect(json(value, new StringSink())).toBe(JSON.stringify(value))
      expect(json(value, new Utf8Buffer(8))).toBe(JSON.stringify(value))
    }
    expect(json(undefined, new StringSink())).toBe('null')
  })
})

describe('a group of documents (what a worker runs)', () => {
  const task = (file: string): BatchTask => ({id: {file}, path: file, format: 'json', options: {}})
  const tasks = [task(seedPath), {id: {file: 'x.jsonl'}, error: 'cannot read: no such file', format: 'json', options: {}} as BatchTask, task(bazooka)]
  const expected = [
    JSON.stringify({file: seedPath, model: parseForeignRelations(seed)}),
    JSON.stringify({file: 'x.jsonl', error: 'cannot read: no such file'}),
    JSON.stringify({file: bazooka, model: parseForeignRelations(readFileSync(bazooka))}),
    ''
  ].join('\n')

  it('appends the lines in order, and gives each outcome (ok, input bytes)', () => {
    const out = new StringSink()
    const outcomes = processGroup(tasks, out)
    expect(out.text).toBe(expected)
    expect(outcomes).toEqual([
      {ok: true, bytes: seed.length},
      {ok: false, bytes: 0},
      {ok: true, bytes: readFileSync(bazooka).length}
    ])
  })

  it('gives a document whose value cannot be serialized an error line in place of its partial one', () => {
    // No value of the parser's makes JSON.stringify throw: one is made to, on the seed's subject.
    const real = JSON.stringify
    const spy = vi.spyOn(JSON, 'stringify').mockImplementation((value: unknown, ...rest: unknown[]) => {
      if (value !== null && typeof value === 'object' && 'iso2' in value && (value as {name?: unknown}).name === 'Mali') throw new TypeError('Do not know how to serialize a BigInt')
      return real(value, ...(rest as []))
    })
    const out = new Utf8Buffer(8)
    let outcomes
    try {
      outcomes = processGroup([tasks[1]!, task(seedPath), task(bazooka)], out)
    } finally {
      spy.mockRestore()
    }
    expect(outcomes).toEqual([
      {ok: false, bytes: 0},
      {ok: false, bytes: seed.length},
      {ok: true, bytes: readFileSync(bazooka).length}
    ])
    const lines = Buffer.from(out.view()).toString('utf8').split('\n')
    expect(lines[1]).toBe(JSON.stringify({file: seedPath, error: 'cannot serialize: Do not know how to serialize a BigInt'}))
    expect(`${lines[0]}\n${lines[2]}\n`).toBe(expected.split('\n').filter((_, k) => k !== 0).join('\n'))
  })

  it('writes the lines to its output slot when they fit, else returns them in a buffer of its own, moved; reads a range from its input slot', () => {
    // What tinypool moves: the value and its transferables, behind symbols.
    const unwrap = (moved: unknown): {value: GroupOutput; transfer: ArrayBuffer[]} => {
      const read = (key: symbol): unknown => (moved as Record<symbol, unknown>)[key]
      return {value: read(Tinypool.valueSymbol) as GroupOutput, transfer: read(Tinypool.transferableSymbol) as ArrayBuffer[]}
    }
    // Outside a pool: no slots.
    const first = unwrap(processTasks({tasks, output: 0}))
    expect(Buffer.from(first.value.out!).toString('utf8')).toBe(expected)
    expect(first.transfer).toEqual([first.value.out!.buffer])
    expect(first.value.outcomes.map((o) => o.ok)).toEqual([true, false, true])
    const length = first.value.out!.length
    const slots: SharedSlots = {input: [new SharedArrayBuffer(1 << 16)], output: [new SharedArrayBuffer(100), new SharedArrayBuffer(length + 10)]}
    useSlots(slots)
    try {
      // It fits slot 1: nothing is moved.
      const second = processTasks({tasks, output: 1}) as GroupOutput
      expect(second).toEqual({slot: 1, length, outcomes: first.value.outcomes})
      expect(Buffer.from(slots.output[1]!, 0, length).toString('utf8')).toBe(expected)
      // Too large for slot 0: a buffer of its own.
      const third = unwrap(processTasks({tasks, output: 0}))
      expect(third.value.slot).toBeUndefined()
      expect(Buffer.from(third.value.out!).toString('utf8')).toBe(expected)
      // A range of records from the input slot (its own bytes empty).
      const text = `{"title": "Mali", "text": ${JSON.stringify(seed.toString('utf8'))}}\n\n[1]\r\n`
      const bytes = new Uint8Array(slots.input[0]!)
      const n = Buffer.from(text).copy(bytes)
      const range: BatchTask = {id: {file: 'a.jsonl'}, records: {bytes: new Uint8Array(0), index: 5, line: 9, count: 2}, format: 'json', options: {}}
      const fourth = unwrap(processTasks({tasks: [range], input: {slot: 0, length: n}}))
      const lines = Buffer.from(fourth.value.out!).toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
      expect(lines.map((l) => [l.index, l.title, l.line])).toEqual([[5, 'Mali', undefined], [6, undefined, 11]])
      expect(subjectOf(lines[0]!)).toBe('Mali')
      expect(lines[1]!.error).toMatch(/^expected a JSON string or an object/)
      expect(() => processTasks({tasks, input: {slot: 0, length: n}})).toThrow(/not one range/)
    } finally {
      useSlots(undefined)
    }
  })
})

const worker = new URL('../dist/cli/batch-worker.js', import.meta.url).pathname
const built = existsSync(worker)
if (!built) console.warn(`batch.test: skipping the worker-pool test: ${worker} is missing (run \`npm run build\`)`)

/**
 * `runBatch` with its output and stderr collected (bytes kept as bytes until
 * the end).  `keep`: stdout holds on to the very bytes it is given, and says
 * they are done only after the run, as a slow pipe would; the batch must not
 * reuse them before.
 */
async function batch(options: Partial<BatchOptions> & Pick<BatchOptions, 'inputs' | 'jobs'>, cwd = process.cwd(), keep = false): Promise<{code: number; out: string; err: string}> {
  const out: Uint8Array[] = []
  const later: Array<() => void> = []
  let err = ''
  const io: BatchIo = {
    stdout: (s) => out.push(Buffer.from(s)),
    stdoutBytes: (b, done) => {
      out.push(keep ? b : Buffer.from(b))
      if (keep) later.push(done)
      else done()
    },
    stderr: (s) => {
      err += s
    },
    cwd
  }
  const code = await runBatch({jsonlInput: false, format: 'json', parseOptions: {}, workerFile: worker, ...options}, io)
  const text = Buffer.concat(out).toString('utf8')
  for (const done of later) done()
  return {code, out: text, err}
}

describe.skipIf(!built)('parse in batch mode with the worker pool (--jobs 2, compiled worker)', () => {
  it('keeps input order and per-document errors across threads', async () => {
    const names = readFileSync(join(fixtures, 'corpus', 'manifest.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as {name: string}).name)
    const files = [...names.map(corpus), 'no/such/dump.txt', seedPath]
    const r = await cli(['parse', '--jsonl', '--jobs', '2', ...files])
    expect(r.err).toBe('')
    expect(r.code).toBe(1)
    expect(r.lines.map((l) => l.file)).toEqual(files.map((f) => f.replace(`${process.cwd()}/`, '')))
    expect(r.lines.filter((l) => 'error' in l).map((l) => l.file)).toEqual(['no/such/dump.txt'])
    expect(subjectOf(r.lines.at(-1)!)).toBe('Mali')
  })

  it('parses a document too large for a worker on the main thread, with the same output', async () => {
    // About 3 MB: the corpus pages joined 6 times.  With a 16 MB worker heap
    // the worker stops; the group is parsed again on the main thread.
    const pages = joinedCorpus('.plain.txt')
    const dir = tempDir()
    const big = join(dir, 'big.txt')
    writeFileSync(big, Array(6).fill(pages).join('\n\n'))
    const runWith = (jobs: number): ReturnType<typeof batch> =>
      batch({inputs: [seedPath, big, corpus('Bazooka')], jobs, workerLimits: {maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4}}, dir)
    const one = await runWith(1)
    const two = await runWith(2)
    expect(one.code).toBe(0)
    expect(two.code).toBe(0)
    expect(two.err).toMatch(/^foreign-relations: a worker stopped \(.*memory.*\); its documents are parsed on the main thread\n(foreign-relations: \d+ groups of documents were parsed on the main thread after their worker stopped\n)?$/)
    const lines = two.out.trimEnd().split('\n').map((l) => JSON.parse(l) as {file: string; model?: {subject: {name: string}}})
    expect(lines.map((l) => l.file)).toEqual([seedPath, 'big.txt', corpus('Bazooka')])
    expect(lines.every((l) => l.model !== undefined)).toBe(true)
    expect(two.out).toBe(one.out)
    // The same as JSON Lines: a range that fits its input slot (under 1 MB,
    // with a document of 0.8 MB) and one that does not (3 MB), each too
    // large for the worker.
    const record = (text: string): string => JSON.stringify({title: 'big', text})
    const medium = `${pages}\n\n${pages.slice(0, 300_000)}`
    // (More ranges after the 3 MB one: it is held, until a worker takes it
    // and after, while the ranges after it are read.)
    const after = Array(40).fill(JSON.stringify(seed.toString('utf8')))
    writeFileSync(join(dir, 'big.jsonl'), `${[JSON.stringify(seed.toString('utf8')), record(medium), '"x"', record(Array(6).fill(pages).join('\n\n')), '"y"', ...after].join('\n')}\n`)
    const rangesWith = (jobs: number, stats?: BatchStats): ReturnType<typeof batch> =>
      batch({inputs: ['big.jsonl'], jobs, stats, workerLimits: {maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4}}, dir)
    const stats: BatchStats = {mainGroups: 0, workerGroups: 0, sharedInputs: 0, sharedOutputs: 0}
    const oneRanges = await rangesWith(1)
    const twoRanges = await rangesWith(2, stats)
    expect([oneRanges.code, twoRanges.code]).toEqual([0, 0])
    expect(twoRanges.err).toMatch(/^foreign-relations: a worker stopped \(.*memory.*\); its documents are parsed on the main thread\n/)
    expect(twoRanges.out).toBe(oneRanges.out)
    expect(twoRanges.out.trimEnd().split('\n').map((l) => (JSON.parse(l) as {index: number}).index)).toEqual(Array.from({length: 45}, (_, k) => k))
    // The first two ranges went to the worker, the first through an input
    // slot, and came back to the main thread.
    expect(stats.sharedInputs).toBeGreaterThanOrEqual(1)
    expect(stats.mainGroups).toBeGreaterThanOrEqual(2)
  })

  it('parses a document of MAIN_ONLY_BYTES or more on the main thread, never in a worker (a JSON Lines record, a file)', async () => {
    // A 9 MB record made a worker with the default heap stop (a 60 MB one
    // stopped the whole process); it is now parsed on the main thread.
    const pages = joinedCorpus('.dump.txt')
    let text = pages
    while (Buffer.byteLength(text) < MAIN_ONLY_BYTES + (1 << 20)) text += `\n\n${pages}`
    const dir = tempDir()
    writeFileSync(join(dir, 'large.jsonl'), `${['"x"', JSON.stringify({title: 'large', text}), '"y"'].join('\n')}\n`)
    writeFileSync(join(dir, 'large.txt'), text)
    const inputs = ['large.jsonl', 'large.txt']
    const one = await batch({inputs, jobs: 1}, dir)
    const stats: BatchStats = {mainGroups: 0, workerGroups: 0, sharedInputs: 0, sharedOutputs: 0}
    const two = await batch({inputs, jobs: 2, stats}, dir)
    expect([one.code, two.code]).toEqual([0, 0])
    expect(two.err).toBe('')
    expect(two.out).toBe(one.out)
    expect(two.out.trimEnd().split('\n').map((l) => (JSON.parse(l) as {title?: string}).title)).toEqual([undefined, 'large', undefined, undefined])
    // The small records' ranges and the two large documents.
    expect(stats.mainGroups).toBeGreaterThanOrEqual(2)
  })

  it('goes on in the main thread when no worker can even start', async () => {
    // A worker module that throws as it loads (a broken build): tinypool then
    // starts no more workers and, before the fix, the queued groups waited
    // for ever (or its destroy ended the process).
    const dir = tempDir()
    const broken = join(dir, 'broken-worker.mjs')
    writeFileSync(broken, "throw new Error('this worker cannot load')\n")
    // Files, and JSON Lines of several ranges (which go through input slots).
    const {input} = jsonl(dir, 60, -1)
    const files = [seedPath, corpus('Bazooka'), input, corpus('United-Kingdom'), corpus('2008-British-motorcycle-Grand-Prix')]
    const run = (jobs: number, workerFile: string): ReturnType<typeof batch> => batch({inputs: files, jobs, workerFile})
    const one = await run(1, worker)
    for (const jobs of [2, 3]) {
      const many = await run(jobs, broken)
      expect(many.code).toBe(0)
      expect(many.out).toBe(one.out)
      expect(many.out.trimEnd().split('\n')).toHaveLength(files.length - 1 + 60)
      expect(many.err).toMatch(/this worker cannot load/)
    }
  })

  /** `count` JSON Lines records of the corpus pages, the one at `bad` broken; written to `dir`. */
  const jsonl = (dir: string, count: number, bad: number): {input: string; lines: string[]; titles: string[]} => {
    const pages = corpusFiles('.dump.txt')
    const records = pages.map((f) => JSON.stringify({title: f, text: readFileSync(join(fixtures, 'corpus', f), 'utf8')}))
    const lines = Array.from({length: count}, (_, k) => (k === bad ? '{"title": "broken"' : records[k % records.length]!))
    const input = join(dir, 'docs.jsonl')
    writeFileSync(input, `${lines.join('\n')}\n`)
    return {input, lines, titles: lines.map((_, k) => pages[k % pages.length]!)}
  }

  it('writes the same file with -o as --jobs 1 from JSON Lines of many groups, parsing on both threads, ranges and lines to and from the worker through shared slots', async () => {
    const dir = tempDir()
    // 1,000 documents: about 65 groups, beyond the 32 the main thread may
    // run ahead while the worker starts.
    const {input, lines, titles} = jsonl(dir, 1000, 557)
    const one = await batch({inputs: [input], jobs: 1, output: join(dir, 'one.jsonl')}, dir)
    const stats: BatchStats = {mainGroups: 0, workerGroups: 0, sharedInputs: 0, sharedOutputs: 0}
    const two = await batch({inputs: [input], jobs: 2, output: join(dir, 'two.jsonl'), stats}, dir)
    expect([one.code, two.code]).toEqual([1, 1])
    expect(two.err).toBe('')
    const written = readFileSync(join(dir, 'two.jsonl'), 'utf8')
    expect(written).toBe(readFileSync(join(dir, 'one.jsonl'), 'utf8'))
    const parsed = written.trimEnd().split('\n').map((l) => JSON.parse(l) as {index: number; title?: string; line?: number; error?: string})
    expect(parsed.map((l) => l.index)).toEqual(lines.map((_, k) => k))
    expect(parsed[557]).toEqual({file: 'docs.jsonl', index: 557, line: 558, error: expect.stringMatching(/^invalid JSON/)})
    expect(parsed.filter((l) => l.error)).toHaveLength(1)
    expect(parsed[999]!.title).toBe(titles[999])
    expect(stats.workerGroups).toBeGreaterThan(0)
    expect(stats.mainGroups).toBeGreaterThan(0)
    expect(stats.sharedInputs).toBe(stats.workerGroups)
    expect(stats.sharedOutputs).toBe(stats.workerGroups)
  })

  it('parses JSON Lines given on stdin as one chunk on both threads (many ranges, not one)', async () => {
    const dir = tempDir()
    const {input} = jsonl(dir, 300, 7)
    const whole = readFileSync(input)
    const run = async (jobs: number, stats?: BatchStats): Promise<{code: number; out: string}> => {
      let out = ''
      const io: BatchIo = {stdout: (s) => (out += s), stderr: (s) => expect.fail(s), cwd: dir, stdin: async () => whole}
      const code = await runBatch({inputs: [], jsonlInput: true, jobs, format: 'json', parseOptions: {}, workerFile: worker, ...(stats ? {stats} : {})}, io)
      return {code, out}
    }
    const one = await run(1)
    const stats: BatchStats = {mainGroups: 0, workerGroups: 0, sharedInputs: 0, sharedOutputs: 0}
    const two = await run(2, stats)
    expect([one.code, two.code]).toEqual([1, 1])
    expect(two.out).toBe(one.out)
    expect(two.out.trimEnd().split('\n').map((l) => (JSON.parse(l) as {index: number}).index)).toEqual(Array.from({length: 300}, (_, k) => k))
    // About 4 MB in ranges of 256 KB or a little more (up to the end of a document).
    expect(stats.mainGroups + stats.workerGroups).toBeGreaterThanOrEqual(Math.floor(whole.length / (2 * RANGE_BYTES)))
    expect(stats.workerGroups).toBeGreaterThan(0)
    expect(stats.sharedInputs).toBe(stats.workerGroups)
  })

  it('never reuses output that stdout still holds (a pipe that is slow to take it)', async () => {
    const dir = tempDir()
    const {input} = jsonl(dir, 150, 20)
    const expected = (await batch({inputs: [input], jobs: 1}, dir)).out
    expect(expected.split('\n')).toHaveLength(151)
    for (const jobs of [1, 2]) {
      const kept = await batch({inputs: [input], jobs}, dir, true)
      expect(kept.code).toBe(1)
      expect(kept.out).toBe(expected)
    }
  })

  it('writes Markdown from a worker as from the main thread (the worker loads the export with its first Markdown group)', async () => {
    const dir = tempDir()
    const {input} = jsonl(dir, 200, -1)
    const one = await batch({inputs: [input], jobs: 1, format: 'markdown'}, dir)
    const stats: BatchStats = {mainGroups: 0, workerGroups: 0, sharedInputs: 0, sharedOutputs: 0}
    const two = await batch({inputs: [input], jobs: 2, format: 'markdown', stats}, dir)
    expect([one.code, two.code]).toEqual([0, 0])
    expect(two.err).toBe('')
    expect(two.out).toBe(one.out)
    const parsed = two.out.trimEnd().split('\n').map((l) => JSON.parse(l) as {markdown?: unknown})
    expect(parsed).toHaveLength(200)
    expect(parsed.every((l) => typeof l.markdown === 'string' && l.markdown.length > 0)).toBe(true)
    expect(stats.workerGroups).toBeGreaterThan(0)
  })

  /** What a child process of `refusing` ended with. */
  type Run = {status: number | null; stderr: string}
  const mainJs = new URL('../dist/cli/main.js', import.meta.url).pathname
  /**
   * Node with a module hook that refuses to load the modules `refuses` (a
   * condition on their `url`) matches, with the error `message`: what a run
   * loads, seen from outside.  `dir` is a new directory for the test's files.
   */
  const refusing = (refuses: string, message: string): {dir: string; node: (args: string[], cwd?: string) => Run} => {
    const dir = tempDir()
    writeFileSync(join(dir, 'hooks.mjs'), `export async function load(url, context, next) {\n  if (${refuses}) throw new Error(${JSON.stringify(message)})\n  return next(url, context)\n}\n`)
    writeFileSync(join(dir, 'register.mjs'), "import {register} from 'node:module'\nregister(new URL('./hooks.mjs', import.meta.url))\n")
    const node = (args: string[], cwd?: string): Run => {
      const r = spawnSync(process.execPath, ['--import', join(dir, 'register.mjs'), ...args], {encoding: 'utf8', ...(cwd === undefined ? {} : {cwd})})
      return {status: r.status, stderr: r.stderr}
    }
    return {dir, node}
  }

  // module.register (Node 20.6+; a named import would not even link before) runs the hook that refuses the export.
  it.skipIf(typeof nodeModule.register !== 'function')('loads the Markdown export only for Markdown output (the CLI, one document or a batch)', () => {
    // A module hook that refuses to load dist/cli/markdown.js: JSON and mdast
    // output must not need it; Markdown output shows that the hook works.
    const {dir, node} = refusing("url.endsWith('/dist/cli/markdown.js')", 'markdown.js was loaded')
    const run = (...args: string[]): Run => node([mainJs, 'parse', ...args])
    expect(run(seedPath, '-o', join(dir, 'mali.json'))).toEqual({status: 0, stderr: ''})
    expect(JSON.parse(readFileSync(join(dir, 'mali.json'), 'utf8')).subject.name).toBe('Mali')
    expect(run('--format', 'mdast', seedPath, '-o', join(dir, 'mali.mdast.json')).status).toBe(0)
    expect(run('--jsonl', '--jobs', '1', seedPath, bazooka, '-o', join(dir, 'batch.jsonl')).status).toBe(0)
    expect(readFileSync(join(dir, 'batch.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(2)
    const markdown = run('--format', 'markdown', seedPath)
    expect(markdown.status).not.toBe(0)
    expect(markdown.stderr).toMatch(/markdown\.js was loaded/)
  })

  it.skipIf(typeof nodeModule.register !== 'function')('loads the glob matcher only for an input that is no file (the CLI, one document)', () => {
    // A module hook that refuses tinyglobby: one FILE that exists is parsed
    // without it; a glob shows that the hook works.
    const {dir, node} = refusing("url.includes('/node_modules/tinyglobby/')", 'tinyglobby was loaded')
    const run = (...args: string[]): Run => node([mainJs, 'parse', ...args], dir)
    expect(run(seedPath, '-o', join(dir, 'mali.json'))).toEqual({status: 0, stderr: ''})
    expect(JSON.parse(readFileSync(join(dir, 'mali.json'), 'utf8')).subject.name).toBe('Mali')
    copyFileSync(seedPath, join(dir, 'mali.txt'))
    const glob = run('*.txt', '-o', join(dir, 'glob.jsonl'))
    expect(glob.status).not.toBe(0)
    expect(glob.stderr).toMatch(/tinyglobby was loaded/)
  })

  it.skipIf(typeof nodeModule.register !== 'function')('loads no parser when the batch module loads (the workers start first)', () => {
    // runBatch starts the pool, then loads the parser, so that the workers
    // load it at the same time as the main thread: a module hook refusing
    // dist/index.js lets dist/cli/batch.js load; the worker module, which
    // needs the parser, shows that the hook works.
    const {node} = refusing("url.endsWith('/dist/index.js')", 'the parser was loaded')
    const load = (module: string): Run => node(['--input-type=module', '-e', `await import(${JSON.stringify(new URL(`../dist/cli/${module}`, import.meta.url).href)})`])
    expect(load('batch.js')).toEqual({status: 0, stderr: ''})
    const worker = load('batch-worker.js')
    expect(worker.status).not.toBe(0)
    expect(worker.stderr).toMatch(/the parser was loaded/)
  })

  it('refuses worker heap limits too small to load the parser', async () => {
    const io: BatchIo = {stdout: () => {}, stderr: () => {}, cwd: process.cwd()}
    await expect(runBatch({inputs: [seedPath], jsonlInput: false, format: 'json', parseOptions: {}, workerFile: worker, jobs: 2, workerLimits: {maxOldGenerationSizeMb: 6}}, io)).rejects.toThrow(/too small to load the parser/)
  })
})
