/**
 * Bytes → string: the first stage of the pipeline.
 *
 * Detects a byte order mark (UTF-8, UTF-16 LE/BE), UTF-16 without a BOM (by
 * the pattern of NUL bytes that ASCII text leaves in it), valid UTF-8, and
 * otherwise decodes as Windows-1252 through iconv-lite with a diagnostic.
 * A BOM is kept in the text as U+FEFF at offset 0 so that positions count it.
 * Never throws.
 */

import {isAscii, isUtf8, transcode} from 'node:buffer'
import iconv from 'iconv-lite'
import type {Decoded, Diagnostic, Encoding} from '../model/types.js'

const utf8 = new TextDecoder('utf-8', {fatal: true})
/**
 * The decoder for whole inputs, made once: constructing a TextDecoder costs
 * more than decoding a small dump.  (`decode` without `stream` keeps no state
 * between calls, also after it threw.)  It keeps a leading BOM.
 */
const utf8KeepBom = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true})

/** Guesses UTF-16 without a BOM from NULs in the high (or low) byte of ASCII. */
function sniffUtf16(input: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(input.length - (input.length % 2), 4096)
  if (n < 4) return null
  // Text without a NUL byte (nearly every input) is not UTF-16: one search
  // for a NUL instead of a count of them byte by byte.  (Buffer's indexOf is
  // memchr, about ten times faster than the loop; a typed array's own indexOf
  // is barely faster than it.)
  if (Buffer.from(input.buffer, input.byteOffset, n).indexOf(0) === -1) return null
  let evenNul = 0
  let oddNul = 0
  for (let i = 0; i < n; i += 2) {
    if (input[i] === 0) evenNul++
    if (input[i + 1] === 0) oddNul++
  }
  const pairs = n / 2
  // ASCII-heavy text in UTF-16: most pairs have a NUL on one side, none on the other.
  if (oddNul >= pairs * 0.4 && evenNul <= pairs * 0.05) return 'utf-16le'
  if (evenNul >= pairs * 0.4 && oddNul <= pairs * 0.05) return 'utf-16be'
  return null
}

function decodeUtf16(input: Uint8Array, encoding: 'utf-16le' | 'utf-16be', bom: boolean): Decoded {
  const diagnostics: Diagnostic[] = [
    {
      ruleId: 'not-utf8',
      severity: 'warning',
      message: `The file is ${encoding === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE'}${bom ? ' (with a byte order mark)' : ' (no byte order mark: detected by its NUL bytes)'}, not UTF-8; decoded as such`,
      line: 1,
      column: 1,
      offset: 0,
      data: {encoding, bom}
    }
  ]
  let bytes = input
  if (bytes.length % 2 === 1) {
    diagnostics.push({
      ruleId: 'undecodable-bytes',
      severity: 'warning',
      message: `The input ends in half a UTF-16 code unit; the last byte was dropped`,
      line: 1,
      column: 1,
      data: {encoding, bytes: 1}
    })
    bytes = bytes.subarray(0, bytes.length - 1)
  }
  // iconv-lite strips a BOM by default; keep it so positions count it.
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, {stripBOM: false})
  return {text, encoding, bom, diagnostics}
}

/** 1-based line and column of byte `index` in `input`, counting `\n` bytes. */
function bytePoint(input: Uint8Array, index: number): {line: number; column: number} {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < index && i < input.length; i++) {
    if (input[i] === 0x0a) {
      line++
      lineStart = i + 1
    }
  }
  return {line, column: index - lineStart + 1}
}

/** The first byte at which `input` is not valid UTF-8 (assumes it is invalid somewhere). */
function firstInvalidUtf8(input: Uint8Array): number {
  let i = 0
  while (i < input.length) {
    const b = input[i] ?? 0
    if (b < 0x80) {
      i++
      continue
    }
    const n = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1
    if (n < 0) return i
    try {
      utf8.decode(input.subarray(i, i + n + 1))
    } catch {
      return i
    }
    i += n + 1
  }
  return input.length
}

