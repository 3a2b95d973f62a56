// compareWithHistory: for each sentence of a draft, the earliest earlier year it appears in
// (word for word after normalisation, or as a near copy), so a view can colour text by age.
// Each earlier report is fingerprinted once (sentence keys and 8-gram hashes) and cached by
// content, so ten or twenty years cost little more than one.
import { resolveNormalizeOptions, optionsKey, type NormalizeOptions, type ResolvedNormalizeOptions } from './normalize'
import { prepareText } from './prepare'
import { boundedCache } from './lru'
import { forEachGram } from './grams'
import type { HistoryReport, HistoryResult, ReportInput, SentenceOrigin } from './types'

const GRAM = 8
const SIMILAR = 0.6
const MIN_SENTENCE_CHARS = 4

export type ReportFingerprint = { sentences: Set<string>; grams: HashSet32; normLength: number }

/**
 * A set of 32-bit hashes in one typed array (open addressing, no deletion): filling a
 * Set<number> with a report's 8-grams cost more than the rest of a cold history run.
 */
export class HashSet32 {
  private readonly table: Uint32Array
  private readonly shift: number
  private hasZero = false
  size = 0

  constructor(most: number) {
    let bits = 4
    while (1 << bits < most * 2) bits++
    this.table = new Uint32Array(1 << bits)
    this.shift = 32 - bits
  }

  /** The slot of `hash`, or of the empty place where it would go (0 marks empty: zero is kept aside). */
  private slot(hash: number): number {
    const mask = this.table.length - 1
    let i = Math.imul(hash, 0x9e3779b1) >>> this.shift
    while (this.table[i] !== 0 && this.table[i] !== hash) i = (i + 1) & mask
    return i
  }

  add(hash: number) {
    if (hash === 0) {
      if (!this.hasZero) this.size++
      this.hasZero = true
      return
    }
    const i = this.slot(hash)
    if (this.table[i] === 0) {
      this.table[i] = hash
      this.size++
    }
  }

  has(hash: number): boolean {
    return hash === 0 ? this.hasZero : this.table[this.slot(hash)] === hash
  }
}

const fingerprints = boundedCache<string, ReportFingerprint>({ entries: 256 })

function contentKey(report: ReportInput, options: ResolvedNormalizeOptions): string {
  return optionsKey(options) + '\u0000' + report.sections.map(s => s.text).join('\u0001')
}

/** Sentence keys and 8-gram hashes of a report (cached by content). */
export function fingerprintReport(report: ReportInput, options: NormalizeOptions = {}): ReportFingerprint {
  const resolved = resolveNormalizeOptions(options)
  const key = contentKey(report, resolved)
  const hit = fingerprints.get(key)
  if (hit) return hit
  const sentences = new Set<string>()
  const prepared = report.sections.map(section => prepareText(section.text, resolved).sentences)
  let normLength = 0
  for (const list of prepared) for (const s of list) normLength += s.key.length
  // at most one gram per normalised character (table sized once, never grown)
  const grams = new HashSet32(normLength)
  const add = (h: number) => grams.add(h)
  for (const list of prepared) {
    for (const s of list) {
      if (s.key.length >= MIN_SENTENCE_CHARS) sentences.add(s.key)
      forEachGram(s.key, GRAM, add)
    }
  }
  const fingerprint = { sentences, grams, normLength }
  fingerprints.set(key, fingerprint)
  return fingerprint
}

/** Share of the hashes found in `grams` (the sentence's 8-grams, hashed once for every year). */
function containment(hashes: number[], grams: HashSet32): number {
  let found = 0
  for (const h of hashes) if (grams.has(h)) found++
  return hashes.length === 0 ? 0 : found / hashes.length
}

export function compareWithHistory(draft: ReportInput, earlier: HistoryReport[], options: NormalizeOptions = {}): HistoryResult {
  const resolved = resolveNormalizeOptions(options)
  const years = [...earlier].sort((a, b) => a.year - b.year).map(report => ({ year: report.year, fingerprint: fingerprintReport(report, resolved) }))
  const perYear = new Map(years.map(y => [y.year, 0]))
  const sentences: SentenceOrigin[] = []
  let totalChars = 0
  let newChars = 0
  draft.sections.forEach((section, index) => {
    for (const s of prepareText(section.text, resolved).sentences) {
      if (!s.key) continue
      totalChars += s.key.length
      const origin: SentenceOrigin = { section: index, start: s.start, end: s.end, text: section.text.slice(s.start, s.end), match: 'new', similarity: 0 }
      const exact = s.key.length >= MIN_SENTENCE_CHARS ? years.filter(y => y.fingerprint.sentences.has(s.key)) : []
      if (exact.length) {
        Object.assign(origin, { match: 'exact', similarity: 1, firstYear: exact[0].year, lastYear: exact[exact.length - 1].year })
        for (const y of exact) perYear.set(y.year, (perYear.get(y.year) ?? 0) + s.key.length)
      } else if (s.key.length >= GRAM) {
        const hashes: number[] = []
        forEachGram(s.key, GRAM, h => hashes.push(h))
        const scores = years.map(y => ({ year: y.year, score: containment(hashes, y.fingerprint.grams) }))
        const similar = scores.filter(x => x.score >= SIMILAR)
        if (similar.length) {
          Object.assign(origin, {
            match: 'similar',
            similarity: Math.max(...similar.map(x => x.score)),
            firstYear: similar[0].year,
            lastYear: similar[similar.length - 1].year,
          })
          for (const y of similar) perYear.set(y.year, (perYear.get(y.year) ?? 0) + Math.round(s.key.length * y.score))
        } else origin.similarity = Math.max(0, ...scores.map(x => x.score))
      }
      if (origin.match === 'new') newChars += s.key.length
      sentences.push(origin)
    }
  })
  return {
    sentences,
    years: years.map(y => {
      const reusedChars = perYear.get(y.year) ?? 0
      return { year: y.year, reusedChars, similarity: totalChars ? reusedChars / totalChars : 0 }
    }),
    newChars,
    totalChars,
  }
}
