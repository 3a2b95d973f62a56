// A report prepared for comparison, once per content: its sections prepared (prepare.ts),
// their headings folded, their 4-grams in one sorted table, their figures read, and their
// normalised texts joined (for passages reused across sections). A draft compared with ten
// earlier years is prepared once, each year once: what is left per pair is pairwise work.
import { stripNumbering } from '../text/numbering'
import { foldText, optionsKey, type ResolvedNormalizeOptions } from './normalize'
import { prepareText, type MappedText, type PreparedText } from './prepare'
import { boundedCache, cached } from './lru'
import { forEachGram } from './grams'
import { listFigures, type FigureList } from './figures'
import type { ReportInput } from './types'

const GRAM = 4

export type Side = {
  heading: string
  level: number
  key?: string
  prepared: PreparedText
  /** distinct 4-grams of the section's sentences */
  gramCount: number
  headingKey: string
  /** distinct character bigrams of the heading key, each as two code units in one number, ascending */
  headingGrams: Int32Array
}

/**
 * Every section's distinct 4-gram hashes, sorted by hash (then section): two reports' tables
 * are merge-joined to count the grams each pair of sections shares.
 */
export type GramTable = { hashes: Uint32Array; sections: Int32Array }

/** Normalised text of all sections joined by a separator, and where each section starts in it. */
export type Joined = { mapped: MappedText; offsets: number[] }

export type PreparedReport = {
  /** unique while cached: names this analysis in caches of pair results */
  id: number
  sides: Side[]
  /** normalised characters of all sections */
  normLength: number
  options: ResolvedNormalizeOptions
  /** filled on first use */
  grams?: GramTable
  joined: Map<string, Joined>
  figures?: FigureList
}

// ten or twenty years of a department and their drafts; bounded by characters too
const reports = boundedCache<string, PreparedReport>({ entries: 512, maxSize: 4_000_000, sizeOf: r => r.normLength + 1 })
const headingKeys = boundedCache<string, { key: string; grams: Int32Array }>({ entries: 20_000 })
let nextId = 1

function headingKey(heading: string, options: ResolvedNormalizeOptions): string {
  return foldText(stripNumbering(heading), options).replace(/[^\p{L}\p{N}]/gu, '')
}

function bigramCodes(text: string): Int32Array {
  const codes = new Int32Array(Math.max(0, text.length - 1))
  for (let i = 0; i + 2 <= text.length; i++) codes[i] = text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1)
  codes.sort()
  let m = 0
  for (let k = 0; k < codes.length; k++) if (m === 0 || codes[k] !== codes[m - 1]) codes[m++] = codes[k]
  return codes.slice(0, m)
}

/** The report's sections prepared, cached by content (headings, levels, keys and texts). */
export function prepareReport(report: ReportInput, options: ResolvedNormalizeOptions): PreparedReport {
  const oKey = optionsKey(options)
  const key = JSON.stringify([oKey, report.sections.map(s => [s.key || '', s.level ?? 1, s.heading, s.text])])
  return cached(reports, key, () => {
    let normLength = 0
    const sides = report.sections.map(section => {
      const prepared = prepareText(section.text, options)
      normLength += prepared.normLength
      const heading = cached(headingKeys, oKey + section.heading, () => {
        const folded = headingKey(section.heading, options)
        return { key: folded, grams: bigramCodes(folded) }
      })
      return { heading: section.heading, level: section.level ?? 1, key: section.key || undefined, prepared, gramCount: 0, headingKey: heading.key, headingGrams: heading.grams }
    })
    const prepared: PreparedReport = { id: nextId++, sides, normLength, options, joined: new Map() }
    gramTable(prepared)
    return prepared
  })
}

/** The report's 4-gram table (and each side's distinct gram count). */
export function gramTable(report: PreparedReport): GramTable {
  if (report.grams) return report.grams
  let total = 0
  for (const side of report.sides) for (const s of side.prepared.sentences) total += Math.max(0, s.key.length - GRAM + 1)
  let hashes: Uint32Array = new Uint32Array(total)
  let sections: Int32Array = new Int32Array(total)
  let n = 0
  report.sides.forEach((side, index) => {
    for (const s of side.prepared.sentences) {
      forEachGram(s.key, GRAM, hash => {
        hashes[n] = hash
        sections[n++] = index
      })
    }
  })
  // sorted by hash, sections in order within one hash (the radix sort is stable)
  ;[hashes, sections] = radixSort(hashes, sections)
  let m = 0
  for (let k = 0; k < total; k++) {
    if (m > 0 && hashes[k] === hashes[m - 1] && sections[k] === sections[m - 1]) continue
    hashes[m] = hashes[k]
    sections[m++] = sections[k]
    report.sides[sections[k]].gramCount++
  }
  report.grams = { hashes: hashes.subarray(0, m), sections: sections.subarray(0, m) }
  return report.grams
}

