/**
 * Mojibake repair with a position for every change.
 *
 * Design (see docs/repair.md): the text is split into lines; a line is only
 * looked at when it holds a character that some codec reads as a UTF-8 lead
 * byte followed by one it reads as a continuation byte, or a C1 control (the
 * fast path skips everything else).  In a suspect line, every codec of
 * `codecs.ts` finds the *runs* of characters whose bytes form well-formed
 * UTF-8; each run is judged on what it was (how unlikely the characters are
 * in real text) and what it would become (how likely the decoded characters
 * are, in their context).  Runs judged weak are only repaired when the same
 * codec found a strong run on the same line.  Layers are undone until a pass
 * changes nothing, so the result is idempotent.
 *
 * Written by hand rather than calling `ftfy-js`: ftfy repairs a whole string
 * at once and does not say where it changed it, and it is much slower.
 */

import type {Repair, RepairResult} from '../model/types.js'
import {CODECS, CP1252_C1, SUSPECT_CONT, SUSPECT_LEAD, type Codec} from './codecs.js'
import {isLetterOrDigitUnit, isLowerUnit, isUpperUnit, isWhiteSpaceUnit, unitClass} from '../util/chars.js'

/** One change to a line: `line.slice(start, end)` becomes `replacement`. */
export interface LineEdit {
  start: number
  end: number
  original: string
  replacement: string
  codecs: string[]
}

/** The result of {@link repairLine}. */
export interface LineRepair {
  text: string
  edits: LineEdit[]
}

/**
 * The well-formed UTF-8 sequences found by `scan` (in the bytes a codec
 * gives a stretch of text), four numbers each in one arena: start, end,
 * number of bytes in the sequence (2–4; 6 for a CESU-8 surrogate pair), and
 * flags (`LOST_FFFD`, `LOST_QUESTION`, `SPACE_A0`, `GRAVE`).  An arena, not
 * an object per sequence (and an array of them per run): the judges read a
 * run's sequences only while `findRuns` runs, so it is emptied at the start
 * of every top-level `findRuns` (nested calls, from `judgeRun`, add after
 * the sequences of the runs being judged).  A run's sequences are
 * consecutive in it.
 */
let seqArena = new Int32Array(1024)
/** Sequences in {@link seqArena}. */
let seqTop = 0
/** A byte was lost, shown as U+FFFD. */
const LOST_FFFD = 1
/** A byte was lost, shown as `?`. */
const LOST_QUESTION = 2
/** A space stood for byte 0xA0 (a non-breaking space that became a space). */
const SPACE_A0 = 4
/** `Ã ` read as `à ` (the 0xA0 byte is gone, the space is kept). */
const GRAVE = 8

/** Appends the sequence {@link matchSeq} found to the arena; returns its index. */
function pushSeq(): number {
  const q = seqTop++
  if (q * 4 + 4 > seqArena.length) {
    const bigger = new Int32Array(seqArena.length * 2)
    bigger.set(seqArena)
    seqArena = bigger
  }
  seqArena[q * 4] = mStart
  seqArena[q * 4 + 1] = mEnd
  seqArena[q * 4 + 2] = mBytes
  seqArena[q * 4 + 3] = mFlags
  return q
}

interface Run {
  start: number
  end: number
  /** The index of its first sequence in {@link seqArena} (valid while `findRuns` runs). */
  seq: number
  /** How many sequences it has (0: a lone C1 control). */
  nseq: number
  out: string
  codec: string
}

const LETTER = /\p{L}/u
const UPPER = /\p{Lu}/u
const LOWER = /\p{Ll}/u
const INVALID = /[\p{Cc}\p{Cs}\p{Co}\p{Cn}]/u
const LATIN_LIKE = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Common}\p{Script=Inherited}]/u

const LATIN_OR_COMMON = /[\p{Script=Latin}\p{Script=Common}]/u

// The classes of one code unit (-1, or NaN, is in none: the '' of a
// neighbour past the line's end).  The judges read units and code points
// with `charCodeAt`/`codePointAt` and ask these, rather than making a
// string of each character (`s[i]`, `[...run.out]`) to ask the regexes.
const letterUnit = unitClass(LETTER)
// (Upper and lower case: `isUpperUnit` and `isLowerUnit` of util/chars.)
const invalidUnit = unitClass(INVALID)
const latinOrCommonUnit = unitClass(LATIN_OR_COMMON)
const latinLikeUnit = unitClass(LATIN_LIKE)


/** `re.test` on the character of code point `cp` (-1: '', in no class), answered by `unit` inside the BMP. */
function cpIs(re: RegExp, unit: (code: number) => boolean, cp: number): boolean {
  return cp <= 0xffff ? unit(cp) : re.test(String.fromCodePoint(cp))
}

/**
 * For tests: each class the judges ask, as they ask it (a code point, -1 for
 * none), beside the regex it stands for.
 *
 * @internal
 */
export const CLASS_TESTS_FOR_TESTS: ReadonlyArray<readonly [RegExp, (cp: number) => boolean]> = (
  [
    [LETTER, letterUnit],
    [UPPER, isUpperUnit],
    [LOWER, isLowerUnit],
    [INVALID, invalidUnit],
    [LATIN_OR_COMMON, latinOrCommonUnit],
    [LATIN_LIKE, latinLikeUnit]
  ] as const
).map(([re, unit]) => [re, (cp: number) => cpIs(re, unit, cp)] as const)

/** Quotation marks around a word, as opening + closing pairs. */
const QUOTE_PAIRS = new Set(['""', '``', '“”', '‘’', '«»', '»«', '„“', '””', '‚‘'])

/** The pairs of {@link QUOTE_PAIRS} as `opening * 0x10000 + closing` (all are two BMP units). */
const QUOTE_PAIR_CODES = new Set([...QUOTE_PAIRS].map((p) => p.charCodeAt(0) * 0x10000 + p.charCodeAt(1)))

/** Is `before + after` in {@link QUOTE_PAIRS}, for the units `before` and `after` (-1: '')? */
function isQuotePair(before: number, after: number): boolean {
  return before >= 0 && after >= 0 && QUOTE_PAIR_CODES.has(before * 0x10000 + after)
}

/** Continuation characters that often follow a letter in correct text. */
const BENIGN_AFTER_LETTER = new Set([...'…’‘”“®™\u00A0ªº´¨°«»·'])

/** {@link BENIGN_AFTER_LETTER} by code unit (all of them are one unit). */
const BENIGN_UNIT = new Uint8Array(0x10000)
for (const ch of BENIGN_AFTER_LETTER) BENIGN_UNIT[ch.charCodeAt(0)] = 1

/** Is the code unit `c` (-1: '') one of {@link BENIGN_AFTER_LETTER}? */
function isBenignUnit(c: number): boolean {
  return c >= 0 && BENIGN_UNIT[c] === 1
}

