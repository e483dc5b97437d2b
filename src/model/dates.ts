/**
 * The "Formal Relations Began" cell: a date at day, month or year precision.
 *
 * Hand-written on purpose: date libraries (date-fns `parse`, chrono-node,
 * Luxon) either want one known format per call, or guess liberally ("1960s",
 * "spring") and fill missing parts with today's day or month, which would
 * invent a precision the cell does not have.  Here the precision is the
 * grammar: what the cell says is what the ISO string holds.
 */

import type {DatePrecision, EstablishedDate} from './types.js'

/** English month names and abbreviations, folded to lower case, → 1..12. */
const MONTH_NAMES: readonly string[][] = [
  ['january', 'jan'], ['february', 'feb'], ['march', 'mar'], ['april', 'apr'],
  ['may'], ['june', 'jun'], ['july', 'jul'], ['august', 'aug'],
  ['september', 'sep', 'sept'], ['october', 'oct'], ['november', 'nov'], ['december', 'dec'],
]
const MONTHS = new Map<string, number>(
  MONTH_NAMES.flatMap((names, i) => names.map((n): [string, number] => [n, i + 1])),
)

/** Cell texts that mean "no date" (not a problem). */
const EMPTY = /^(?:|n\/?a|none|unknown|\?|[-\u2010-\u2015\u2212]+)$/i

const MONTH = '([A-Za-z]{3,9})\\.?'
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?'
const YEAR = '(\\d{4})'
const DAY_MONTH_YEAR = new RegExp(`^${DAY}\\s+${MONTH},?\\s+${YEAR}$`)
const MONTH_DAY_YEAR = new RegExp(`^${MONTH}\\s+${DAY},?\\s+${YEAR}$`)
const MONTH_YEAR = new RegExp(`^${MONTH},?\\s+${YEAR}$`)
const YEAR_ONLY = /^(\d{4})$/
// Only full ISO dates: a `1998-03` cell is far more often the range 1998–2003 than March 1998.
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/
const APPROX = /^(?:circa|ca\.|ca|c\.|c|approximately|approx\.|about|around)\s*/i
const LEAD_WORD = /^(?:since|from|in|on)\s+/i
const RANGE_PRESENT = /^(?:present|now|today)$/i

