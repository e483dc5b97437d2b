import {readFileSync, readdirSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {RepairResult} from '../src/model/types.js'
import {repairLine, repairMojibake} from '../src/repair/index.js'

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url))

interface FtfyCase {
  id: string
  input: string
  expected: string
  negative: boolean
  category: string
  label: string
}

function readCases(name: string): FtfyCase[] {
  return readFileSync(`${fixtures}ftfy/${name}`, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as FtfyCase)
}

/** The structural promises every result keeps (see the contract in src/repair). */
function checkInvariants(input: string, result: RepairResult): void {
  let rebuilt = ''
  let pos = 0
  for (const r of result.repairs) {
    expect(r.offset).toBeGreaterThanOrEqual(pos)
    expect(input.slice(r.offset, r.offset + r.original.length)).toBe(r.original)
    expect(r.original).not.toBe(r.replacement)
    expect(r.codecs.length).toBeGreaterThan(0)
    const before = input.slice(0, r.offset)
    const lineStart = before.lastIndexOf('\n') + 1
    expect(r.line).toBe(before.split('\n').length)
    expect(r.column).toBe(r.offset - lineStart + 1)
    expect(r.original.includes('\n') || r.replacement.includes('\n')).toBe(false)
    rebuilt += input.slice(pos, r.offset) + r.replacement
    pos = r.offset + r.original.length
  }
  rebuilt += input.slice(pos)
  expect(rebuilt).toBe(result.text)
  expect(result.text.split('\n').length).toBe(input.split('\n').length)
  expect(result.text.split('\r\n').length).toBe(input.split('\r\n').length)
}

describe('ftfy test cases (fixtures/ftfy/ftfy-cases.jsonl)', () => {
  // ftfy's own suite counts the JSON cases of its test files; the `unit` and
  // `doctest` rows are cases of other ftfy functions (fix_text, byte guessing).
  const cases = readCases('ftfy-cases.jsonl').filter((c) => c.category !== 'unit' && c.category !== 'doctest')
  const negatives = cases.filter((c) => c.negative)
  const positives = cases.filter((c) => !c.negative)

  it('has the 49 negative and 112 positive cases', () => {
    expect(negatives).toHaveLength(49)
    expect(positives).toHaveLength(112)
  })

  it('leaves all 49 negative cases unchanged', () => {
    const changed = negatives.filter((c) => repairMojibake(c.input).text !== c.input)
    console.log(`ftfy negatives unchanged: ${negatives.length - changed.length}/${negatives.length}`)
    expect(changed.map((c) => c.id)).toEqual([])
  })

  it('repairs at least 106 of the 112 positive cases to `expected`', () => {
    const failed = positives.filter((c) => repairMojibake(c.input).text !== c.expected)
    console.log(`ftfy positives repaired: ${positives.length - failed.length}/${positives.length}`)
    for (const c of failed) console.log(`  not repaired: ${c.id} (${c.label})`)
    expect(positives.length - failed.length).toBeGreaterThanOrEqual(106)
  })

  it('repairs all 151 extra-layer cases', () => {
    const extra = readCases('ftfy-cases-extra-layer.jsonl')
    expect(extra).toHaveLength(151)
    const failed = extra.filter((c) => repairMojibake(c.input).text !== c.expected)
    console.log(`ftfy extra-layer cases repaired: ${extra.length - failed.length}/${extra.length}`)
    expect(failed.map((c) => c.id)).toEqual([])
  })

  it('keeps its invariants and is idempotent on every case', () => {
    for (const c of [...cases, ...readCases('ftfy-cases-extra-layer.jsonl')]) {
      const result = repairMojibake(c.input)
      checkInvariants(c.input, result)
      expect(repairMojibake(result.text).text, c.id).toBe(result.text)
    }
  })
})

describe('corpus dumps (fixtures/corpus)', () => {
  const names = readdirSync(`${fixtures}corpus`)
    .filter((f) => f.endsWith('.dump.txt'))
    .map((f) => f.slice(0, -'.dump.txt'.length))

  it('has 38 pages', () => {
    expect(names).toHaveLength(38)
  })

  for (const name of names) {
    it(`repairs ${name} to its plain text`, () => {
      const dump = readFileSync(`${fixtures}corpus/${name}.dump.txt`, 'utf8')
      const plain = readFileSync(`${fixtures}corpus/${name}.plain.txt`, 'utf8')
      // The pipeline strips the BOM before repairing.
      const input = dump.charCodeAt(0) === 0xfeff ? dump.slice(1) : dump
      const result = repairMojibake(input)
      checkInvariants(input, result)
      expect(result.text.replace(/\r\n/g, '\n')).toBe(plain)
      if (input !== plain.replace(/\n/g, input.includes('\r\n') ? '\r\n' : '\n')) {
        expect(result.repairs.length).toBeGreaterThan(0)
      }
      // Idempotent: the clean text, and the repaired text, stay as they are.
      expect(repairMojibake(plain)).toEqual({text: plain, repairs: []})
      expect(repairMojibake(result.text).repairs).toEqual([])
    })
  }

  it('keeps CRLF line ends of the cp1252-crlf-bom pages', () => {
    const manifest = readFileSync(`${fixtures}corpus/manifest.jsonl`, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as {name: string; corruption: string})
    const crlf = manifest.filter((m) => m.corruption === 'cp1252-crlf-bom')
    expect(crlf.length).toBeGreaterThan(0)
    for (const m of crlf) {
      const dump = readFileSync(`${fixtures}corpus/${m.name}.dump.txt`, 'utf8')
      expect(dump.charCodeAt(0)).toBe(0xfeff)
      const out = repairMojibake(dump.slice(1)).text
      expect(out.split('\r\n').length).toBe(dump.split('\r\n').length)
    }
  })
})

