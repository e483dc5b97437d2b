// Types for the pandoc-wasm devDependency (it ships none), used by the table tests.
declare module 'pandoc-wasm' {
  export function convert(
    options: Record<string, unknown>,
    stdin: string | null,
    files: Record<string, unknown>
  ): Promise<{stdout: string; stderr: string; warnings: unknown[]; files: Record<string, unknown>}>
}