function pad(n: number): string {
  return n < 10 ? '0' + n : String(n)
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/** Plausible years for formal relations (the Peace of Westphalia is 1648). */
function plausibleYear(y: number): boolean {
  return y >= 1000 && y <= 2100
}

interface Simple {
  date: string
  precision: DatePrecision
  year: number
}

type SimpleResult = Simple | {problem: string} | null

/** One date (no range, no "c."); null when the text is not date-shaped at all. */
function parseSimple(raw: string): SimpleResult {
  const t = raw.trim().replace(LEAD_WORD, '')
  let m: RegExpExecArray | null
  let day: number | null = null
  let month: number | null = null
  let year: number
  if ((m = DAY_MONTH_YEAR.exec(t))) {
    day = Number(m[1])
    month = MONTHS.get((m[2] ?? '').toLowerCase()) ?? null
    year = Number(m[3])
    if (month === null) return {problem: `unknown month "${m[2]}"`}
  } else if ((m = MONTH_DAY_YEAR.exec(t))) {
    month = MONTHS.get((m[1] ?? '').toLowerCase()) ?? null
    day = Number(m[2])
    year = Number(m[3])
    if (month === null) return {problem: `unknown month "${m[1]}"`}
  } else if ((m = MONTH_YEAR.exec(t))) {
    month = MONTHS.get((m[1] ?? '').toLowerCase()) ?? null
    year = Number(m[2])
    if (month === null) return {problem: `unknown month "${m[1]}"`}
  } else if ((m = ISO.exec(t))) {
    year = Number(m[1])
    month = Number(m[2])
    day = Number(m[3])
    if (month < 1 || month > 12) return {problem: `no month ${month}`}
  } else if ((m = YEAR_ONLY.exec(t))) {
    year = Number(m[1])
  } else {
    return null
  }
  if (!plausibleYear(year)) return {problem: `implausible year ${year}`}
  if (month === null) return {date: String(year), precision: 'year', year}
  if (day === null) return {date: `${year}-${pad(month)}`, precision: 'month', year}
  if (day < 1 || day > daysIn(year, month)) {
    return {problem: `no day ${day} in ${year}-${pad(month)}`}
  }
  return {date: `${year}-${pad(month)}-${pad(day)}`, precision: 'day', year}
}

function isProblem(r: SimpleResult): r is {problem: string} {
  return r !== null && 'problem' in r
}

/**
 * Parse a "Formal Relations Began" cell.
 *
 * - `21 February 1994`, `21st Feb. 1994`, `February 21, 1994` → day precision
 *   (`1994-02-21`); `March 1977` → `1977-03`; `1960` → `1960`; ISO dates too.
 * - `c. 1960`, `ca. 1960`, `circa 1960` → `approximate: true`.
 * - `1960–1965`, `1960-65`, `1 May 1960 – 3 June 1965`, `1992–present` →
 *   the start as `date`, the end as `until` (null for "present").
 * - Footnote markers (`[3]`) are ignored; "since"/"from"/"in"/"on" before a
 *   date are allowed.
 * - ``, `N/A`, `—`, `-`, `none`, `unknown` → `value: null` without a problem.
 * - Anything else (including impossible dates like 31 February) → a value
 *   whose `date` is null, and a `problem` message for an `invalid-date`
 *   diagnostic.
 */
export function parseEstablished(text: string): {value: EstablishedDate | null; problem: string | null} {
  const written = text.trim()
  const t = written.replace(/\[\d+\]/g, '').replace(/\s+/g, ' ').trim()
  if (EMPTY.test(t)) return {value: null, problem: null}
  const invalid = (problem: string) => ({
    value: {text: written, date: null, precision: null} satisfies EstablishedDate,
    problem: `"${written}" is not a date: ${problem}`,
  })

  let body = t
  let approximate = false
  const approx = APPROX.exec(body)
  // "c." must be followed by a date: a digit, or a month name after a space or period.
  const afterApprox = approx ? body.slice(approx[0].length) : ''
  if (approx && (/^\d/.test(afterApprox) || (/[\s.]$/.test(approx[0]) && /^[A-Za-z]/.test(afterApprox)))) {
    approximate = true
    body = body.slice(approx[0].length)
  }

  // A single date first (this also keeps ISO `1994-02-21` away from the range split).
  const single = parseSimple(body)
  if (single && !isProblem(single)) {
    const value: EstablishedDate = {text: written, date: single.date, precision: single.precision}
    if (approximate) value.approximate = true
    return {value, problem: null}
  }
  if (isProblem(single)) return invalid(single.problem)

  // A range: two parts around a dash or "to"; the end may be a 2-digit year.
  const parts = body.split(/\s*(?:[-\u2010-\u2015\u2212]|\bto\b|\buntil\b)\s*/)
  if (parts.length === 2) {
    const [a = '', b = ''] = parts
    const start = parseSimple(a)
    if (isProblem(start)) return invalid(start.problem)
    if (start) {
      let end: SimpleResult
      if (RANGE_PRESENT.test(b) || b === '') end = null
      else if (/^\d{2}$/.test(b) && start.precision === 'year') {
        // "1960-65" → 1965, "1998–03" → 2003.
        let endYear = Math.floor(start.year / 100) * 100 + Number(b)
        if (endYear < start.year) endYear += 100
        end = parseSimple(String(endYear))
      } else end = parseSimple(b)
      if (isProblem(end)) return invalid(end.problem)
      if (end === null && !(RANGE_PRESENT.test(b) || b === '')) return invalid('the end of the range is not a date')
      if (end && end.date < start.date) return invalid('the range ends before it starts')
      const value: EstablishedDate = {
        text: written,
        date: start.date,
        precision: start.precision,
        until: end ? end.date : null,
      }
      if (approximate) value.approximate = true
      return {value, problem: null}
    }
  }
  return invalid('not a day, month or year we can read')
}
