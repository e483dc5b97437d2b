/**
 * Unit tests of the table scanners on real inputs: the seed dump's damaged
 * table, writer outputs (writer-samples: 2.17/3.10 plain), spans, wide
 * characters, tabs, captions, simple and multiline tables, display width.
 */

import {readFileSync} from 'node:fs'
import type {Nodes} from 'mdast'
import {describe, expect, it} from 'vitest'
import {parseDocument, repairMojibake} from '../src/index.js'
import {scanGridTable} from '../src/parse/grid-table.js'
import type {Line} from '../src/parse/lines.js'
import {splitLines} from './reference/lines.js'
import {scanSimpleTable} from '../src/parse/simple-table.js'
import type {ScannedRow, ScannedTable} from '../src/parse/table-types.js'
import {charWidth, charWidthLegacy, displayWidth, displayWidthClusters, displayWidthLegacy} from '../src/parse/width.js'
import {alnumCounts, treeText} from './corpus-helpers.js'

const texts = (rows: ScannedRow[]): string[][] => rows.map((r) => r.cells.map((c) => c.lines.map((l) => l.text).join('\n')))

/** Every cell line must be the exact substring of the source at its offset. */
function checkOffsets(source: string, t: ScannedTable): void {
  for (const row of [...t.head, ...t.body, ...t.foot]) {
    for (const c of row.cells) {
      for (const l of c.lines) expect(source.slice(l.offset, l.offset + l.text.length)).toBe(l.text)
    }
  }
}

function grid(src: string, start = 0): ScannedTable {
  const t = scanGridTable(splitLines(src), start)
  expect(t).not.toBeNull()
  checkOffsets(src, t!)
  return t!
}

describe('seed: Foreign relations of Mali', () => {
  const src = readFileSync(new URL('../fixtures/foreign-relations-of-mali.txt', import.meta.url), 'utf8')
  const lines = splitLines(src)
  const start = lines.findIndex((l) => l.text.startsWith('+---------+'))
  const t = scanGridTable(lines, start)!

  it('reads the table with its head and 3 columns', () => {
    expect(t).not.toBeNull()
    expect(t.kind).toBe('grid')
    expect(t.columns).toBe(3)
    expect(texts(t.head)).toEqual([['Country', 'Formal Relations Began', 'Notes']])
    expect(t.body.length).toBe(13)
    for (const r of t.body) expect(r.cells.length).toBe(3)
    expect(lines[t.end - 1]!.text.startsWith('+---------+')).toBe(true)
    checkOffsets(src, t)
  })

  it('keeps the full text of the 6 rows widened by `â€“`, with one ragged-row problem each', () => {
    const ragged = t.problems.filter((p) => p.kind === 'ragged-row').map((p) => p.line + 1)
    expect(ragged).toEqual([24, 28, 36, 43, 52, 58])
    expect(t.problems.length).toBe(6)
    const canada = t.body[2]!.cells[2]!.lines.map((l) => l.text)
    expect(canada[0]).toBe('See Canadaâ€“Mali relations')
    expect(canada[2]!.startsWith('Mali established its embassy in Canada')).toBe(true)
    expect(t.body[2]!.cells[0]!.lines).toEqual([])
    const us = t.body[12]!.cells[2]!.lines.map((l) => l.text)
    expect(us[0]).toBe('See Maliâ€“United States relations')
    expect(us[us.length - 1]!.endsWith('as its economy expands.{{Cite web')).toBe(true)
    // Lists stay as lines for the block parser.
    expect(t.body[5]!.cells[2]!.lines.map((l) => l.text)).toContain('-   India has an embassy in Bamako.[14]')
  })
})

