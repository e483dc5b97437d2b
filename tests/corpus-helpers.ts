/**
 * Helpers for the corpus tests: the 38 real pages of fixtures/corpus, and
 * pandoc's own AST of each (the truth for headings, tables and notes).
 */

import {readdirSync, readFileSync} from 'node:fs'
import type {Nodes, PhrasingContent} from 'mdast'
import {flattenAst, plainOnly} from './pandoc-ast.js'
import {prepare} from '../src/pipeline.js'
import {decode} from '../src/decode/index.js'
import {parseText} from '../src/parse/index.js'
import {flattenPhrasing, type FlatText} from '../src/model/text.js'

export const corpusDir = new URL('../fixtures/corpus/', import.meta.url)

export interface CorpusPage {
  name: string
  plain: string
  dump: Uint8Array
  ast: PandocBlock[]
}

interface PandocNode {
  t: string
  c?: unknown
}
type PandocBlock = PandocNode
type PandocInline = PandocNode

export function corpusNames(): string[] {
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith('.plain.txt'))
    .map((f) => f.slice(0, -'.plain.txt'.length))
    .sort()
}

/** The bytes of the Mali seed followed by the 38 corpus dumps (sorted by name): the inputs of the equivalence tests. */
export function seedAndDumps(): Buffer[] {
  return [
    readFileSync(new URL('../fixtures/foreign-relations-of-mali.txt', import.meta.url)),
    ...readdirSync(corpusDir)
      .filter((f) => f.endsWith('.dump.txt'))
      .sort()
      .map((f) => readFileSync(new URL(f, corpusDir)))
  ]
}

/** Every paragraph of {@link seedAndDumps}, in order, flattened as the model flattens it: the inputs of the splitter's equivalence tests. */
export function seedAndDumpsParagraphs(): FlatText[] {
  const flats: FlatText[] = []
  for (const bytes of seedAndDumps()) {
    const doc = prepare(bytes, {})
    const parsed = parseText(doc.text, doc.map)
    const visit = (node: {type: string; children?: unknown[]}): void => {
      if (node.type === 'paragraph') flats.push(flattenPhrasing((node as {children: PhrasingContent[]}).children, doc.map, parsed.offsets))
      if (Array.isArray(node.children)) for (const c of node.children) visit(c as {type: string})
    }
    visit(parsed.tree)
  }
  return flats
}

export function loadPage(name: string): CorpusPage {
  const plain = readFileSync(new URL(`${name}.plain.txt`, corpusDir), 'utf8')
  const dump = readFileSync(new URL(`${name}.dump.txt`, corpusDir))
  const json = JSON.parse(readFileSync(new URL(`${name}.pandoc.json`, corpusDir), 'utf8')) as {blocks: PandocBlock[]}
  return {name, plain, dump, ast: json.blocks}
}

/** Text of pandoc inlines or blocks as the plain writer shows it (formatting and MediaWiki templates dropped). */
export function pandocText(nodes: readonly PandocNode[]): string {
  return flattenAst(nodes, [], plainOnly).join('')
}

/** Every `Header` of the AST, as text. */
export function pandocHeaders(blocks: readonly PandocBlock[]): string[] {
  const out: string[] = []
  const walk = (list: readonly PandocBlock[]): void => {
    for (const b of list) {
      if (b.t === 'Header') out.push(pandocText((b.c as [number, unknown, PandocInline[]])[2]))
      else if (b.t === 'Div') walk((b.c as [unknown, PandocBlock[]])[1])
      else if (b.t === 'BlockQuote') walk(b.c as PandocBlock[])
    }
  }
  walk(blocks)
  return out
}

/** Every `Note` of the AST, in document order (as the plain writer numbers them). */
export function pandocNotes(blocks: readonly PandocBlock[]): PandocBlock[][] {
  const out: PandocBlock[][] = []
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) {
      for (const y of x) walk(y)
      return
    }
    if (x && typeof x === 'object') {
      const node = x as PandocNode
      if (node.t === 'Note') {
        out.push(node.c as PandocBlock[])
        // Notes inside notes are numbered after their parent.
        walk(node.c)
        return
      }
      if (node.c !== undefined) walk(node.c)
    }
  }
  walk(blocks)
  return out
}

