/**
 * The `json` reporter: the `CheckResults` object as JSON, for scripts.
 */

import type {CheckResults} from '../check/index.js'

/**
 * Format results as JSON: `{files: [{path, errorCount, warningCount,
 * infoCount, diagnostics}], errorCount, warningCount, infoCount}`; ends with
 * a newline.
 */
export function formatJson(results: CheckResults): string {
  return JSON.stringify(results, null, 2) + '\n'
}
