/**
 * Every article, not only Mali: the 38 corpus pages against pandoc's own AST.
 * Prints the three figures of the issue and fails below them.
 */

import {describe, expect, it} from 'vitest'
import type {Nodes} from 'mdast'
import {scoreCorpus} from './corpus-score.js'
import {corpusNames, loadPage} from './corpus-helpers.js'
import {parseDocument, parseForeignRelations} from '../src/index.js'

const score = scoreCorpus()

describe('corpus: 38 real pages', () => {
  it('has the 38 pages', () => {
    expect(corpusNames()).toHaveLength(38)
  })

  it('prints and meets the three figures', () => {
    console.log(
      `heading F1 ${(score.headingF1 * 100).toFixed(2)} % (precision ${(score.precision * 100).toFixed(1)} %, recall ${(score.recall * 100).toFixed(1)} %); ` +
        `footnote definitions equal to pandoc's notes ${(score.notesShare * 100).toFixed(2)} %; ` +
        `letters and digits kept ${(score.alnumShare * 100).toFixed(3)} %`
    )
    expect(score.headingF1).toBeGreaterThanOrEqual(0.98)
    expect(score.notesShare).toBe(1)
    expect(score.alnumShare).toBe(1)
  })

  it('loses no letter or digit on any page', () => {
    for (const p of score.pages) {
      expect([...p.alnum.missing], p.name).toEqual([])
      expect([...p.alnum.extra], p.name).toEqual([])
    }
  })

  it('gives every node a position inside the input, start before end', () => {
    for (const name of corpusNames()) {
      const page = loadPage(name)
      const tree = parseDocument(page.dump)
      const length = new TextDecoder().decode(page.dump).length
      const walk = (n: Nodes): void => {
        if (n.type !== 'root') {
          expect(n.position, `${name}: ${n.type}`).toBeDefined()
          const {start, end} = n.position!
          expect(start.offset!).toBeGreaterThanOrEqual(0)
          expect(end.offset!).toBeLessThanOrEqual(length)
          expect(start.offset!).toBeLessThanOrEqual(end.offset!)
        }
        if ('children' in n) for (const c of n.children as Nodes[]) walk(c)
      }
      walk(tree)
    }
  })

  it('parses every page into a model without throwing, with diagnostics', () => {
    for (const name of corpusNames()) {
      const page = loadPage(name)
      const model = parseForeignRelations(page.dump)
      // Every page was damaged; where the clean text has non-ASCII there is
      // mojibake to repair, and each repair is reported once.
      const nonAscii = /[^\x00-\x7f]/.test(page.plain)
      expect(model.repairs.length > 0, name).toBe(nonAscii)
      expect(model.diagnostics.filter((d) => d.ruleId === 'mojibake-repaired')).toHaveLength(model.repairs.length)
    }
  })

  it('reports lost tables as nodes and diagnostics', () => {
    for (const p of score.pages) {
      const page = loadPage(p.name)
      const lost = page.plain.split('\n').filter((l) => l.trim() === '[TABLE]').length
      const nodes = p.tree.children.filter((c) => c.type === 'lostTable').length
      expect(nodes, p.name).toBe(lost)
    }
  })
})
