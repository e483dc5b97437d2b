/**
 * The model's allocation round 12 (issue 8): what replaced a second pass or
 * a Map gives what they gave, on random documents.
 *
 * - Each claim's id goes to the references it cites as the claim is made,
 *   looked up by position while the definitions are numbered 1, 2, … in
 *   order and by a Map otherwise: every reference's claim ids are those of
 *   the claims citing its number, in claim order, for the last definition of
 *   a number (as the Map of number → reference made at the end gave them),
 *   on definitions in order, shuffled, repeated, with gaps and non-numeric.
 * - Claim ids come from a table shared by every document: each document's
 *   claims are `c1`, `c2`, … whatever came before, and a document parsed
 *   again gives the same model.
 * - Sections are ranges of the root's children: the lead's text for the
 *   subject is its blocks' plain texts joined by line feeds, footnote
 *   definitions among them (a document without headings) left out, as the
 *   section's array of blocks gave.
 */

import {describe, expect, test} from 'vitest'
import type {Root, RootContent} from 'mdast'
import {parseForeignRelations} from '../src/index.js'
import {prepare} from '../src/pipeline.js'
import {parseText} from '../src/parse/index.js'
import {buildModel} from '../src/model/index.js'
import {plainText} from '../src/model/text.js'
import {detectSubject} from '../src/model/subject.js'
import {generator} from './random.js'

const WORDS = ['Mali', 'Senegal', 'France', 'trade', 'relations', 'signed', 'the', 'treaty', 'in', '1960', 'embassy', 'Niger', 'Malian', 'French', 'and', 'with']

function sentence(rnd: (n: number) => number, ids: number[]): string {
  const words: string[] = []
  const n = 2 + rnd(8)
  for (let k = 0; k < n; k++) words.push(WORDS[rnd(WORDS.length)]!)
  let s = words.join(' ')
  s = s[0]!.toUpperCase() + s.slice(1)
  if (rnd(3) > 0) s += '.'
  const markers = rnd(4)
  for (let k = 0; k < markers; k++) s += `[${ids[rnd(ids.length)]!}]`
  return s
}

function paragraph(rnd: (n: number) => number, ids: number[]): string {
  const out: string[] = []
  const n = 1 + rnd(4)
  for (let k = 0; k < n; k++) out.push(sentence(rnd, ids))
  return out.join(' ')
}

/** A random dump: lead, a section or two, and footnote definitions in a random order. */
function randomDump(rnd: (n: number) => number): string {
  const count = 1 + rnd(9)
  const ids: number[] = []
  for (let k = 1; k <= count; k++) ids.push(k)
  const blocks: string[] = []
  const lead = 1 + rnd(4)
  for (let k = 0; k < lead; k++) {
    // (Now and then a definition among the lead's paragraphs.)
    if (k > 0 && rnd(4) === 0) blocks.push(`[${ids[rnd(ids.length)]!}] An early source.`)
    blocks.push(paragraph(rnd, ids))
  }
  const sections = rnd(3)
  for (let s = 0; s < sections; s++) {
    blocks.push(['History', 'Economy', 'Bilateral relations', 'Europe'][rnd(4)]!)
    const n = 1 + rnd(3)
    for (let k = 0; k < n; k++) blocks.push(rnd(4) === 0 ? `-   ${paragraph(rnd, ids)}` : paragraph(rnd, ids))
  }
  // Without a heading, the definitions are in the lead's range of the root.
  if (sections > 0 || rnd(3) > 0) blocks.push('References')
  // Definitions: in order, shuffled, with repeats, gaps, or a name.
  let defs = ids.slice()
  const mode = rnd(5)
  if (mode === 1) for (let k = defs.length - 1; k > 0; k--) {
    const j = rnd(k + 1)
    ;[defs[k], defs[j]] = [defs[j]!, defs[k]!]
  }
  if (mode === 2 && defs.length > 1) defs.push(defs[rnd(defs.length)]!)
  if (mode === 3 && defs.length > 1) defs.splice(rnd(defs.length), 1)
  const names = defs.map(String)
  if (mode === 4) names[rnd(names.length)] = 'a'
  for (const name of names) blocks.push(`[${name}] Source ${name}, ${WORDS[rnd(WORDS.length)]}.`)
  return blocks.join('\n\n') + '\n'
}

describe('references and their claims', () => {
  test('each reference holds the ids of the claims citing it (last definition of a number), on 1,500 random documents', () => {
    const rnd = generator(12_1)
    let shuffledWithClaims = 0
    for (let n = 0; n < 1500; n++) {
      const dump = randomDump(rnd)
      const model = parseForeignRelations(dump)
      const last = new Map<number, number>()
      model.references.forEach((r, k) => last.set(r.id, k))
      model.references.forEach((r, k) => {
        const expected = last.get(r.id) === k ? model.claims.filter((c) => c.citations.includes(r.id)).map((c) => c.id) : []
        expect(r.claimIds, dump).toEqual(expected)
        if (expected.length > 0 && r.id !== k + 1) shuffledWithClaims++
      })
      // Claim ids are c1, c2, … in every document.
      model.claims.forEach((c, k) => expect(c.id).toBe(`c${k + 1}`))
    }
    // (The Map path is exercised.)
    expect(shuffledWithClaims).toBeGreaterThan(100)
  })

  test('a document parsed again, after others, gives the same model', () => {
    const rnd = generator(12_2)
    const dumps: string[] = []
    for (let n = 0; n < 50; n++) dumps.push(randomDump(rnd))
    const first = dumps.map((d) => JSON.stringify(parseForeignRelations(d)))
    // A long document in between: more claim ids than any before.
    const long = Array.from({length: 400}, (_, k) => `Sentence number ${k} is here.[1]`).join('\n\n') + '\n\nReferences\n\n[1] Source.\n'
    const model = parseForeignRelations(long)
    expect(model.claims.length).toBeGreaterThanOrEqual(400)
    model.claims.forEach((c, k) => expect(c.id).toBe(`c${k + 1}`))
    const again = dumps.map((d) => JSON.stringify(parseForeignRelations(d)))
    expect(again).toEqual(first)
  })
})

describe('the lead as a range of the root', () => {
  test("the subject from the lead's text: its blocks' plain texts joined by line feeds, definitions left out", () => {
    const rnd = generator(12_3)
    let fromText = 0
    let defined = 0
    for (let n = 0; n < 800; n++) {
      const dump = randomDump(rnd)
      const p = prepare(dump, {})
      const parsed = parseText(p.text, p.map)
      const tree: Root = parsed.tree
      const lead: RootContent[] = []
      let definitionsInLead = 0
      for (const b of tree.children) {
        if (b.type === 'heading') break
        if (b.type !== 'footnoteDefinition') lead.push(b)
        else definitionsInLead++
      }
      if (definitionsInLead > 0) defined++
      const hasCategory = tree.children.some((b) => b.type === 'category')
      const model = buildModel({...p, tree, offsets: parsed.offsets, diagnostics: [...p.diagnostics, ...parsed.diagnostics]}, {title: null})
      if (hasCategory) continue
      const expected = detectSubject({title: null, categoryLine: null, text: lead.map((b) => plainText(b)).join('\n')})
      expect(model.subject, dump).toEqual(expected)
      if (expected.name) fromText++
    }
    expect(fromText).toBeGreaterThan(100)
    // (Leads with a definition among their blocks are exercised.)
    expect(defined).toBeGreaterThan(50)
  })
})
