/**
 * The first stages, shared by every entry point: decode → repair → parse.
 */

import type {Root} from 'mdast'
import {decodeForPipeline} from './decode/index.js'
import {repairInChunks} from './repair/index.js'
import {parseText} from './parse/index.js'
import type {TextOffsetLookup} from './parse/context.js'
import {PositionMap} from './util/position.js'
import type {Decoded, Diagnostic, ParseOptions, Repair, SourceInfo} from './model/types.js'

export interface Prepared {
  /** The decoded input (BOM kept): what positions refer to. */
  original: string
  /**
   * The working text: BOM removed, mojibake repaired.  Joined from `chunks`
   * when first read: the pipeline itself never reads it.
   */
  readonly text: string
  /**
   * The working text in consecutive pieces, each but the last ending in a
   * line feed (no line spans two): what the parser reads (see `loadDocumentLines`).
   */
  chunks: readonly string[]
  map: PositionMap
  /** Repairs, with positions in the original input. */
  repairs: Repair[]
  source: SourceInfo
  diagnostics: Diagnostic[]
}

export interface PreparedDocument extends Prepared {
  tree: Root
  offsets: TextOffsetLookup
}

/** Decode (bytes) and repair; positions of repairs refer to the original input. */
export function prepare(input: string | Uint8Array, options: ParseOptions = {}): Prepared {
  let decoded: Decoded
  /** The text after the BOM, in pieces that end in a line feed (see `decodeForPipeline`). */
  let chunks: string[] | null = null
  // The offsets of the non-ASCII characters after the BOM, when decoding found them.
  let nonAscii: number[] | null = null
  if (typeof input === 'string') {
    decoded = {text: input, encoding: 'utf-8', bom: input.charCodeAt(0) === 0xfeff, diagnostics: []}
  } else if (input instanceof Uint8Array) {
    const result = decodeForPipeline(input)
    decoded = result.decoded
    chunks = result.chunks
    nonAscii = result.nonAscii
  } else {
    throw new TypeError('foreign-relations: expected the input as a string or a Uint8Array')
  }
  const skip = decoded.bom ? 1 : 0
  // (`decoded.text` is not read below when there are chunks: it may be a
  // rope of them, which reading would flatten into one large string.)
  chunks ??= [skip ? decoded.text.slice(skip) : decoded.text]
  // The line starts of the input, found once: for the repairs' line numbers,
  // the position map and the line-ending test.
  const lines = linesOfChunks(chunks, skip)
  const lineStarts = lines.starts
  // Repairs in the original (made so by the repairer): the BOM (`skip`) only
  // shifts offsets, and columns on line 1.
  const repaired = options.repair === false ? {chunks, repairs: []} : repairInChunks(chunks, lineStarts, skip, nonAscii, true)
  const repairs: Repair[] = repaired.repairs
  // (`decoded.text` may be a rope of the chunks, which stays unflattened
  // unless someone reads it.)
  const original = decoded.text
  const map = new PositionMap(original, repairs, skip, lineStarts, true)
  const diagnostics: Diagnostic[] = [...decoded.diagnostics]
  for (const r of repairs) {
    diagnostics.push({
      ruleId: 'mojibake-repaired',
      severity: 'warning',
      message: repairMessage(r.original, r.replacement, r.codecs),
      line: r.line,
      column: r.column,
      endLine: r.line,
      endColumn: r.column + r.original.length,
      offset: r.offset,
      data: {original: r.original, replacement: r.replacement, codecs: r.codecs}
    })
  }
  return new PreparedText(original, repaired.chunks, map, repairs, {encoding: decoded.encoding, bom: decoded.bom, lineEnding: lines.ending}, diagnostics)
}

/**
 * A {@link Prepared} whose `text` is joined from its chunks on first read
 * (the pipeline reads the chunks: for a big input the whole text would be
 * one string in V8's large-object space, costly to allocate).
 */
class PreparedText implements Prepared {
  private joined: string | null = null
  constructor(
    public original: string,
    public chunks: readonly string[],
    public map: PositionMap,
    public repairs: Repair[],
    public source: SourceInfo,
    public diagnostics: Diagnostic[]
  ) {}