describe('grid tables', () => {
  it('reads pandoc 2.17 plain output with a list cell (t01)', () => {
    const src = [
      '+---------+------------------------+---------------------------------------+',
      '| Country | Formal Relations Began | Notes                                 |',
      '+=========+========================+=======================================+',
      '| []      | 21 February 1994       | Both countries established relations. |',
      '|         |                        |                                       |',
      '|         |                        | -   India has an embassy.[1]          |',
      '|         |                        | -   Foo has a consulate.              |',
      '+---------+------------------------+---------------------------------------+',
      '',
      '[1] x'
    ].join('\n')
    const t = grid(src)
    expect(t.end).toBe(8)
    expect(texts(t.head)).toEqual([['Country', 'Formal Relations Began', 'Notes']])
    expect(texts(t.body)).toEqual([
      ['[]', '21 February 1994', 'Both countries established relations.\n\n-   India has an embassy.[1]\n-   Foo has a consulate.']
    ])
    expect(t.problems).toEqual([])
  })

  it('keeps code indentation after removing one space (t15)', () => {
    const t = grid(['+---+-------------------+', '| x |     code line 1   |', '|   |       code line 2 |', '+---+-------------------+'].join('\n'))
    expect(texts(t.body)[0]![1]).toBe('    code line 1\n      code line 2')
  })

  it('reads alignments from the `=` line, or the top line when headless', () => {
    const headed = grid(['+------+--------+-------+----------+', '| Left | Center | Right | Default  |', '+:=====+:======:+======:+==========+', '| 1    | 2      | 3     | 4        |', '+------+--------+-------+----------+'].join('\n'))
    expect(headed.align).toEqual(['left', 'center', 'right', null])
    const headless = grid(['+:-----+:------:+------:+', '| 1    | 2      | 3     |', '+------+--------+-------+'].join('\n'))
    expect(headless.align).toEqual(['left', 'center', 'right'])
    expect(headless.head).toEqual([])
  })

  it('traces row and column spans (pandoc ≥ 3.7 writer)', () => {
    const src = [
      '+---------------------+----------+',
      '| Property            | Earth    |',
      '+=============+=======+==========+',
      '|             | min   | -89.2 °C |',
      '| Temperature +-------+----------+',
      '| 1961-1990   | mean  | 14 °C    |',
      '+-------------+-------+----------+'
    ].join('\n')
    const t = grid(src)
    expect(t.columns).toBe(3)
    expect(t.head[0]!.cells.map((c) => [c.colSpan, c.rowSpan, c.row, c.column])).toEqual([
      [2, 1, 0, 0],
      [1, 1, 0, 2]
    ])
    const b = t.body
    expect(b.length).toBe(2)
    expect(b[0]!.cells.map((c) => [c.rowSpan, c.colSpan, c.row, c.column])).toEqual([
      [2, 1, 1, 0],
      [1, 1, 1, 1],
      [1, 1, 1, 2]
    ])
    expect(texts(b)).toEqual([['Temperature\n1961-1990', 'min', '-89.2 °C'], ['mean', '14 °C']])
  })

  it('reads a colspan drawn inside full borders (3.7+ writer)', () => {
    const t = grid(['+-----+----+----+', '| h1  | h2 | h3 |', '+=====+====+====+', '| A        | B  |', '+-----+----+----+'].join('\n'))
    expect(t.body[0]!.cells.map((c) => c.colSpan)).toEqual([2, 1])
    expect(texts(t.body)).toEqual([['A', 'B']])
  })

  it('reads a pandoc 3 foot', () => {
    const t = grid(['+------+-------+', '| Item | Price |', '+======+=======+', '| Eggs | 5£    |', '+------+-------+', '| Spam | 3£    |', '+======+=======+', '| Sum  | 8£    |', '+======+=======+'].join('\n'))
    expect(texts(t.head)).toEqual([['Item', 'Price']])
    expect(texts(t.body)).toEqual([['Eggs', '5£'], ['Spam', '3£']])
    expect(texts(t.foot)).toEqual([['Sum', '8£']])
  })

  it('lays out East Asian wide characters on 2 columns', () => {
    const t = grid(['+------+-------+', '| 国家 | 首都  |', '+======+=======+', '| 日本 | 東京  |', '+------+-------+'].join('\n'))
    expect(texts(t.body)).toEqual([['日本', '東京']])
    expect(t.problems).toEqual([])
  })

  it('re-measures rows drawn with pandoc 2.17 widths (Hindi marks = 1 column)', () => {
    // 2.17 counted हिन्दी as 6 columns; pandoc 3 counts 5.
    const t = grid(['+--------+--------+', '| Hindi  | हिन्दी |', '+--------+--------+', '| Arabic | x      |', '+--------+--------+'].join('\n'))
    expect(texts(t.body)).toEqual([['Hindi', 'हिन्दी'], ['Arabic', 'x']])
    expect(t.problems.map((p) => p.kind)).toEqual(['ragged-row'])
    expect(t.problems[0]!.message).toMatch(/2\.17/)
  })

  it('finds the walls of rows made wider in a middle column or narrower (repair after drawing)', () => {
    const src = [
      '+--------------+------+----------+',
      '| Burkina Fasoâ€“X | 1994 | a | b text |',
      '+--------------+------+----------+',
      '| Côte–Mali    | 1960 | shrunk |',
      '+--------------+------+----------+',
      '| Mali         | 1960 | fine     |',
      '+--------------+------+----------+'
    ].join('\n')
    const t = grid(src)
    expect(texts(t.body)).toEqual([
      ['Burkina Fasoâ€“X', '1994', 'a | b text'],
      ['Côte–Mali', '1960', 'shrunk'],
      ['Mali', '1960', 'fine']
    ])
    expect(t.problems.map((p) => [p.kind, p.line])).toEqual([
      ['ragged-row', 1],
      ['ragged-row', 3]
    ])
  })

  it('reports a `|` off its wall inside a row as a stray wall', () => {
    const t = grid(['+------+------+', '| ab   | cd   |', '+------+------+', '| ab | cd     |', '+------+------+'].join('\n'))
    expect(texts(t.body)).toEqual([['ab', 'cd'], ['ab', 'cd']])
    expect(t.problems.map((p) => p.kind)).toEqual(['stray-wall'])
  })

  it('expands tabs to tab stops of 4', () => {
    const t = grid(['+--------+--------+', '|\tx    | y      |', '+--------+--------+'].join('\n'))
    expect(texts(t.body)).toEqual([['\tx', 'y']])
  })

  it('keeps text past the right wall in the last cell, with a problem', () => {
    const t = grid(['+-----+-----+', '| one | two | extra', '+-----+-----+'].join('\n'))
    expect(texts(t.body)).toEqual([['one', 'two | extra']])
    expect(t.problems.map((p) => p.kind)).toEqual(['text-past-wall'])
  })

  it('keeps a last row without bottom border, with a problem', () => {
    const t = grid(['+---+---+', '| a | b |', '+---+---+', '| c | d |'].join('\n'))
    expect(texts(t.body)).toEqual([['a', 'b'], ['c', 'd']])
    expect(t.problems.map((p) => p.kind)).toEqual(['missing-bottom-border'])
  })

  it('accepts indentation and stops before a `+` line that is not a border', () => {
    const src = ['  +---+', '  | a |', '  +---+', '  + item'].join('\n')
    const t = grid(src)
    expect(t.end).toBe(3)
    expect(texts(t.body)).toEqual([['a']])
  })

  it('is not a table: text after the top border, a lone border', () => {
    expect(scanGridTable(splitLines('+---+---+ foo\n| a | b |\n+---+---+'), 0)).toBeNull()
    expect(scanGridTable(splitLines('+---+\n\ntext'), 0)).toBeNull()
    expect(scanGridTable(splitLines('+===+\n| a |\n+===+'), 0)).toBeNull()
  })

  it('finds captions after (`: …`) and before (`Table: …`) the table', () => {
    const after = ['+---+', '| a |', '+---+', '', ': Mali at a glance', '', 'next'].join('\n')
    const t = grid(after)
    expect(t.caption!.map((l) => l.text)).toEqual(['Mali at a glance'])
    expect(t.captionRange).toEqual([3, 5])
    const beforeLines: Line[] = splitLines(['Table: Before', '', '+---+', '| a |', '+---+'].join('\n'))
    const b = scanGridTable(beforeLines, 2)!
    expect(b.caption!.map((l) => l.text)).toEqual(['Before'])
    expect(b.captionRange).toEqual([0, 2])
  })
})

