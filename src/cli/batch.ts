/**
 * `foreign-relations parse` in batch mode: many files, directories, globs or
 * JSON Lines in; JSON Lines out, one line per document, in input order.
 *
 * - Streaming: inputs are read as they are needed (JSON Lines chunk by chunk)
 *   and at most a small window of groups of documents (a group closes at 16
 *   files or once it holds 256 KB; JSON Lines go in ranges of whole lines of
 *   about 256 KB, a group each; see `runBatch`) is in flight, so memory does
 *   not grow with the number of documents.
 * - `--jobs N` parses on N threads: the main thread and N − 1 worker threads
 *   (tinypool); `--jobs 1` runs in-process, without workers.
 * - A document that cannot be read or parsed gets its own output line
 *   `{"file"|"index", "error"}` and never stops the batch; the exit code is 1
 *   when any document failed, 0 otherwise (2: usage or I/O error of the
 *   batch itself, such as an unwritable `-o`).
 * - A progress bar (documents, MB/s, ETA) goes to stderr only when the
 *   caller says stderr is a terminal (`io.progress`).
 */

import {type Stats, closeSync, constants as fsConstants, createReadStream, existsSync, fstatSync, ftruncate, openSync, statSync, writeSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {ResourceLimits} from 'node:worker_threads'
import type {ParseOptions} from '../model/types.js'
import {expandInputs} from './check.js'
import type {BatchFormat, BatchTask, DocumentOutcome, GroupOutput, GroupTask, SharedSlots} from './batch-worker.js'
import {jsonlRanges, taskDocuments} from './jsonl.js'
import {Utf8Buffer} from './utf8.js'

export type {BatchFormat, BatchTask, BatchTaskResult, DocumentOutcome, GroupOutput, GroupTask, SharedSlots} from './batch-worker.js'
export {jsonlRanges, RANGE_BYTES, type RecordRange} from './jsonl.js'

/** Where a batch reads and writes; the CLI's `CliIO` fits. */
export interface BatchIo {
  stdout: (s: string) => void
  /**
   * Write bytes to stdout (optional: the output is then never decoded to a
   * string).  Call `done` once `b` is no longer needed: its memory is then
   * reused for later output.  `b` may be a view of shared memory (a
   * SharedArrayBuffer): write it through the view, never move its buffer.
   */
  stdoutBytes?: (b: Uint8Array, done: () => void) => void
  stderr: (s: string) => void
  /** The directory relative paths and globs are resolved against. */
  cwd: string
  /** Standard input as a whole (used when no stream is given). */
  stdin?: () => Promise<Uint8Array>
  /** Standard input as a stream of chunks (read lazily: JSON Lines stream through); a chunk must not change once given (it is read in place until its lines are taken). */
  stdinStream?: () => AsyncIterable<Uint8Array | string>
  /** Show a progress bar on stderr (the caller decides: stderr is a TTY). */
  progress?: boolean
}

/** Options of a batch run. */
export interface BatchOptions {
  /** Files, directories (every `*.txt` below), globs, `-` for stdin; none: stdin. */
  inputs: string[]
  /** Read every input (and stdin) as JSON Lines; `.jsonl` files always are. */
  jsonlInput: boolean
  /** Write to this file instead of stdout (`-`: stdout). */
  output?: string
  /** Threads that parse: the main thread and `jobs − 1` workers; 1 runs in-process.  Default: the number of cores. */
  jobs?: number
  format: BatchFormat
  parseOptions: ParseOptions
  /** The compiled worker module (default: `batch-worker.js` beside this module, else in `dist/cli/`). */
  workerFile?: string
  /** Heap limits of each worker thread (default `WORKER_LIMITS`). */
  workerLimits?: ResourceLimits
  /** Counts the run fills in, for tests and diagnostics. */
  stats?: BatchStats
}

/** What a batch run did with its groups of documents. */
export interface BatchStats {
  /** Groups parsed on the main thread (including those parsed again after their worker stopped). */
  mainGroups: number
  /** Groups a worker parsed. */
  workerGroups: number
  /** Ranges of JSON Lines sent to a worker through an input slot (shared memory). */
  sharedInputs: number
  /** Groups whose lines came back from a worker through an output slot. */
  sharedOutputs: number
}

/**
 * Heap limits of each worker: V8 lets an unlimited old generation grow far
 * beyond what one document needs before it collects, which costs memory on
 * every thread.  The young generation keeps V8's own size: limited to 12 MB
 * (4 MB semi-spaces) it took a `--jobs 2` run of 10,000 documents 1.2–1.3×
 * the CPU time, in more and longer scavenges.  A document too large for
 * these limits is not lost: its worker stops (out of memory) and its group
 * is parsed again on the main thread, whose heap is not limited.
 */
export const WORKER_LIMITS: ResourceLimits = {maxOldGenerationSizeMb: 64}

/** The size of each input slot: a range of JSON Lines longer than this (a very long line) is copied to the worker instead. */
const INPUT_SLOT_BYTES = 1 << 20
/** The size of each output slot: a group's lines longer than this come back in a buffer of their own. */
const OUTPUT_SLOT_BYTES = 4 << 20
const EMPTY = new Uint8Array(0)

/**
 * A document (or range of JSON Lines) of this many bytes or more is parsed
 * on the main thread, never sent to a worker: a worker's heap
 * (`WORKER_LIMITS`) would not hold its parse, and a single string too large
 * for that heap (a 60 MB JSON Lines record, decoded at once) stopped the
 * whole process with a fatal out-of-memory error instead of the worker.
 */
export const MAIN_ONLY_BYTES = 8 << 20

/** What a group waiting for a given-up pool gets instead of results. */
const BROKEN = Symbol('broken pool')

/** A usage or I/O problem of the batch as a whole (exit 2). */
export class BatchError extends Error {
  override name = 'BatchError'
}

/** The default number of jobs: the number of cores Node may use. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism())
}

type Source = {kind: 'file'; path: string} | {kind: 'jsonl'; path: string} | {kind: 'stdin'; jsonl: boolean}

/** A path for output lines: relative to `cwd` when below it, else absolute. */
function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file)
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file
}

