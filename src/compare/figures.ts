// Figures: numbers with their units and the words before them (新引进大学生 10764人), paired
// across two versions so an archivist sees which figures moved and by how much.
import { foldText, type ResolvedNormalizeOptions } from './normalize'
import { derived, prepareText, splitSentences } from './prepare'
import type { FigureChange, FigureSide } from './types'
import { FIGURE } from './units'

const LABEL_CHARS = 8

type Found = FigureSide & { label: string; sectionKey?: string; grams: Set<string> }

function figuresIn(text: string, section: number, options: ResolvedNormalizeOptions, sectionKey?: string): Found[] {
  const raw = derived(prepareText(text, options), 'figures', () => extractFigures(text, options))
  return raw.map(f => ({ ...f, section, sectionKey }))
}

function extractFigures(text: string, options: ResolvedNormalizeOptions): Omit<Found, 'section' | 'sectionKey'>[] {
  const found: Omit<Found, 'section' | 'sectionKey'>[] = []
  for (const [start, end] of splitSentences(text)) {
    const sentence = text.slice(start, end)
    for (const m of sentence.matchAll(FIGURE)) {
      const value = Number(m[1].normalize('NFKC').replace('．', '.'))
      if (!Number.isFinite(value)) continue
      // the words since the last clause break, without digits: “全年新引进大学生”
      const lead = sentence.slice(0, m.index).split(/[，,、；;：:。！？!?（(]/u).pop() ?? ''
      const words = (t: string) => foldText(t, options).replace(/[^\p{Script=Han}a-z]/gu, '')
      let label = words(lead).slice(-LABEL_CHARS)
      // a number that opens its clause (“23名市领导联系…”) is named by the words after it
      if (label.length < 2) {
        const trail = sentence.slice(m.index + m[0].length).split(/[，,、；;：:。！？!?（(]/u)[0] ?? ''
        label = `${label}…${words(trail).slice(0, LABEL_CHARS - label.length)}`
      }
      found.push({ text: m[0], value, unit: foldText(m[2], options), sentence: sentence.trim(), label, grams: bigrams(label) })
    }
  }
  return found
}

function bigrams(text: string): Set<string> {
  const set = new Set<string>()
  for (let i = 0; i + 2 <= text.length; i++) set.add(text.slice(i, i + 2))
  if (text.length === 1) set.add(text)
  return set
}

function dice(a: Found, b: Found): number {
  if (a.label === b.label) return 1
  const ga = a.grams
  const gb = b.grams
  if (ga.size + gb.size === 0) return 0
  let shared = 0
  for (const g of ga) if (gb.has(g)) shared++
  return (2 * shared) / (ga.size + gb.size)
}

const PAIR_THRESHOLD = 0.6

function listAt<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key)
  if (!list) map.set(key, (list = []))
  return list
}

function side({ text, value, unit, section, sentence }: Found): FigureSide {
  return { text, value, unit, section, sentence }
}

/** Figures of two versions, paired by unit and by the words before them (best matches first). */
export function compareFigures(
  before: { text: string; key?: string }[],
  after: { text: string; key?: string }[],
  options: ResolvedNormalizeOptions
): FigureChange[] {
  const a = before.flatMap((s, i) => figuresIn(s.text, i, options, s.key))
  const b = after.flatMap((s, i) => figuresIn(s.text, i, options, s.key))
  // candidates: same unit and the same label first (through an index); the figures left over
  // are scored by label bigrams within their unit
  const candidates: { i: number; j: number; score: number }[] = []
  const score = (fa: Found, fb: Found) => dice(fa, fb) + (fa.sectionKey && fa.sectionKey === fb.sectionKey ? 0.05 : 0) + (fa.value === fb.value ? 0.01 : 0)
  const exact = new Map<string, number[]>()
  a.forEach((fa, i) => fa.label && listAt(exact, fa.unit + '\u0000' + fa.label).push(i))
  const looseB: number[] = []
  const exactA = new Set<number>()
  b.forEach((fb, j) => {
    const same = fb.label ? exact.get(fb.unit + '\u0000' + fb.label) : undefined
    if (!same) return fb.label && looseB.push(j)
    for (const i of same) {
      candidates.push({ i, j, score: score(a[i], fb) })
      exactA.add(i)
    }
  })
  // only figures of the same unit that share a label bigram can reach the threshold
  const byUnitGram = new Map<string, number[]>()
  a.forEach((fa, i) => {
    if (!fa.label || exactA.has(i)) return
    for (const gram of fa.grams) listAt(byUnitGram, fa.unit + '\u0000' + gram).push(i)
  })
  for (const j of looseB) {
    const seen = new Set<number>()
    for (const gram of b[j].grams) {
      for (const i of byUnitGram.get(b[j].unit + '\u0000' + gram) ?? []) {
        if (seen.has(i)) continue
        seen.add(i)
        const value = score(a[i], b[j])
        if (value >= PAIR_THRESHOLD) candidates.push({ i, j, score: value })
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
    return {
      label: fb.label,
      unit: fb.unit,
      before: side(fa),
      after: side(fb),
      delta: Math.round((fb.value - fa.value) * 1e6) / 1e6,
      status: fa.value === fb.value ? 'same' : 'changed',
    }
  })
  a.forEach((fa, i) => {
    if (!usedA.has(i)) changes.push({ label: fa.label, unit: fa.unit, before: side(fa), status: 'removed' })
  })
  return changes
}
