// Reused passages: every run of at least k normalised characters that stands on both sides,
// found with a suffix automaton of the earlier text (linear time, whatever the repetition).
import { foldChar, type ResolvedNormalizeOptions } from './normalize'
import { derived, type PreparedText } from './prepare'
import { boundedCache, cached } from './lru'
import { trimToNumbers } from './units'

/** Normalised text with, per normalised character, the original [start, end) it came from. */
export type MappedText = { key: string; start: Int32Array; end: Int32Array }

export function mappedKey(prepared: PreparedText): MappedText {
  return derived(prepared, 'mapped', () => computeMappedKey(prepared))
}

function computeMappedKey(prepared: PreparedText): MappedText {
  const { text, options, ignorable } = prepared
  const chars: string[] = []
  const starts: number[] = []
  const ends: number[] = []
  let i = 0
  while (i < text.length) {
    const code = text.codePointAt(i) as number
    const width = code > 0xffff ? 2 : 1
    if (!ignorable[i]) {
      for (const unit of foldChar(String.fromCodePoint(code), options as ResolvedNormalizeOptions).split('')) {
        chars.push(unit)
        starts.push(i)
        ends.push(i + width)
      }
    }
    i += width
  }
  return { key: chars.join(''), start: Int32Array.from(starts), end: Int32Array.from(ends) }
}

/** A shared run: `length` normalised characters at `aStart` in a and `bStart` in b. */
export type SharedRun = { aStart: number; bStart: number; length: number }

class SuffixAutomaton {
  next: Map<number, number>[] = [new Map()]
  link: number[] = [-1]
  len: number[] = [0]
  firstEnd: number[] = [-1]
  private last = 0

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) this.extend(text.charCodeAt(i), i)
  }

  private extend(c: number, position: number) {
    const cur = this.next.length
    this.next.push(new Map())
    this.len.push(this.len[this.last] + 1)
    this.link.push(0)
    this.firstEnd.push(position)
    let p = this.last
    while (p !== -1 && !this.next[p].has(c)) {
      this.next[p].set(c, cur)
      p = this.link[p]
    }
    if (p !== -1) {
      const q = this.next[p].get(c) as number
      if (this.len[p] + 1 === this.len[q]) this.link[cur] = q
      else {
        const clone = this.next.length
        this.next.push(new Map(this.next[q]))
        this.len.push(this.len[p] + 1)
        this.link.push(this.link[q])
        this.firstEnd.push(this.firstEnd[q])
        while (p !== -1 && this.next[p].get(c) === q) {
          this.next[p].set(c, clone)
          p = this.link[p]
        }
        this.link[q] = clone
        this.link[cur] = clone
      }
    }
    this.last = cur
  }
}

/**
 * Every maximal run of at least `minLength` characters of `b` that also occurs in `a`
 * (the longest match ending at each place, reported where it cannot be extended).
 * Separator characters that occur on one side only keep runs from crossing boundaries.
 */
// automata of recent earlier texts: comparing a draft with the same years again reuses them
const automata = boundedCache<string, SuffixAutomaton>({ entries: 64, maxSize: 2_000_000, sizeOf: (_, text) => text.length })

export function sharedRuns(a: string, b: string, minLength: number): SharedRun[] {
  if (!a || !b) return []
  const sam = cached(automata, a, () => new SuffixAutomaton(a))
  const runs: SharedRun[] = []
  let state = 0
  let length = 0
  let pending: SharedRun | undefined
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i)
    while (state !== 0 && !sam.next[state].has(c)) {
      state = sam.link[state]
      length = sam.len[state]
    }
    if (sam.next[state].has(c)) {
      state = sam.next[state].get(c) as number
      length++
    } else {
      state = 0
      length = 0
    }
    // the run ending at i - 1 could not be extended to i: report it
    if (pending && !(i - length + 1 === pending.bStart && length === pending.length + 1)) {
      if (pending.length >= minLength) runs.push(pending)
      pending = undefined
    }
    if (length > 0) {
      const end = sam.firstEnd[state]
      pending = { aStart: end - length + 1, bStart: i - length + 1, length }
    }
  }
  if (pending && pending.length >= minLength) runs.push(pending)
  return runs
}

/** Shared runs trimmed so that none starts or ends inside a number (see trimToNumbers). */
export function sharedPhrases(a: string, b: string, minLength: number): SharedRun[] {
  return sharedRuns(a, b, minLength)
    .map(r => trimToNumbers(a, b, r.aStart, r.bStart, r.length))
    .filter(r => r.length >= minLength)
}