/** Resolve the inputs into sources, in argument order (globs and directories expanded up front: paths only). */
function resolveSources(options: BatchOptions, cwd: string): Source[] {
  const inputs = options.inputs.length === 0 ? ['-'] : options.inputs
  const seen = new Set<string>()
  const sources: Source[] = []
  for (const input of inputs) {
    if (input === '-') {
      sources.push({kind: 'stdin', jsonl: options.jsonlInput})
      continue
    }
    let files: string[]
    try {
      files = expandInputs([input], cwd)
    } catch (error) {
      throw new BatchError((error as Error).message)
    }
    for (const file of files) {
      if (seen.has(file)) continue
      seen.add(file)
      sources.push(options.jsonlInput || file.endsWith('.jsonl') ? {kind: 'jsonl', path: file} : {kind: 'file', path: file})
    }
  }
  return sources
}

function stdinChunks(io: BatchIo): AsyncIterable<Uint8Array | string> {
  if (io.stdinStream) return io.stdinStream()
  const read = io.stdin
  if (!read) throw new BatchError('no input: give files or pipe input on stdin')
  return (async function* () {
    yield await read()
  })()
}

/** Every document of the batch as a task, in input order (an input that cannot be read: a task with its error). */
async function* tasks(sources: Source[], options: BatchOptions, io: BatchIo): AsyncGenerator<BatchTask> {
  const {format, parseOptions} = options
  for (const source of sources) {
    if (source.kind === 'file') {
      let size: number | undefined
      try {
        size = statSync(source.path).size
      } catch {
        // Unreadable: its error line comes when it is read.
      }
      yield {id: {file: displayPath(source.path, io.cwd)}, path: source.path, ...(size === undefined ? {} : {size}), format, options: parseOptions}
    } else if (source.kind === 'jsonl') {
      const file = displayPath(source.path, io.cwd)
      let stream
      try {
        statSync(source.path)
        stream = createReadStream(source.path)
      } catch {
        yield {id: {file}, error: 'cannot read: no such file', format, options: parseOptions}
        continue
      }
      try {
        yield* jsonlRanges(stream, file, options)
      } catch (error) {
        yield {id: {file}, error: `cannot read: ${(error as Error).message.split('\n')[0]}`, format, options: parseOptions}
      }
    } else if (source.jsonl) {
      yield* jsonlRanges(stdinChunks(io), null, options)
    } else {
      // One dump on stdin.
      const chunks: Uint8Array[] = []
      for await (const chunk of stdinChunks(io)) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
      yield {id: {file: '-'}, text: Buffer.concat(chunks).toString('utf8'), format, options: parseOptions}
    }
  }
}

