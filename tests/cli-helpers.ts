/** Running the CLI in process, for the CLI tests. */

import {run} from '../src/cli/main.js'

/** What a test feeds the CLI. */
export interface Io {
  stdin?: Uint8Array
  chunks?: (Uint8Array | string)[]
  cwd?: string
  progress?: boolean
}

export async function cli(argv: string[], io: Io = {}): Promise<{code: number; out: string; err: string; lines: Record<string, unknown>[]}> {
  let out = ''
  let err = ''
  const code = await run(argv, {
    stdout: (s) => {
      out += s
    },
    stderr: (s) => {
      err += s
    },
    cwd: io.cwd ?? process.cwd(),
    stdin: async () => io.stdin ?? new Uint8Array(),
    ...(io.progress ? {progress: true} : {}),
    ...(io.chunks
      ? {
          stdinStream: async function* () {
            for (const c of io.chunks ?? []) yield c
          }
        }
      : {})
  })
  return {
    code,
    out,
    err,
    get lines() {
      return out === '' ? [] : out.replace(/\n$/, '').split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    }
  }
}
