/**
 * parse: working text (decoded, repaired) → mdast `Root`, with positions in
 * the original input and diagnostics.
 *
 * The document is the body followed by the footnote definitions pandoc's
 * plain writer puts at the very end: a line `[1] text` (or just `[1]` when the
 * note was emptied), then `[2]`, … in order.  A note runs until the next
 * note's line, so notes with several paragraphs or lists are whole.
 */

import type {FootnoteDefinition, PhrasingContent, Root, RootContent, Text} from 'mdast'
import {documentLinePool, isBlank, loadDocumentLines, releaseDocumentLines, type Line} from './lines.js'
import {isPlainParagraph, lineParagraph, parseBlocks, type Block} from './blocks.js'
import {TextOffsets, newContext, position, report, type ParseContext} from './context.js'
import type {Diagnostic} from '../model/types.js'
import type {PositionMap} from '../util/position.js'
import type {LinkNumber} from './nodes.js'
import {trimmedLength} from './table-layout.js'

export type {Block}
export * from './nodes.js'

export interface ParsedDocument {
  tree: Root
  diagnostics: Diagnostic[]
  /** Working-text offset of each text node (see ParseContext.offsets). */
  offsets: TextOffsets
}

/**
 * Whether the text (whole or in chunks) is only white space (`!/\S/.test`
 * of each chunk), read by code unit up to the first other character (most
 * documents: their first): no closure for `some` and no regex run per
 * document.
 */
function isBlankText(text: string | readonly string[]): boolean {
  if (typeof text === 'string') return isBlank(text)
  for (let c = 0; c < text.length; c++) if (!isBlank(text[c]!)) return false
  return true
}

export const DEFINITION = /^\[([1-9]\d{0,4})\](?: |$)/

/**
 * The id of a definition line: what `DEFINITION.exec(t)` captures, as a
 * number, or -1 when it does not match; read by code unit (it runs on every
 * `[` line after the first definition).
 */
export function definitionId(t: string): number {
  if (t.charCodeAt(0) !== 91) return -1
  const d = t.charCodeAt(1)
  if (d < 49 || d > 57) return -1
  let id = d - 48
  let i = 2
  for (; i < 6; i++) {
    const c = t.charCodeAt(i)
    if (c < 48 || c > 57) break
    id = id * 10 + (c - 48)
  }
  if (t.charCodeAt(i) !== 93) return -1
  return i + 1 === t.length || t.charCodeAt(i + 1) === 32 ? id : -1
}

/**
 * Find the footnote definitions at the end: the last `[1]` line (after a
 * blank line) from which `[2]`, `[3]`, … follow in order.  Leaves each
 * definition's id and the line index where it starts in {@link defList},
 * one pair after the other (`[id, line, id, line, …]`: no object per
 * definition), and returns how many numbers it wrote there (twice the
 * number of definitions).
 */
function findDefinitions(lines: readonly Line[], lineCount: number): number {
  let firstLine = -1
  for (let i = lineCount - 1; i >= 0; i--) {
    const t = lines[i]!.text
    if (t.startsWith('[1]') && DEFINITION.test(t) && (i === 0 || isBlank(lines[i - 1]!.text))) {
      firstLine = i
      break
    }
  }
  if (firstLine === -1) return 0
  // (A document with very many notes may have grown the list: not kept for good.)
  if (defList.length > 1 << 16) defList = new Int32Array(512)
  let count = 0
  const push = (id: number, line: number): void => {
    if (count + 2 > defList.length) {
      const grown = new Int32Array(defList.length * 2)
      grown.set(defList)
      defList = grown
    }
    defList[count++] = id
    defList[count++] = line
  }
  push(1, firstLine)
  let expected = 2
  for (let i = firstLine + 1; i < lineCount; i++) {
    const t = lines[i]!.text
    // (An empty line read at 0 is out of bounds: V8 then drops this
    // function's optimized code and compiles it again.)
    if (t.length === 0 || t.charCodeAt(0) !== 91 /* [ */) continue
    const id = definitionId(t)
    if (id === -1 || !isBlank(lines[i - 1]!.text)) continue
    // The next number, or a small jump over definitions that went missing
    // (reported by the caller as `missing-definition`).
    if (id === expected || (id > expected && id - expected <= MAX_DEFINITION_GAP)) {
      push(id, i)
      expected = id + 1
    }
  }
  return count
}

/**
 * {@link findDefinitions}' pairs, in an array kept between documents
 * (grown on demand; read up to the count it returns): an array grown by
 * `push` for every document's notes measured 50 KB per corpus pass.
 * parseText reads it to its end and calls nothing that parses another
 * document meanwhile.
 */
let defList = new Int32Array(512)

/** Why a footnote definition is empty (`data.emptyReason`). */
const EMPTY_REASON = 'pandoc dropped the citation: a citation template or a reused named reference'

/**
 * The messages of `empty-reference`, by id, made once (ids below 1024):
 * most notes are emptied, and the message was built anew (a concatenation,
 * two strings) for each.  Strings do not change: sharing them is safe.
 */
const EMPTY_MESSAGES: string[] = []