/** Writes output bytes to stdout or a file. */
interface Sink {
  /** Write `b`, and call `done` once its memory may be reused (a file: at once; stdout: when the stream says so). */
  write: (b: Uint8Array, done: () => void) => void
  /** Settled when the sink can be written to (an output file emptied); `write` and `close` only after it. */
  ready: Promise<void>
  close: () => void
}

/**
 * Refuse an output file that is also one of the inputs (the same file, by
 * device and inode: links and other spellings of the path included).  It
 * would be emptied when the output is opened, and its documents lost.
 *
 * @throws BatchError
 */
function refuseInputAsOutput(sources: readonly Source[], output: string | undefined, cwd: string): void {
  if (output === undefined || output === '-') return
  let out: Stats
  try {
    out = statSync(path.resolve(cwd, output))
  } catch {
    return // Not there yet: no input can be it.
  }
  if (!out.isFile()) return
  for (const source of sources) {
    if (source.kind === 'stdin') continue
    let input: Stats
    try {
      input = statSync(source.path)
    } catch {
      continue // Unreadable: its own error line says so.
    }
    if (input.dev === out.dev && input.ino === out.ino) throw new BatchError(`the output ${output} is also an input (${source.path}): writing it would lose its documents`)
  }
}

function openSink(output: string | undefined, io: BatchIo): Sink {
  if (output === undefined || output === '-') {
    const bytes = io.stdoutBytes
    // (`process.stdout.write` may hold on to the bytes: a pipe on macOS is asynchronous.)
    if (bytes) return {write: bytes, ready: Promise.resolve(), close: () => {}}
    return {
      ready: Promise.resolve(),
      write: (b, done) => {
        io.stdout(Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8'))
        done()
      },
      close: () => {}
    }
  }
  const target = path.resolve(io.cwd, output)
  const failed = (error: unknown): BatchError => new BatchError(`cannot write ${output}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`)
  let fd: number
  let size: number
  try {
    // Opened as 'w' would, but without O_TRUNC: emptying a large file left
    // by an earlier run takes the kernel a while (0.39 s for 552 MB on ext4)
    // and held the main thread before its first document, and the workers
    // before they started.  It is emptied on libuv's thread pool instead;
    // the first write waits for that.
    fd = openSync(target, fsConstants.O_WRONLY | fsConstants.O_CREAT, 0o666)
  } catch (error) {
    throw failed(error)
  }
  try {
    const stat = fstatSync(fd)
    size = stat.isFile() ? stat.size : 0
  } catch (error) {
    // (Not left open: the batch stops here.)
    closeSync(fd)
    throw failed(error)
  }
  const ready =
    size === 0
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          ftruncate(fd, 0, (error) => (error ? reject(failed(error)) : resolve()))
        })
  // (Awaited before the first write; until then, a rejection is not unhandled.)
  ready.catch(() => {})
  // Synchronous: memory stays bounded without backpressure.
  const write = (b: Uint8Array, done: () => void): void => {
    let at = 0
    while (at < b.length) at += writeSync(fd, b, at)
    done()
  }
  return {write, ready, close: () => closeSync(fd)}
}

