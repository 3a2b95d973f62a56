// Deterministic benchmark inputs built from the demo texts: revisions with a given share of
// edited sentences and one moved paragraph, and texts padded to a size.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
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

// ---------- realistic pairs: little shared wording, mostly reordered phrases ----------
// Real consecutive years of other departments share 5–20% of their wording, as phrases reused
// in other places rather than whole sentences kept in order. These texts are built from the
// demo and corpus clauses: each year draws clauses the previous year did not use (numbers
// re-drawn), and a share of the previous year's clauses reappears verbatim at other places.
const CORPUS_DIR = path.resolve(__dirname, '../../shared/corpus')
const CORPUS_TEXTS = existsSync(CORPUS_DIR) ? readdirSync(CORPUS_DIR).sort().map(f => readFileSync(path.join(CORPUS_DIR, f), 'utf8')) : []
const CN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

/** Clauses of the demo and corpus texts that share no run of 8 characters with each other. */
export function clausePool(): string[] {
  const seen = new Set<string>()
  const clauses: string[] = []
  for (const text of [...DEMO_TEXTS, ...CORPUS_TEXTS]) {
    for (const clause of text.replace(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/g, '').split(/[，,。；;！!？?\n]+/u)) {
      const bare = clause.trim().replace(/^[一二三四五六七八九十（）()0-9、.．]+/u, '')
      const key = bare.replace(/\d+/g, '0')
      const grams = Array.from({ length: Math.max(0, key.length - 7) }, (_, i) => key.slice(i, i + 8))
      if (bare.length < 6 || grams.some(g => seen.has(g))) continue
      for (const g of grams) seen.add(g)
      clauses.push(bare)
    }
  }
  return clauses
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' })
let vocabulary: Map<number, string[]> | undefined

/** Words of the pool by length (the stock that new wording is drawn from). */
function wordsByLength(pool: string[]): Map<number, string[]> {
  if (vocabulary) return vocabulary
  const byLength = new Map<number, Set<string>>()
  for (const clause of pool) {
    for (const { segment, isWordLike } of wordSegmenter.segment(clause)) {
      if (!isWordLike || !/^\p{Script=Han}+$/u.test(segment)) continue
      if (!byLength.has(segment.length)) byLength.set(segment.length, new Set())
      byLength.get(segment.length)?.add(segment)
    }
  }
  vocabulary = new Map([...byLength].map(([length, words]) => [length, [...words]]))
  return vocabulary
}

/**
 * New wording of a clause in the same register: most words swapped for other words of the
 * same length from the pool (“加强干部教育” → “深化人才服务”), numbers re-drawn.
 */
function reworded(clause: string, pool: string[], random: () => number): string {
  const words = wordsByLength(pool)
  let out = ''
  for (const { segment, isWordLike } of wordSegmenter.segment(clause)) {
    const choices = words.get(segment.length)
    const swap = isWordLike && choices && /^\p{Script=Han}+$/u.test(segment) && random() < 0.65
    out += swap ? choices[Math.floor(random() * choices.length)] : segment
  }
  return out.replace(/\d+/g, n => String(Math.max(1, Math.round(Number(n) * (0.7 + random() * 0.6)))))
}

type Outline = { heading: string; level: number; clauses: string[] }[]

function outlineText(title: string, outline: Outline): string {
  const lines = [title]
  let top = 0
  let sub = 0
  for (const section of outline) {
    if (section.level === 1) {
      lines.push(`${CN_NUMERALS[top++ % 10]}、${section.heading}`)
      sub = 0
    } else lines.push(`（${CN_NUMERALS[sub++ % 10]}）${section.heading}`)
    // sentences of 2–4 clauses, paragraphs of 2–4 sentences
    let paragraph = ''
    let sentence: string[] = []
    section.clauses.forEach((clause, index) => {
      sentence.push(clause)
      if (sentence.length >= 2 + (index % 3) || index === section.clauses.length - 1) {
        paragraph += sentence.join('，') + '。'
        sentence = []
      }
      if (paragraph.length > 180 || index === section.clauses.length - 1) {
        lines.push(paragraph)
        paragraph = ''
      }
    })
  }
  return lines.join('\n')
}

/**
 * Years of one department, each `size` characters, where each year reuses `share` of the
 * previous year's clauses verbatim at other places and words everything else anew.
 */
export function realisticYears(count: number, size = 16_000, share = 0.15, seed = 7): string[] {
  const pool = clausePool()
  const random = rng(seed)
  const years: string[] = []
  let previous: string[] = []
  for (let y = 0; y < count; y++) {
    const clauses: string[] = []
    let length = 0
    const reuse = shuffled(previous, random).slice(0, Math.round(previous.length * share))
    const reused = new Set(reuse)
    const used = new Set(previous)
    const fresh = shuffled(pool.filter(c => !used.has(c)), random)
    while (length < size * 0.97) {
      const fromPrevious = reuse.length && random() < share * 1.6
      const clause = fromPrevious ? (reuse.pop() as string) : reworded(fresh.pop() ?? pool[Math.floor(random() * pool.length)], pool, random)
      clauses.push(clause)
      length += clause.length + 1
    }
    // sections of 8–20 clauses; every third one a sub-section
    const outline: Outline = []
    for (let at = 0, n = 0; at < clauses.length; n++) {
      const take = 8 + Math.floor(random() * 13)
      const heading = reworded(pool[Math.floor(random() * pool.length)], pool, random).slice(0, 16)
      outline.push({ heading, level: n % 3 === 2 ? 2 : 1, clauses: clauses.slice(at, at + take) })
      at += take
    }
    years.push(outlineText(`某区${2015 + y}年工作总结`, outline).slice(0, size))
    previous = clauses
  }
  return years
}
