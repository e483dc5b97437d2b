/**
 * The documents of a `foreign-relations parse` batch: read (when given a
 * path), parse, serialize, in groups.  The default export is what the
 * tinypool worker threads run: a group of documents in (a range of JSON
 * Lines through shared memory), the group's output lines out as UTF-8,
 * through shared memory too (or a buffer moved, not copied, when they do
 * not fit), which the main thread only writes.  The main thread runs the same steps on the
 * groups it parses itself (`processGroup`) and encodes the lines straight
 * into its output buffer.
 */

import {readFileSync} from 'node:fs'
import Tinypool from 'tinypool'
import {parseDocument, parseForeignRelations} from '../index.js'
import type {ParseOptions} from '../model/types.js'
import type * as Markdown from './markdown.js'
import {forEachRecord, type RecordRange} from './jsonl.js'
import {Utf8Buffer} from './utf8.js'

/** What each output line carries: the model, the mdast tree or Markdown. */
export type BatchFormat = 'json' | 'mdast' | 'markdown'

export type {RecordRange} from './jsonl.js'

/** One document: a file to read, a JSON Lines record, or the text itself; or an error found before parsing. */
export interface BatchTask {
  /** What its output line starts with: `{file}`, `{index}` or `{file, index}`. */
  id: Record<string, string | number>
  /** The line number of a JSON Lines record (shown with its error). */
  line?: number
  /** An absolute path to read (the worker reads it, so reading is parallel too). */
  path?: string
  /** The size of the file at `path`, when known before reading it (it decides where the document is parsed). */
  size?: number
  /** One JSON Lines record as UTF-8 bytes; the worker decodes and parses it. */
  record?: Uint8Array
  /** The dump itself. */
  text?: string
  /** An error found before parsing (a JSON Lines file that cannot be read): the output line says it. */
  error?: string
  /**
   * Whole lines of a JSON Lines input, a document each (blank lines
   * skipped): the task stands for `records.count` documents, whose ids are
   * `id` with their `index`.
   */
  records?: RecordRange
  format: BatchFormat
  options: ParseOptions
}

/** The outcome of one task; never thrown, so one bad document cannot stop the batch. */
export type BatchTaskResult =
  | {
      ok: true
      /** The key of the output line: `model`, `mdast` or `markdown`. */
      key: string
      /** The value of the line (serialized by {@link appendJson}): the model, the tree, or the Markdown. */
      value: unknown
      /** Input size in bytes. */
      bytes: number
      /** The title of a JSON Lines record. */
      title?: string
    }
  | {ok: false; error: string; bytes: number; title?: string}

/** What the main thread needs of each document besides its line: the exit code and the progress bar. */
export interface DocumentOutcome {
  ok: boolean
  bytes: number
}

/** A worker's answer for a group: the group's lines as UTF-8 and each document's outcome, in input order. */
export interface GroupOutput {
  /** The lines, in an ArrayBuffer of their own (when not in an output slot). */
  out?: Uint8Array
  /** The output slot the lines are in, and their length in bytes. */
  slot?: number
  length?: number
  outcomes: DocumentOutcome[]
}

/** Where output lines are appended: a {@link Utf8Buffer}, or a string for tests. */
export interface LineSink {
  append: (s: string) => void
  /**
   * Append `json`, the JSON of a non-empty array, as elements that go on the
   * elements appended so far: without its closing bracket, and (unless
   * `first`) with its opening bracket as a comma.
   */
  appendElements: (json: string, first: boolean) => void
  /** How much is held (a mark for `truncate`). */
  readonly size: number
  /** Drop what was appended after the mark `size`. */
  truncate: (size: number) => void
}

/**
 * Read one JSON Lines record: a JSON string (the dump) or an object with a
 * string `text` and an optional string `title`.
 *
 * @throws Error when the line is not JSON or not such a value
 */
export function parseRecord(line: string): {text: string; title?: string} {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch (error) {
    throw new Error(`invalid JSON: ${(error as Error).message.split('\n')[0]}`)
  }
  if (typeof value === 'string') return {text: value}
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as {text?: unknown; title?: unknown}
    if (typeof record.text === 'string') return typeof record.title === 'string' ? {text: record.text, title: record.title} : {text: record.text}
  }
  throw new Error('expected a JSON string or an object {"title", "text"} with a string "text"')
}

/**
 * The Markdown export, loaded by {@link loadFormat} before the first
 * document that needs it: unified, remark-stringify and the GFM extensions
 * take 80–120 ms to load, in every thread, which no JSON or mdast output
 * needs.
 */
let markdown: typeof Markdown | undefined

/** Load what the output of `format` needs (the Markdown export for `markdown`) before its documents are processed. */
export async function loadFormat(format: BatchFormat): Promise<void> {
  if (format === 'markdown') markdown ??= await import('./markdown.js')
}