/** Short words after which `Ã ` is a word-final `à` (French `voilà le`). */
const FUNCTION_WORD = /^(?:le|la|les|l'|l’|un|une|des|de|du|et|en|au|aux|ce|ces|sa|son|ses|mon|ma|mes|o|os|a|as|um|uma|the)(?![\p{L}])/u

/** Latin Extended-B letters that real languages use often (Romanian, Vietnamese, Pinyin). */
function rareLatinB(code: number): boolean {
  if (code >= 0x218 && code <= 0x21b) return false
  if (code === 0x1a0 || code === 0x1a1 || code === 0x1af || code === 0x1b0) return false
  if (code >= 0x1cd && code <= 0x1dc) return false
  return true
}

/** Modifier letters that are common in real text (IPA stress, spacing accents). */
const COMMON_MODIFIERS = new Set([0x2c6, 0x2c7, 0x2c8, 0x2cc, 0x2d0, 0x2d8, 0x2d9, 0x2da, 0x2db, 0x2dc, 0x2dd])

/**
 * How likely a decoded character (code point `code`) is in real text: 0
 * impossible, 1 rare, 2 fine.  `prevNonSpace`: the character before it is
 * there and is not white space.
 */
function plausibility(code: number, prevNonSpace: boolean): 0 | 1 | 2 {
  if (code === 0xfffd) return 2
  if (code >= 0x80 && code < 0xa0) return 1 // C1: only as an inner layer
  if (cpIs(INVALID, invalidUnit, code)) return 0
  if (code >= 0x180 && code < 0x250) return rareLatinB(code) ? 1 : 2
  if (code >= 0x250 && code < 0x2b0) return 1
  if (code >= 0x2b0 && code < 0x300) return COMMON_MODIFIERS.has(code) ? 2 : 1
  if (code >= 0x300 && code < 0x370) return prevNonSpace ? 2 : 1
  if (code === 0x17f) return 1 // long s
  if (code >= 0x530 && code < 0x590) return 1 // Armenian
  if (code >= 0x591 && code < 0x5d0) return 1 // Hebrew points
  if (code >= 0x1d00 && code < 0x1dc0) return 1 // phonetic extensions
  if (code >= 0xe000 && code < 0xf900) return 0
  return 2
}

function isC1(code: number): boolean {
  return code >= 0x80 && code < 0xa0
}

function hasC1(s: string): boolean {
  for (let k = 0; k < s.length; k++) if (isC1(s.charCodeAt(k))) return true
  return false
}

// The sequence {@link matchSeq} found (scratch: one call's result, read
// before the next call; `pushSeq` keeps it).
let mStart = 0
let mEnd = 0
/** The decoded character (U+FFFD when a byte was lost). */
let mOut = ''
let mBytes = 0
let mFlags = 0

/**
 * Finds the UTF-8 sequence the bytes of `s` (through `codec`) form at `i`, if
 * any, in the line `s[ls, le)`: true, and the sequence in `mStart` … `mFlags`
 * (no object per sequence: see {@link seqArena}).  (The line is read in
 * place in `s`, the chunk of text it lies in: no copy of it.  So are the
 * other functions with `ls` and `le`.)
 */
function matchSeq(s: string, i: number, codec: Codec, ls: number, le: number): boolean {
  const enc = codec.encode
  const b0 = enc[s.charCodeAt(i)] ?? -1
  if (b0 < 0xc2 || b0 > 0xf4) return false
  const n = b0 < 0xe0 ? 1 : b0 < 0xf0 ? 2 : 3
  // `Ã ` for `à `: the 0xA0 byte was dropped or turned into a space.
  if (b0 === 0xc3 && s.charCodeAt(i + 1) === 0x20) {
    const rest = s.slice(i + 2, i + 12 < le ? i + 12 : le)
    const prev = i > ls ? s.charCodeAt(i - 1) : -1
    // The space was the 0xA0 byte: a double space, a lone letter (`Ã s`), or
    // inside a word (`GÃ idhlig`) unless a function word follows (`voilÃ le`).
    const inWord = letterUnit(prev) && /^\p{Ll}/u.test(rest) && !FUNCTION_WORD.test(rest)
    if (rest.startsWith(' ') || /^(?:quel[ae]|quilo|\p{Ll}(?![\p{L}'’]))/u.test(rest) || inWord) {
      return found(i, i + 2, 'à', 2, SPACE_A0 | GRAVE)
    }
    if (/^\p{Ll}/u.test(rest)) return found(i, i + 1, 'à', 2, GRAVE)
  }
  let cp = b0 & (n === 1 ? 0x1f : n === 2 ? 0x0f : 0x07)
  let lost = 0 // 0, LOST_FFFD or LOST_QUESTION
  let spaceA0 = 0
  let j = i + 1
  for (let k = 1; k <= n; k++, j++) {
    if (j >= le) return false
    const c = s.charCodeAt(j)
    const b = enc[c] ?? -1
    let lo = 0x80
    let hi = 0xbf
    if (k === 1) {
      if (b0 === 0xe0) lo = 0xa0
      else if (b0 === 0xf0) lo = 0x90
      else if (b0 === 0xf4) hi = 0x8f
    }
    if (b >= lo && b <= hi && c !== 0x20) {
      cp = (cp << 6) | (b & 0x3f)
    } else if (c === 0x20 && lo <= 0xa0 && hi >= 0xa0 && (j + 1 < le || k > 1)) {
      cp = (cp << 6) | 0x20
      spaceA0 = SPACE_A0
    } else if (c === 0xfffd) {
      lost = LOST_FFFD
    } else if (c === 0x3f && lost === 0) {
      lost = LOST_QUESTION
    } else {
      return false
    }
  }
  if (lost !== 0) return found(i, j, '\uFFFD', n + 1, lost | spaceA0)
  if (cp >= 0xd800 && cp <= 0xdbff) {
    // CESU-8 / "UTF-8 variant": a surrogate pair encoded as two 3-byte sequences.
    if (!matchSeq(s, j, codec, ls, le) || (mFlags & (LOST_FFFD | LOST_QUESTION)) !== 0 || mBytes !== 3) return false
    const lc = mOut.charCodeAt(0)
    if (lc < 0xdc00 || lc > 0xdfff) return false
    const full = 0x10000 + ((cp - 0xd800) << 10) + (lc - 0xdc00)
    return found(i, mEnd, String.fromCodePoint(full), 6, spaceA0 | (mFlags & SPACE_A0))
  }
  if (cp >= 0xdc00 && cp <= 0xdfff) {
    // A lone low surrogate; only valid as the second half of a pair (built above).
    return found(i, j, String.fromCharCode(cp), 3, spaceA0)
  }
  return found(i, j, String.fromCodePoint(cp), n + 1, spaceA0)
}

/** Sets the result of {@link matchSeq}; true. */
function found(start: number, end: number, out: string, bytes: number, flags: number): boolean {
  mStart = start
  mEnd = end
  mOut = out
  mBytes = bytes
  mFlags = flags
  return true
}

/**
 * Is a single sequence (`q`, in {@link seqArena}), on its own, strong
 * evidence of mojibake?
 *
 * Read by code unit: a sequence's characters are bytes of a codec (one BMP
 * unit each, never a surrogate), a space or a lost byte's `?` or U+FFFD, so
 * its units are its characters (what `[...orig]` gave).
 */
function seqStrength(s: string, q: number, codec: Codec, ls: number, le: number): 'strong' | 'weak' {
  const start = seqArena[q * 4] as number
  const end = seqArena[q * 4 + 1] as number
  const flags = seqArena[q * 4 + 3] as number
  const after = end < le ? s.charCodeAt(end) : -1
  const before = start > ls ? s.charCodeAt(start - 1) : -1
  if ((flags & LOST_FFFD) !== 0) return 'strong'
  if ((flags & LOST_QUESTION) !== 0) return end - start >= 3 && (seqArena[q * 4 + 2] as number) >= 3 ? 'strong' : 'weak'
  if ((flags & GRAVE) !== 0) return codec.name === 'windows-1252' ? 'strong' : 'weak'
  if ((flags & SPACE_A0) !== 0) return 'weak'
  for (let k = start; k < end; k++) if (isC1(s.charCodeAt(k))) return 'strong'
  let allLetters = true
  let latinLetters = true
  for (let k = start; k < end; k++) {
    const c = s.charCodeAt(k)
    if (!letterUnit(c)) {
      allLetters = false
      break
    }
    if (latinLetters && !latinOrCommonUnit(c)) latinLetters = false
  }
  if (!allLetters) latinLetters = false
  const loose = codec.name === 'macroman' || codec.name === 'cp437'
  if (end - start >= 3) return allLetters && (!latinLetters || loose) ? 'weak' : 'strong'
  const lead = end > start ? s.charCodeAt(start) : -1
  const cont = end > start + 1 ? s.charCodeAt(start + 1) : -1
  if (allLetters) {
    // Two capitals inside a word in capitals (`HÅØYA`) are just a word.
    if (isUpperUnit(lead) && isUpperUnit(cont) && isUpperUnit(before)) return 'weak'
    return latinLetters && !loose ? 'strong' : 'weak'
  }
  if (codec.name === 'cp437' && !letterUnit(lead) && !letterUnit(cont)) return 'weak' // line art
  if (!isBenignUnit(cont)) return 'strong'
  // A benign-looking pair: letter + quote, ellipsis, trademark …
  if (cont === 0x2019 || cont === 0x2018) {
    if (isLowerUnit(after)) return 'weak' // an apostrophe
    if (letterUnit(after)) return 'strong'
  } else if (cont === 0xa0) {
    if (isLowerUnit(after)) return 'strong'
    if (codec.name === 'windows-1252' && lead === 0xc3 && !isUpperUnit(after)) return 'strong'
    if (codec.name === 'windows-1252' && lead === 0xc2 && !isUpperUnit(before)) return 'strong'
    return 'weak'
  } else if (letterUnit(after)) {
    return 'strong' // inside a word
  }
  if (codec.name === 'windows-1252' && (lead === 0xc3 || lead === 0xc2)) {
    if (cont === 0xa0 && isUpperUnit(before)) return 'weak'
    if (cont === 0x2026 || cont === 0x2019) return 'weak'
    return 'strong'
  }
  return 'weak'
}

function scriptOf(ch: string): string {
  if (/\p{Script=Latin}/u.test(ch)) return 'Latin'
  if (/\p{Script=Greek}/u.test(ch)) return 'Greek'
  if (/\p{Script=Cyrillic}/u.test(ch)) return 'Cyrillic'
  if (/\p{Script=Hebrew}/u.test(ch)) return 'Hebrew'
  if (/\p{Script=Arabic}/u.test(ch)) return 'Arabic'
  if (/\p{Script=Hangul}/u.test(ch)) return 'Hangul'
  if (/\p{Script=Han}/u.test(ch)) return 'Han'
  if (/\p{Script=Thai}/u.test(ch)) return 'Thai'
  if (/\p{Script=Armenian}/u.test(ch)) return 'Armenian'
  return 'Other'
}

/** A cached verdict and what it was given: see {@link judgeCached}. */
interface CachedVerdict {
  /** Index of the codec in `CODECS`. */
  index: number
  /** `run.start - from`: how many of the (up to) two characters before the run `ctx` holds. */
  off: number
  /** `s.slice(from, run.end + 1)`: the run, two characters before it and one after. */
  ctx: string
  out: string
  verdict: 'strong' | 'weak' | null
  /** The next entry in the same bucket. */
  next: CachedVerdict | undefined
}

/**
 * Verdicts by the run and the two characters before and one after it, which
 * is all `judgeRun` looks at (except for C1 controls in the output, not
 * cached).  The same damage repeats in a text: `Ã¼` is judged once.
 *
 * The key is (codec, off, ctx, out), compared field by field.  (It was the
 * string `${index}${off}${ctx}\u0000${out}`: the same equality, since index
 * and off are one digit each and `out` never holds U+0000, but building and
 * hashing that string for every run cost more than judging.)  The table is
 * indexed by a hash of the fields computed from `s` without slicing it;
 * entries in the same bucket are chained.  (A fixed array of buckets rather
 * than a `Map` keyed by the hash: an element load instead of a hash-table
 * lookup per run, which was a third of this function's time.)
 */
const VERDICT_BUCKETS = 1 << 14
const verdicts: Array<CachedVerdict | undefined> = new Array<CachedVerdict | undefined>(VERDICT_BUCKETS).fill(undefined)
/** Entries in `verdicts` (cleared past 50 000, as the string-keyed map was). */
let verdictCount = 0

/** Off only in tests that compare cached verdicts with fresh ones. */
let verdictCacheOn = true

/** For tests: turn the verdict cache off (every run judged afresh) or on; either way it is emptied. */
export function useVerdictCache(on: boolean): void {
  verdictCacheOn = on
  verdicts.fill(undefined)
  verdictCount = 0
}

function judgeCached(s: string, run: Run, codec: Codec, index: number, depth: number, ls: number, le: number): 'strong' | 'weak' | null {
  const out = run.out
  if (hasC1(out) || !verdictCacheOn) return judgeRun(s, run, codec, depth, ls, le)
  const from = run.start - 2 > ls ? run.start - 2 : ls
  const to = run.end + 1 < le ? run.end + 1 : le
  const off = run.start - from
  let h = index * 4 + off
  for (let k = from; k < to; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193)
  h = Math.imul(h ^ 0x10000, 0x01000193)
  for (let k = 0; k < out.length; k++) h = Math.imul(h ^ out.charCodeAt(k), 0x01000193)
  // 0x10000 (no UTF-16 code unit) separates the context from the output in
  // the hash; its high bits folded into the low ones pick the bucket.
  const key = (h ^ (h >>> 16)) & (VERDICT_BUCKETS - 1)
  const first = verdicts[key]
  for (let e = first; e !== undefined; e = e.next) {
    if (e.index !== index || e.off !== off || e.out !== out || e.ctx.length !== to - from) continue
    let same = true
    for (let k = 0; k < e.ctx.length && same; k++) if (e.ctx.charCodeAt(k) !== s.charCodeAt(from + k)) same = false
    if (same) return e.verdict
  }
  const verdict = judgeRun(s, run, codec, depth, ls, le)
  if (verdictCount > 50_000) {
    verdicts.fill(undefined)
    verdictCount = 0
  }
  verdictCount++
  // `ctx` is copied out of `s`: a plain slice would keep the whole line
  // alive for as long as the entry (the cache outlives documents).
  verdicts[key] = {index, off, ctx: detachedSlice(s, from, to), out, verdict, next: verdicts[key]}
  return verdict
}

/**
 * `s.slice(from, to)` as a string of its own.  V8 makes a longer slice a view
 * that keeps `s` alive; concatenating and slicing again makes it copy the
 * characters into a new string, so the result holds only them.
 */
function detachedSlice(s: string, from: number, to: number): string {
  return to - from < 13 ? s.slice(from, to) : ` ${s.slice(from, to)}`.slice(1)
}

/** Is the code unit `c` (-1: '') CJK or Hangul: U+2E80–U+9FFF, U+AC00–U+D7AF, U+F900–U+FAFF? */
function isCjkUnit(c: number): boolean {
  return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff)
}

/**
 * Judges a run: null when it must be left alone, else strong or weak.
 *
 * Read by code unit and code point, as the tests need (no string per
 * character, no arrays of them): the run's input `s[run.start, run.end)`
 * is bytes of a codec (and spaces, `?`, U+FFFD), never a surrogate, so its
 * units are its characters; its output may hold a surrogate pair.
 */
function judgeRun(s: string, run: Run, codec: Codec, depth: number, ls: number, le: number): 'strong' | 'weak' | null {
  const before = run.start > ls ? s.charCodeAt(run.start - 1) : -1
  const after = run.end < le ? s.charCodeAt(run.end) : -1
  const out = run.out
  let worst: 0 | 1 | 2 = 2
  let prevNonSpace = before >= 0 && !isWhiteSpaceUnit(before)
  let hasC1 = false
  let chars = 0 // code points in `out`
  let letters = 0
  let letter = -1 // the first letter of `out`
  for (let k = 0; k < out.length; ) {
    const cp = out.codePointAt(k) as number
    const p = plausibility(cp, prevNonSpace)
    if (isC1(out.charCodeAt(k))) hasC1 = true
    if (p < worst) worst = p
    if (cpIs(LETTER, letterUnit, cp)) {
      if (letters++ === 0) letter = cp
    }
    // (`/\s/u` matches no character outside the BMP.)
    prevNonSpace = cp > 0xffff || !isWhiteSpaceUnit(cp)
    k += cp > 0xffff ? 2 : 1
    chars++
  }
  if (worst === 0) return null
  // Mojibake quoted on purpose: `"Ã©"`, “â€“”, `â€™` in backticks.
  if (isQuotePair(before, after)) return null
  // C1 controls in the input are proof of damage (UTF-8 read as Latin-1).
  let origC1 = hasC1In(s, run.start, run.end)
  if (origC1) {
    const q0 = run.seq
    for (let q = q0; q < q0 + run.nseq; q++) if (((seqArena[q * 4 + 3] as number) & SPACE_A0) !== 0) origC1 = false
  }
  // One CJK or Hangul character amid other text: a lucky decoding.
  if (chars === 1 && out.length === 1 && isCjkUnit(out.charCodeAt(0)) && !isCjkUnit(before) && !isCjkUnit(after)) return null
  if (hasC1 && !origC1) {
    // C1 controls in the result: only right when the result is itself mojibake
    // (a further layer), i.e. the controls sit in sequences of the next pass.
    if (depth > 2) return null
    // Judge the next layer in a window around the run (not the whole line: speed).
    const from = Math.max(ls, run.start - 40)
    const window = s.slice(from, run.start) + run.out + s.slice(run.end, Math.min(le, run.end + 40))
    const inner = findRuns(window, 0, window.length, depth + 1).filter((r) => r.nseq > 0 || codec.name === 'windows-1252')
    for (let k = 0; k < run.out.length; k++) {
      if (!isC1(run.out.charCodeAt(k))) continue
      const at = run.start - from + k
      if (!inner.some((r) => r.start <= at && at < r.end)) return null
    }
  } else if (worst === 1 && run.nseq < 2 && !origC1) {
    return null
  }
  // The orig was letters only, and the result is not: unlikely.
  if (run.end - run.start === 2 && letters === 0 && letterUnit(s.charCodeAt(run.start)) && letterUnit(s.charCodeAt(run.start + 1))) return null
  if (origC1) return 'strong'
  // MacRoman and cp437 read many letter pairs as a combining mark: not alone.
  if ((codec.name === 'macroman' || codec.name === 'cp437') && run.nseq < 2 && /\p{M}/u.test(run.out)) return null

  if (run.nseq === 1 && letters === 1) {
    if (!cpIs(LATIN_LIKE, latinLikeUnit, letter)) {
      // A lone letter of another script next to letters or digits of another one.
      const script = scriptOf(String.fromCodePoint(letter))
      const alien = (n: number) => isLetterOrDigitUnit(n) && scriptOf(String.fromCharCode(n)) !== script
      if (alien(before) || alien(after)) return null
    }
    // In a word in capitals, a repair to a lower-case letter is unlikely.
    const before2 = run.start > ls + 1 ? s.charCodeAt(run.start - 2) : -1
    // (`Ã` + a non-benign character is the commonest mojibake there is: exempt.)
    const exempt =
      codec.name === 'windows-1252' && s.charCodeAt(run.start) === 0xc3 && !(run.end - run.start >= 2 && isBenignUnit(s.charCodeAt(run.start + 1)))
    if (!exempt && cpIs(LOWER, isLowerUnit, letter) && isUpperUnit(before) && (isUpperUnit(after) || isUpperUnit(before2))) return null
  }
  let strong = false
  const q0 = run.seq
  for (let q = q0; q < q0 + run.nseq && !strong; q++) if (seqStrength(s, q, codec, ls, le) === 'strong') strong = true
  if (!strong && run.nseq >= 3) {
    let plain = true
    for (let q = q0; q < q0 + run.nseq; q++) if (((seqArena[q * 4 + 3] as number) & (SPACE_A0 | GRAVE)) !== 0) plain = false
    if (plain) strong = true
  }
  // One letter standing alone (no letter on either side) outside Latin-1: weak.
  if (strong && run.nseq === 1 && chars === 1 && letters === 1 && !letterUnit(before) && !letterUnit(after)) {
    const code = run.out.charCodeAt(0)
    if (!(codec.name === 'windows-1252' && code >= 0xc0 && code <= 0xff)) strong = false
  }
  return strong ? 'strong' : 'weak'
}

/**
 * All runs of well-formed UTF-8 that `codec` finds in `s` (unjudged), or
 * null when there are none (no array made); `na` lists the non-ASCII
 * positions.
 */
function scan(s: string, codec: Codec, bit: number, na: readonly number[], ls: number, le: number): Run[] | null {
  let runs: Run[] | null = null
  let cur: Run | null = null
  let next = 0 // the scan has consumed s[0, next)
  for (let p = 0; p < na.length; p++) {
    const i = na[p] as number
    if (i < next || ((SUSPECT_LEAD[s.charCodeAt(i)] ?? 0) & bit) === 0) continue
    if (!matchSeq(s, i, codec, ls, le)) continue
    const q = pushSeq()
    // (A run holding a grave sequence holds only that one: its first.)
    if (cur !== null && cur.end === mStart && (mFlags & GRAVE) === 0 && ((seqArena[cur.seq * 4 + 3] as number) & GRAVE) === 0) {
      // (Its sequences stay consecutive in the arena: `q` was pushed right after them.)
      cur.nseq++
      cur.end = mEnd
      cur.out += mOut
    } else {
      cur = {start: mStart, end: mEnd, seq: q, nseq: 1, out: mOut, codec: codec.name}
      if (runs === null) runs = [cur]
      else runs.push(cur)
    }
    next = mEnd
  }
  return runs
}

/** The codec name logged for a run `s[start, end)` undone through `codec`. */
function codecLabel(s: string, start: number, end: number, codec: Codec): string {
  if (codec.name !== 'windows-1252') return codec.name
  for (let k = start; k < end; k++) {
    const c = s.charCodeAt(k)
    if (isC1(c) && c !== 0x81 && c !== 0x8d && c !== 0x8f && c !== 0x90 && c !== 0x9d) return 'latin-1'
  }
  return 'windows-1252'
}

const MACROMAN = CODECS.find((c) => c.name === 'macroman')
const CONTRACTION = /^(?:s|t|d|m|ll|re|ve)(?!\p{L})/u

/** Does `s` hold non-ASCII characters (not C1 controls) outside all of `runs`?  `na`: the non-ASCII positions. */
function hasUnexplained(s: string, runs: readonly Run[], na: readonly number[]): boolean {
  let r = 0
  for (const i of na) {
    if (s.charCodeAt(i) < 0xa0) continue
    while (r < runs.length && (runs[r]?.end ?? 0) <= i) r++
    const run = runs[r]
    if (run && run.start <= i) continue
    return true
  }
  return false
}

/** Any character outside ASCII (global: scanned with `lastIndex`; `findRuns` is re-entered only after its scan). */
const NON_ASCII = /[^\x00-\x7f]/g

/** The positions of the characters outside ASCII in `s`, in order. */
function nonAsciiPositions(s: string): number[] {
  const na: number[] = []
  // `test` with `lastIndex`, not `exec`: no match array per character.
  NON_ASCII.lastIndex = 0
  while (NON_ASCII.test(s)) na.push(NON_ASCII.lastIndex - 1)
  return na
}

/**
 * The accepted runs of one pass over `s`, non-overlapping, sorted by start.
 * `known`, when given, is `nonAsciiPositions(s)` (the caller tracked it).
 *
 * Nearly always one codec has runs: then its array from `scan`, judged in
 * place, is the result (no array per codec, no list of codecs to sort).
 */
function findRuns(s: string, ls: number, le: number, depth = 0, known?: readonly number[]): Run[] {
  // (Nested calls, from `judgeRun`, keep the sequences of the runs being judged.)
  if (depth === 0) {
    seqTop = 0
    // (A pathological line may have grown the arena: not kept for good.)
    if (seqArena.length > 1 << 16) seqArena = new Int32Array(1024)
  }
  const na = known ?? nonAsciiPositions(s)
  if (na.length === 0) return []
  let leads = 0 // the codecs in which some character is a lead byte
  let c1 = false // some character is a C1 control (else no pass over `na` for them below)
  for (let p = 0; p < na.length; p++) {
    const c = s.charCodeAt(na[p] as number)
    leads |= SUSPECT_LEAD[c] ?? 0
    if (isC1(c)) c1 = true
  }
  // The codecs whose runs are kept: the first here, any others in `more`.
  let firstRuns: Run[] | null = null
  let firstIndex = -1
  let firstCover = 0
  let more: Array<{runs: Run[]; index: number; cover: number}> | null = null
  for (let c = 0; c < CODECS.length; c++) {
    const codec = CODECS[c] as Codec
    const bit = 1 << c
    if ((leads & bit) === 0) continue
    const runs = scan(s, codec, bit, na, ls, le)
    if (runs === null) continue
    // The runs judged worth keeping, moved to the front of `runs`.
    let kept = 0
    let strongRuns = 0
    let longStrong = false
    for (let k = 0; k < runs.length; k++) {
      const run = runs[k] as Run
      const verdict = judgeCached(s, run, codec, c, depth, ls, le)
      if (!verdict) continue
      if (verdict === 'strong') {
        strongRuns++
        for (let q = run.seq; q < run.seq + run.nseq; q++) if ((seqArena[q * 4 + 2] as number) >= 3) longStrong = true
      }
      runs[kept++] = run
    }
    if (kept !== runs.length) runs.length = kept
    // Correct non-ASCII text on the line that this codec cannot explain makes
    // a lone two-byte repair doubtful (`Bremer/Mccoy – DrÃ¥ber`).
    let ok = strongRuns > 0
    const unexplained = ok && hasUnexplained(s, runs, na)
    if (ok && strongRuns < 2 && !longStrong && unexplained) ok = false
    if (ok) {
      let cover = 0
      for (const r of runs) cover += r.end - r.start
      if (cover > 0) {
        if (firstRuns === null) {
          firstRuns = runs
          firstIndex = c
          firstCover = cover
        } else {
          more ??= [{runs: firstRuns, index: firstIndex, cover: firstCover}]
          more.push({runs, index: c, cover})
        }
      }
    }
    // When the first codec explains every non-ASCII character of the line, no
    // other codec can explain more: skip them (the common case, and fast).
    if (ok && c === 0 && !unexplained) break
  }
  // Runs go in by codec: sorted by start already when one codec gave them
  // and no lone C1 control is added below (starts never repeat).
  let sorted = true
  let chosen: Run[] | null = null
  // Which units the chosen runs cover.  The runs of one codec never overlap,
  // so with one codec (the common case) the table is only needed for the C1
  // controls below, and is built then.
  let taken: Uint8Array | null = null
  if (more === null) {
    if (firstRuns !== null) {
      const codec = CODECS[firstIndex] as Codec
      for (const run of firstRuns) run.codec = codecLabel(s, run.start, run.end, codec)
      chosen = firstRuns
    }
  } else {
    // Prefer the codec that explains most of the line; earlier codecs win ties.
    more.sort((a, b) => b.cover - a.cover || a.index - b.index)
    sorted = false
    chosen = []
    taken = new Uint8Array(le - ls)
    for (const {runs, index} of more) {
      const codec = CODECS[index] as Codec
      for (const run of runs) {
        let free = true
        for (let k = run.start; k < run.end && free; k++) if (taken[k - ls] === 1) free = false
        if (!free) continue
        taken.fill(1, run.start - ls, run.end - ls)
        run.codec = codecLabel(s, run.start, run.end, codec)
        chosen.push(run)
      }
    }
  }
  // Lone C1 controls left over: cp1252 bytes read as Latin-1.  Whether one
  // lies in a chosen run: the table when several codecs made it, else (the
  // runs of one codec are sorted and apart) a walk along the runs chosen
  // above, in step with the ascending positions.
  const chosenAbove = chosen === null ? 0 : chosen.length
  let w = 0 // chosen[0, w) end at or before the current position
  for (let p = 0; c1 && p < na.length; p++) {
    const i = na[p] as number
    const c = s.charCodeAt(i)
    if (!isC1(c)) continue
    if (taken !== null) {
      if (taken[i - ls] === 1) continue
    } else if (chosen !== null) {
      while (w < chosenAbove && (chosen[w] as Run).end <= i) w++
      if (w < chosenAbove && (chosen[w] as Run).start <= i) continue
    }
    const ch = CP1252_C1[c - 0x80] ?? ''
    // Inside a word, a cp1252 symbol (`Coatl‡n`) is wrong where MacRoman gives
    // a letter (`Coatlán`); `don’t` and the like keep the apostrophe.
    const mac = MACROMAN?.decode[c] ?? ''
    if (i > ls && /[A-Za-z]/.test(s[i - 1] ?? '') && i + 1 < le && /[A-Za-z]/.test(s[i + 1] ?? '') && !letterUnit(ch.charCodeAt(0)) && letterUnit(mac.charCodeAt(0))) {
      if (!(ch === '’' && CONTRACTION.test(s.slice(i + 1, i + 4 < le ? i + 4 : le)))) {
        ;(chosen ??= []).push({start: i, end: i + 1, seq: 0, nseq: 0, out: mac, codec: 'latin-1/macroman'})
        sorted = false
        continue
      }
    }
    if (ch === '' || ch === s[i]) continue
    ;(chosen ??= []).push({start: i, end: i + 1, seq: 0, nseq: 0, out: ch, codec: 'latin-1/windows-1252'})
    sorted = false
  }
  if (chosen === null) return []
  return sorted ? chosen : chosen.sort((a, b) => a.start - b.start)
}

/**
 * Could this line hold mojibake at all?  (The fast path: a lead character of
 * some codec followed by a continuation character of the same codec, a C1
 * control, or `Ã ` for `à`.)  `from` may be the first non-ASCII character.
 */
function suspect(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (suspectAt(s, i, to)) return true
  return false
}

/** The test of {@link suspect} for the one character `s[i]` (`to`: the end of the range). */
function suspectAt(s: string, i: number, to: number): boolean {
  const c = s.charCodeAt(i)
  if (c < 0x80) return false
  if (c < 0xa0) return true
  const lead = SUSPECT_LEAD[c] ?? 0
  if (lead === 0 || i + 1 >= to) return false
  const next = s.charCodeAt(i + 1)
  if ((lead & (SUSPECT_CONT[next] ?? 0)) !== 0) return true
  return c === 0xc3 && next === 0x20
}

/**
 * `s.slice(start, end)` as a string of its own.  V8 makes a longer slice a
 * view into `s`, and every `charCodeAt` on a view goes through it: the
 * repairer reads a suspect line character by character many times over
 * (scans per codec, verdict keys, checks), which runs faster on a copy.
 * Joining two parts makes the copy (`slice` alone never does).
 */
function flatSlice(s: string, start: number, end: number): string {
  if (end - start < 2) return s.slice(start, end)
  return [s.slice(start, start + 1), s.slice(start + 1, end)].join('')
}

/** Start of the stretch of non-ASCII characters that ends at `end`. */
function clusterStart(s: string, end: number): number {
  let i = end - 1
  while (i > 0 && s.charCodeAt(i - 1) >= 0x80) i--
  return i
}

const MAX_LAYERS = 6

const WIN1252 = CODECS[0]

/**
 * Is a repaired line still full of mojibake-looking pairs (a Latin-1 letter
 * U+00C0–U+00FF followed by a cp1252 continuation character) that no codec
 * could undo?  Then the repairs made are guesses on a hopeless garble: keep
 * the line.  `na` lists the non-ASCII positions of `s` (the letters are
 * among them: no scan of the whole line).
 */
function hopeless(s: string, na: readonly number[]): boolean {
  if (!WIN1252) return false
  let pairs = 0
  for (const i of na) {
    const c = s.charCodeAt(i)
    if (c < 0xc0 || c > 0xff) continue
    const b = WIN1252.encode[s.charCodeAt(i + 1)] ?? -1
    if (b >= 0x80 && b < 0xc0 && b !== 0xa0 && !isBenignUnit(s.charCodeAt(i + 1)) && ++pairs >= 3) return true
  }
  return false
}

/** Is one of the characters of `s` at the positions `na` a C1 control? */
function hasC1At(s: string, na: readonly number[]): boolean {
  for (const i of na) if (isC1(s.charCodeAt(i))) return true
  return false
}

/** Does `s[start, end)` hold a C1 control? */
function hasC1In(s: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (isC1(s.charCodeAt(k))) return true
  return false
}

/** A changed stretch of the current text: `cur[cs, ce)` stands for `line[os, oe)`. */
interface Segment {
  cs: number
  ce: number
  os: number
  oe: number
  codecs: string[]
  /** `cur.slice(cs, ce)`, kept (the repair's replacement: no slice of `cur` for it). */
  text: string
}

/**
 * Applies one pass's runs to `cur`, whose changed stretches are `segs` and
 * whose non-ASCII positions are `curNa`; returns the new text, its segments
 * and its non-ASCII positions (those of the unchanged text, shifted, and
 * those in the new text of each group: no scan of the whole line).  A run
 * that touches earlier segments swallows them (one repair per damaged
 * stretch of the input).
 */
function applyRuns(
  cur: string,
  segs: readonly Segment[],
  runs: readonly Run[],
  curNa: readonly number[]
): {text: string; segs: Segment[]; na: number[]} {
  if (segs.length === 0) return applyFirstRuns(cur, runs, curNa)
  const na: number[] = []
  let nk = 0 // curNa[0, nk) is accounted for
  const out: Segment[] = []
  const parts: string[] = []
  let pos = 0 // cur[0, pos) is in `parts`
  let shift = 0 // new offset − cur offset, after `pos`
  let delta = 0 // line offset − cur offset in unchanged text, after the last segment passed
  let si = 0
  let ri = 0
  const pushSeg = (seg: Segment) => out.push({...seg, cs: seg.cs + shift, ce: seg.ce + shift})
  while (ri < runs.length) {
    const first = runs[ri]
    if (!first) break
    while (si < segs.length && (segs[si]?.ce ?? 0) <= first.start) {
      const seg = segs[si++] as Segment
      pushSeg(seg)
      delta = seg.oe - seg.ce
    }
    let gStart = first.start
    let gEnd = first.end
    let lastRun = ri
    const os = delta // line offset − cur offset just before the group
    let chain: string[] = []
    for (;;) {
      let grew = false
      while (si < segs.length && (segs[si]?.cs ?? 0) < gEnd) {
        const seg = segs[si++] as Segment
        if (seg.cs < gStart) gStart = seg.cs
        if (seg.ce > gEnd) {
          gEnd = seg.ce
          grew = true
        }
        if (seg.codecs.length > chain.length) chain = seg.codecs
        delta = seg.oe - seg.ce
      }
      while (lastRun + 1 < runs.length && (runs[lastRun + 1]?.start ?? 0) < gEnd) {
        lastRun++
        const r = runs[lastRun] as Run
        if (r.end > gEnd) {
          gEnd = r.end
          grew = true
        }
      }
      if (!grew) break
    }
    // The group's new text: the runs' output, and what lies between them.
    let text = cur.slice(gStart, first.start)
    let p = first.start
    for (let k = ri; k <= lastRun; k++) {
      const r = runs[k] as Run
      text += cur.slice(p, r.start) + r.out
      p = r.end
    }
    text += cur.slice(p, gEnd)
    parts.push(cur.slice(pos, gStart), text)
    const cs = gStart + shift
    // Non-ASCII positions: the unchanged cur[pos, gStart), shifted; the group's text.
    while (nk < curNa.length && (curNa[nk] as number) < gStart) na.push((curNa[nk++] as number) + shift)
    for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) >= 0x80) na.push(cs + k)
    while (nk < curNa.length && (curNa[nk] as number) < gEnd) nk++
    out.push({cs, ce: cs + text.length, os: gStart + os, oe: gEnd + delta, codecs: [...chain, first.codec], text})
    shift += text.length - (gEnd - gStart)
    pos = gEnd
    ri = lastRun + 1
  }
  while (si < segs.length) pushSeg(segs[si++] as Segment)
  parts.push(cur.slice(pos))
  while (nk < curNa.length) na.push((curNa[nk++] as number) + shift)
  return {text: parts.join(''), segs: out, na}
}

/**
 * {@link applyRuns} when there are no segments yet (the first pass, nearly
 * always the only one): then no run swallows another, and each run is a
 * group of its own whose new text is its output.
 */
function applyFirstRuns(cur: string, runs: readonly Run[], curNa: readonly number[]): {text: string; segs: Segment[]; na: number[]} {
  const na: number[] = []
  let nk = 0 // curNa[0, nk) is accounted for
  const out: Segment[] = []
  const parts: string[] = []
  let pos = 0 // cur[0, pos) is in `parts`
  let shift = 0 // new offset − cur offset, after `pos`
  for (const r of runs) {
    while (nk < curNa.length && (curNa[nk] as number) < r.start) na.push((curNa[nk++] as number) + shift)
    const text = r.out
    parts.push(cur.slice(pos, r.start), text)
    const cs = r.start + shift
    for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) >= 0x80) na.push(cs + k)
    while (nk < curNa.length && (curNa[nk] as number) < r.end) nk++
    out.push({cs, ce: cs + text.length, os: r.start, oe: r.end, codecs: [r.codec], text})
    shift += text.length - (r.end - r.start)
    pos = r.end
  }
  parts.push(cur.slice(pos))
  while (nk < curNa.length) na.push((curNa[nk++] as number) + shift)
  return {text: parts.join(''), segs: out, na}
}

