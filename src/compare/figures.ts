// Figures: numbers with their units and the words before them (新引进大学生 10764人), paired
// across two versions so an archivist sees which figures moved and by how much. Values are
// compared in one scale (3.1万人 → 34000人 is +2,900人), a change in percent is in 个百分点,
// and a figure whose label matches but whose value or magnitude changed is one 变化 row.
import { foldText, type ResolvedNormalizeOptions } from './normalize'
import { derived, prepareText, type PreparedText } from './prepare'
import type { FigureChange, FigureSide } from './types'
import { FIGURE, MAGNITUDES } from './units'

/** Characters of the clause before a number kept as its label (a readable phrase, digits kept). */
const LABEL_CHARS = 16
const HAS_DIGIT = /[0-9０-９]/
const CLAUSE_BREAK = /[，,、；;：:。！？!?（(]/u

type Found = FigureSide & { label: string; matchKey: string; sectionKey?: string; grams: Set<string> }

function figuresIn(prepared: PreparedText, section: number, sectionKey?: string): Found[] {
  const raw = derived(prepared, 'figures', () => extractFigures(prepared.text, prepared.options, prepared.sentences))
  return raw.map(f => ({ ...f, section, sectionKey }))
}

/** The figures of a report's sections, read once per section text (an opaque list for `pairFigures`). */
export type FigureList = readonly Found[]

export function listFigures(sections: { prepared: PreparedText; key?: string }[]): FigureList {
  return sections.flatMap((s, i) => figuresIn(s.prepared, i, s.key))
}

function extractFigures(text: string, options: ResolvedNormalizeOptions, sentences: { start: number; end: number }[]): Omit<Found, 'section' | 'sectionKey'>[] {
  const found: Omit<Found, 'section' | 'sectionKey'>[] = []
  for (const { start, end } of sentences) {
    const sentence = text.slice(start, end)
    // a figure starts with a digit: most sentences are spared the pattern
    if (!HAS_DIGIT.test(sentence)) continue
    for (const m of sentence.matchAll(FIGURE)) {
      const value = Number(m[1].normalize('NFKC').replace('．', '.'))
      if (!Number.isFinite(value)) continue
      // the phrase since the last clause break, as written (digits kept: “其中35岁以下的占”)
      const lead = (sentence.slice(0, m.index).split(CLAUSE_BREAK).pop() ?? '').trim()
      let label = lead.length > LABEL_CHARS ? lead.slice(-LABEL_CHARS) : lead
      // a number that opens its clause (“23名市领导联系…”) is named by the words after it
      if ((label.match(/\p{Script=Han}/gu) ?? []).length < 2) {
        const trail = (sentence.slice(m.index + m[0].length).split(CLAUSE_BREAK)[0] ?? '').trim()
        label = `${label}…${trail.slice(0, LABEL_CHARS)}`
      }
      const { unit, scale } = unitOf(foldText(m[2], options))
      const matchKey = foldText(label, options).replace(/[^\p{Script=Han}a-z]/gu, '')
      found.push({ text: m[0], value, unit, scale, sentence: sentence.trim(), label, matchKey, grams: bigrams(matchKey) })
    }
  }
  return found
}

/** The unit without its magnitude, and the magnitude's scale: 万人 → 人 × 10,000; % stays %. */
function unitOf(written: string): { unit: string; scale: number } {
  if (written.length > 1 && MAGNITUDES[written[0]] && !written.startsWith('千米')) return { unit: written.slice(1), scale: MAGNITUDES[written[0]] }
  if (written.length === 1 && MAGNITUDES[written]) return { unit: '', scale: MAGNITUDES[written] }
  return { unit: written, scale: 1 }
}

/** A change as a reader says it: in the written magnitude when both sides share it, in 个百分点 for percent. */
function deltaText(before: FigureSide, after: FigureSide, unit: string): string {
  const sign = (n: number) => (n > 0 ? '+' : n < 0 ? '−' : '±')
  const round = (n: number) => Math.round(n * 1e6) / 1e6
  if (unit === '%' || unit === '％') {
    const d = round(after.value - before.value)
    return `${sign(d)}${Math.abs(d)}个百分点`
  }
  if (before.scale === after.scale) {
    const d = round(after.value - before.value)
    const magnitude = Object.keys(MAGNITUDES).find(k => MAGNITUDES[k] === before.scale && before.scale > 1) ?? ''
    return `${sign(d)}${Math.abs(d)}${magnitude}${unit}`
  }
  const d = round(after.value * after.scale - before.value * before.scale)
  return `${sign(d)}${Math.abs(d).toLocaleString('en-US')}${unit}`
}

function bigrams(text: string): Set<string> {
  const set = new Set<string>()
  for (let i = 0; i + 2 <= text.length; i++) set.add(text.slice(i, i + 2))
  if (text.length === 1) set.add(text)
  return set
}

function dice(a: Found, b: Found): number {
  if (a.matchKey === b.matchKey) return 1
  const ga = a.grams
  const gb = b.grams
  if (ga.size + gb.size === 0) return 0
  let shared = 0
  for (const g of ga) if (gb.has(g)) shared++
  return (2 * shared) / (ga.size + gb.size)
}


function listAt<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key)
  if (!list) map.set(key, (list = []))
  return list
}

