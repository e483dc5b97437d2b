/**
 * JSON Lines input of a batch, cut into ranges of whole lines on the main
 * thread and split into documents where they are parsed.  Apart from
 * `batch-worker.ts` because the main thread needs it before it loads the
 * parser.
 */

import type {BatchOptions} from './batch.js'
import type {BatchTask} from './batch-worker.js'

/**
 * Consecutive whole lines of a JSON Lines input, as UTF-8.  Lines travel to
 * a worker this way, a range (a quarter of a megabyte or so) at a time,
 * through one shared input slot (see `SharedSlots`), not as a task object
 * and an ArrayBuffer per line: each such buffer counted as external memory
 * in both threads until a full collection freed it.  A document's task is
 * made only where it is parsed.
 */
export interface RecordRange {
  /** The lines, each ended by `\n` (the last one may not be); a line's final `\r` is not part of it. */
  bytes: Uint8Array
  /** The index (among the input's documents) of the first document. */
  index: number
  /** The line number (in the input) of the first line. */
  line: number
  /** How many documents (lines not blank) it holds. */
  count: number
}

/** Whether a line holds only spaces, tabs and CRs (a blank line of JSON Lines: no document). */
function blankLine(line: Uint8Array, start = 0, end = line.length): boolean {
  for (let k = start; k < end; k++) {
    const byte = line[k]
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false
  }
  return true
}

/**
 * Call `each` with every document of a range, in order: its line (a view of
 * the range's bytes, without the line end), its index and its line number.
 *
 * @returns the number of lines of the range, blank ones included
 */
export function forEachRecord(range: Pick<RecordRange, 'bytes' | 'index' | 'line'>, each: (record: Uint8Array, index: number, line: number) => void): number {
  const bytes = Buffer.from(range.bytes.buffer, range.bytes.byteOffset, range.bytes.byteLength)
  let index = range.index
  let line = range.line
  let at = 0
  while (at < bytes.length) {
    let end = bytes.indexOf(0x0a, at)
    if (end === -1) end = bytes.length
    const stop = end > at && bytes[end - 1] === 0x0d ? end - 1 : end
    if (!blankLine(bytes, at, stop)) each(bytes.subarray(at, stop), index++, line)
    line++
    at = end + 1
  }
  return line - range.line
}

/** How many documents a task stands for: those of its records, else one. */
export function taskDocuments(task: Pick<BatchTask, 'records'>): number {
  return task.records ? task.records.count : 1
}

/** A range of JSON Lines closes at its first line end at or after this many bytes. */
export const RANGE_BYTES = 256 * 1024

/**
 * The documents of a JSON Lines input as tasks of whole lines
 * (`records`): a range closes at its first line end at or after
 * `rangeSize` bytes (and at the end of the input), however the input comes
 * in chunks (one chunk of a whole file gives many ranges); a line longer
 * than `rangeSize` is a range of its own, so the lines before it do not
 * wait for it, nor share its fate should it be too large for a worker.
 * Counting a range's documents is a scan for line ends and blank lines; the
 * lines are split again where they are parsed.  A UTF-8 byte order mark
 * before the first line is dropped.
 *
 * A range's bytes are valid until the next range is asked for: they are
 * copied into one buffer that every range of the input up to
 * `4 × rangeSize` reuses (a new buffer for each counted as external memory
 * in V8, and its share of the main thread's full collections of a
 * `--jobs 2` run: 5–9 with a new buffer a range, 2–4 reused); a larger
 * range gets a buffer of its own.  Whoever keeps a range longer copies it.
 * The chunks are read, not copied, until their range is made: the caller
 * must not change a chunk once it is given (Node's streams do not).
 */
export async function* jsonlRanges(chunks: AsyncIterable<Uint8Array | string>, file: string | null, options: Pick<BatchOptions, 'format' | 'parseOptions'>, rangeSize = RANGE_BYTES): AsyncGenerator<BatchTask> {
  const id: Record<string, string | number> = file === null ? {} : {file}
  /** The bytes held (views of the chunks), not yet in a range. */
  let parts: Buffer[] = []
  let held = 0
  /** The last line end among the bytes held, or -1. */
  let lastEnd = -1
  let index = 0
  let line = 1
  let first = true
  const reuseMax = 4 * rangeSize
  let reused = Buffer.alloc(0)
  /** The range of the first `end` bytes held (null when it holds no document); the rest stays held. */
  const range = (end: number): BatchTask | null => {
    let bytes: Buffer
    if (end > reuseMax) bytes = Buffer.allocUnsafeSlow(end)
    else {
      if (reused.length < end) reused = Buffer.allocUnsafeSlow(Math.min(reuseMax, Math.max(end, 2 * reused.length, 1 << 16)))
      bytes = reused.subarray(0, end)
    }
    let at = 0
    const rest: Buffer[] = []
    for (const part of parts) {
      const take = Math.min(part.length, end - at)
      if (take > 0) part.copy(bytes, at, 0, take)
      at += take
      if (take < part.length) rest.push(take === 0 ? part : part.subarray(take))
    }
    parts = rest
    held -= end
    lastEnd = -1
    if (first) {
      first = false
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3)
    }
    // (The same walk as where the range is parsed.)
    let count = 0
    const lines = forEachRecord({bytes, index, line}, () => count++)
    const task: BatchTask | null = count === 0 ? null : {id, records: {bytes, index, line, count}, format: options.format, options: options.parseOptions}
    index += count
    line += lines
    return task
  }
  for await (const chunk of chunks) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    if (b.length === 0) continue
    parts.push(b)
    held += b.length
    for (let k = b.indexOf(0x0a); k !== -1; k = b.indexOf(0x0a, k + 1)) {
      // This line end, among the bytes held.
      const end = held - b.length + k
      if (end + 1 < rangeSize) {
        lastEnd = end
        continue
      }
      // The range reaches rangeSize here.  Its last line, longer than a
      // range, goes alone (the lines before it first).
      const before = lastEnd
      if (before >= 0 && end - before > rangeSize) {
        const task = range(before + 1)
        if (task) yield task
      }
      // (Not `end + 1`: the range before, if made, took its bytes from
      // `held`, so this line end is found again from `held`.)
      const task = range(held - b.length + k + 1)
      if (task) yield task
    }
  }
  if (held > 0) {
    if (lastEnd >= 0 && held - 1 - lastEnd > rangeSize) {
      const task = range(lastEnd + 1)
      if (task) yield task
    }
    const task = range(held)
    if (task) yield task
  }
}
