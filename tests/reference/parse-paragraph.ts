/**
 * Frozen copy of `paragraph` (src/parse/blocks.ts) as it was before the
 * tenth performance pass gave one-line paragraphs a direct path
 * (`lineParagraph`): every line through `leadingImageInto` and
 * `parseInlineText`, the children grown by `push`, `fitted` inside tables.
 * For the equivalence tests only.
 */

import type {Point} from 'unist'
import type {Paragraph, PhrasingContent} from 'mdast'
import type {Line} from '../../src/parse/lines.js'
import {pointAt, position, positionFrom, type ParseContext} from '../../src/parse/context.js'
import {leadingImageInto, parseInlineText} from '../../src/parse/inline.js'
import {trimmedLength} from '../../src/parse/table-layout.js'
import {fitted} from '../../src/parse/blocks.js'

function indentOf(text: string): number {
  let i = 0
  while (i < text.length && text.charCodeAt(i) === 32) i++
  return i
}

export function paragraphReference(lines: Line[], from: number, to: number, ctx: ParseContext): Paragraph {
  const children: PhrasingContent[] = []
  let startPoint: Required<Point> | undefined
  let prevEnd = 0
  for (let k = from; k < to; k++) {
    const l = lines[k]!
    const text = l.text
    const s = k === from ? indentOf(text) : 0
    const e = trimmedLength(text)
    let offset = l.offset + s
    let t = s === 0 && e === text.length ? text : text.slice(s, e)
    if (k === from) {
      startPoint = pointAt(ctx, offset)
      const cut = leadingImageInto(t, offset, ctx, children)
      if (cut > 0) {
        t = t.slice(cut)
        offset += cut
      }
    } else {
      children.push({type: 'break', position: position(ctx, prevEnd, offset)})
    }
    parseInlineText(t, offset, ctx, children)
    prevEnd = l.offset + e
  }
  return {
    type: 'paragraph',
    children: ctx.depth > 0 ? fitted(children) : children,
    position: positionFrom(ctx, startPoint!, prevEnd)
  }
}
