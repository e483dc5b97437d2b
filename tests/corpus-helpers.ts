/**
 * Helpers for the corpus tests: the 38 real pages of fixtures/corpus, and
 * pandoc's own AST of each (the truth for headings, tables and notes).
 */

import {readdirSync, readFileSync} from 'node:fs'
import type {Nodes} from 'mdast'

export const corpusDir = new URL('../fixtures/corpus/', import.meta.url)

export interface CorpusPage {
  name: string
  plain: string
  dump: Uint8Array
  corruption: string
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

let manifest: Map<string, string> | undefined
function corruptionOf(name: string): string {
  if (!manifest) {
    manifest = new Map()
    for (const line of readFileSync(new URL('manifest.jsonl', corpusDir), 'utf8').split('\n')) {
      if (!line.trim()) continue
      const entry = JSON.parse(line) as Record<string, unknown>
      const key = String(entry.name ?? entry.page ?? entry.id ?? '')
      manifest.set(key, String(entry.corruption ?? ''))
    }
  }
  return manifest.get(name) ?? ''
}

export function loadPage(name: string): CorpusPage {
  const plain = readFileSync(new URL(`${name}.plain.txt`, corpusDir), 'utf8')
  const dump = readFileSync(new URL(`${name}.dump.txt`, corpusDir))
  const json = JSON.parse(readFileSync(new URL(`${name}.pandoc.json`, corpusDir), 'utf8')) as {blocks: PandocBlock[]}
  return {name, plain, dump, corruption: corruptionOf(name), ast: json.blocks}
}

/** Text of pandoc inlines as the plain writer shows it (formatting dropped). */
export function pandocInlineText(inlines: readonly PandocInline[]): string {
  let s = ''
  for (const x of inlines) {
    switch (x.t) {
      case 'Str':
        s += x.c as string
        break
      case 'Space':
      case 'SoftBreak':
      case 'LineBreak':
        s += ' '
        break
      case 'Code':
      case 'Math':
        s += (x.c as [unknown, string])[1]
        break
      case 'RawInline':
      case 'Note':
        break
      case 'Link':
      case 'Image':
        s += pandocInlineText((x.c as [unknown, PandocInline[]])[1])
        break
      case 'Quoted':
        s += `"${pandocInlineText((x.c as [unknown, PandocInline[]])[1])}"`
        break
      case 'Cite':
      case 'Span':
        s += pandocInlineText((x.c as [unknown, PandocInline[]])[1])
        break
      default:
        if (Array.isArray(x.c)) s += pandocInlineText(x.c as PandocInline[])
    }
  }
  return s
}

/** Text of pandoc blocks. */
export function pandocBlockText(blocks: readonly PandocBlock[]): string {
  const parts: string[] = []
  for (const b of blocks) {
    switch (b.t) {
      case 'Para':
      case 'Plain':
        parts.push(pandocInlineText(b.c as PandocInline[]))
        break
      case 'Header':
        parts.push(pandocInlineText((b.c as [number, unknown, PandocInline[]])[2]))
        break
      case 'BulletList':
        for (const item of b.c as PandocBlock[][]) parts.push(pandocBlockText(item))
        break
      case 'OrderedList':
        for (const item of (b.c as [unknown, PandocBlock[][]])[1]) parts.push(pandocBlockText(item))
        break
      case 'BlockQuote':
      case 'Div':
        parts.push(pandocBlockText(Array.isArray(b.c) && b.t === 'Div' ? (b.c as [unknown, PandocBlock[]])[1] : (b.c as PandocBlock[])))
        break
      case 'CodeBlock':
        parts.push((b.c as [unknown, string])[1])
        break
      case 'LineBlock':
        for (const line of b.c as PandocInline[][]) parts.push(pandocInlineText(line))
        break
      case 'DefinitionList':
        for (const [term, defs] of b.c as Array<[PandocInline[], PandocBlock[][]]>) {
          parts.push(pandocInlineText(term))
          for (const d of defs) parts.push(pandocBlockText(d))
        }
        break
      default:
        break
    }
  }
  return parts.join(' ')
}

/** Every `Header` of the AST, as text. */
export function pandocHeaders(blocks: readonly PandocBlock[]): string[] {
  const out: string[] = []
  const walk = (list: readonly PandocBlock[]): void => {
    for (const b of list) {
      if (b.t === 'Header') out.push(pandocInlineText((b.c as [number, unknown, PandocInline[]])[2]))
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