/**
 * Is any character within 8 of a segment suspect (see {@link suspect}, run
 * on `s[cs - 8, ce + 8)` for each segment)?  Only the non-ASCII characters
 * (`na`, the positions in `s`) can be: they are looked at, not the windows.
 */
function suspectNearSegments(s: string, segs: readonly Segment[], na: readonly number[]): boolean {
  let p = 0 // na[0, p) lie before the current window
  for (const g of segs) {
    const from = Math.max(0, g.cs - 8)
    const to = Math.min(s.length, g.ce + 8)
    while (p < na.length && (na[p] as number) < from) p++
    for (let q = p; q < na.length && (na[q] as number) < to; q++) if (suspectAt(s, na[q] as number, to)) return true
  }
  return false
}

/**
 * For tests: the passes `repairSuspectLine` makes over `line` (ignoring its
 * early stops), each with the non-ASCII positions of the new text as
 * `applyRuns` tracked them and as a scan of that text finds them.
 */
export function trackedNonAscii(
  line: string
): Array<{text: string; tracked: number[]; scanned: number[]; near: boolean; nearSimple: boolean}> {
  const passes: Array<{text: string; tracked: number[]; scanned: number[]; near: boolean; nearSimple: boolean}> = []
  let cur = line
  let na = nonAsciiPositions(line)
  let segs: Segment[] = []
  for (let layer = 0; layer < MAX_LAYERS; layer++) {
    const runs = findRuns(cur, 0, cur.length, 0, na)
    if (runs.length === 0) break
    const next = applyRuns(cur, segs, runs, na)
    const t = next.text
    passes.push({
      text: t,
      tracked: next.na,
      scanned: nonAsciiPositions(t),
      near: suspectNearSegments(t, next.segs, next.na),
      nearSimple: next.segs.some((g) => suspect(t, Math.max(0, g.cs - 8), Math.min(t.length, g.ce + 8)))
    })
    ;({text: cur, segs, na} = next)
  }
  return passes
}

