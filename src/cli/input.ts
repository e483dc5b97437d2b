/**
 * Reading the CLI's input files, with one clear line for every way it can
 * fail: missing, a directory, unreadable, or binary.
 *
 * Binary input: bytes with a NUL that are not UTF-16 (UTF-16 text is full of
 * NULs and is read as text) are not a dump: the CLI stops with exit 2 and
 * `cannot read FILE: binary file (NUL byte at offset N, not UTF-16)` rather
 * than printing a model of garbage.  The library itself never refuses input:
 * `parseForeignRelations` and `parseDocument` read NULs as text.
 */

import {readFileSync, statSync} from 'node:fs'
import {decode} from '../decode/index.js'

/** A problem with an input file; its message is one line. */
export class InputError extends Error {
  override name = 'InputError'
}

/**
 * The offset of the first NUL byte of `bytes` when they are binary (a NUL,
 * and not UTF-16 by BOM or by the NUL pattern of UTF-16 text); else -1.
 */
export function binaryOffset(bytes: Uint8Array): number {
  const nul = bytes.indexOf(0)
  if (nul === -1) return -1
  const {encoding} = decode(bytes.subarray(0, Math.min(bytes.length, 4096)))
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return -1
  return nul
}

/**
 * Check that bytes are text; throws `InputError` for binary ones.
 *
 * @param bytes the input
 * @param name the file name (or `stdin`) for the message
 */
export function assertText(bytes: Uint8Array, name: string): Uint8Array {
  const at = binaryOffset(bytes)
  if (at !== -1) throw new InputError(`cannot read ${name}: binary file (NUL byte at offset ${at}, not UTF-16)`)
  return bytes
}

/**
 * Read an input file for the CLI.  An empty file is read (the model of an
 * empty dump is empty, with an `empty-input` diagnostic).
 *
 * @param file the path
 * @throws InputError when the file is missing, a directory, unreadable or binary
 */
export function readInputFile(file: string): Uint8Array {
  let stat
  try {
    stat = statSync(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new InputError(`cannot read ${file}: ${code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file' : describe(code)}`)
  }
  if (stat.isDirectory()) throw new InputError(`cannot read ${file}: it is a directory`)
  let bytes: Uint8Array
  try {
    bytes = readFileSync(file)
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${describe((error as NodeJS.ErrnoException).code)}`)
  }
  return assertText(bytes, file)
}

function describe(code: string | undefined): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EISDIR':
      return 'it is a directory'
    case 'ELOOP':
      return 'too many symbolic links'
    case 'ENAMETOOLONG':
      return 'file name too long'
    default:
      return code ?? 'unreadable'
  }
}
