/**
 * The single-byte codecs that mojibake is undone through, as lookup tables.
 *
 * The byte ↔ character tables come from iconv-lite (no table is typed in by
 * hand); this module only inverts them into dense `Int16Array`s so that the
 * repairer can map a character back to "the byte it was read from" with one
 * array index.  The "sloppy" variants keep the bytes a codec leaves undefined
 * as the C1 control of the same number (0x81 → U+0081), the way a lossless
 * but careless decoder (and python-ftfy's `sloppy-windows-*`) does.
 */

import iconv from 'iconv-lite'

/** A single-byte codec, inverted: character code → byte (or -1). */
export interface Codec {
  /** The name logged in `Repair.codecs`, e.g. `windows-1252`. */
  name: string
  /** `encode[charCode]` is the byte that decodes to that character, or -1. */
  encode: Int16Array
  /** `decode[byte]` is the character that byte decodes to. */
  decode: string[]
}

/**
 * `SUSPECT_LEAD[c]` has bit `k` set when character code `c` is, in codec
 * `CODECS[k]`, a byte that starts a multi-byte UTF-8 sequence (0xC2–0xF4);
 * `SUSPECT_CONT[c]` has bit `k` set when it is a continuation byte (0x80–0xBF)
 * there, or a character that stands for a lost byte (U+FFFD: all bits).  A
 * line where no character's lead bits meet the next one's continuation bits,
 * with no C1 control and no `Ã ` (see the repairer), holds no mojibake: the
 * fast path.
 */
export const SUSPECT_LEAD = new Uint8Array(65536)
/** See {@link SUSPECT_LEAD}. */
export const SUSPECT_CONT = new Uint8Array(65536)

/** Every byte, 0x00–0xFF, in order. */
const ALL_BYTES = Buffer.from(Array.from({length: 256}, (_, b) => b))

function table(iconvName: string, sloppy: boolean): string[] {
  // One call for all 256 bytes (a call per byte made 1,792 decoders, 25 ms
  // of every process's start): a single-byte codec gives one UTF-16 unit a
  // byte, U+FFFD for a byte it leaves undefined.
  const text = iconv.decode(ALL_BYTES, iconvName, {stripBOM: false})
  if (text.length !== 256) throw new Error(`foreign-relations: ${iconvName} is not a single-byte codec in iconv-lite`)
  const out: string[] = []
  for (let b = 0; b < 256; b++) {
    let ch = text.charAt(b)
    if (ch === '\uFFFD') {
      if (iconvName === 'macintosh' && b === 0xf0) ch = '\uF8FF' // the Apple logo (private use)
      else if (sloppy) ch = String.fromCharCode(b)
    }
    out.push(ch)
  }
  return out
}

/**
 * Invert `decode` into codec number `k` of {@link CODECS}, and set its bit
 * in {@link SUSPECT_LEAD} and {@link SUSPECT_CONT} for each character code
 * it gets a byte for (the byte it keeps: the first).
 */
function invert(k: number, name: string, decode: string[], extra: Array<[number, number]> = []): Codec {
  const encode = new Int16Array(65536).fill(-1)
  const set = (code: number, b: number): void => {
    if (encode[code] !== -1) return
    encode[code] = b
    if (code < 0x80) return
    if (b >= 0xc2 && b <= 0xf4) SUSPECT_LEAD[code]! |= 1 << k
    if (b >= 0x80 && b <= 0xbf) SUSPECT_CONT[code]! |= 1 << k
  }
  for (let b = 0; b < 256; b++) {
    const ch = decode[b]
    if (ch === undefined || ch.length !== 1 || ch === '\uFFFD') continue
    set(ch.charCodeAt(0), b)
  }
  for (const [code, b] of extra) set(code, b)
  return {name, encode, decode}
}

/**
 * Windows-1252 and Latin-1 in one table: cp1252's punctuation for 0x80–0x9F
 * and, for the same bytes, the C1 controls Latin-1 reads them as.  Damage
 * through either (or both, in one file) is undone by the same table.
 */
const cp1252 = table('windows-1252', true)
const c1: Array<[number, number]> = []
for (let b = 0x80; b < 0xa0; b++) c1.push([b, b])

/** The codecs, in the order they are preferred when two explain the same text equally well. */
export const CODECS: readonly Codec[] = (
  [
    ['windows-1252', cp1252, c1],
    ['windows-1250', table('windows-1250', true)],
    ['iso-8859-2', table('iso-8859-2', false)],
    ['windows-1251', table('windows-1251', true)],
    ['windows-1257', table('windows-1257', true)],
    ['macroman', table('macintosh', false)],
    ['cp437', table('cp437', false)]
  ] satisfies Array<[string, string[], Array<[number, number]>?]>
).map(([name, decode, extra], k) => invert(k, name, decode, extra))

/** Windows-1252 read of the C1 bytes 0x80–0x9F (undefined ones stay as the control). */
export const CP1252_C1: readonly string[] = cp1252.slice(0x80, 0xa0)

// A character that stands for a lost byte: a continuation in every codec.
SUSPECT_CONT[0xfffd] = 0xff
