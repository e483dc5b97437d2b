/**
 * The first stages, shared by every entry point: decode → repair → parse.
 */

import type {Root} from 'mdast'
import {decode} from './decode/index.js'
import {repairMojibake} from './repair/index.js'
import {parseText} from './parse/index.js'
import {PositionMap} from './util/position.js'
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
  offsets: Map<object, number>
}

/** Decode (bytes) and repair; positions of repairs refer to the original input. */
export function prepare(input: string | Uint8Array, options: ParseOptions = {}): Prepared {
  let decoded: Decoded
  if (typeof input === 'string') {
    decoded = {text: input, encoding: 'utf-8', bom: input.charCodeAt(0) === 0xfeff, diagnostics: []}
  } else if (input instanceof Uint8Array) {
    decoded = decode(input)
  } else {
    throw new TypeError('foreign-relations: expected the input as a string or a Uint8Array')
  }
  const skip = decoded.bom ? 1 : 0
  const body = skip ? decoded.text.slice(skip) : decoded.text
  const repaired = options.repair === false ? {text: body, repairs: []} : repairMojibake(body)
  const map = new PositionMap(decoded.text, repaired.repairs, skip)
  const repairs: Repair[] = repaired.repairs.map((r) => {
    const p = map.pointAtOriginal(r.offset + skip)
    return {...r, line: p.line, column: p.column, offset: p.offset}
  })
  const diagnostics: Diagnostic[] = [...decoded.diagnostics]
  for (const r of repairs) {
    diagnostics.push({
      ruleId: 'mojibake-repaired',
      severity: 'warning',
      message: `Repaired mojibake \`${r.original}\` → \`${r.replacement}\` (${r.codecs.join(' → ')})`,
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
    source: {encoding: decoded.encoding, bom: decoded.bom, lineEnding: lineEnding(decoded.text)},
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

function lineEnding(text: string): SourceInfo['lineEnding'] {
  const lf = text.indexOf('\n')
  if (lf === -1) return 'none'
  const crlf = text.includes('\r\n')
  if (!crlf) return 'lf'
  // Any LF not preceded by CR?  (A loop over the line ends: the regex
  // `/(^|[^\r])\n/` tried its alternation at every character.)
  for (let i = lf; i !== -1; i = text.indexOf('\n', i + 1)) if (text.charCodeAt(i - 1) !== 13) return 'mixed'
  return 'crlf'
}