/**
 * Repairs the mojibake of one line (no `\n` in it).  Edits refer to `line`.
 */
export function repairLine(line: string): LineRepair {
  if (!suspect(line, 0, line.length)) return {text: line, edits: []}
  return repairSuspectLine(line, nonAsciiPositions(line))
}

/**
 * {@link repairLine} without the fast-path check (the caller made it);
 * `lineNa` is `nonAsciiPositions(line)`.
 */
function repairSuspectLine(line: string, lineNa: readonly number[]): LineRepair {
  const result = repairSuspect(line, 0, line.length, lineNa)
  if (result === null) return {text: line, edits: []}
  const fixed = isRuns(result) ? applyFirstRuns(line, result, lineNa) : result
  const edits: LineEdit[] = []
  for (const seg of fixed.segs) {
    const original = line.slice(seg.os, seg.oe)
    const replacement = fixed.text.slice(seg.cs, seg.ce)
    if (original !== replacement) edits.push({start: seg.os, end: seg.oe, original, replacement, codecs: seg.codecs})
  }
  return {text: fixed.text, edits}
}

/** Is a result of {@link repairSuspect} the runs of one pass? */
function isRuns(result: readonly Run[] | {text: string; segs: readonly Segment[]}): result is readonly Run[] {
  return Array.isArray(result)
}

