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
