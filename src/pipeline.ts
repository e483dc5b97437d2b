/**
 * The first stages, shared by every entry point: decode → repair → parse.
 */

import type {Root} from 'mdast'
import {decodeForPipeline} from './decode/index.js'
import {repairText} from './repair/index.js'
import {parseText} from './parse/index.js'
import type {TextOffsetLookup} from './parse/context.js'
import {PositionMap, lineStartsOf} from './util/position.js'
import type {Decoded, Diagnostic, ParseOptions, Repair, SourceInfo} from './model/types.js'

export interface Prepared {
  /** The decoded input (BOM kept): what positions refer to. */
  original: string
  /** The working text: BOM removed, mojibake repaired. */
  text: string
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
  // The offsets of the non-ASCII characters after the BOM, when decoding found them.
  let nonAscii: number[] | null = null
  if (typeof input === 'string') {
    decoded = {text: input, encoding: 'utf-8', bom: input.charCodeAt(0) === 0xfeff, diagnostics: []}
  } else if (input instanceof Uint8Array) {
    const found: number[] = []
    const result = decodeForPipeline(input, found)
    decoded = result.decoded
    if (result.scanned) nonAscii = found
  } else {
    throw new TypeError('foreign-relations: expected the input as a string or a Uint8Array')
  }
  const skip = decoded.bom ? 1 : 0
  const body = skip ? decoded.text.slice(skip) : decoded.text
  // The line starts of the input, found once: for the repairs' line numbers,
  // the position map and the line-ending test.
  const lineStarts = lineStartsOf(decoded.text)
  const repaired = options.repair === false ? {text: body, repairs: []} : repairText(body, lineStarts, skip, nonAscii)
  const map = new PositionMap(decoded.text, repaired.repairs, skip, lineStarts)
  // Repairs in the original: the BOM (`skip`) only shifts offsets, and columns
  // on line 1; line numbers are the same (what `map.pointAtOriginal` gives).
  // Without a BOM they are the repairer's own (fresh) objects.
  const repairs: Repair[] =
    skip === 0
      ? repaired.repairs
      : repaired.repairs.map((r) => ({
          original: r.original,
          replacement: r.replacement,
          line: r.line,
          column: r.line === 1 ? r.column + skip : r.column,
          offset: r.offset + skip,
          codecs: r.codecs
        }))
  const diagnostics: Diagnostic[] = [...decoded.diagnostics]
  for (const r of repairs) {
    const chain = r.codecs.length === 1 ? r.codecs[0] : r.codecs.join(' → ')
    diagnostics.push({
      ruleId: 'mojibake-repaired',
      severity: 'warning',
      message: `Repaired mojibake \`${r.original}\` → \`${r.replacement}\` (${chain})`,
      line: r.line,
      column: r.column,
      endLine: r.line,
      endColumn: r.column + r.original.length,
      offset: r.offset,
      data: {original: r.original, replacement: r.replacement, codecs: r.codecs}
    })
  }
  return {
    original: decoded.text,
    text: repaired.text,
    map,
    repairs,
    source: {encoding: decoded.encoding, bom: decoded.bom, lineEnding: lineEnding(decoded.text, lineStarts)},
    diagnostics
  }
}

/** decode → repair → parse. */
export function prepareDocument(input: string | Uint8Array, options: ParseOptions = {}): PreparedDocument {
  const prepared = prepare(input, options)
  const parsed = parseText(prepared.text, prepared.map)
  return {
    ...prepared,
    tree: parsed.tree,
    offsets: parsed.offsets,
    diagnostics: [...prepared.diagnostics, ...parsed.diagnostics]
  }
}

/** `lineStarts`: those of `text` (each after an LF): the LFs are looked at, not the text. */
function lineEnding(text: string, lineStarts: readonly number[]): SourceInfo['lineEnding'] {
  if (lineStarts.length === 1) return 'none'
  // How many LFs follow a CR: none, all or some.
  let crlf = 0
  for (let k = 1; k < lineStarts.length; k++) if (text.charCodeAt((lineStarts[k] as number) - 2) === 13) crlf++
  if (crlf === 0) return 'lf'
  return crlf === lineStarts.length - 1 ? 'crlf' : 'mixed'
}