/** The output key of each format. */
export const FORMAT_KEY: Record<BatchFormat, string> = {json: 'model', mdast: 'mdast', markdown: 'markdown'}

function message(error: unknown): string {
  const e = error as NodeJS.ErrnoException
  if (e && e.code === 'ENOENT') return 'cannot read: no such file'
  if (e && e.code === 'EISDIR') return 'cannot read: it is a directory'
  if (e && e.code === 'EACCES') return 'cannot read: permission denied'
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0] ?? text
}

/**
 * Parse one document.  Never throws: a read or parse error becomes
 * `{ok: false, error}`.
 */
export function processTask(task: BatchTask): BatchTaskResult {
  let bytes = 0
  let title: string | undefined
  if (task.error !== undefined) return {ok: false, error: task.error, bytes}
  try {
    let input: string | Uint8Array
    let options = task.options
    if (task.path !== undefined) {
      input = readFileSync(task.path)
      bytes = input.length
    } else if (task.record !== undefined) {
      bytes = task.record.length
      const record = parseRecord(Buffer.from(task.record.buffer, task.record.byteOffset, task.record.byteLength).toString('utf8'))
      input = record.text
      if (record.title !== undefined) {
        title = record.title
        options = {...options, title}
      }
    } else if (typeof task.text === 'string') {
      input = task.text
      bytes = Buffer.byteLength(input)
    } else {
      return {ok: false, error: 'no text', bytes}
    }
    const key = FORMAT_KEY[task.format]
    let value: unknown
    if (task.format === 'json') value = parseForeignRelations(input, options)
    else {
      const tree = parseDocument(input, options)
      if (task.format === 'mdast') value = tree
      else if (markdown) value = markdown.toMarkdown(tree)
      else throw new Error('the Markdown export is not loaded (loadFormat was not awaited)')
    }
    const result: BatchTaskResult = {ok: true, key, value, bytes}
    if (title !== undefined) result.title = title
    return result
  } catch (error) {
    return title === undefined ? {ok: false, error: message(error), bytes} : {ok: false, error: message(error), bytes, title}
  }
}

/** The head of an output line: the id (and the title of a record, the line of a bad record), open for the value. */
function lineHead(task: Pick<BatchTask, 'id' | 'line'>, result: BatchTaskResult): string {
  const id = {...task.id}
  if (result.title !== undefined) id.title = result.title
  if (!result.ok && task.line !== undefined) id.line = task.line
  const head = JSON.stringify(id).slice(0, -1)
  return head === '{' ? head : `${head},`
}

/** Arrays of the top-level value longer than this are serialized this many elements at a time. */
const CHUNK = 64

/**
 * Append the JSON of `value`, byte for byte what `JSON.stringify(value)`
 * gives, with the long arrays of a top-level object (a model's claims and
 * diagnostics, a tree's children) serialized 64 elements at a time.  One
 * `JSON.stringify` of a whole model makes a string of 16 KB parts that the
 * UTF-8 encoder first copies into one flat string, twice the size of the
 * UTF-8 (the models' JSON is two-byte): most of them over V8's 128 KB
 * limit for the young generation, so each is a large object of its own,
 * fresh memory from the system every time.  In slices the strings stay
 * small: on the 38 corpus models, 100 times over, 2,000 page faults instead
 * of 77,000, and serializing took 15–22 ms a pass instead of 23–24 ms.
 * (A call per element was slower: 47–56 ms.)  One difference no value of
 * the parser's can show: an element's `toJSON` would be given its index
 * within the slice.
 */
export function appendJson(out: LineSink, value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || typeof (value as {toJSON?: unknown}).toJSON === 'function') {
    out.append(JSON.stringify(value) ?? 'null')
    return
  }
  const object = value as Record<string, unknown>
  let first = true
  for (const key of Object.keys(object)) {
    const v = object[key]
    // What JSON.stringify leaves out of an object.
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue
    out.append(`${first ? '{' : ','}${JSON.stringify(key)}:`)
    first = false
    if (Array.isArray(v) && v.length > CHUNK && typeof (v as {toJSON?: unknown}).toJSON !== 'function') {
      for (let i = 0; i < v.length; i += CHUNK) out.appendElements(JSON.stringify(v.slice(i, i + CHUNK)), i === 0)
      out.append(']')
    } else out.append(JSON.stringify(v))
  }
  out.append(first ? '{}' : '}')
}

/**
 * Append one document's output line in parts (head, value, end): a large
 * value is encoded where it lies, never copied into a joined string first.
 */
export function appendLine(out: LineSink, task: Pick<BatchTask, 'id' | 'line'>, result: BatchTaskResult): void {
  const head = lineHead(task, result)
  if (!result.ok) {
    out.append(`${head}"error":${JSON.stringify(result.error)}}\n`)
    return
  }
  out.append(`${head}${JSON.stringify(result.key)}:`)
  appendJson(out, result.value)
  out.append('}\n')
}

