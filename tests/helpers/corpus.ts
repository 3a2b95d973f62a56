// The five real summaries in ../shared/corpus (outside this repository). Tests that read them
// skip when the folder is missing, and say so loudly instead of passing silently.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'

export const CORPUS_DIR = path.resolve(__dirname, '../../../shared/corpus')
export const corpusAvailable = existsSync(CORPUS_DIR)

let warned = false
/** Call once per suite that needs the corpus: prints a visible warning when it is missing. */
export function warnIfCorpusMissing(suite: string): boolean {
  if (!corpusAvailable && !warned) {
    warned = true
    console.warn(`\n⚠ SKIPPED corpus tests (${suite}): ${CORPUS_DIR} is missing — the real-text checks did not run.\n`)
  }
  return corpusAvailable
}

export function corpusText(name: string): string {
  return readFileSync(path.join(CORPUS_DIR, name), 'utf8')
}

export function corpusFiles(): { name: string; text: string }[] {
  return corpusAvailable ? readdirSync(CORPUS_DIR).filter(f => f.endsWith('.txt')).sort().map(name => ({ name, text: corpusText(name) })) : []
}