/**
 * {@link repairSuspectLine} before its edits are made: null when the line
 * stays as it is; else, when one pass made the repair (nearly always), its
 * runs (each a changed stretch: its output replaces `line[start, end)`),
 * else the new text and its changed stretches.  (Outside the stretches the
 * text is the line's, so a result other than null has a stretch whose text
 * changed: an edit.)
 */
function repairSuspect(s: string, ls: number, le: number, sNa: readonly number[]): readonly Run[] | {text: string; segs: readonly Segment[]} | null {
  const runs = findRuns(s, ls, le, 0, sNa)
  if (runs.length === 0) return null
  // (Every run changes the text: a decoded sequence is never its own input.)
  // Whether C1 controls proved this layer (see `hopeless`).
  // (Only a line with a C1 control can have one in a run.)
  let proved = false
  const lineHasC1 = hasC1At(s, sNa)
  for (let k = 0; lineHasC1 && k < runs.length; k++) {
    const r = runs[k] as Run
    if (hasC1In(s, r.start, r.end)) {
      proved = true
      break
    }
  }
  // The checks after the first pass are made on the units of the new text
  // at its non-ASCII positions and the unit after each, taken from the line
  // and the runs' output: the new line is only built when another pass is
  // needed (rare), else the runs are the repair.
  const n = firstPassUnits(s, ls, le, runs, sNa)
  if (!unitsHaveC1(n) && !unitsSuspectNearRuns(le - ls, ls, runs, n)) {
    // One pass, and no other: hopeless unless C1 controls proved it.
    return !proved && unitsHopeless(n) ? null : runs
  }
  // Further passes, on a copy of the line: the runs and positions moved to it.
  const line = ls === 0 && le === s.length ? s : flatSlice(s, ls, le)
  const lineNa = ls === 0 ? sNa : sNa.map((k) => k - ls)
  if (ls !== 0) {
    for (const r of runs) {
      r.start -= ls
      r.end -= ls
    }
  }
  const first = applyFirstRuns(line, runs, lineNa)
  let cur = first.text
  let segs = first.segs
  let na = first.na // the non-ASCII positions of `cur`
  // The last state reached by layers that C1 controls proved (see `hopeless`).
  let safeCur = proved ? cur : line
  let safeSegs: Segment[] = proved ? segs : []
  for (let layer = 1; layer < MAX_LAYERS; layer++) {
    const runs = findRuns(cur, 0, cur.length, 0, na)
    if (runs.length === 0) break
    const next = applyRuns(cur, segs, runs, na)
    if (proved) {
      proved = false
      for (const r of runs) {
        if (hasC1In(cur, r.start, r.end)) {
          proved = true
          break
        }
      }
    }
    cur = next.text
    segs = next.segs
    na = next.na
    if (proved) {
      safeCur = cur
      safeSegs = segs
    }
    // Another pass can only find something where this one changed the text
    // (or in a C1 control): skip it when nothing suspect is near the changes.
    if (!hasC1At(cur, na) && !suspectNearSegments(cur, segs, na)) break
  }
  if (hopeless(cur, na)) {
    cur = safeCur
    segs = safeSegs
  }
  return cur === line ? null : {text: cur, segs}
}

