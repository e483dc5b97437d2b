/** pandoc's JSON AST as text, for comparing our parse with pandoc's. */

type J = unknown

function isAttr(x: J): boolean {
  return Array.isArray(x) && x.length === 3 && typeof x[0] === 'string' && Array.isArray(x[1]) && Array.isArray(x[2])
}

/**
 * Flatten pandoc JSON (blocks or inlines) to text, as the plain writer shows
 * it: words only, quotes curly, notes dropped.  Raw content is kept when
 * `keepRaw(format)` says so: all of it for documents we made ourselves, only
 * `plain` for converted wikitext (the plain writer drops MediaWiki templates).
 */
export function flattenAst(x: J, out: string[] = [], keepRaw: (format: string) => boolean = () => true): string[] {
  if (Array.isArray(x)) {
    if (isAttr(x)) return out
    for (const y of x) flattenAst(y, out, keepRaw)
    return out
  }
  if (!x || typeof x !== 'object') return out
  const node = x as {t?: string; c?: J}
  const c = node.c as J[]
  switch (node.t) {
    case 'Str':
      out.push(node.c as string)
      break
    case 'Space':
    case 'SoftBreak':
    case 'LineBreak':
      out.push(' ')
      break
    case 'Code':
    case 'Math':
      out.push(c[1] as string)
      break
    case 'RawInline':
      if (keepRaw(c[0] as string)) out.push(c[1] as string)
      break
    case 'CodeBlock':
      out.push(' ', c[1] as string, ' ')
      break
    case 'RawBlock':
      if (keepRaw(c[0] as string)) out.push(' ', c[1] as string, ' ')
      break
    case 'Quoted': {
      const dbl = (c[0] as {t: string}).t === 'DoubleQuote'
      out.push(dbl ? '“' : '‘')
      flattenAst(c[1], out, keepRaw)
      out.push(dbl ? '”' : '’')
      break
    }
    case 'Link':
    case 'Image':
      flattenAst(c[1], out, keepRaw)
      break
    case 'Note':
      break
    case 'Figure':
      flattenAst(c[1], out, keepRaw)
      break
    case 'Emph':
    case 'Strong':
    case 'Underline':
    case 'Strikeout':
    case 'Superscript':
    case 'Subscript':
    case 'SmallCaps':
      flattenAst(node.c, out, keepRaw)
      break
    case 'Span':
    case 'Cite':
      flattenAst(c[1], out, keepRaw)
      break
    case 'Table': {
      // caption, then head/bodies/foot; skip attr and colspecs.
      out.push(' ')
      flattenAst(c[1], out, keepRaw)
      flattenAst(c.slice(3), out, keepRaw)
      out.push(' ')
      break
    }
    case 'ColWidth':
      break
    default:
      if (node.c !== undefined && typeof node.c !== 'string' && typeof node.c !== 'number') {
        out.push(' ')
        flattenAst(node.c, out, keepRaw)
        out.push(' ')
      }
  }
  return out
}

/** Keep only raw content in the `plain` format (what the plain writer prints). */
export function plainOnly(format: string): boolean {
  return format === 'plain'
}