function emptyMessage(id: number): string {
  if (id >= 1024) return `Footnote [${id}] is empty: its citation was dropped in the conversion`
  return (EMPTY_MESSAGES[id] ??= `Footnote [${id}] is empty: its citation was dropped in the conversion`)
}

/** {@link checkMarkers}' flags. */
const DEFINED = 1
const USED = 2

/** The largest run of missing footnote definitions we bridge. */
const MAX_DEFINITION_GAP = 20

/** Parse the working text of a dump into an mdast tree. */
export function parseText(text: string | readonly string[], map: PositionMap): ParsedDocument {
  // (The pipeline gives the text in chunks, see `loadDocumentLines`.)  The
  // lines are the first `lineCount` of an array of `Line` objects kept
  // between documents, handed back when the parse ends, also when it
  // throws: the pool would otherwise keep the failed document's text.
  const lineCount = loadDocumentLines(text)
  try {
    return parseLines(text, documentLinePool(), lineCount, map)
  } finally {
    releaseDocumentLines(lineCount)
  }
}

/**
 * parseText of the document's first `lineCount` lines: only the body's
 * lines are copied into an array of their own, for parseBlocks.
 */
function parseLines(text: string | readonly string[], lines: readonly Line[], lineCount: number, map: PositionMap): ParsedDocument {
  const ctx: ParseContext = newContext(map)
  const defLength = findDefinitions(lines, lineCount)
  const defs = defList
  const defCount = defLength >> 1
  const bodyEnd = defCount > 0 ? defs[1]! : lineCount
  const body = lines.slice(0, bodyEnd)
  const children: RootContent[] = parseBlocks(body, ctx, {topLevel: true, followedByContent: defCount > 0}) as RootContent[]
  if (isBlankText(text)) {
    report(ctx, 'empty-input', 'warning', 'The input is empty: there is nothing to parse', 0, 0)
  }

  // (At its exact size, filled by index: not grown by `push`.)
  const definitions: FootnoteDefinition[] = new Array(defCount)
  let linkNumber = 1
  for (let k = 0; k < defCount; k++) {
    const defId = defs[2 * k]!
    const defLine = defs[2 * k + 1]!
    const previous = k === 0 ? 0 : defs[2 * k - 2]!
    if (defId > previous + 1) {
      const head = lines[defLine]!
      const missing = defId - previous - 1
      report(
        ctx,
        'missing-definition',
        'warning',
        missing === 1
          ? `Footnote definition [${previous + 1}] is missing: the definitions jump from [${previous}] to [${defId}]`
          : `Footnote definitions [${previous + 1}]–[${defId - 1}] are missing: the definitions jump from [${previous}] to [${defId}]`,
        head.offset,
        head.offset + String(defId).length + 2,
        {ids: Array.from({length: missing}, (_, i) => previous + 1 + i)}
      )
    }
    const end = k + 1 < defCount ? defs[2 * k + 3]! : lineCount
    const head = lines[defLine]!
    const idText = String(defId)
    // The length of the label `[id]`.
    const labelLength = idText.length + 2
    const contentStart = Math.min(head.text.length, labelLength + 1)
    const firstText = head.text.slice(contentStart)
    let lastLine = head
    for (let i = end - 1; i > defLine; i--) {
      if (!isBlank(lines[i]!.text)) {
        lastLine = lines[i]!
        break
      }
    }
    let blocks: Block[]
    if (lastLine === head && isBlank(firstText)) {
      // An emptied note (most of them: pandoc dropped the citation): only
      // blank lines, where parseBlocks finds no block; no lines copied for it.
      blocks = []
    } else if (lastLine === head && isPlainParagraph(firstText)) {
      // One line of text (most notes), then blank lines: the one paragraph
      // parseBlocks would make, without copying the lines for it (nor a
      // `Line` and an array for its one line).
      blocks = [lineParagraph(firstText, head.offset + contentStart, ctx)]
    } else {
      const defLines: Line[] = [{text: firstText, offset: head.offset + contentStart}]
      for (let i = defLine + 1; i < end; i++) defLines.push(lines[i]!)
      blocks = parseBlocks(defLines, ctx) as Block[]
    }
    // parseBlocks makes no footnote definitions: its blocks as they are.
    const children = blocks as FootnoteDefinition['children']
    const pos = position(ctx, head.offset, lastLine.offset + lastLine.text.length)
    // Made whole, `data` in the literal (same key order as before): a
    // property added afterwards changed the hidden class and allocated a
    // property store for each emptied note (most notes).
    // (One string for identifier and label: the same text.)
    let node: FootnoteDefinition
    if (children.length === 0) {
      node = {type: 'footnoteDefinition', identifier: idText, label: idText, children, position: pos, data: {empty: true, emptyReason: EMPTY_REASON}}
      report(ctx, 'empty-reference', 'warning', emptyMessage(defId), head.offset, head.offset + labelLength, {id: defId})
    } else {
      node = {type: 'footnoteDefinition', identifier: idText, label: idText, children, position: pos}
      const found = splitLinkNumber(node, linkNumber, lastLine.offset + trimmedLength(lastLine.text), ctx)
      if (found) linkNumber++
    }
    definitions[k] = node
  }

  // The body's markers, then those in the notes: all of them, in order.
  checkMarkers(ctx.markers, definitions, defs, defLength, ctx)
  // The body's blocks then the notes, in the body's array (made by
  // parseBlocks for this tree alone) instead of a third array.
  for (let k = 0; k < definitions.length; k++) children.push(definitions[k]!)
  const tree: Root = {type: 'root', children}
  const last = lineCount > 0 ? lines[lineCount - 1]! : undefined
  tree.position = position(ctx, 0, last ? last.offset + last.text.length : 0)
  return {tree, diagnostics: ctx.diagnostics, offsets: ctx.offsets}
}