/** A one-line progress bar on stderr: documents, MB/s, ETA (when the total size is known). */
class Progress {
  private docs = 0
  private bytes = 0
  private last = 0
  private readonly start = performance.now()
  constructor(
    private readonly write: ((s: string) => void) | null,
    private readonly totalBytes: number | null
  ) {}

  tick(bytes: number): void {
    this.docs++
    this.bytes += bytes
    if (!this.write) return
    const now = performance.now()
    if (now - this.last < 100) return
    this.last = now
    this.write(`\r${this.line(now)}\x1b[K`)
  }

  done(): void {
    if (this.write && this.docs > 0) this.write(`\r${this.line(performance.now())}\x1b[K\n`)
  }

  private line(now: number): string {
    const seconds = Math.max((now - this.start) / 1000, 1e-3)
    const rate = this.bytes / 1e6 / seconds
    let bar = ''
    let eta = ''
    if (this.totalBytes) {
      const share = Math.min(1, this.bytes / this.totalBytes)
      const filled = Math.round(share * 20)
      bar = `[${'#'.repeat(filled)}${'-'.repeat(20 - filled)}] ${(share * 100).toFixed(0).padStart(3)}% `
      const left = rate > 0 ? (this.totalBytes - this.bytes) / 1e6 / rate : 0
      eta = `  ETA ${Math.floor(left / 60)}m${String(Math.round(left % 60)).padStart(2, '0')}s`
    }
    return `${bar}${this.docs} docs  ${rate.toFixed(1)} MB/s${eta}`
  }
}

/** A group's output lines and each document's outcome, ready to write. */
interface WrittenGroup {
  out: Uint8Array
  outcomes: DocumentOutcome[]
  /** Give the output's memory back for reuse, once written. */
  release: () => void
}

/** The compiled worker: beside this module, or in `dist/cli/` when this runs from the sources. */
function findWorker(explicit: string | undefined): string | null {
  if (explicit) return explicit
  const candidates = [new URL('./batch-worker.js', import.meta.url), new URL('../../dist/cli/batch-worker.js', import.meta.url)]
  for (const url of candidates) {
    const file = fileURLToPath(url)
    if (existsSync(file)) return file
  }
  return null
}

/**
 * Run a batch: parse every document and write one JSON line each, in
 * input order.
 *
 * @returns the exit code: 0 when every document parsed, 1 when any failed
 * @throws BatchError on a usage or I/O error of the batch as a whole
 */