describe('simple and multiline tables', () => {
  it('reads a headed simple table (plain writer, indented 2)', () => {
    const src = [
      '  Name                          Years',
      '  ----------------------------- --------------',
      '  Mrs. Robert McGann            1916-18',
      '  Rue Winterbotham Carpenter    1918-31',
      '',
      'after'
    ].join('\n')
    const t = scanSimpleTable(splitLines(src), 0)!
    expect(t.kind).toBe('simple')
    expect(t.end).toBe(4)
    expect(texts(t.head)).toEqual([['Name', 'Years']])
    expect(texts(t.body)).toEqual([
      ['Mrs. Robert McGann', '1916-18'],
      ['Rue Winterbotham Carpenter', '1918-31']
    ])
    checkOffsets(src, t)
  })

  it('keeps rows of empty cells drawn as spaces (t20)', () => {
    const src = ['  A              C', '  ---------- --- ---', '                 ', '  only one       ', '  1          2   3', ''].join('\n')
    const t = scanSimpleTable(splitLines(src), 0)!
    expect(texts(t.body)).toEqual([
      ['', '', ''],
      ['only one', '', ''],
      ['1', '2', '3']
    ])
  })

  it('keeps a word that crosses a column edge in its column (encoding damage)', () => {
    const src = ['  Country     Capital', '  ----------- --------', '  Burkina Fasoâ€“X Ouaga', ''].join('\n')
    const t = scanSimpleTable(splitLines(src), 0)!
    expect(texts(t.body)).toEqual([['Burkina Fasoâ€“X', 'Ouaga']])
    expect(t.problems.map((p) => p.kind)).toEqual(['ragged-row'])
  })

  it('reads a headerless simple table', () => {
    const src = ['-------  ------', 'a        b', 'c        d', '-------  ------', ''].join('\n')
    const t = scanSimpleTable(splitLines(src), 0)!
    expect(t.head).toEqual([])
    expect(texts(t.body)).toEqual([['a', 'b'], ['c', 'd']])
    expect(t.end).toBe(4)
  })

  it('reads a multiline table', () => {
    const src = ['----------------------', 'Name      Notes', '--------- ------------', 'Alpha     first line', '          second line', '', 'Beta      x', '----------------------', ''].join('\n')
    const t = scanSimpleTable(splitLines(src), 0)!
    expect(t.kind).toBe('multiline')
    expect(texts(t.head)).toEqual([['Name', 'Notes']])
    expect(texts(t.body)).toEqual([['Alpha', 'first line\nsecond line'], ['Beta', 'x']])
    expect(t.end).toBe(8)
  })

  it('is not a table: a list item `-   `, a lone rule', () => {
    expect(scanSimpleTable(splitLines('-   \n\ntext'), 0)).toBeNull()
    expect(scanSimpleTable(splitLines('text\n-   item'), 0)).toBeNull()
  })
})