/** Parse one document and append its output line to `out`. */
function processOne(task: BatchTask, out: LineSink): DocumentOutcome {
  let result = processTask(task)
  const mark = out.size
  try {
    appendLine(out, task, result)
  } catch (error) {
    // A value JSON cannot hold (none the parser makes): the line says so instead.
    out.truncate(mark)
    result = {ok: false, error: `cannot serialize: ${message(error)}`, bytes: result.bytes, ...(result.title === undefined ? {} : {title: result.title})}
    appendLine(out, task, result)
  }
  return {ok: result.ok, bytes: result.bytes}
}

/** Parse each document of a range of JSON Lines (a task of its own, made here, for each line not blank). */
function processRecords(task: BatchTask, records: RecordRange, out: LineSink, outcomes: DocumentOutcome[]): void {
  const {file} = task.id
  forEachRecord(records, (record, index, line) => {
    const id: Record<string, string | number> = file === undefined ? {index} : {file, index}
    outcomes.push(processOne({id, line, record, format: task.format, options: task.options}, out))
  })
}

/** Parse a group of documents and append their output lines to `out`, in order.  Never throws for a document. */
export function processGroup(tasks: BatchTask[], out: LineSink): DocumentOutcome[] {
  const outcomes: DocumentOutcome[] = []
  for (const task of tasks) {
    if (task.records) processRecords(task, task.records, out, outcomes)
    else outcomes.push(processOne(task, out))
  }
  return outcomes
}

/**
 * Memory the main thread and the workers share, made once per batch and
 * given to each worker when it starts (tinypool's `workerData`): slots for
 * a group's input (a range of JSON Lines) and for its output lines.  What
 * goes through a slot makes no ArrayBuffer in either thread.  A new
 * ArrayBuffer for every group's records and lines (moved or copied between
 * the threads) counts as external memory in V8 until the collector frees
 * its object, and those objects lived long enough (a group in flight waits
 * for its turn to be written) to be freed only by full collections: the
 * external memory they held started most of the main thread's 17–21
 * mark-compacts of a 10,000-document `--jobs 2` run, and many of the
 * worker's 7–8.  With the slots and the main thread's reused range buffer
 * (see `jsonlRanges`): 2–4 and 2.
 */
export interface SharedSlots {
  input: SharedArrayBuffer[]
  output: SharedArrayBuffer[]
}

/** A group for a worker: its tasks, and the slots its input is in and its output may go to. */
export interface GroupTask {
  tasks: BatchTask[]
  /** The group is one range of records (`tasks[0].records`), whose bytes are in this input slot (the task's own are empty). */
  input?: {slot: number; length: number}
  /** The output slot to write the lines to, when they fit. */
  output?: number
}

/** The worker's lines are encoded here, then copied out once per group. */
const groupBuffer = new Utf8Buffer()

/** The pool's shared slots, as given to this worker (none outside a pool). */
let slots: SharedSlots | undefined = (Tinypool.workerData as {slots?: SharedSlots} | undefined)?.slots

/** Set the shared slots `processTasks` uses (for tests: a worker is given them when it starts). */
export function useSlots(shared: SharedSlots | undefined): void {
  slots = shared
}

/**
 * The worker's entry: a group of tasks in, their lines out, in the output
 * slot when they fit, else as one new UTF-8 buffer moved (not copied) to
 * the main thread (tinypool moves what a returned value lists under its
 * transferable symbol).
 */
export default function processTasks(group: GroupTask): unknown {
  if (markdown === undefined && group.tasks.some((task) => task.format === 'markdown')) return loadFormat('markdown').then(() => processTasks(group))
  const records = group.tasks[0]?.records
  if (group.input !== undefined) {
    if (!slots || !records || group.tasks.length !== 1) throw new Error('a group in an input slot, but no slots or not one range of records')
    records.bytes = new Uint8Array(slots.input[group.input.slot]!, 0, group.input.length)
  }
  const outcomes = processGroup(group.tasks, groupBuffer)
  const bytes = groupBuffer.view()
  const target = group.output === undefined ? undefined : slots?.output[group.output]
  if (target && bytes.length <= target.byteLength) {
    new Uint8Array(target, 0, bytes.length).set(bytes)
    groupBuffer.clear()
    const value: GroupOutput = {slot: group.output, length: bytes.length, outcomes}
    return value
  }
  const out = new Uint8Array(bytes.length)
  out.set(bytes)
  groupBuffer.clear()
  const value: GroupOutput = {out, outcomes}
  return Tinypool.move({
    get [Tinypool.transferableSymbol]() {
      return [out.buffer]
    },
    get [Tinypool.valueSymbol]() {
      return value
    }
  } as never)
}
