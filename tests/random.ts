/**
 * A small deterministic generator for the equivalence tests (they must not
 * depend on the run): mulberry32, whose low bits vary — a plain LCG modulo
 * a small `n` visits only a few residues.
 *
 * @returns a function giving whole numbers in [0, n)
 */
export function generator(seed: number): (n: number) => number {
  let state = seed >>> 0
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) % n
  }
}

/** How `mixture` draws one string. */
export interface MixtureOptions {
  /** Real text to cut slices from. */
  sources: readonly string[]
  /** Short pieces chosen to hit edge cases. */
  pieces: readonly string[]
  /** At most this many parts (at least one). */
  maxParts: number
  /** One part in `sliceOneIn` is a slice of a source, the others a piece. */
  sliceOneIn: number
  /** Longest slice. */
  maxSlice: number
  /** A space after one part in `spaceOneIn` (0: never). */
  spaceOneIn: number
  /** Slices may start at the very end of their source. */
  startAtEnd?: boolean
}

/** One random mixture of real text and edge-case pieces (deterministic for a given `rnd`). */
export function mixture(rnd: (n: number) => number, o: MixtureOptions): string {
  let s = ''
  const parts = 1 + rnd(o.maxParts)
  for (let p = 0; p < parts; p++) {
    if (rnd(o.sliceOneIn) === 0) {
      const t = o.sources[rnd(o.sources.length)]!
      const a = rnd(t.length + (o.startAtEnd ? 1 : 0))
      s += t.slice(a, a + rnd(o.maxSlice))
    } else s += o.pieces[rnd(o.pieces.length)]
    if (o.spaceOneIn > 0 && rnd(o.spaceOneIn) === 0) s += ' '
  }
  return s
}
