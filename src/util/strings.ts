/**
 * A copy of `s` that shares no memory with the string it was cut from.
 *
 * Why: V8 makes a slice (`slice`, `substring`, a regex match) of 13 units
 * or more a view of its parent string, so a slice of a document kept as a
 * cache key keeps the whole document alive.  JavaScript has no copy
 * operation; concatenating makes a new (cons) string, and slicing that
 * flattens it into fresh memory first, so the result points at the copy,
 * never at the document.  For keys of caches that outlive a document.
 */
export function detachedCopy(s: string): string {
  return (' ' + s).slice(1)
}
