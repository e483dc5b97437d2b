/**
 * Markdown export of the document tree: GFM through unified and
 * remark-stringify, with mdast-util-gfm-table and mdast-util-gfm-footnote
 * (the serializing halves of remark-gfm; the parsing half is not needed).  GFM table cells hold
 * one line of phrasing content, so a cell's blocks are flattened with `<br>`
 * between them; artifacts are written as what they stand for.
 */

import type {BlockContent, DefinitionContent, Nodes, PhrasingContent, Root, RootContent, TableCell} from 'mdast'
import type {Handlers} from 'mdast-util-to-markdown'
import remarkStringify from 'remark-stringify'
import {unified, type Processor} from 'unified'
import {gfmTableToMarkdown} from 'mdast-util-gfm-table'
import {gfmFootnoteToMarkdown} from 'mdast-util-gfm-footnote'
import type {BlockTableCell} from '../parse/nodes.js'

type AnyBlock = BlockContent | DefinitionContent

/** Flatten a cell's blocks into phrasing content joined by `<br>`. */
function flattenCell(cell: BlockTableCell): TableCell {
  const out: PhrasingContent[] = []
  const push = (blocks: readonly AnyBlock[], prefix = ''): void => {
    for (const b of blocks) {
      // Containers (lists, quotes) separate their own items.
      if (out.length > 0 && b.type !== 'list' && b.type !== 'blockquote') out.push({type: 'html', value: '<br>'})
      if (b.type === 'paragraph' || b.type === 'heading') {
        if (prefix) out.push({type: 'text', value: prefix})
        out.push(...b.children)
      } else if (b.type === 'list') {
        b.children.forEach((item, i) => {
          const mark = b.ordered ? `${(b.start ?? 1) + i}. ` : '• '
          push(item.children, prefix + mark)
        })
      } else if (b.type === 'blockquote') {
        push(b.children, prefix)
      } else if (b.type === 'table') {
        out.push({type: 'text', value: '[table]'})
      } else if ('value' in b && typeof b.value === 'string') {
        out.push({type: 'text', value: b.value})
      }
    }
  }
  push(cell.children)
  const flat: TableCell = {type: 'tableCell', children: out}
  if (cell.position) flat.position = cell.position
  return flat
}

function prepare(node: Nodes): Nodes {
  if (node.type === 'table') {
    return {
      ...node,
      children: node.children.map((row) => ({...row, children: (row.children as unknown as BlockTableCell[]).map((c) => flattenCell(mapBlocks(c)))}))
    }
  }
  if ('children' in node) {
    return {...node, children: (node.children as Nodes[]).map(prepare)} as Nodes
  }
  return node
}

function mapBlocks(cell: BlockTableCell): BlockTableCell {
  return {...cell, children: cell.children.map((c) => prepare(c) as AnyBlock)}
}

const handlers: Partial<Handlers> = {
  category: (node: {names: string[]; prefix: string | null}) => node.names.map((n) => `[[${node.prefix ?? 'Category'}:${n}]]`).join(' '),
  lostTable: () => '<!-- [TABLE]: a table pandoc could not draw -->',
  template: (node: {value: string}) => `<!-- ${node.value.replace(/--/g, '- -')} -->`,
  linkNumber: (node: {value: string}) => `<!-- link ${node.value} -->`
} as unknown as Partial<Handlers>

/** Serialize a parsed dump as GitHub-flavored Markdown. */
export function toMarkdown(tree: Root): string {
  const prepared = prepare(tree) as Root
  // Headings need a table header row in GFM: tables without one get an empty header.
  prepared.children = prepared.children.map((c: RootContent) => {
    if (c.type === 'table' && (c.data?.headRows ?? 0) === 0 && c.children[0]) {
      const width = c.children[0].children.length
      return {...c, children: [{type: 'tableRow', children: Array.from({length: width}, () => ({type: 'tableCell', children: []}))}, ...c.children]}
    }
    return c
  })
  return String(processor().stringify(prepared))
}

let cached: Processor<undefined, undefined, undefined, Root, string> | undefined

/** unified with remark-stringify, the GFM table and footnote extensions and the artifact handlers. */
function processor(): Processor<undefined, undefined, undefined, Root, string> {
  cached ??= unified()
    .use(function gfmToMarkdown() {
      const data = this.data()
      data.toMarkdownExtensions = [...(data.toMarkdownExtensions ?? []), gfmTableToMarkdown(), gfmFootnoteToMarkdown()]
    })
    .use(remarkStringify, {handlers})
    .freeze()
  return cached
}