/**
 * Decodes the bytes of a dump.  See the module comment for the detection
 * order; the result says which encoding was used and whether there was a BOM.
 */
export function decode(input: Uint8Array): Decoded {
  return decodeScanned(input, null)
}

/** What {@link decodeForPipeline} gives besides the decoded text. */
export interface PipelineDecoded {
  /**
   * The decoded input.  Its `text` may be a concatenation of `chunks` that
   * V8 has not flattened into one string: the pipeline never reads it (it
   * reads the chunks), and a reader that does gets it flattened then.
   */
  decoded: Decoded
  /**
   * The text after the BOM (if any) in consecutive pieces, each but the
   * last ending in a line feed (a line is never split), or null when the
   * one piece is `decoded.text` without its BOM.
   */
  chunks: string[] | null
  /** The offsets in the text after the BOM of its non-ASCII units (in order), or null when unknown. */
  nonAscii: number[] | null
}

/**
 * {@link decode}, for the pipeline: the same text and findings, and for
 * valid UTF-8 the text in chunks (see {@link PipelineDecoded}) and where its
 * non-ASCII characters are.
 */
export function decodeForPipeline(input: Uint8Array): PipelineDecoded {
  const scan: ScanState = {nonAscii: [], chunks: null}
  const decoded = decodeScanned(input, scan)
  return {decoded, chunks: scan.chunks, nonAscii: scan.chunks === null ? null : scan.nonAscii}
}

/** The pipeline's extras, filled in on the valid UTF-8 path only. */
interface ScanState {
  nonAscii: number[]
  chunks: string[] | null
}

function decodeScanned(input: Uint8Array, scan: ScanState | null): Decoded {
  try {
    if (input.length >= 3 && input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) {
      return decodeUtf8OrFallback(input, true, scan)
    }
    if (input.length >= 2 && input[0] === 0xff && input[1] === 0xfe) return decodeUtf16(input, 'utf-16le', true)
    if (input.length >= 2 && input[0] === 0xfe && input[1] === 0xff) return decodeUtf16(input, 'utf-16be', true)
    const sniffed = sniffUtf16(input)
    if (sniffed) return decodeUtf16(input, sniffed, false)
    return decodeUtf8OrFallback(input, false, scan)
  } catch (error) {
    if (scan) {
      scan.nonAscii.length = 0
      scan.chunks = null
    }
    // Should not happen; never throw from the first stage.
    const text = iconv.decode(Buffer.from(input), 'windows-1252')
    return {
      text,
      encoding: 'windows-1252',
      bom: false,
      diagnostics: [
        {ruleId: 'not-utf8', severity: 'warning', message: `Decoding failed (${String(error)}); read as Windows-1252`, line: 1, column: 1}
      ]
    }
  }
}

/**
 * The string of bytes known to be valid UTF-8 (`isUtf8`), BOM kept.  ICU's
 * converter (`transcode` to UTF-16) then a copy is about twice as fast as
 * `TextDecoder`, whose UTF-8 → UTF-16 step is V8's (the validation it would
 * repeat is simdutf's, like `isUtf8`, and costs next to nothing).  For valid
 * UTF-8 both give the same string; `TextDecoder` stays as the fallback.
 */
