/**
 * Packaging: what `npm pack` would ship.  The package is built into a
 * scratch directory (so the test neither needs nor touches `dist/`), then
 * `npm pack --dry-run --json` lists the files: the compiled JavaScript, its
 * type declarations, the JSON Schema, README, LICENSE and package.json;
 * no sources, tests, fixtures, scripts or source maps.
 */

import {execFileSync} from 'node:child_process'
import {cpSync, existsSync, mkdtempSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  files: string[]
  exports: Record<string, unknown>
  bin: Record<string, string>
  types: string
}

describe('npm pack', () => {
  it('ships dist (JavaScript and types), the schema, README, LICENSE and package.json only', {timeout: 180_000}, () => {
    const scratch = mkdtempSync(join(tmpdir(), 'fr-pack-'))
    for (const file of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'schema']) {
      if (existsSync(join(root, file))) cpSync(join(root, file), join(scratch, file), {recursive: true})
    }
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
    execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json'), '--outDir', join(scratch, 'dist')], {cwd: root, stdio: 'pipe'})
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {cwd: scratch, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']})
    const files = (JSON.parse(out) as Array<{files: Array<{path: string}>}>)[0]!.files.map((f) => f.path).sort()

    const outside = files.filter((f) => !f.startsWith('dist/'))
    expect(outside).toEqual(['LICENSE', 'README.md', 'package.json', 'schema/foreign-relations.schema.json'])
    const dist = files.filter((f) => f.startsWith('dist/'))
    expect(dist.filter((f) => !/\.(js|d\.ts)$/.test(f))).toEqual([])
    expect(dist.filter((f) => /\.map$|\.test\.|fixtures|\/tests?\//.test(f))).toEqual([])
    // Every module comes with its declarations.
    for (const js of dist.filter((f) => f.endsWith('.js'))) expect(dist, js).toContain(js.replace(/\.js$/, '.d.ts'))
    // The entry points the manifest names are in the tarball.
    for (const target of ['dist/index.js', 'dist/index.d.ts', 'dist/unified.js', 'dist/cli/main.js', 'dist/cli/schema.js']) expect(files).toContain(target)
    expect(files).toContain(pkg.types.replace(/^\.\//, ''))
    for (const bin of Object.values(pkg.bin)) expect(files).toContain(bin.replace(/^\.\//, ''))
  })

  it('exports the entry point (ESM + types), package.json and the schema', () => {
    expect(pkg.exports).toEqual({
      '.': {types: './dist/index.d.ts', default: './dist/index.js'},
      './package.json': './package.json',
      './schema.json': './schema/foreign-relations.schema.json'
    })
  })
})
