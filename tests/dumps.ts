/** Small dumps in pandoc's plain format, shared by the rule tests. */

/** A one-row bilateral table whose Country cell and main article may disagree. */
export function conflictTable(country: string, see: string): string {
  return `Mali is a landlocked country in West Africa.[1]


Bilateral relations

+---------+------------------------+-------------------------------------------+
| Country | Formal Relations Began | Notes                                     |
+=========+========================+===========================================+
| ${country.padEnd(7)} |                        | ${see.padEnd(41)} |
+---------+------------------------+-------------------------------------------+


References

[1] Mali country profile. Library of Congress Federal Research Division (January 2005).
`
}

/**
 * pandoc ≥ 3.7 writes a bullet as `- ` where pandoc < 3.7 wrote `-   `.  In a
 * grid-table cell the cell keeps its width: the two spaces move to the end of
 * the cell text.  (The seed's lists have no continuation lines: `--wrap=none`.)
 */
export function newListMarks(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (line.startsWith('-   ')) return `- ${line.slice(4)}`
      if (!line.startsWith('|')) return line
      return line
        .split('|')
        .map((cell) => {
          const m = /^( +)-   (.*?)( *)$/.exec(cell)
          return m ? `${m[1]}- ${m[2]}${m[3]}  ` : cell
        })
        .join('|')
    })
    .join('\n')
}

/**
 * Take pandoc's footnote markers (`[5]`) out of `raw`: the marker-free text
 * and the markers as zero-width anchors, as the model stage hands them over.
 */
export function unmark(raw: string): {text: string; markers: Array<{id: number; index: number}>} {
  const markers: Array<{id: number; index: number}> = []
  let text = ''
  let last = 0
  for (const m of raw.matchAll(/\[(\d+)\]/g)) {
    text += raw.slice(last, m.index)
    markers.push({id: Number(m[1]), index: text.length})
    last = (m.index ?? 0) + m[0].length
  }
  return {text: text + raw.slice(last), markers}
}