/**
 * After the first pass over the line `s[ls, le)` (no segments before it):
 * the new line's non-ASCII positions, the unit at each and the unit after
 * it (-1 past the end), in `unitPos`, `unitCode` and `unitNext`; returns how
 * many.  The same as reading the text of `applyFirstRuns` (on the line) at
 * its `na`, without building it.  Runs and `na` are positions in `s`.
 */
function firstPassUnits(s: string, ls: number, le: number, runs: readonly Run[], na: readonly number[]): number {
  let n = 0
  let nk = 0 // na[0, nk) are done
  let shift = -ls // new line offset − offset in `s`, after the last run passed
  for (let ri = 0; ri < runs.length; ri++) {
    const r = runs[ri] as Run
    const out = r.out
    // Unchanged units before the run; the one just before it is followed by its output.
    for (; nk < na.length && (na[nk] as number) < r.start; nk++) {
      const q = na[nk] as number
      unitPos[n] = q + shift
      unitCode[n] = s.charCodeAt(q)
      unitNext[n++] = q + 1 === r.start ? out.charCodeAt(0) : s.charCodeAt(q + 1)
    }
    while (nk < na.length && (na[nk] as number) < r.end) nk++
    // The run's output; its last unit is followed by the next run's output
    // when that starts right here, else by the line.
    const next = runs[ri + 1]
    const after = r.end >= le ? -1 : next !== undefined && next.start === r.end ? next.out.charCodeAt(0) : s.charCodeAt(r.end)
    const cs = r.start + shift
    for (let k = 0; k < out.length; k++) {
      const c = out.charCodeAt(k)
      if (c < 0x80) continue
      unitPos[n] = cs + k
      unitCode[n] = c
      unitNext[n++] = k + 1 < out.length ? out.charCodeAt(k + 1) : after
    }
    shift += out.length - (r.end - r.start)
  }
  for (; nk < na.length; nk++) {
    const q = na[nk] as number
    unitPos[n] = q + shift
    unitCode[n] = s.charCodeAt(q)
    unitNext[n++] = q + 1 < le ? s.charCodeAt(q + 1) : -1
  }
  return n
}

