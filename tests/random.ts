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
