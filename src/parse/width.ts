/**
 * Display width of text as pandoc's writers measure it (doclayout), in
 * terminal columns: East Asian wide and fullwidth characters count 2,
 * combining marks and other zero-width characters count 0.
 *
 * Several width functions are offered because the dumps come from several
 * pandoc versions and the version changed the rules (grid-tables.md §3):
 * the table scanners try them in turn when a table's walls do not line up.
 *
 * East Asian width comes from the maintained `get-east-asian-width` package
 * (Unicode's EastAsianWidth.txt); only the zero-width rules and the pandoc 2.17
 * quirks are written here, because no package reproduces doclayout's tables.
 */

import {eastAsianWidth} from 'get-east-asian-width'

/** A per-code-point width function: 0, 1 or 2 columns. */
export type CharWidth = (codePoint: number) => number

// \p{Mn}/\p{Me}: non-spacing and enclosing marks; \p{Cf}: format characters
// (ZWSP, ZWNJ, ZWJ, soft hyphen, bidi controls); \p{Cc}: control characters.
const zeroWidthRe = /[\p{Mn}\p{Me}\p{Cf}\p{Cc}]/u
const zeroWidthCache = new Map<number, boolean>()

/** Whether a code point takes no column (combining, format or control). */
export function isZeroWidth(codePoint: number): boolean {
  if (codePoint < 0x300) {
    // Fast path for ASCII and Latin-1: only controls and the soft hyphen.
    return codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0) || codePoint === 0xad
  }
  let hit = zeroWidthCache.get(codePoint)
  if (hit === undefined) {
    hit = zeroWidthRe.test(String.fromCodePoint(codePoint))
    zeroWidthCache.set(codePoint, hit)
  }
  return hit
}

/**
 * Width of one code point as pandoc ≥ 2.18 (doclayout ≥ 0.4, measured on 3.10)
 * counts it: 0 for combining/format/control characters, 2 for East Asian
 * wide/fullwidth (most emoji included), 1 otherwise.
 */
export function charWidth(codePoint: number): number {
  if (codePoint >= 0x20 && codePoint < 0x7f) return 1
  if (isZeroWidth(codePoint)) return 0
  return eastAsianWidth(codePoint)
}

/**
 * Width of one code point as pandoc ≤ 2.17 (doclayout 0.3) counts it: like
 * {@link charWidth}, except that control characters, the soft hyphen and the
 * combining marks of U+0370–U+10FC (Hebrew points, Arabic harakat, Indic
 * signs) count 1.
 */
export function charWidthLegacy(codePoint: number): number {
  if (codePoint >= 0x20 && codePoint < 0x7f) return 1
  if (codePoint < 0x300) return 1
  if (codePoint >= 0x370 && codePoint <= 0x10fc) return 1
  if (isZeroWidth(codePoint)) return 0
  return eastAsianWidth(codePoint)
}

/** One column per UTF-16 code unit (what naive writers and editors count). */
export function charWidthCodeUnits(codePoint: number): number {
  return codePoint > 0xffff ? 2 : 1
}

/** Width of a string, summing a per-code-point width function. Linear. */
export function displayWidthWith(s: string, width: CharWidth): number {
  let w = 0
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i)
    if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1)
      if (lo >= 0xdc00 && lo < 0xe000) {
        cp = ((cp - 0xd800) << 10) + (lo - 0xdc00) + 0x10000
        i++
      }
    }
    w += width(cp)
  }
  return w
}

/**
 * Display width of a string as pandoc 3 measures it one character at a time
 * (East Asian wide = 2, combining/zero-width = 0).
 */
export function displayWidth(s: string): number {
  return displayWidthWith(s, charWidth)
}

/** Display width of a string with pandoc 2.17's rules ({@link charWidthLegacy}). */
export function displayWidthLegacy(s: string): number {
  return displayWidthWith(s, charWidthLegacy)
}

/**
 * Width of a string counted per grapheme cluster, like doclayout's
 * sequence-aware `realLength`: an emoji ZWJ sequence or a flag counts 2 in
 * total.  Uses `Intl.Segmenter` (built into Node).
 */
export function displayWidthClusters(s: string): number {
  clusterSegmenter ??= new Intl.Segmenter('en', {granularity: 'grapheme'})
  let w = 0
  for (const {segment} of clusterSegmenter.segment(s)) w += clusterWidth(segment)
  return w
}

/**
 * Made on first use: making one takes 17–21 ms (ICU loads its break
 * rules), which every process and worker thread paid at load although the
 * pipeline never calls {@link displayWidthClusters}.
 */
let clusterSegmenter: Intl.Segmenter | undefined

/** Width of one grapheme cluster: the widest of its code points (0, 1 or 2). */
export function clusterWidth(cluster: string): number {
  let w = 0
  for (const ch of cluster) {
    const c = charWidth(ch.codePointAt(0)!)
    if (c > w) w = c
  }
  return w
}

/**
 * A stateful per-code-point width function that counts grapheme clusters
 * the way doclayout's `realLength` does for emoji: a character joined by ZWJ
 * (U+200D) to the previous one, and emoji skin-tone modifiers, take no column,
 * so an emoji ZWJ sequence counts 2 in total.  Make a fresh one per line.
 */
export function makeClusterCharWidth(base: CharWidth = charWidth): CharWidth {
  let joined = false
  return (codePoint: number): number => {
    if (codePoint === 0x200d) {
      joined = true
      return 0
    }
    const after = joined
    joined = false
    if (after) return 0
    if (codePoint >= 0x1f3fb && codePoint <= 0x1f3ff) return 0
    return base(codePoint)
  }
}

/**
 * A way of measuring a line for the table scanners: a per-code-point width
 * and whether grapheme clusters count as one character (doclayout's
 * sequence-aware `realLength`: a character joined by ZWJ, or an emoji
 * skin-tone modifier, takes no column).
 */
export interface WidthMode {
  name: string
  width: CharWidth
  clusters: boolean
}

/**
 * The measure the table scanners try first: how pandoc 3 writers measure text
 * (combining marks 0, an emoji ZWJ sequence 2).
 */
export const primaryWidth: WidthMode = {name: 'pandoc 3 (doclayout 0.5)', width: charWidth, clusters: true}

/**
 * The measures the table scanners try, in order, when a line does not line up
 * with {@link primaryWidth}: pandoc 2.17's writer (doclayout 0.3, with and
 * without grapheme clusters), pandoc 3's per-character reader widths, and
 * plain UTF-16 code units.
 */
export const fallbackWidths: readonly WidthMode[] = [
  {name: 'pandoc 2.17 (doclayout 0.3)', width: charWidthLegacy, clusters: true},
  {name: 'pandoc 2.17 per-character', width: charWidthLegacy, clusters: false},
  {name: 'per-character (pandoc 3 reader)', width: charWidth, clusters: false},
  {name: 'UTF-16 code unit', width: charWidthCodeUnits, clusters: false}
]
