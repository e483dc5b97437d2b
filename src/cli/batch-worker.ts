/**
 * One document of a `foreign-relations parse` batch: read (when given a
 * path), parse, serialize.  The default export is what the tinypool worker
 * threads run (a group of documents per task: one message and one pool
 * round trip for several documents); `--jobs 1` calls `processTask`
 * in-process.
 *
 * The worker returns the serialized JSON (not the object) so that the main
 * thread only concatenates strings and never clones a model.
 */

import {readFileSync} from 'node:fs'
import Tinypool from 'tinypool'
import {parseDocument, parseForeignRelations} from '../index.js'
import type {ParseOptions} from '../model/types.js'
import {toMarkdown} from './markdown.js'
import {encodeUtf8} from './utf8.js'

/** What each output line carries: the model, the mdast tree or Markdown. */
export type BatchFormat = 'json' | 'mdast' | 'markdown'

/** One document to parse: a file to read, a JSON Lines record, or the text itself. */
export interface BatchTask {
  /** An absolute path to read (the worker reads it, so reading is parallel too). */
  path?: string
  /** One JSON Lines record as UTF-8 bytes; the worker decodes and parses it. */
  record?: Uint8Array
  /** The dump itself. */
  text?: string
  format: BatchFormat
  options: ParseOptions
  /**
   * Return the JSON as UTF-8 bytes (`out`) rather than a string (`body`):
   * the pool's main thread then never holds the documents in its heap.
   */
  binary?: boolean
}

/** The outcome of one task; never thrown, so one bad document cannot stop the batch. */
export type BatchTaskResult =
  | {
      ok: true
      /** The key of the output line: `model`, `mdast` or `markdown`. */
      key: string
      /** The serialized JSON value (unless `binary`). */
      body?: string
      /** The serialized JSON value as UTF-8 (when `binary`). */
      out?: Uint8Array
      /** Input size in bytes. */
      bytes: number
      /** The title of a JSON Lines record. */
      title?: string
    }
  | {ok: false; error: string; bytes: number; title?: string}

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
    let body: string
    if (task.format === 'json') body = JSON.stringify(parseForeignRelations(input, options))
    else {
      const tree = parseDocument(input, options)
      body = JSON.stringify(task.format === 'mdast' ? tree : toMarkdown(tree))
    }
    // The bytes get their own ArrayBuffer (`utf8Copy`), never a slice of
    // Node's shared pool: the worker can then hand it to the main thread
    // without a copy (see `processTasks`).
    const result: BatchTaskResult = task.binary ? {ok: true, key, out: utf8Copy(body), bytes} : {ok: true, key, body, bytes}
    if (title !== undefined) result.title = title
    return result
  } catch (error) {
    return title === undefined ? {ok: false, error: message(error), bytes} : {ok: false, error: message(error), bytes, title}
  }
}

/** `s` as UTF-8 bytes with their own ArrayBuffer (transferable). */
function utf8Copy(s: string): Uint8Array {
  return encodeUtf8(s).slice()
}

/**
 * The worker's entry: a group of tasks in, their results in the same order
 * (one task: one result).  The UTF-8 outputs are transferred to the main
 * thread, not copied: tinypool moves the buffers a returned value lists
 * under its transferable symbol.
 */
export default function processTasks(tasks: BatchTask[] | BatchTask): unknown {
  const results = Array.isArray(tasks) ? tasks.map(processTask) : [processTask(tasks)]
  const buffers: ArrayBuffer[] = []
  for (const r of results) if (r.ok && r.out) buffers.push(r.out.buffer as ArrayBuffer)
  const value = Array.isArray(tasks) ? results : results[0]
  if (buffers.length === 0) return value
  return Tinypool.move({
    get [Tinypool.transferableSymbol]() {
      return buffers
    },
    get [Tinypool.valueSymbol]() {
      return value
    }
  } as never)
}
