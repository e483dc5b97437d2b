/**
 * The claim-to-citation resolver: for a source, the claims it backs; for a
 * claim, its sources; the claims that stand without one; and coverage
 * figures that name the claim scope they were counted under.
 */

import type {Claim, ClaimScope, ForeignRelations, Reference} from '../model/types.js'

export {splitSentences, NON_FINAL_ABBREVIATIONS, BEFORE_NUMBER_ABBREVIATIONS, FINAL_CAPABLE_ABBREVIATIONS} from './sentences.js'
export type {SentenceSpan, SplitSentencesOptions} from './sentences.js'
export {splitClaims} from './claims.js'
export type {ClaimSpan, Marker} from './claims.js'

/** Claims with a citation out of all claims; `share` is null when there are none. */
export interface CoverageFigure {
  cited: number
  total: number
  /** `cited / total`, or null when `total` is 0. */
  share: number | null
}

/** Coverage of the claims under one section heading. */
export interface SectionCoverage extends CoverageFigure {
  /** The heading, `(lead)` before the first. */
  section: string
}

/** Coverage of the claims of one bilateral partner's table row(s). */
export interface PartnerCoverage extends CoverageFigure {
  /** The partner's name; null for rows whose partner is unresolved. */
  partner: string | null
}

/**
 * Coverage figures.  Every figure depends on the claim scope (docs/claims.md:
 * about 30 points a step on real pages), so the scope travels with them.
 */
export interface Coverage {
  /** The scope the claims were cut under. */
  scope: ClaimScope
  overall: CoverageFigure
  /** In order of first appearance. */
  bySection: SectionCoverage[]
  /** Claims in bilateral table rows only, in order of first appearance. */
  byPartner: PartnerCoverage[]
  /**
   * Cited claims none of whose citations leads to a usable source: every one
   * is an empty definition (pandoc dropped the citation) or has no definition.
   * They count as cited above.
   */
  citedWithoutSource: number
}

/** What {@link createResolver} returns. */
export interface Resolver {
  /** The scope coverage figures are reported under. */
  readonly scope: ClaimScope
  /** Claims whose citations include footnote `referenceId`, in document order. */
  claimsCiting(referenceId: number): Claim[]
  /** The references a claim cites, in citation order; citations with no definition are left out. */
  citationsOf(claimId: string): Reference[]
  /** Claims with no citation, in document order. */
  uncitedClaims(): Claim[]
  coverage(): Coverage
}

/** Options of {@link createResolver}. */
export interface ResolverOptions {
  /**
   * The scope the model's claims were cut under, for the coverage figures.
   * Default: the model's `claimScope` (else `'clause'`, for models read back
   * from JSON that lack it).
   */
  claimScope?: ClaimScope
}

const SCOPES: ReadonlySet<string> = new Set(['clause', 'sentence', 'paragraph'])

function scopeOf(model: ForeignRelations, options: ResolverOptions): ClaimScope {
  if (options.claimScope) return options.claimScope
  // Checked at run time: models read back from JSON may lack the field.
  const own: unknown = model.claimScope
  return typeof own === 'string' && SCOPES.has(own) ? (own as ClaimScope) : 'clause'
}

function figure(cited: number, total: number): CoverageFigure {
  return {cited, total, share: total === 0 ? null : cited / total}
}

/** Push into the array under `key`, creating it. */
function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/**
 * Build a resolver over a model.  Lookups use Maps built once, so section
 * or partner names such as `constructor` or `__proto__` are plain keys.
 * The claims' `citations` are the source of truth; `Reference.claimIds` is
 * not read (see {@link linkCitations} to fill it).
 */
export function createResolver(model: ForeignRelations, options: ResolverOptions = {}): Resolver {
  const scope = scopeOf(model, options)
  const claims = model.claims
  const claimById = new Map<string, Claim>()
  for (const claim of claims) if (!claimById.has(claim.id)) claimById.set(claim.id, claim)
  const referenceById = new Map<number, Reference>()
  for (const reference of model.references) {
    if (!referenceById.has(reference.id)) referenceById.set(reference.id, reference)
  }
  const citing = new Map<number, Claim[]>()
  for (const claim of claims) {
    for (const id of new Set(claim.citations)) append(citing, id, claim)
  }

  return {
    scope,
    claimsCiting(referenceId) {
      return [...(citing.get(referenceId) ?? [])]
    },
    citationsOf(claimId) {
      const claim = claimById.get(claimId)
      if (!claim) return []
      const out: Reference[] = []
      for (const id of new Set(claim.citations)) {
        const reference = referenceById.get(id)
        if (reference) out.push(reference)
      }
      return out
    },
    uncitedClaims() {
      return claims.filter((claim) => claim.citations.length === 0)
    },
    coverage() {
      const sections = new Map<string, [number, number]>()
      const partners = new Map<string | null, [number, number]>()
      let cited = 0
      let withoutSource = 0
      for (const claim of claims) {
        const isCited = claim.citations.length > 0
        if (isCited) {
          cited++
          const usable = claim.citations.some((id) => {
            const reference = referenceById.get(id)
            return reference !== undefined && !reference.empty
          })
          if (!usable) withoutSource++
        }
        const s = sections.get(claim.section) ?? [0, 0]
        sections.set(claim.section, [s[0] + (isCited ? 1 : 0), s[1] + 1])
        if (claim.partner !== undefined) {
          const p = partners.get(claim.partner) ?? [0, 0]
          partners.set(claim.partner, [p[0] + (isCited ? 1 : 0), p[1] + 1])
        }
      }
      return {
        scope,
        overall: figure(cited, claims.length),
        bySection: [...sections].map(([section, [c, t]]) => ({section, ...figure(c, t)})),
        byPartner: [...partners].map(([partner, [c, t]]) => ({partner, ...figure(c, t)})),
        citedWithoutSource: withoutSource
      }
    }
  }
}

/** Citations to a footnote number that has no definition. */
export interface DanglingCitation {
  /** The footnote number cited. */
  id: number
  /** The claims citing it, in document order. */
  claimIds: string[]
}

/** What {@link linkCitations} returns. */
export interface LinkedCitations {
  /** Copies of the references, in input order, with `claimIds` filled from the claims. */
  references: Reference[]
  /** Cited footnote numbers with no reference (dangling markers), in order of first citation. */
  dangling: DanglingCitation[]
  /** Ids of references no claim cites, in input order. */
  unused: number[]
}

/**
 * Fill `Reference.claimIds` from the claims' citations, without mutating
 * the inputs, and report what does not match: citations of footnotes with no
 * reference, and references no claim cites.  A reference's previous
 * `claimIds` are replaced.  When two references share an id, both receive
 * the claims.
 */
export function linkCitations(claims: readonly Claim[], references: readonly Reference[]): LinkedCitations {
  const known = new Set<number>()
  for (const reference of references) known.add(reference.id)
  const byReference = new Map<number, string[]>()
  const dangling = new Map<number, string[]>()
  for (const claim of claims) {
    for (const id of new Set(claim.citations)) {
      append(known.has(id) ? byReference : dangling, id, claim.id)
    }
  }
  return {
    references: references.map((reference) => ({...reference, claimIds: [...(byReference.get(reference.id) ?? [])]})),
    dangling: [...dangling].map(([id, claimIds]) => ({id, claimIds})),
    unused: references.filter((reference) => !byReference.has(reference.id)).map((reference) => reference.id)
  }
}