  get text(): string {
    if (this.joined === null) this.joined = this.chunks.length === 1 ? (this.chunks[0] as string) : this.chunks.join('')
    return this.joined
  }
}

/** A message made by {@link repairMessage}, and what it was made of. */
interface RepairMessage {
  replacement: string
  codecs: readonly string[]
  message: string
  /** The next entry for the same original. */
  next: RepairMessage | undefined
}

/** Messages of repairs by their original text (the same few repeat: `Ã©` → `é`). */
const repairMessages = new Map<string, RepairMessage>()
const MESSAGE_HEAD = 'Repaired mojibake `'
const MESSAGE_ARROW = '` → `'

/**
 * Empties the cache of repair messages (for benchmarks that time documents
 * as new ones, as they empty the repairer's verdict cache).
 *
 * @internal
 */
export function clearRepairMessages(): void {
  repairMessages.clear()
}

/**
 * The message of a repair's diagnostic.  Cached: a template literal builds
 * a chain of six concatenations (one cons string each, ~200 bytes) for every
 * repair, and mojibake repeats, so most messages were made before.  A new
 * message is built flat (`join`) from copies: it holds no slice of the
 * document, nor does its key, since the cache outlives documents.
 */
function repairMessage(original: string, replacement: string, codecs: readonly string[]): string {
  const first = repairMessages.get(original)
  for (let e = first; e !== undefined; e = e.next) {
    if (e.replacement !== replacement || e.codecs.length !== codecs.length) continue
    let same = true
    for (let k = 0; k < codecs.length && same; k++) if (e.codecs[k] !== codecs[k]) same = false
    if (same) return e.message
  }
  const chain = codecs.length === 1 ? (codecs[0] as string) : codecs.join(' → ')
  const message = [MESSAGE_HEAD, original, MESSAGE_ARROW, replacement, '` (', chain, ')'].join('')
  if (repairMessages.size >= 10_000) repairMessages.clear()
  // The key and the replacement kept are slices of the flat message: no slice of the document.
  const at = MESSAGE_HEAD.length + original.length + MESSAGE_ARROW.length
  const key = message.slice(MESSAGE_HEAD.length, MESSAGE_HEAD.length + original.length)
  repairMessages.set(key, {replacement: message.slice(at, at + replacement.length), codecs: [...codecs], message, next: repairMessages.get(key)})
  return message
}

/** decode → repair → parse. */
export function prepareDocument(input: string | Uint8Array, options: ParseOptions = {}): PreparedDocument {
  const prepared = prepare(input, options)
  const parsed = parseText(prepared.chunks, prepared.map)
  // The parser's diagnostics are appended to the array `prepare` just made
  // (no one else holds it): no copy of the ~1,900 repair diagnostics a
  // mojibake-heavy batch has.
  const diagnostics = prepared.diagnostics
  for (const d of parsed.diagnostics) diagnostics.push(d)
  return new PreparedDocumentText(prepared, parsed.tree, parsed.offsets)
}

/** A {@link PreparedDocument}: a {@link Prepared} (its text still joined on first read) with its tree. */
class PreparedDocumentText extends PreparedText implements PreparedDocument {
  constructor(
    prepared: Prepared,
    public tree: Root,
    public offsets: TextOffsetLookup
  ) {
    super(prepared.original, prepared.chunks, prepared.map, prepared.repairs, prepared.source, prepared.diagnostics)
  }
}

/**
 * The offsets at which the lines of the input start (0, and one after each
 * `\n`), where `chunks` are the text after its first `skip` units (a BOM),
 * and whether its line feeds follow a CR: none, all or some.  (Every chunk
 * but the last ends in a line feed, so a line feed at the start of a chunk,
 * or of the text, follows no CR.)
 */
function linesOfChunks(chunks: readonly string[], skip: number): {starts: number[]; ending: SourceInfo['lineEnding']} {
  const starts = [0]
  let crlf = 0
  let base = skip
  for (const chunk of chunks) {
    for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) {
      starts.push(base + i + 1)
      if (i > 0 && chunk.charCodeAt(i - 1) === 13) crlf++
    }
    base += chunk.length
  }
  const ending = starts.length === 1 ? 'none' : crlf === 0 ? 'lf' : crlf === starts.length - 1 ? 'crlf' : 'mixed'
  return {starts, ending}
}