/** See {@link firstPassUnits} (reused: one line at a time). */
const unitPos: number[] = []
/** See {@link firstPassUnits}. */
const unitCode: number[] = []
/** See {@link firstPassUnits}. */
const unitNext: number[] = []

/** {@link hasC1At} on the units of {@link firstPassUnits}. */
function unitsHaveC1(n: number): boolean {
  for (let k = 0; k < n; k++) if (isC1(unitCode[k] as number)) return true
  return false
}

/**
 * {@link suspectNearSegments} on the units of {@link firstPassUnits}: the
 * segments are the runs (of a line of `len` units), in the new text's offsets.
 */
function unitsSuspectNearRuns(len: number, ls: number, runs: readonly Run[], n: number): boolean {
  let shift = 0
  for (const r of runs) shift += r.out.length - (r.end - r.start)
  const newLen = len + shift
  shift = -ls
  let p = 0 // units [0, p) lie before the current window
  for (const r of runs) {
    const cs = r.start + shift
    const ce = cs + r.out.length
    shift += r.out.length - (r.end - r.start)
    const from = Math.max(0, cs - 8)
    const to = Math.min(newLen, ce + 8)
    while (p < n && (unitPos[p] as number) < from) p++
    for (let q = p; q < n && (unitPos[q] as number) < to; q++) {
      // suspectAt(text, unitPos[q], to)
      const c = unitCode[q] as number
      if (c < 0xa0) return true // (non-ASCII: a C1 control)
      const lead = SUSPECT_LEAD[c] ?? 0
      if (lead === 0 || (unitPos[q] as number) + 1 >= to) continue
      const next = unitNext[q] as number
      if ((lead & (SUSPECT_CONT[next] ?? 0)) !== 0 || (c === 0xc3 && next === 0x20)) return true
    }
  }
  return false
}

/** {@link hopeless} on the units of {@link firstPassUnits}. */
function unitsHopeless(n: number): boolean {
  if (!WIN1252) return false
  let pairs = 0
  for (let k = 0; k < n; k++) {
    const c = unitCode[k] as number
    if (c < 0xc0 || c > 0xff) continue
    const next = unitNext[k] as number
    const b = WIN1252.encode[next] ?? -1
    if (b >= 0x80 && b < 0xc0 && b !== 0xa0 && !isBenignUnit(next) && ++pairs >= 3) return true
  }
  return false
}

/**
 * For tests: the checks `repairSuspect` makes after a first pass over `line`,
 * on the units of {@link firstPassUnits} and on the text `applyFirstRuns`
 * builds: C1 control, suspect near a change, hopeless (null: no runs).
 */
export function firstPassChecks(line: string): {units: boolean[]; built: boolean[]} | null {
  const na = nonAsciiPositions(line)
  const runs = findRuns(line, 0, line.length, 0, na)
  if (runs.length === 0) return null
  const n = firstPassUnits(line, 0, line.length, runs, na)
  const units = [unitsHaveC1(n), unitsSuspectNearRuns(line.length, 0, runs, n), unitsHopeless(n)]
  const t = applyFirstRuns(line, runs, na)
  const built = [hasC1At(t.text, t.na), suspectNearSegments(t.text, t.segs, t.na), hopeless(t.text, t.na)]
  return {units, built}
}

/**
 * Repairs mojibake in `text`, line by line, and logs every repair with its
 * place in `text`.  Never changes the number of lines, line endings, or a
 * leading U+FEFF; idempotent.
 */
export function repairMojibake(text: string): RepairResult {
  if (typeof text !== 'string') throw new TypeError('foreign-relations: repairMojibake expects a string')
  return repairChunks([text], null, 0, null)
}

/**
 * {@link repairMojibake} of the text that is the concatenation of `chunks`,
 * each of which but the last ends in a line feed (so no line spans two):
 * each chunk is read on its own, and only the repaired text is built whole.
 * For the pipeline: `lineStarts`, when given, are the offsets at which the
 * lines of the original start, where the text is the original after its
 * first `skip` units (a BOM) — no second count of line ends for the repairs'
 * line numbers; without them there must be one chunk.  `nonAscii`, when
 * given, lists the offsets of the text's non-ASCII characters, in order.
 * With `shifted`, the repairs' positions are in the original (`skip` units
 * longer) instead of in the text.
 */