describe('display width', () => {
  it('counts wide 2, combining and zero-width 0', () => {
    expect(displayWidth('abc')).toBe(3)
    expect(displayWidth('日本語')).toBe(6)
    expect(displayWidth('e\u0301')).toBe(1)
    expect(displayWidth('a\u200bb')).toBe(2)
    expect(displayWidth('ab\u00adcd')).toBe(4)
    expect(charWidth(0x1f600)).toBe(2)
  })
  it('has the pandoc 2.17 variant (grid-tables.md §3 measurements)', () => {
    expect(displayWidthLegacy('हिन्दी')).toBe(6)
    expect(displayWidth('हिन्दी')).toBe(5)
    expect(displayWidthLegacy('العَرَبِيَّة')).toBe(12)
    expect(displayWidth('العَرَبِيَّة')).toBe(7)
    expect(displayWidthLegacy('עִבְרִית')).toBe(8)
    expect(displayWidth('עִבְרִית')).toBe(5)
    expect(displayWidthLegacy('ab\u00adcd')).toBe(5)
    expect(charWidthLegacy(0x301)).toBe(0)
  })
  it('counts an emoji ZWJ sequence 2 per cluster', () => {
    expect(displayWidthClusters('👨‍👩‍👧 family')).toBe(9)
    expect(displayWidth('👨‍👩‍👧')).toBe(6)
  })
})

/** Letters and digits of a text, as a sorted list of [character, count]. */
function alnum(text: string): Array<[string, number]> {
  return [...alnumCounts(text)].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
}

/** The parsed tree holds every letter and digit of the input exactly once. */
function keepsLetters(src: string): void {
  expect(alnum(treeText(parseDocument(src) as Nodes))).toEqual(alnum(repairMojibake(src).text))
}

const kinds = (t: ScannedTable): string[] => t.problems.map((p) => p.kind)

