import {describe, expect, test} from 'vitest'
import {parseEstablished} from '../src/model/dates.js'

describe('parseEstablished', () => {
  test('day, month and year precision', () => {
    const cases: [string, string, string][] = [
      ['21 February 1994', '1994-02-21', 'day'],
      ['February 21, 1994', '1994-02-21', 'day'],
      ['February 21 1994', '1994-02-21', 'day'],
      ['21 Feb 1994', '1994-02-21', 'day'],
      ['21 Feb. 1994', '1994-02-21', 'day'],
      ['1st Sept 1960', '1960-09-01', 'day'],
      ['25 october 1960', '1960-10-25', 'day'],
      ['1994-02-21', '1994-02-21', 'day'],
      ['29 February 2000', '2000-02-29', 'day'],
      ['March 1977', '1977-03', 'month'],
      ['Mar. 1977', '1977-03', 'month'],
      ['1960', '1960', 'year'],
      ['Since 1960', '1960', 'year'],
      ['21 February 1994[3]', '1994-02-21', 'day'],
      ['  23 March 1977  ', '1977-03-23', 'day'],
    ]
    for (const [text, date, precision] of cases) {
      const r = parseEstablished(text)
      expect([text, r.problem, r.value?.date, r.value?.precision]).toEqual([text, null, date, precision])
      expect(r.value?.approximate).toBeUndefined()
    }
  })

  test('the cell text is kept as written (trimmed)', () => {
    expect(parseEstablished(' 21 February 1994 ').value).toEqual({
      text: '21 February 1994', date: '1994-02-21', precision: 'day',
    })
  })

  test('approximate dates', () => {
    for (const text of ['c. 1960', 'c.1960', 'ca. 1960', 'ca 1960', 'circa 1960', 'Circa 1960']) {
      expect([text, parseEstablished(text).value]).toEqual([
        text, {text, date: '1960', precision: 'year', approximate: true},
      ])
    }
    expect(parseEstablished('c. March 1960').value).toMatchObject({date: '1960-03', approximate: true})
  })

  test('ranges', () => {
    const cases: [string, string, string | null][] = [
      ['1960\u20131965', '1960', '1965'],
      ['1960-1965', '1960', '1965'],
      ['1960-65', '1960', '1965'],
      ['1998\u201303', '1998', '2003'],
      ['1960 \u2013 1965', '1960', '1965'],
      ['1 May 1960 \u2013 3 June 1965', '1960-05-01', '1965-06-03'],
      ['March 1977 to 1990', '1977-03', '1990'],
      ['1992\u2013present', '1992', null],
      ['1992\u2013', '1992', null],
    ]
    for (const [text, date, until] of cases) {
      const r = parseEstablished(text)
      expect([text, r.problem, r.value?.date, r.value?.until]).toEqual([text, null, date, until])
    }
    expect(parseEstablished('c. 1960\u20131965').value).toMatchObject({approximate: true, until: '1965'})
  })

  test('no date, no problem', () => {
    for (const text of ['', '   ', 'N/A', 'n/a', 'NA', '\u2014', '\u2013', '-', '--', 'None', 'unknown', '?']) {
      expect([text, parseEstablished(text)]).toEqual([text, {value: null, problem: null}])
    }
  })

  test('anything else: kept as text with a problem', () => {
    for (const text of [
      '31 February 1994', '29 February 1900', '31 April 2001', '0 March 1977', 'Smarch 1977',
      '1960s', 'early 1960s', '21.02.1994', '1965\u20131960', 'Relations established', '1960 (re-established 1992)',
      '999', '3000', '1994-13-01', '1960\u2013sometime',
    ]) {
      const r = parseEstablished(text)
      expect([text, r.value]).toEqual([text, {text, date: null, precision: null}])
      expect(r.problem).toContain(text)
    }
    expect(parseEstablished('31 February 1994').problem).toMatch(/no day 31 in 1994-02/)
  })
})