export function repairChunks(
  chunks: readonly string[],
  lineStarts: readonly number[] | null,
  skip: number,
  nonAscii: readonly number[] | null,
  shifted = false
): RepairResult {
  const result = repairInChunks(chunks, lineStarts, skip, nonAscii, shifted)
  const out = result.chunks
  return {text: out.length === 1 ? (out[0] as string) : out.join(''), repairs: result.repairs}
}

/**
 * Unchanged text of at most this many units between two repaired lines (or
 * after the last one, to the end of the chunk) is copied into the new string
 * of the repaired lines rather than passed on as a slice: a copy that short
 * costs less than another chunk.
 */
const GAP = 256

/**
 * {@link repairChunks}, with the repaired text left in chunks, each but the
 * last ending in a line feed or empty (as those given): a chunk of `chunks` in which nothing changed
 * is passed on as it is, one with repairs is cut into slices of its
 * unchanged lines and new strings of its repaired ones (see {@link GAP}).
 * Why: the pipeline's parser reads the lines chunk by chunk, and the whole
 * repaired text of a big input (over 128 KB) would be a string in V8's
 * large-object space, fresh memory mapped and zeroed for each document
 * (several times the cost of building it).
 */
export function repairInChunks(
  chunks: readonly string[],
  lineStarts: readonly number[] | null,
  skip: number,
  nonAscii: readonly number[] | null,
  shifted = false
): {chunks: string[]; repairs: Repair[]} {
  // How far the repairs' offsets (and columns on line 1) are moved: `skip`
  // when `shifted` (positions in the original, as the pipeline reports them).
  const shift = shifted ? skip : 0
  // The offsets of the non-ASCII characters, in order (they are few and
  // clustered: `Ã©`, `â€™`).  The pipeline found them in the bytes; else one
  // regex scan of the text for stretches of them.
  const all = nonAscii ?? nonAsciiOfChunks(chunks)
  const repairs: Repair[] = []
  /**
   * The current stretch of repaired lines, concatenated piece by piece: a
   * rope of cons strings that V8 flattens into one string when the parser
   * first reads it.  (Faster than pushing the pieces and joining them:
   * `join` took about 300 ns for a stretch of ~260 units with two repairs,
   * concatenating and flattening about 180.)
   */
  let stretch = ''
  /** The repaired chunks. */
  const out: string[] = []
  /** The line's non-ASCII positions, in the chunk (reused). */
  const na: number[] = []
  let lineNo = 1
  let counted = 0 // text before this offset has had its line ends counted
  const count = all.length
  let p = 0 // all[0, p) are done
  let base = 0 // offset of the chunk in the whole text
  // With `lineStarts`, the line of a character is found by walking along
  // them (the characters come in order), not by searching the text for line
  // feeds both ways (`lastIndexOf` is slow).  `line` is its 0-based index.
  let line = 0
  const lines = lineStarts === null ? 0 : lineStarts.length
  for (const text of chunks) {
    const len = text.length
    const limit = base + len
    // The chunk goes out in pieces, each but the last of the chunk ending in
    // a line feed: the stretches of unchanged lines as slices of it (views,
    // no copy), and each stretch of repaired lines (with the short unchanged
    // gaps between them) made from pieces (`stretch`).  Why: a chunk with a single
    // repair was copied whole (two bytes a unit), some 1 MB a corpus pass,
    // for a few repaired lines.
    let last = 0 // text before this offset is out or in `stretch`
    let dirtyEnd = -1 // when there is a stretch: the end of its last line (after the line feed)
    while (p < count && (all[p] as number) < limit) {
      const i = (all[p] as number) - base
      let start: number
      let end: number
      if (lineStarts !== null) {
        const at = i + base + skip // the offset in the original
        while (line + 1 < lines && (lineStarts[line + 1] as number) <= at) line++
        // (The first line starts at 0, before the BOM: at 0 in the text.)
        start = line === 0 ? 0 : (lineStarts[line] as number) - skip - base
        end = line + 1 < lines ? (lineStarts[line + 1] as number) - 1 - skip - base : len
        lineNo = line + 1
      } else {
        end = text.indexOf('\n', i)
        if (end === -1) end = len
        start = text.lastIndexOf('\n', i - 1) + 1
      }
      // Gather the non-ASCII characters of this line, and the fast-path check.
      // (Written over the last line's: the array is only cut to this line's
      // length when the line is suspect, the rare case; setting `length` is
      // a call into the runtime.)
      let n = 0
      let suspectLine = false
      for (; p < count; p++) {
        const k = (all[p] as number) - base
        if (k >= end) break
        na[n++] = k
        if (!suspectLine) suspectLine = suspectAt(text, k, end)
      }
      if (!suspectLine) continue
      if (na.length !== n) na.length = n
      // The line is read in place in the chunk (flat): no copy of it.
      const fixed = repairSuspect(text, start, end, na)
      if (fixed === null) continue
      // Line numbers are only needed for repairs: count up to here now.
      if (lineStarts === null) {
        for (let nl = text.indexOf('\n', counted); nl !== -1 && nl < start; nl = text.indexOf('\n', nl + 1)) lineNo++
        counted = start
      }
      // This line starts a new stretch of repaired lines unless the last
      // stretch ended at most GAP units before it: then the last one is
      // finished (its last line completed), and the unchanged lines before this one go out
      // as one slice.
      if (dirtyEnd !== -1 && start - dirtyEnd > GAP) {
        out.push(stretch + text.slice(last, dirtyEnd))
        stretch = ''
        last = dirtyEnd
        dirtyEnd = -1
      }
      if (dirtyEnd === -1 && start > last) {
        out.push(text.slice(last, start))
        last = start
      }
      dirtyEnd = end < len ? end + 1 : len
      // The repairs, made from the changed stretches (no edit objects between).
      // Shifted, they are in the original: offsets past the BOM, and columns
      // on the first line.
      const offset = base + start + shift
      const column = lineNo === 1 ? shift + 1 : 1
      if (isRuns(fixed)) {
        // One pass: the runs' output goes straight into the text (no new line built).
        for (const r of fixed) {
          const original = text.slice(r.start, r.end)
          const replacement = r.out
          stretch += text.slice(last, r.start) + replacement
          last = r.end
          if (original === replacement) continue
          const at = r.start - start
          repairs.push({original, replacement, line: lineNo, column: column + at, offset: offset + at, codecs: [r.codec]})
        }
        continue
      }
      stretch += text.slice(last, start) + fixed.text
      last = end
      for (const seg of fixed.segs) {
        const original = text.slice(start + seg.os, start + seg.oe)
        const replacement = seg.text
        if (original === replacement) continue
        repairs.push({original, replacement, line: lineNo, column: column + seg.os, offset: offset + seg.os, codecs: seg.codecs})
      }
    }
    // (No repaired line: nothing of the chunk went out, `last` is 0.)
    if (dirtyEnd === -1) out.push(text)
    else {
      // The last stretch takes the rest of the chunk along when it is short.
      const stop = len - dirtyEnd > GAP ? dirtyEnd : len
      out.push(stretch + text.slice(last, stop))
      stretch = ''
      if (stop < len) out.push(text.slice(stop))
    }
    base = limit
  }
  return {chunks: out, repairs}
}

/** The offsets of the non-ASCII characters of the concatenation of `chunks`. */
function nonAsciiOfChunks(chunks: readonly string[]): number[] {
  if (chunks.length === 1) return nonAsciiOf(chunks[0] as string)
  const out: number[] = []
  let base = 0
  for (const chunk of chunks) {
    for (const k of nonAsciiOf(chunk)) out.push(base + k)
    base += chunk.length
  }
  return out
}

/** Stretches of characters outside ASCII (global: scanned with `lastIndex`). */
const NON_ASCII_RUNS = /[^\x00-\x7f]+/g

/**
 * The offsets of the characters of `text` outside ASCII, in order: one regex
 * scan for stretches of them (faster than a test per character).
 */
function nonAsciiOf(text: string): number[] {
  const out: number[] = []
  NON_ASCII_RUNS.lastIndex = 0
  while (NON_ASCII_RUNS.test(text)) {
    const clusterEnd = NON_ASCII_RUNS.lastIndex
    for (let k = clusterStart(text, clusterEnd); k < clusterEnd; k++) out.push(k)
  }
  return out
}