function side({ text, value, unit, scale, section, sentence }: Found): FigureSide {
  return { text, value, unit, scale, section, sentence }
}

/** Figures of two versions, paired by unit and by the words before them (best matches first). */
export function compareFigures(
  before: { text: string; key?: string }[],
  after: { text: string; key?: string }[],
  options: ResolvedNormalizeOptions,
  /** label similarity at which two figures of one unit are the same figure (CompareConfig.figureLabelMatch) */
  threshold = 0.6
): FigureChange[] {
  const list = (sections: { text: string; key?: string }[]) => listFigures(sections.map(s => ({ prepared: prepareText(s.text, options), key: s.key })))
  return pairFigures(list(before), list(after), threshold)
}

/** Figures of two versions (see `listFigures`) paired: compareFigures on lists read before. */
export function pairFigures(a: FigureList, b: FigureList, threshold: number): FigureChange[] {
  // candidates: same unit and the same label first (through an index); the figures left over
  // are scored by label bigrams within their unit
  const candidates: { i: number; j: number; score: number }[] = []
  const score = (fa: Found, fb: Found) => dice(fa, fb) + (fa.sectionKey && fa.sectionKey === fb.sectionKey ? 0.05 : 0) + (fa.value === fb.value ? 0.01 : 0)
  const exact = new Map<string, number[]>()
  a.forEach((fa, i) => fa.matchKey && listAt(exact, fa.unit + '\u0000' + fa.matchKey).push(i))
  const looseB: number[] = []
  const exactA = new Set<number>()
  b.forEach((fb, j) => {
    const same = fb.matchKey ? exact.get(fb.unit + '\u0000' + fb.matchKey) : undefined
    if (!same) return fb.matchKey && looseB.push(j)
    for (const i of same) {
      candidates.push({ i, j, score: score(a[i], fb) })
      exactA.add(i)
    }
  })
  // only figures of the same unit that share a label bigram can reach the threshold
  const byUnitGram = new Map<string, number[]>()
  a.forEach((fa, i) => {
    if (!fa.matchKey || exactA.has(i)) return
    for (const gram of fa.grams) listAt(byUnitGram, fa.unit + '\u0000' + gram).push(i)
  })
  for (const j of looseB) {
    const seen = new Set<number>()
    for (const gram of b[j].grams) {
      for (const i of byUnitGram.get(b[j].unit + '\u0000' + gram) ?? []) {
        if (seen.has(i)) continue
        seen.add(i)
        const value = score(a[i], b[j])
        if (value >= threshold) candidates.push({ i, j, score: value })
      }
    }
  }
  candidates.sort((x, y) => y.score - x.score || x.j - y.j)
  const usedA = new Set<number>()
  const usedB = new Set<number>()
  const pairs = new Map<number, number>() // j → i
  for (const c of candidates) {
    if (usedA.has(c.i) || usedB.has(c.j)) continue
    usedA.add(c.i)
    usedB.add(c.j)
    pairs.set(c.j, c.i)
  }
  const changes: FigureChange[] = b.map((fb, j) => {
    const i = pairs.get(j)
    if (i === undefined) return { label: fb.label, unit: fb.unit, after: side(fb), status: 'added' }
    const fa = a[i]
    const same = fa.value * fa.scale === fb.value * fb.scale
    const before = side(fa)
    const after = side(fb)
    return {
      label: fb.label,
      unit: fb.unit,
      before,
      after,
      // in the later side's scale: 3.1万 → 3.4万 is +0.3 (万人), 96.08% → 98.2% is +2.12 (个百分点)
      delta: Math.round(((fb.value * fb.scale - fa.value * fa.scale) / fb.scale) * 1e6) / 1e6,
      deltaText: same ? '' : deltaText(before, after, fb.unit),
      status: same ? 'same' : 'changed',
    }
  })
  a.forEach((fa, i) => {
    if (!usedA.has(i)) changes.push({ label: fa.label, unit: fa.unit, before: side(fa), status: 'removed' })
  })
  return changes
}
