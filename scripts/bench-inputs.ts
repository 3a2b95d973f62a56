// Deterministic benchmark inputs built from the demo texts: revisions with a given share of
// edited sentences and one moved paragraph, and texts padded to a size.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parseSummary, sectionKeyFor } from '../src/text'

export const DEMO_TEXTS = [2021, 2022, 2023, 2024].map(y => readFileSync(path.resolve(__dirname, `../seeds/demo/minghu-${y}.txt`), 'utf8'))

export function rng(seed: number) {
  let s = seed >>> 0
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32)
}

/** Edits `share` of the sentences (numbers bumped, words added) and moves one paragraph. */
export function revise(text: string, share: number, seed: number): string {
  const random = rng(seed)
  const words = ['进一步', '扎实', '全面', '持续', '切实', '深入']
  const edited = text.split('\n').map(p =>
    p.replace(/[^。！？；\n]+[。！？；]/g, sentence => {
      if (random() >= share) return sentence
      if (/\d/.test(sentence) && random() < 0.6) return sentence.replace(/\d+/, n => String(Number(n) + 1 + Math.floor(random() * 20)))
      return words[Math.floor(random() * words.length)] + sentence
    })
  )
  const from = 3 + Math.floor(random() * (edited.length / 3))
  const [moved] = edited.splice(from, 1)
  edited.splice(Math.min(edited.length, from + 8 + Math.floor(random() * 10)), 0, moved)
  return edited.join('\n')
}

export function toSize(parts: string[], size: number): string {
  let out = ''
  for (let i = 0; out.length < size; i++) out += parts[i % parts.length] + '\n'
  return out.slice(0, size)
}

/** Eleven years of a ~13k-character summary, each revising the one before (8% of sentences). */
export function elevenYears(): string[] {
  const years = [DEMO_TEXTS.join('\n')]
  for (let y = 1; y <= 10; y++) years.push(revise(years[y - 1], 0.08, 100 + y))
  return years
}

export function reportOf(text: string) {
  const parsed = parseSummary(text)
  return { title: parsed.title, sections: parsed.sections.map(s => ({ ...s, key: sectionKeyFor(s.heading) })) }
}