// Inputs found by fast-check (tests/property.test.ts, "damaged tables"):
// text lost or doubled by the span tracer.  When the borders do not trace
// into cells that hold all the text, the table is cut at the top border's
// columns instead, with a problem.
describe('damaged grid tables: nothing lost, nothing doubled', () => {
  it('A: a border shortened by one `-` (cells overlapped: text doubled)', () => {
    const src = '+--------+------------------+-------------------+\n|        |                 | Mali aa aaa aaaaa |\n+--------+-----------------+-------------------+\n| Canada | Mali a aaaa Mali | Mali              |\n+--------+------------------+-------------------+\n'
    keepsLetters(src)
    const t = grid(src)
    expect(t.columns).toBe(3)
    expect(texts(t.body)).toEqual([['', '', 'Mali aa aaa aaaaa'], ['Canada', 'Mali a aaaa Mali', 'Mali']])
    expect(kinds(t)).toEqual(['ragged-row', 'ragged-row', 'ragged-row'])
  })

  it('B: text after a border on the same line (was lost)', () => {
    const src = '+-----------+\n| a -   a M |\n| ali aaaa  |\n+-----------+| é = aa aa |\n+-----------+\n'
    keepsLetters(src)
    const t = grid(src)
    expect(t.end).toBe(5)
    const cell = texts(t.body).flat().join('\n')
    expect(cell).toContain('é = aa aa')
    expect(cell).toContain('a -   a M')
    expect(kinds(t)).toContain('ragged-row')
  })

  it('C: text after the right wall of a row the tracer closed early (`[1]` was lost)', () => {
    const src = '+-----+\n|     |[1]|     |\n+-----+\n|     |\n|     |\n|     |\n+----+\n|     |\n+-----+\n'
    keepsLetters(src)
    const t = grid(src)
    expect(texts(t.body)[0]![0]).toContain('[1]')
    expect(kinds(t)).toContain('text-past-wall')
  })

  it('D: content after the last closed row of a span table, no bottom border (`h` was lost)', () => {
    const src = '+--------------------+-----+\n|                    |     |\n+-------------------+-----+\n| h\ntp://a.com/x [2] |     |\n|                    |     |\n+--------------------+-----+\n'
    keepsLetters(src)
    const t = grid(src)
    expect(t.end).toBe(4)
    expect(texts(t.body).at(-1)).toEqual(['h'])
    expect(kinds(t)).toEqual(['missing-bottom-border'])
  })

  it('E: a border with a tail, a shifted border and a wide-character row (`日本 M` was lost)', () => {
    const src = '+------+\n|      |\n+------+||      |\n|      |\n+-----+\n|      |\n+------+\n| 日本 M |\n+------+\n'
    keepsLetters(src)
    const t = grid(src)
    expect(texts(t.body).at(-1)).toEqual(['日本 M'])
    expect(kinds(t)).toContain('ragged-row')
  })

  it('keeps a letter joined by ZWJ after zero-width characters or right after a wall', () => {
    for (const src of ['+--+---+\n||a\u200c\u200db| c |\n+--+---+\n', '+--+---+\n|\u200c\u200db| c |\n+--+---+\n']) {
      keepsLetters(src)
      const t = grid(src)
      expect(texts(t.body).flat().join(' ')).toContain('b')
    }
  })

  it('keeps the lines after the last closed row of a span table without bottom border as a last row', () => {
    const src = '+---+---+\n| a | b |\n+---+   |\n| c |   |\n+---+---+\n| d | e |\n| f | g |\n'
    keepsLetters(src)
    const t = grid(src)
    expect(texts(t.body)).toEqual([['a', 'b'], ['c'], ['d\nf', 'e\ng']])
    expect(t.body[0]!.cells[1]!.rowSpan).toBe(2)
    expect(kinds(t)).toEqual(['missing-bottom-border'])
  })
})

describe('simple table drawn with pandoc 2.17 widths (soft hyphen, Arabic marks)', () => {
  it('keeps a cell in its column when a shifted measure would also line the row up', () => {
    // Found by the differential test: under pandoc 3 widths the row is 6
    // columns shorter, and `alpha` lands flush right in the empty 4th column.
    const text = [
      '  ------- ------- -------------------- ------- -------',
      '  alpha   alpha   ab\u00adcd العَرَبِيَّة           alpha',
      '  alpha   alpha   日本                 alpha   alpha',
      '  ------- ------- -------------------- ------- -------'
    ].join('\n')
    const table = scanSimpleTable(splitLines(text), 0)!
    expect(table.body.map((row) => row.cells.map((c) => c.lines.map((l) => l.text).join('/')))).toEqual([
      ['alpha', 'alpha', 'ab\u00adcd العَرَبِيَّة', '', 'alpha'],
      ['alpha', 'alpha', '日本', 'alpha', 'alpha']
    ])
    expect(table.align[3]).not.toBe('right')
  })
})
