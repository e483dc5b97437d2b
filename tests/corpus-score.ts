/**
 * Scores of the parser on the corpus (issue "every article"): heading F1
 * against pandoc's Header list, footnote definitions equal to pandoc's Note
 * texts, letters and digits kept.  Used by tests/corpus.test.ts and printable
 * on its own: `npx tsx tests/corpus-score.ts` or via vitest.
 */

import type {FootnoteDefinition, Root} from 'mdast'
import {parseDocument} from '../src/index.js'
import {alnumCounts, corpusNames, loadPage, pandocText, pandocHeaders, pandocNotes, squash, treeText} from './corpus-helpers.js'
import {repairMojibake} from '../src/index.js'

export interface PageScore {
  name: string
  headings: {tp: number; fp: string[]; fn: string[]}
  notes: {total: number; equal: number; mismatches: Array<{id: number; ours: string; pandoc: string}>; lostTable: boolean}
  alnum: {missing: Map<string, number>; extra: Map<string, number>; total: number}
  tree: Root
}

function headingText(tree: Root): string[] {
  const out: string[] = []
  for (const c of tree.children) {
    if (c.type === 'heading') out.push(treeText(c).trim())
  }
  return out
}

function noteText(def: FootnoteDefinition): string {
  // pandoc's text of a note keeps the link number (it is a link's text).
  return def.children.map((b) => treeText(b)).join(' ')
}

export function scorePage(name: string): PageScore {
  const page = loadPage(name)
  const tree = parseDocument(page.dump)
  // Headings.
  const ours = headingText(tree).map(squash)
  const truth = pandocHeaders(page.ast).map(squash)
  const pool = new Map<string, number>()
  for (const t of truth) pool.set(t, (pool.get(t) ?? 0) + 1)
  let tp = 0
  const fp: string[] = []
  for (const h of ours) {
    const k = pool.get(h) ?? 0
    if (k > 0) {
      tp++
      pool.set(h, k - 1)
    } else fp.push(h)
  }
  const fn: string[] = []
  for (const [h, k] of pool) for (let i = 0; i < k; i++) fn.push(h)
  // Notes.
  const lostTable = /^\[TABLE\]$/m.test(page.plain)
  const defs = tree.children.filter((c): c is FootnoteDefinition => c.type === 'footnoteDefinition')
  const notes = pandocNotes(page.ast)
  // Notes are compared as a multiset: pandoc's plain writer numbers notes in
  // the order it renders them, which differs from the AST's order where a
  // note sits in a caption or a template argument (United-Kingdom).
  const mismatches: PageScore['notes']['mismatches'] = []
  const notePool = new Map<string, number>()
  for (const n of notes) {
    const t = squash(pandocText(n))
    notePool.set(t, (notePool.get(t) ?? 0) + 1)
  }
  // The writer also repeats a note now and then (United-Kingdom: 689
  // definitions for 679 notes, each extra one a copy of an earlier note):
  // a definition equal to a note already matched counts as equal.
  const allNotes = new Set(notePool.keys())
  let equal = 0
  const total = defs.length
  defs.forEach((d, i) => {
    const o = squash(noteText(d))
    const k = notePool.get(o) ?? 0
    if (k > 0) {
      equal++
      notePool.set(o, k - 1)
    } else if (allNotes.has(o)) equal++
    else mismatches.push({id: i + 1, ours: o, pandoc: squash(notes[i] ? pandocText(notes[i]!) : '<missing>')})
  })
  // Letters and digits.
  const repaired = repairMojibake(new TextDecoder().decode(page.dump).replace(/^\uFEFF/, '')).text
  const want = alnumCounts(repaired)
  const got = alnumCounts(treeText(tree))
  const missing = new Map<string, number>()
  const extra = new Map<string, number>()
  let totalAlnum = 0
  for (const [ch, k] of want) {
    totalAlnum += k
    const g = got.get(ch) ?? 0
    if (g < k) missing.set(ch, k - g)
  }
  for (const [ch, k] of got) {
    const w = want.get(ch) ?? 0
    if (k > w) extra.set(ch, k - w)
  }
  return {name, headings: {tp, fp, fn}, notes: {total, equal, mismatches, lostTable}, alnum: {missing, extra, total: totalAlnum}, tree}
}

export function scoreCorpus(): {pages: PageScore[]; headingF1: number; precision: number; recall: number; notesShare: number; alnumShare: number} {
  const pages = corpusNames().map(scorePage)
  let tp = 0
  let fp = 0
  let fn = 0
  let notesTotal = 0
  let notesEqual = 0
  let alnumTotal = 0
  let alnumMissing = 0
  for (const p of pages) {
    tp += p.headings.tp
    fp += p.headings.fp.length
    fn += p.headings.fn.length
    if (!p.notes.lostTable) {
      notesTotal += p.notes.total
      notesEqual += p.notes.equal
    }
    alnumTotal += p.alnum.total
    for (const k of p.alnum.missing.values()) alnumMissing += k
    for (const k of p.alnum.extra.values()) alnumMissing += k
  }
  const precision = tp / Math.max(1, tp + fp)
  const recall = tp / Math.max(1, tp + fn)
  return {
    pages,
    precision,
    recall,
    headingF1: (2 * precision * recall) / Math.max(1e-9, precision + recall),
    notesShare: notesEqual / Math.max(1, notesTotal),
    alnumShare: 1 - alnumMissing / Math.max(1, alnumTotal)
  }
}
