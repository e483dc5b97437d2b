// Frozen reference: the section classification and the title normalisation
// of src/model as they were before round 9 of issue 8 (commit cd36036),
// kept as the plain definitions tests/perf9-model-sections.test.ts compares
// the fast code with.  Do not optimise them; change them only together with
// a deliberate change of behaviour.

const LEAD = '(lead)'
const REFERENCES_TITLES: ReadonlySet<string> = new Set(['references', 'notes', 'footnotes', 'citations', 'sources', 'notes and references', 'references and notes'])
const SKIP_TITLES: ReadonlySet<string> = new Set(['external links', 'further reading', 'bibliography'])

export function sectionKind(title: string): string {
  if (title === LEAD) return 'lead'
  const t = title.toLowerCase()
  if (/multilateral|international (organi[sz]ations|membership)|membership/.test(t)) return 'multilateral'
  if (/bilateral|relations by country|diplomatic relations|countries/.test(t)) return 'bilateral'
  if (t === 'see also') return 'see-also'
  if (REFERENCES_TITLES.has(t)) return 'references'
  if (SKIP_TITLES.has(t)) return 'skip'
  return 'other'
}

/** The first step of `fromTitle` in src/model/subject.ts. */
export function normalizeTitle(raw: string): string {
  return raw.replace(/_/g, ' ').replace(/\s+/g, ' ').trim()
}