/** Normalize for comparison: white space removed. */
export function squash(s: string): string {
  return s.replace(/\s+/g, '')
}

/** Letters and digits of a text, counted. */
export function alnumCounts(s: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const m of s.matchAll(/[\p{L}\p{N}]/gu)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1)
  return counts
}

/** All text the tree holds: text values, artifacts' values and identifiers. */
export function treeText(node: Nodes): string {
  const parts: string[] = []
  const walk = (n: Nodes): void => {
    const any = n as Nodes & {value?: unknown; identifier?: string; url?: string; alt?: string | null; names?: string[]; prefix?: string | null}
    switch (n.type) {
      case 'footnoteReference':
      case 'footnoteDefinition':
        parts.push(String(any.identifier))
        break
      case 'image':
        parts.push(any.url ?? '', any.alt ?? '')
        break
      case 'category':
        parts.push(any.prefix ? (any.names ?? []).map((x) => `${any.prefix}:${x}`).join(' ') : (any.names ?? []).join(' '))
        break
      case 'lostTable':
        parts.push('TABLE')
        break
      case 'link':
        // The URL is the text for a bare link; other links show their text.
        break
      case 'list':
        // The numbers of an ordered list are kept as `start` and the order.
        // Letter and roman markers are kept in `data.markers`.
        if (n.ordered && n.data?.markers) parts.push(...n.data.markers)
        else if (n.ordered) n.children.forEach((_, i) => parts.push(String((n.start ?? 1) + i)))
        break
      default:
        if (typeof any.value === 'string') parts.push(any.value)
    }
    if ('children' in n && Array.isArray(n.children)) for (const c of n.children as Nodes[]) walk(c)
  }
  walk(node)
  return parts.join(' ')
}

/** The Mali seed, then the corpus files whose names end with one of `suffixes` (sorted by name), as text. */
export function seedAndCorpusTexts(...suffixes: string[]): string[] {
  return [
    readFileSync(new URL('../fixtures/foreign-relations-of-mali.txt', import.meta.url), 'utf8'),
    ...readdirSync(corpusDir)
      .filter((f) => suffixes.some((s) => f.endsWith(s)))
      .sort()
      .map((f) => readFileSync(new URL(f, corpusDir), 'utf8'))
  ]
}

/** The input of every case of ftfy's suites (fixtures/ftfy/*.jsonl) that has one. */
export function ftfyInputs(): string[] {
  const dir = new URL('../fixtures/ftfy/', import.meta.url)
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) =>
      readFileSync(new URL(f, dir), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => (JSON.parse(l) as {input: string | null}).input)
        .filter((s): s is string => typeof s === 'string')
    )
}

/** The corpus dumps, decoded (sorted by name), and the Mali seed: the texts of the repairer's equivalence tests. */
export function decodedDumpsAndSeed(): {dumps: string[]; seed: string} {
  const dumps = readdirSync(corpusDir)
    .filter((f) => f.endsWith('.dump.txt'))
    .sort()
    .map((f) => decode(new Uint8Array(readFileSync(new URL(f, corpusDir)))).text)
  const seed = readFileSync(new URL('../fixtures/foreign-relations-of-mali.txt', import.meta.url), 'utf8')
  return {dumps, seed}
}

/** Pieces of mojibake, of text it comes from and of what lies next to it: the parts of the repairer's random mixtures. */
export const MOJIBAKE_PIECES: readonly string[] = [
  'Ã©', 'Ã¤', 'Ã¶', 'Ã¼', 'Ã ', 'Ã  ', 'Ã', 'â€™', 'â€“', 'â€œ', 'â€\u009d', 'Ã¢â‚¬â„¢', 'ÃƒÂ©', 'Â ', 'Â', '\u0080', '\u0081', '\u0093',
  '\u009d', 'é', 'ä', '–', '’', '€', '™', 'Ã©Ã', 'Ð¼Ð¸Ñ€', 'Å¡', 'Ä\u008d', 'ÐŸ', '中文', '\ud83d\ude00', 'ðŸ˜€', '\ufffd', '?', ' ', '  ',
  'word', 'GÃ idhlig', 'voilÃ le', '"', '`', '«', '»', 'A', 'É', 'Ã‰'
]
