/**
 * Array helpers safe for arrays of any length.
 *
 * `target.push(...items)` and `Math.max(...items)` pass every item as an
 * argument and throw `RangeError: Maximum call stack size exceeded` past
 * about 100,000 items (hostile input such as 300,000 footnote markers makes
 * such arrays); these loop instead.
 */

/** Append every item of `items` to `target`; returns `target`. */
export function pushAll<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item)
  return target
}

/** The largest number of `values`, or `fallback` when there is none. */
export function maxOf(values: Iterable<number>, fallback = -Infinity): number {
  let max = fallback
  for (const v of values) if (v > max) max = v
  return max
}