/**
 * A bare external link `[http://…]` is numbered 1, 2, 3… by MediaWiki and
 * pandoc keeps only the number, glued to the end of the note:
 * `Date Modified: 2009-07-06.1`.  The numbers count up across the document;
 * a note whose text ends with the next expected number (after a letter, a
 * period, a closing bracket or a space) has it split off as a `linkNumber`.
 */
function splitLinkNumber(def: FootnoteDefinition, expected: number, workEnd: number, ctx: ParseContext): boolean {
  const lastBlock = def.children[def.children.length - 1]
  if (!lastBlock || lastBlock.type !== 'paragraph') return false
  const kids = lastBlock.children as PhrasingContent[]
  const lastNode = kids[kids.length - 1]
  if (!lastNode || lastNode.type !== 'text') return false
  const num = String(expected)
  const value = lastNode.value
  if (!value.endsWith(num)) return false
  const cut = value.length - num.length
  const before = value.charAt(cut - 1)
  if (cut === 0 || /\d/.test(before) || !/[\p{L}.)\]" ]/u.test(before)) return false
  const keep = value.slice(0, cut).replace(/ $/, '')
  const numStart = workEnd - num.length
  const textNode: Text = {type: 'text', value: keep, position: {start: lastNode.position!.start, end: ctx.map.point(numStart - (cut - keep.length))}}
  const workStart = ctx.offsets.get(lastNode)
  if (workStart !== undefined) ctx.offsets.record(textNode, workStart, textNode.position!.start.offset!)
  const link: LinkNumber = {type: 'linkNumber', number: expected, value: num, position: position(ctx, numStart, workEnd)}
  kids.splice(kids.length - 1, 1, ...(keep ? [textNode] : []), link)
  report(
    ctx,
    'link-number',
    'warning',
    `Footnote [${def.identifier}] ends with \`${num}\`, the number MediaWiki gave a bare external link; the URL itself was lost`,
    numStart,
    workEnd,
    {id: Number(def.identifier), number: expected}
  )
  return true
}

/**
 * The flags of {@link checkMarkers}, kept between documents (grown on
 * demand, cleared before use): a new typed array (and its buffer) per
 * document measured as half a percent of the parse.  Bit 1: defined,
 * bit 2: used.
 */
let markerFlags = new Uint8Array(4096)

function checkMarkers(markers: readonly number[], definitions: FootnoteDefinition[], defs: Int32Array, defLength: number, ctx: ParseContext): void {
  // Ids are small (at most 5 digits): flags indexed by id instead of Sets.
  // (The definitions' ids read from `defs`, `[id, line, …]` in the
  // definitions' order, not parsed back from their identifiers.)
  let maxId = 0
  for (let k = 0; k < defLength; k += 2) maxId = Math.max(maxId, defs[k]!)
  for (let k = 0; k < markers.length; k += 2) maxId = Math.max(maxId, markers[k]!)
  if (markerFlags.length <= maxId) markerFlags = new Uint8Array(Math.max(maxId + 1, markerFlags.length * 2))
  const flags = markerFlags
  flags.fill(0, 0, maxId + 1)
  for (let k = 0; k < defLength; k += 2) flags[defs[k]!] = DEFINED
  let highest = 0
  for (let k = 0; k < markers.length; k += 2) {
    const id = markers[k]!
    const offset = markers[k + 1]!
    const f = flags[id]!
    if ((f & DEFINED) === 0) {
      report(ctx, 'dangling-marker', 'error', `Footnote marker [${id}] has no definition`, offset, offset + String(id).length + 2, {id})
    }
    if ((f & USED) === 0) {
      // pandoc numbers notes by first use: a first use out of order signals damage.
      if (id !== highest + 1 && (f & DEFINED) !== 0 && id > highest) {
        report(ctx, 'marker-order', 'warning', `Footnote marker [${id}] is used before [${highest + 1}]`, offset, offset + String(id).length + 2, {id})
      }
      flags[id] = f | USED
      if (id > highest) highest = id
    }
  }
  for (let k = 0; k < definitions.length; k++) {
    const d = definitions[k]!
    const id = defs[2 * k]!
    if ((flags[id]! & USED) === 0) {
      const p = d.position!.start
      ctx.diagnostics.push({ruleId: 'unused-definition', severity: 'warning', message: `Footnote [${id}] is defined but never cited`, line: p.line, column: p.column, offset: p.offset ?? 0, data: {id}})
    }
  }
}
