/**
 * Rule configuration, the I/O part: finding the nearest
 * `foreign-relations.config.json` (or a `foreign-relations` key in a
 * package.json) upward from a directory.
 *
 * Written by hand rather than with `cosmiconfig`/`lilconfig`: two file names,
 * JSON only, synchronous; those packages bring loaders (YAML, JS) we must not
 * execute on a CI gate.
 */

import {readFileSync} from 'node:fs'
import path from 'node:path'
import {UsageError, validateConfig, type RuleSettings} from './config.js'

/** The name of the config file looked for in each directory. */
export const CONFIG_FILE_NAME = 'foreign-relations.config.json'

/** The key looked for in package.json. */
export const PACKAGE_JSON_KEY = 'foreign-relations'

/** A config found on disk. */
export interface LoadedConfig {
  /** The file it came from (a config file, or a package.json). */
  path: string
  rules: RuleSettings
}

function readIfExists(file: string): string | null {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`)
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new UsageError(`${file}: invalid JSON (${(error as Error).message})`)
  }
}

/**
 * Read the config of one directory, or null when it has none: its
 * `foreign-relations.config.json`, else the `foreign-relations` key of its
 * package.json.  A package.json without the key is not a config.
 *
 * @throws UsageError on unreadable or invalid JSON, unknown rules or settings
 */
export function readConfigIn(dir: string): LoadedConfig | null {
  const configFile = path.join(dir, CONFIG_FILE_NAME)
  const text = readIfExists(configFile)
  if (text !== null) return {path: configFile, rules: validateConfig(parseJson(text, configFile), configFile)}
  const pkgFile = path.join(dir, 'package.json')
  const pkgText = readIfExists(pkgFile)
  if (pkgText === null) return null
  const pkg = parseJson(pkgText, pkgFile)
  if (pkg === null || typeof pkg !== 'object' || !Object.hasOwn(pkg, PACKAGE_JSON_KEY)) return null
  const where = `${pkgFile} ("${PACKAGE_JSON_KEY}")`
  return {path: pkgFile, rules: validateConfig((pkg as Record<string, unknown>)[PACKAGE_JSON_KEY], where)}
}

/**
 * Find the nearest config upward from `fromDir` (that directory first, then
 * its parents up to the file-system root).  The nearest one wins; configs
 * are not merged.  Results are cached in `cache` when one is given.
 *
 * @throws UsageError on an invalid config file
 */
export function loadConfig(fromDir: string, cache?: Map<string, LoadedConfig | null>): LoadedConfig | null {
  const visited: string[] = []
  let dir = path.resolve(fromDir)
  let found: LoadedConfig | null = null
  for (;;) {
    if (cache?.has(dir)) {
      found = cache.get(dir) ?? null
      break
    }
    visited.push(dir)
    found = readConfigIn(dir)
    if (found) break
    const parent = path.dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  if (cache) for (const d of visited) cache.set(d, found)
  return found
}