export async function runBatch(options: BatchOptions, io: BatchIo): Promise<number> {
  const jobs = options.jobs ?? defaultJobs()
  if (!Number.isInteger(jobs) || jobs < 1) throw new BatchError(`--jobs expects a whole number ≥ 1, got ${String(options.jobs)}`)
  const limits = options.workerLimits ?? WORKER_LIMITS
  // Below these a worker may not even load the library; tinypool handles a
  // worker that dies while starting badly (see the pool's 'error' listener).
  if ((limits.maxOldGenerationSizeMb ?? 16) < 16 || (limits.maxYoungGenerationSizeMb ?? 4) < 4) {
    throw new BatchError('worker heap limits below 16 MB (old generation) or 4 MB (young generation) are too small to load the parser')
  }
  const sources = resolveSources(options, io.cwd)
  refuseInputAsOutput(sources, options.output, io.cwd)
  if (sources.some((s) => s.kind === 'stdin') && !io.stdin && !io.stdinStream) throw new BatchError('no input: give files or pipe input on stdin')
  let totalBytes: number | null = null
  if (io.progress && sources.every((s) => s.kind !== 'stdin')) {
    totalBytes = 0
    for (const s of sources) {
      try {
        totalBytes += statSync((s as {path: string}).path).size
      } catch {
        // Unreadable: its error line comes later.
      }
    }
  }
  const progress = new Progress(io.progress ? io.stderr : null, totalBytes)
  const sink = openSink(options.output, io)

  // `--jobs N`: N threads parse, the main thread and N − 1 pool workers
  // (one V8 heap fewer than N workers would need).  Each worker holds up to
  // PER_WORKER groups in its own queue (tinypool's concurrent tasks: the
  // worker's message port), so it goes on to the next while the main thread
  // is busy parsing a group of its own; the main thread takes a group
  // whenever every worker already has PER_WORKER.  Documents travel in groups
  // (up to GROUP documents or GROUP_BYTES of input): fewer messages and pool
  // round trips per document; a range of JSON Lines (about RANGE_BYTES) is
  // a group of its own.  A range goes to a worker through an input slot,
  // and a group's lines come back through an output slot (shared memory,
  // see `SharedSlots`), which the main thread only writes.
  const PER_WORKER = 3
  const SPARE_MAX = 4
  const stats: BatchStats = options.stats ?? {mainGroups: 0, workerGroups: 0, sharedInputs: 0, sharedOutputs: 0}
  /** Output buffers of the main thread's groups, reused once written. */
  const spare: Utf8Buffer[] = []
  const local = (tasks: BatchTask[]): WrittenGroup => {
    const buffer = spare.pop() ?? new Utf8Buffer()
    stats.mainGroups++
    const outcomes = processGroup(tasks, buffer)
    return {
      out: buffer.view(),
      outcomes,
      release: () => {
        buffer.clear()
        if (spare.length < SPARE_MAX) spare.push(buffer)
      }
    }
  }
  let remote: ((tasks: BatchTask[]) => Promise<WrittenGroup>) | null = null
  let destroy = async (): Promise<void> => {}
  const workers = jobs - 1
  const worker = workers > 0 ? findWorker(options.workerFile) : null
  let busy = 0
  /** Whether a worker has answered (or failed) a group yet: until then it is still starting. */
  let replied = false
  /** Whether the pool was given up (see its 'error' listener). */
  let broken = false
  /** Groups parsed again on the main thread after their worker stopped. */
  let fallbacks = 0
  if (worker) {
    // A maintained pool (tinypool) rather than hand-written worker management.
    const {default: Tinypool} = await import('tinypool')
    // A slot for each group a worker may hold; for output, one for each
    // group in flight (the slots' memory is taken only as it is written).
    // A group that finds none free or does not fit its slot, or a system
    // that will not reserve the memory (`ulimit -v` with many jobs, say):
    // the bytes travel the usual way, copied or moved.
    let slots: SharedSlots
    try {
      slots = {
        input: Array.from({length: workers * PER_WORKER}, () => new SharedArrayBuffer(INPUT_SLOT_BYTES)),
        output: Array.from({length: workers * PER_WORKER + 2 * jobs}, () => new SharedArrayBuffer(OUTPUT_SLOT_BYTES))
      }
    } catch {
      slots = {input: [], output: []}
    }
    const freeInputs = slots.input.map((_, k) => k)
    const freeOutputs = slots.output.map((_, k) => k)
    const pool = new Tinypool({filename: worker, minThreads: workers, maxThreads: workers, concurrentTasksPerWorker: PER_WORKER, resourceLimits: limits, workerData: {slots}})
    // A worker that stops while it has tasks fails them (handled below).
    // One that stops while starting (its limits too small for the library
    // itself) fails nothing: tinypool then starts no more workers and says so
    // only through this event, and the groups waiting in its queue would
    // never settle.  So the pool is given up: the waiting groups stop waiting
    // (they are parsed here) and every later group runs on the main thread.
    // (Not through an AbortSignal: tinypool's abort and `destroy` on workers
    // that fail while starting throw inside Node's event code.)
    // The groups waiting for the pool: each one's way to stop waiting,
    // removed when it settles.  (A `Promise.race` against one shared,
    // never-settling promise would leave a reaction on it for every group of
    // a batch that may run for hours.)
    const waiting = new Set<() => void>()
    pool.on('error', (error: Error) => {
      if (broken) return
      broken = true
      io.stderr(`foreign-relations: the worker threads stopped (${error.message.split('\n')[0]}); the batch goes on in the main thread\n`)
      for (const stop of waiting) stop()
      waiting.clear()
    })
    remote = async (tasks) => {
      busy++
      let input: GroupTask['input']
      let output = freeOutputs.pop()
      try {
        let sent = tasks
        const records = tasks.length === 1 ? tasks[0]!.records : undefined
        if (records && records.bytes.length <= INPUT_SLOT_BYTES && freeInputs.length > 0) {
          // The range is copied into the slot, and the group keeps the
          // slot's view (for the main thread, should the worker stop): its
          // own buffer is free at once.
          const slot = freeInputs.pop()!
          const view = new Uint8Array(slots.input[slot]!, 0, records.bytes.length)
          view.set(records.bytes)
          input = {slot, length: view.length}
          tasks = [{...tasks[0]!, records: {...records, bytes: view}}]
          sent = [{...tasks[0]!, records: {...records, bytes: EMPTY}}]
          stats.sharedInputs++
        } else if (records) {
          // (The range's own bytes are reused for the next range; tinypool
          // may hold the task until a worker is free, and the main thread
          // needs them should the worker stop.)
          tasks = sent = [{...tasks[0]!, records: {...records, bytes: new Uint8Array(records.bytes)}}]
        }
        let stop: () => void = () => {}
        const results: unknown = await new Promise((resolve, reject) => {
          stop = () => resolve(BROKEN)
          waiting.add(stop)
          const task: GroupTask = {tasks: sent, input, output}
          pool.run(task).then(resolve, reject)
        }).finally(() => waiting.delete(stop))
        if (results === BROKEN) return local(tasks)
        // (Anything but one outcome per document and the lines, e.g. from a
        // worker built from another copy of tinypool, whose transfer wrapper
        // arrives empty, is a failure.)
        const group = results as Partial<GroupOutput> | null
        const documents = tasks.reduce((n, task) => n + taskDocuments(task), 0)
        const inSlot = group?.slot !== undefined && group.slot === output && typeof group.length === 'number'
        if (!group || !(inSlot || group.out instanceof Uint8Array) || !Array.isArray(group.outcomes) || group.outcomes.length !== documents) throw new Error('the worker returned no results')
        stats.workerGroups++
        if (inSlot) {
          const slot = output!
          output = undefined
          stats.sharedOutputs++
          return {out: new Uint8Array(slots.output[slot]!, 0, group.length), outcomes: group.outcomes, release: () => freeOutputs.push(slot)}
        }
        return {out: group.out!, outcomes: group.outcomes, release: () => {}}
      } catch (error) {
        // The worker stopped (out of memory, most likely: a very large
        // document), or the pool was given up: parse the group here, where
        // the heap is that of a `--jobs 1` run.  The pool starts a new worker.
        if (!broken) {
          fallbacks++
          if (fallbacks === 1) io.stderr(`foreign-relations: a worker stopped (${(error as Error).message.split('\n')[0]}); its documents are parsed on the main thread\n`)
        }
        return local(tasks)
      } finally {
        busy--
        replied = true
        if (input) freeInputs.push(input.slot)
        // (Not used: the lines came otherwise, or not at all.)
        if (output !== undefined) freeOutputs.push(output)
      }
    }
    destroy = async () => {
      // tinypool 2.2 waits in `destroy` with `events.once(worker, 'exit')` on
      // its own thread wrappers, which lack `removeListener`: a worker that
      // fails meanwhile (one still starting, or out of memory) then throws
      // inside Node's event code and ends the process.  The wrappers get the
      // method, and a failed `destroy` is only a worker that is gone.
      for (const thread of pool.threads as unknown as Array<{removeListener?: unknown; thread?: {removeListener: (...args: unknown[]) => unknown}}>) {
        const inner = thread.thread
        if (typeof thread.removeListener !== 'function' && inner) thread.removeListener = (...args: unknown[]) => inner.removeListener(...args)
      }
      await pool.destroy().catch(() => {})
    }
  } else if (workers > 0) {
    io.stderr('foreign-relations: the worker module is not built (npm run build); running in one thread\n')
  }
  // The parser, loaded only now that the workers are starting: they load it
  // (about 0.2 s each) while this thread does, not after it.
  const {loadFormat, processGroup} = await import('./batch-worker.js')
  // For the groups the main thread parses (workers load it with their first group).
  await loadFormat(options.format)
  const runGroup = (tasks: BatchTask[]): Promise<WrittenGroup> =>
    remote && !broken && busy < workers * PER_WORKER ? remote(tasks) : Promise.resolve(local(tasks))

  // At most `window` groups in flight; their lines are written in input
  // order.  While the workers are still starting (loading the library takes
  // them about half a second, their first groups wait), the main thread may
  // go on with up to WARM_WINDOW: with the plain window it would wait for the
  // workers' first groups (0.4 s of a 10 s batch).
  const window = remote ? workers * PER_WORKER + 2 * jobs : 1
  const WARM_WINDOW = Math.max(32, window)
  const GROUP = remote ? 16 : 1
  const GROUP_BYTES = 256 * 1024
  const queue: Promise<WrittenGroup>[] = []
  /** Whether `sink.ready` has settled (awaited once, before the first write). */
  let sinkReady = false
  let failed = 0
  let group: BatchTask[] = []
  let groupBytes = 0
  /** Hand the group out (`here`: parse it on this thread). */
  const submit = (here = false): void => {
    if (group.length === 0) return
    queue.push(here ? Promise.resolve(local(group)) : runGroup(group))
    group = []
    groupBytes = 0
  }
  const flush = async (): Promise<void> => {
    const head = queue.shift()
    if (!head) return
    const done = await head
    if (!sinkReady) {
      await sink.ready
      sinkReady = true
    }
    sink.write(done.out, done.release)
    for (const outcome of done.outcomes) {
      if (!outcome.ok) failed++
      progress.tick(outcome.bytes)
    }
  }
  try {
    for await (const task of tasks(sources, options, io)) {
      // (A range of JSON Lines is a group of its own, submitted at once: its
      // bytes are valid only until the next range is read.  So is a large
      // document, parsed here: see MAIN_ONLY_BYTES.)
      const size = task.records?.bytes.length ?? task.size ?? task.text?.length ?? 16 * 1024
      const large = remote !== null && size >= MAIN_ONLY_BYTES
      const alone = task.records !== undefined || large
      if (alone) submit()
      group.push(task)
      groupBytes += size
      if (alone || group.length >= GROUP || groupBytes >= GROUP_BYTES) {
        submit(large)
        // Let the pool's replies in (they arrive as events): otherwise, while
        // the main thread parses, a finished worker would wait for work.
        if (remote) await new Promise((resolve) => setImmediate(resolve))
        while (queue.length >= (remote && !replied && !broken ? WARM_WINDOW : window)) await flush()
      }
    }
    submit()
    while (queue.length > 0) await flush()
    // (No document written: the file must still be emptied, or say why not.)
    if (!sinkReady) await sink.ready
  } finally {
    await Promise.allSettled(queue)
    await destroy()
    // (Not while the file is still being emptied: its descriptor is in use.)
    await sink.ready.catch(() => {})
    sink.close()
    progress.done()
  }
  if (fallbacks > 1) io.stderr(`foreign-relations: ${fallbacks} groups of documents were parsed on the main thread after their worker stopped\n`)
  return failed > 0 ? 1 : 0
}