function validUtf8ToString(bytes: Uint8Array): string {
  if (bytes.length === 0) return ''
  // ASCII (the same string read as Latin-1): no conversion at all.
  if (isAscii(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  let units: Buffer
  try {
    units = transcode(bytes, 'utf8', 'utf16le')
  } catch {
    // TextDecoder drops a leading BOM unless told not to: keep it.
    return utf8KeepBom.decode(bytes)
  }
  return units.toString('utf16le')
}

/**
 * Pushes onto `out` the offsets, in the string that the valid UTF-8 `bytes`
 * decode to, of its non-ASCII UTF-16 units.  On bytes rather than on the
 * string (a regex scan of every character): the bytes are read four at a
 * time as 32-bit words, and a word without a high bit is all ASCII, about
 * five times faster.  For each byte the rule needs no state, since the input
 * is valid UTF-8: a lead byte starts a character whose unit offset is its
 * byte offset less the bytes saved so far (`delta`), continuation bytes are
 * skipped, and a four-byte character is two units (a surrogate pair).
 */
function nonAsciiUnits(bytes: Uint8Array, out: number[], base = 0): void {
  const n = bytes.length
  // bytes − units before the current byte, less `base` (the unit offset of
  // `bytes`).  `0 - base`, not `-base`: for the first chunk that is -0, a
  // double, which made every offset pushed a double and `out` an array of
  // doubles; the repairs' offsets, the position map and the points made
  // from them then stored their fields as boxed doubles.
  let delta = 0 - base
  // Bytes up to the first 4-aligned one, then whole words, then the rest.
  const head = Math.min(n, (4 - (bytes.byteOffset & 3)) & 3)
  const words = (n - head) >> 2
  const tail = head + words * 4
  const at = (i: number, b: number): void => {
    if (b < 0xc0) return // a continuation byte
    const u = i - delta
    out.push(u)
    if (b < 0xe0) delta += 1
    else {
      delta += 2
      if (b >= 0xf0) out.push(u + 1)
    }
  }
  for (let i = 0; i < head; i++) {
    const b = bytes[i] as number
    if (b >= 0x80) at(i, b)
  }
  if (words > 0) {
    const w32 = new Uint32Array(bytes.buffer, bytes.byteOffset + head, words)
    // Eight words (32 bytes) are tested at once first: non-ASCII characters
    // are few and clustered, so nearly every block is ASCII and is skipped
    // with one test and branch (the scan takes about half the time of a test
    // per word); a block that is not is then read word by word.
    const blocks = words & ~7
    let w = 0
    while (w < words) {
      if (
        w < blocks &&
        (((w32[w] as number) |
          (w32[w + 1] as number) |
          (w32[w + 2] as number) |
          (w32[w + 3] as number) |
          (w32[w + 4] as number) |
          (w32[w + 5] as number) |
          (w32[w + 6] as number) |
          (w32[w + 7] as number)) &
          0x80808080) ===
          0
      ) {
        w += 8
        continue
      }
      const stop = w + 8 < words ? w + 8 : words
      for (; w < stop; w++) {
        if (((w32[w] as number) & 0x80808080) === 0) continue
        const i0 = head + w * 4
        for (let i = i0; i < i0 + 4; i++) {
          const b = bytes[i] as number
          if (b >= 0x80) at(i, b)
        }
      }
    }
  }
  for (let i = tail; i < n; i++) {
    const b = bytes[i] as number
    if (b >= 0x80) at(i, b)
  }
}

/** Bytes per chunk (see {@link utf8InChunks}), up to the line end before. */
const CHUNK_BYTES = 16384

/**
 * The string of the valid UTF-8 `body` (the bytes after a BOM), with a
 * U+FEFF in front when `bom`, built from chunks of at most `CHUNK_BYTES`
 * bytes cut after a line feed; the chunks and the non-ASCII units' offsets
 * go into `scan`.  Why chunks: V8 puts a string over 128 KB in its large
 * object space, whose every allocation is fresh memory the system must map
 * and zero (about 1 ns a byte here, several times the cost of the decoding),
 * while the chunks are ordinary small strings.  Their concatenation is a
 * rope that nobody in the pipeline reads (repair reads the chunks), so it
 * is never flattened there: one large string less per big input (the
 * repaired text is the other, and unavoidable).
 */
function utf8InChunks(body: Uint8Array, bom: boolean, scan: ScanState): string {
  const n = body.length
  const chunks: string[] = []
  let units = 0 // the units of the chunks so far
  if (n <= CHUNK_BYTES) {
    const chunk = validUtf8ToString(body)
    // (An ASCII text, the same length as its bytes, has no non-ASCII unit.)
    if (chunk.length !== n) nonAsciiUnits(body, scan.nonAscii)
    chunks.push(chunk)
  } else {
    let p = 0
    while (p < n) {
      let e = n
      if (n - p > CHUNK_BYTES) {
        const nl = body.lastIndexOf(0x0a, p + CHUNK_BYTES - 1)
        if (nl >= p) e = nl + 1
        else {
          // A line longer than a chunk: it is one chunk, however long.
          const next = body.indexOf(0x0a, p + CHUNK_BYTES)
          e = next === -1 ? n : next + 1
        }
      }
      const bytes = body.subarray(p, e)
      const chunk = validUtf8ToString(bytes)
      // Only the chunks with non-ASCII characters are scanned for them (an
      // ASCII chunk is as long as its bytes).
      if (chunk.length !== e - p) nonAsciiUnits(bytes, scan.nonAscii, units)
      chunks.push(chunk)
      units += chunk.length
      p = e
    }
  }
  let text = bom ? '\uFEFF' : ''
  for (const chunk of chunks) text += chunk
  scan.chunks = chunks
  return text
}

function decodeUtf8OrFallback(whole: Uint8Array, bom: boolean, scan: ScanState | null): Decoded {
  try {
    if (isUtf8(whole)) {
      if (scan) return {text: utf8InChunks(bom ? whole.subarray(3) : whole, bom, scan), encoding: 'utf-8', bom, diagnostics: []}
      return {text: validUtf8ToString(whole), encoding: 'utf-8', bom, diagnostics: []}
    }
  } catch {
    if (scan) {
      scan.nonAscii.length = 0
      scan.chunks = null
    }
    // Not UTF-8: read as Windows-1252.
  }
  const skip = bom ? 3 : 0
  const rest = fallback(whole.subarray(skip))
  if (!bom) return rest
  // Keep the BOM as U+FEFF (one unit for three bytes); shift positions on its line.
  for (const d of rest.diagnostics) {
    if (d.line === 1) d.column += 1
    if (d.offset !== undefined) d.offset += 1
  }
  return {...rest, text: '\uFEFF' + rest.text, bom: true}
}

function fallback(input: Uint8Array): Decoded {
  const bom = false
  const encoding: Encoding = 'windows-1252'
  const at = firstInvalidUtf8(input)
  const point = bytePoint(input, at)
  const diagnostics: Diagnostic[] = [
    {
      ruleId: 'not-utf8',
      severity: 'warning',
      message: `The input is not valid UTF-8 (first invalid byte 0x${(input[at] ?? 0).toString(16).padStart(2, '0')} at byte ${at}); read as Windows-1252`,
      line: point.line,
      column: point.column,
      offset: at,
      data: {encoding, byte: at}
    }
  ]
  // Windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined: keep them as
  // the C1 control of the same number (nothing lost, but say so).
  let text = ''
  const undefinedAt: number[] = []
  const decoded = iconv.decode(Buffer.from(input.buffer, input.byteOffset, input.byteLength), encoding, {stripBOM: false})
  if (decoded.includes('\uFFFD')) {
    const chars: string[] = []
    for (let i = 0; i < input.length; i++) {
      const b = input[i] ?? 0
      const ch = decoded[i] ?? ''
      if (ch === '\uFFFD' && b >= 0x80) {
        chars.push(String.fromCharCode(b))
        undefinedAt.push(i)
      } else {
        chars.push(ch)
      }
    }
    text = chars.join('')
  } else {
    text = decoded
  }
  if (undefinedAt.length > 0) {
    const first = undefinedAt[0] ?? 0
    const p = bytePoint(input, first)
    diagnostics.push({
      ruleId: 'undecodable-bytes',
      severity: 'warning',
      message: `${undefinedAt.length} byte(s) have no Windows-1252 character; kept as C1 control characters`,
      line: p.line,
      column: p.column,
      offset: first,
      data: {bytes: undefinedAt.map((i) => input[i] ?? 0)}
    })
  }
  return {text, encoding, bom, diagnostics}
}