const DIGIT_BITS = 11
const counts = new Int32Array(1 << DIGIT_BITS)

/** LSD radix sort of 32-bit keys in three passes of 11 bits, carrying `values` along (stable). */
function radixSort(keys: Uint32Array, values: Int32Array): [Uint32Array, Int32Array] {
  let k: Uint32Array = keys
  let v: Int32Array = values
  let k2: Uint32Array = new Uint32Array(keys.length)
  let v2: Int32Array = new Int32Array(keys.length)
  for (let shift = 0; shift < 32; shift += DIGIT_BITS) {
    const mask = (1 << DIGIT_BITS) - 1
    counts.fill(0)
    for (let i = 0; i < k.length; i++) counts[(k[i] >>> shift) & mask]++
    let sum = 0
    for (let d = 0; d < counts.length; d++) {
      const c = counts[d]
      counts[d] = sum
      sum += c
    }
    for (let i = 0; i < k.length; i++) {
      const at = counts[(k[i] >>> shift) & mask]++
      k2[at] = k[i]
      v2[at] = v[i]
    }
    ;[k, k2] = [k2, k]
    ;[v, v2] = [v2, v]
  }
  return [k, v]
}

/** Shared distinct 4-grams of every pair of sections (a × B.length + b), by one merge of the two tables. */
export function sharedGramCounts(A: PreparedReport, B: PreparedReport): Int32Array {
  const ta = gramTable(A)
  const tb = gramTable(B)
  const width = B.sides.length
  const shared = new Int32Array(A.sides.length * width)
  const na = ta.hashes.length
  const nb = tb.hashes.length
  let i = 0
  let j = 0
  while (i < na && j < nb) {
    const h = ta.hashes[i]
    const g = tb.hashes[j]
    if (h < g) i++
    else if (h > g) j++
    else {
      let iEnd = i
      while (iEnd < na && ta.hashes[iEnd] === h) iEnd++
      let jEnd = j
      while (jEnd < nb && tb.hashes[jEnd] === h) jEnd++
      for (let x = i; x < iEnd; x++) {
        const row = ta.sections[x] * width
        for (let y = j; y < jEnd; y++) shared[row + tb.sections[y]]++
      }
      i = iEnd
      j = jEnd
    }
  }
  return shared
}

/** All sections' normalised texts joined by `separator` (a character that never matches the other side). */
export function joinedText(report: PreparedReport, separator: string): Joined {
  const known = report.joined.get(separator)
  if (known) return known
  const parts = report.sides.map(s => s.prepared.mapped)
  const length = parts.reduce((n, p) => n + p.key.length + 1, 0)
  const start = new Int32Array(length).fill(-1)
  const end = new Int32Array(length).fill(-1)
  const offsets: number[] = []
  let at = 0
  for (const part of parts) {
    offsets.push(at)
    start.set(part.start, at)
    end.set(part.end, at)
    at += part.key.length + 1
  }
  const joined = { mapped: { key: parts.map(p => p.key + separator).join(''), start, end }, offsets }
  report.joined.set(separator, joined)
  return joined
}

/** Section index and original [start, end) of `length` joined characters at `start`. */
export function locate(joined: Joined, start: number, length: number) {
  const { offsets, mapped } = joined
  // the last section starting at or before `start`
  let lo = 0
  let hi = offsets.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (offsets[mid] <= start) lo = mid
    else hi = mid - 1
  }
  return { section: lo, start: mapped.start[start], end: mapped.end[start + length - 1] }
}

/** The report's figures (read once per report). */
export function reportFigures(report: PreparedReport): FigureList {
  if (!report.figures) report.figures = listFigures(report.sides.map(s => ({ prepared: s.prepared, key: s.key })))
  return report.figures
}