describe('the seed dump', () => {
  it('logs exactly the six en dash repairs with their lines and columns', () => {
    const seed = readFileSync(`${fixtures}foreign-relations-of-mali.txt`, 'utf8')
    const result = repairMojibake(seed)
    checkInvariants(seed, result)
    expect(result.repairs.map((r) => [r.original, r.replacement, r.line, r.column])).toEqual([
      ['â€“', '–', 24, 48],
      ['â€“', '–', 28, 47],
      ['â€“', '–', 36, 47],
      ['â€“', '–', 43, 46],
      ['â€“', '–', 52, 46],
      ['â€“', '–', 58, 46]
    ])
    expect(result.repairs.every((r) => r.codecs.join() === 'windows-1252')).toBe(true)
    expect(result.text).toContain('See Canada–Mali relations')
    expect(result.text).not.toContain('â€')
    expect(repairMojibake(result.text).repairs).toEqual([])
  })
})

describe('repairMojibake details', () => {
  it('never touches correct text', () => {
    for (const text of [
      "Côte d'Ivoire",
      'São Tomé and Príncipe',
      "I'm not such a fan of Charlotte Brontë…”",
      'SÃO PAULO e CONCEIÇÃO',
      'There are a lot of Ã’s in mojibake text',
      'The mojibake “Ã©” stands for “é”, and the dump says Canadaâ€“Mali.'.replace('Canadaâ€“Mali', 'Canada–Mali'),
      '\uFEFFplain text',
      'The dump has “â€“” for “–”, and `Ã©` for é; ftfy turns "Ã¢â‚¬â„¢" into ’.',
      'Ελληνικά, Русский, 日本語, 한국어'
    ]) {
      expect(repairMojibake(text), text).toEqual({text, repairs: []})
    }
  })

  it('keeps a leading U+FEFF and CRLF, and reports positions in the input', () => {
    const input = '\uFEFFline one\r\nSee Canadaâ€“Mali relations\r\nlast'
    const result = repairMojibake(input)
    expect(result.text).toBe('\uFEFFline one\r\nSee Canada–Mali relations\r\nlast')
    expect(result.repairs).toEqual([
      {original: 'â€“', replacement: '–', line: 2, column: 11, offset: 21, codecs: ['windows-1252']}
    ])
  })

  it('logs one repair per damaged run, with the codec chain for double damage', () => {
    const result = repairMojibake('SÃ£o TomÃ©, doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t')
    expect(result.text).toBe('São Tomé, doesn’t')
    expect(result.repairs.map((r) => [r.original, r.replacement, r.column])).toEqual([
      ['Ã£', 'ã', 2],
      ['Ã©', 'é', 9],
      ['ÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢', '’', 18]
    ])
    // Three layers of damage: three codecs in the chain.
    expect(result.repairs[2]?.codecs).toEqual(['windows-1252', 'windows-1252', 'windows-1252'])
    expect(repairMojibake('itÃ¢â‚¬â„¢s').repairs).toEqual([
      {original: 'Ã¢â‚¬â„¢', replacement: '’', line: 1, column: 3, offset: 2, codecs: ['windows-1252', 'windows-1252']}
    ])
  })

  it('repairs Latin-1 damage (C1 controls) and lost bytes', () => {
    expect(repairMojibake('Caf\u00c3\u00a9 \u00e2\u0080\u0093 ok').text).toBe('Café – ok')
    expect(repairMojibake('Sloven\u00c4\uFFFDina').text).toBe('Sloven\uFFFDina')
    expect(repairMojibake('\u0084Handwerk\u0093').text).toBe('„Handwerk“')
    const latin1 = repairMojibake('a \u00e2\u0080\u0093 b')
    expect(latin1.repairs[0]?.codecs).toEqual(['latin-1'])
  })

  it('repairs the non-breaking space that became a space', () => {
    expect(repairMojibake('voilÃ  le travail').text).toBe('voilà le travail')
    expect(repairMojibake("jusqu'Ã nos jours, Ã©tÃ©").text).toBe("jusqu'à nos jours, été")
  })

  it('repairLine reports edits relative to the line', () => {
    expect(repairLine('x â€“ y')).toEqual({
      text: 'x – y',
      edits: [{start: 2, end: 5, original: 'â€“', replacement: '–', codecs: ['windows-1252']}]
    })
    expect(repairLine('plain ascii')).toEqual({text: 'plain ascii', edits: []})
  })

  it('undoes cp1252 damage of any Latin-1 text, and is idempotent (property)', () => {
    // Words as they come in text: lower case, maybe capitalized, an accented
    // letter or a punctuation mark inside or at the end; words joined by spaces.
    const lower = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split(''))
    const accented = fc.constantFrom(...'éèêëàâäôöüûùçñßáíóúãõ–—’“”…€°£'.split(''))
    const word = fc
      .tuple(fc.boolean(), fc.array(lower, {minLength: 1, maxLength: 6}), accented, fc.array(lower, {maxLength: 4}))
      .map(([cap, head, a, tail]) => {
        const w = head.join('') + a + tail.join('')
        return cap ? w.charAt(0).toUpperCase() + w.slice(1) : w
      })
    const text = fc.array(word, {minLength: 1, maxLength: 8}).map((words) => words.join(' '))
    fc.assert(
      fc.property(text, (clean) => {
        const damaged = new TextDecoder('windows-1252').decode(new TextEncoder().encode(clean))
        const result = repairMojibake(damaged)
        checkInvariants(damaged, result)
        expect(result.text).toBe(clean)
        expect(repairMojibake(result.text).repairs).toEqual([])
      }),
      {numRuns: 300}
    )
  })
})
