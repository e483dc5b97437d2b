/**
 * Plain text of mdast content, with footnote markers taken out as
 * zero-width anchors and a way back from a text index to the original
 * input.  The claim splitter and the partner, date and membership readers all
 * work on this text.
 */

import type {Nodes, PhrasingContent} from 'mdast'
import type {Point} from './types.js'
import type {PositionMap} from '../util/position.js'

export interface FlatText {
  text: string
  /** Footnote markers: id and the index in `text` where the marker stood. */
  markers: Array<{id: number; index: number}>
  /** Index in `text` where a broken template started (text after it is not prose). */
  templateAt: number | null
  /** Point in the original input of an index in `text`. */
  pointAt(index: number): Point
}

interface Segment {
  index: number
  work: number | null
  node: PhrasingContent
}

/** Flatten phrasing content. */
export function flattenPhrasing(nodes: readonly PhrasingContent[], map: PositionMap, offsets: {get(node: object): number | undefined}): FlatText {
  let text = ''
  const markers: FlatText['markers'] = []
  const segments: Segment[] = []
  let templateAt: number | null = null
  const walk = (list: readonly PhrasingContent[]): void => {
    for (const node of list) {
      switch (node.type) {
        case 'text': {
          segments.push({index: text.length, work: offsets.get(node) ?? null, node})
          text += node.value
          break
        }
        case 'break': {
          text += ' '
          break
        }
        case 'footnoteReference': {
          markers.push({id: Number(node.identifier), index: text.length})
          break
        }
        case 'template': {
          if (templateAt === null) templateAt = text.length
          break
        }
        case 'image':
        case 'linkNumber':
          break
        default: {
          if ('children' in node) walk(node.children as PhrasingContent[])
        }
      }
    }
  }
  walk(nodes)
  const first = nodes[0]
  const fallback: Point = first?.position ? {line: first.position.start.line, column: first.position.start.column, offset: first.position.start.offset} : {line: 1, column: 1}
  return {
    text,
    markers,
    templateAt,
    pointAt(index: number): Point {
      // Last segment that starts at or before index.
      let lo = 0
      let hi = segments.length - 1
      let found = -1
      while (lo <= hi) {
        const mid = (lo + hi) >> 1
        if (segments[mid]!.index <= index) {
          found = mid
          lo = mid + 1
        } else hi = mid - 1
      }
      if (found === -1) return fallback
      const seg = segments[found]!
      if (seg.work === null) {
        const p = seg.node.position?.start
        return p ? {line: p.line, column: p.column, offset: p.offset} : fallback
      }
      return map.point(seg.work + (index - seg.index))
    }
  }
}

/** Plain text of any node (markers, templates, images and link numbers left out). */
export function plainText(node: Nodes | readonly Nodes[]): string {
  // Built by concatenation rather than `map(plainText).join()`: one array per
  // node made this a hot spot of the model.
  if (Array.isArray(node)) {
    let s = ''
    for (const n of node as Nodes[]) s += plainText(n)
    return s
  }
  const n = node as Nodes
  switch (n.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
      return n.value
    case 'break':
      return ' '
    case 'footnoteReference':
    case 'template':
    case 'linkNumber':
    case 'image':
      return ''
    default:
      if ('children' in n) {
        const kids = n.children as Nodes[]
        const block = n.type === 'root' || n.type === 'list' || n.type === 'listItem' || n.type === 'tableCell' || n.type === 'blockquote' || n.type === 'footnoteDefinition' || n.type === 'table' || n.type === 'tableRow'
        let s = ''
        for (let k = 0; k < kids.length; k++) {
          if (k > 0 && block) s += '\n'
          s += plainText(kids[k]!)
        }
        return s
      }
      return ''
  }
}
