// Reused passages: every run of at least k normalised characters that stands on both sides,
// found with a suffix automaton of the earlier text (linear time, whatever the repetition).
import type { MappedText, PreparedText } from './prepare'
import { boundedCache, cached } from './lru'
import { trimToNumbers } from './units'

export type { MappedText } from './prepare'

/** The prepared text's normalised form with original positions. */
export function mappedKey(prepared: PreparedText): MappedText {
  return prepared.mapped
}

/** A shared run: `length` normalised characters at `aStart` in a and `bStart` in b. */
export type SharedRun = { aStart: number; bStart: number; length: number }

/**
 * Suffix automaton in typed arrays: states (length, suffix link, first end position) and
 * transitions as edges, found through one open-addressing hash table keyed by (state, char).
 * At most 2n states and 3n edges for a text of n characters.
 */
class SuffixAutomaton {
  readonly len: Int32Array
  readonly link: Int32Array
  readonly firstEnd: Int32Array
  private size = 1
  private last = 0
  // edges: target and character, listed per state (for cloning)
  private readonly edgeTarget: Int32Array
  private readonly edgeChar: Int32Array
  private readonly edgeNext: Int32Array
  private readonly firstEdge: Int32Array
  private edges = 0
  // hash table: slot → edge index + 1 (0 = empty)
  private readonly slots: Int32Array
  private readonly slotState: Int32Array
  private readonly slotChar: Int32Array
  private readonly mask: number

  constructor(text: string) {
    const states = 2 * text.length + 2
    const edges = 3 * text.length + 3
    this.len = new Int32Array(states)
    this.link = new Int32Array(states).fill(-1)
    this.firstEnd = new Int32Array(states).fill(-1)
    this.firstEdge = new Int32Array(states).fill(-1)
    this.edgeTarget = new Int32Array(edges)
    this.edgeChar = new Int32Array(edges)
    this.edgeNext = new Int32Array(edges)
    let capacity = 16
    while (capacity < edges * 2) capacity *= 2
    this.slots = new Int32Array(capacity)
    this.slotState = new Int32Array(capacity)
    this.slotChar = new Int32Array(capacity)
    this.mask = capacity - 1
    for (let i = 0; i < text.length; i++) this.extend(text.charCodeAt(i), i)
  }

  private slotOf(state: number, c: number): number {
    let slot = (Math.imul(state, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) & this.mask
    while (this.slots[slot] !== 0 && (this.slotState[slot] !== state || this.slotChar[slot] !== c)) slot = (slot + 1) & this.mask
    return slot
  }

  /** Target of the transition (state, c), or -1. */
  next(state: number, c: number): number {
    const edge = this.slots[this.slotOf(state, c)]
    return edge === 0 ? -1 : this.edgeTarget[edge - 1]
  }

  private setNext(state: number, c: number, target: number) {
    const slot = this.slotOf(state, c)
    if (this.slots[slot] !== 0) {
      this.edgeTarget[this.slots[slot] - 1] = target
      return
    }
    const edge = this.edges++
    this.edgeTarget[edge] = target
    this.edgeChar[edge] = c
    this.edgeNext[edge] = this.firstEdge[state]
    this.firstEdge[state] = edge
    this.slots[slot] = edge + 1
    this.slotState[slot] = state
    this.slotChar[slot] = c
  }

  private extend(c: number, position: number) {
    const cur = this.size++
    this.len[cur] = this.len[this.last] + 1
    this.firstEnd[cur] = position
    let p = this.last
    while (p !== -1 && this.next(p, c) < 0) {
      this.setNext(p, c, cur)
      p = this.link[p]
    }
    if (p === -1) this.link[cur] = 0
    else {
      const q = this.next(p, c)
      if (this.len[p] + 1 === this.len[q]) this.link[cur] = q
      else {
        const clone = this.size++
        this.len[clone] = this.len[p] + 1
        this.link[clone] = this.link[q]
        this.firstEnd[clone] = this.firstEnd[q]
        for (let e = this.firstEdge[q]; e >= 0; e = this.edgeNext[e]) this.setNext(clone, this.edgeChar[e], this.edgeTarget[e])
        while (p !== -1 && this.next(p, c) === q) {
          this.setNext(p, c, clone)
          p = this.link[p]
        }
        this.link[q] = clone
        this.link[cur] = clone
      }
    }
    this.last = cur
  }
}

// automata of recent earlier texts: comparing a draft with the same years again reuses them
// (about 160 bytes per character: 300,000 characters hold ~50 MB)
const automata = boundedCache<string, SuffixAutomaton>({ entries: 20_000, maxSize: 300_000, sizeOf: (_, text) => text.length })

export function sharedRuns(a: string, b: string, minLength: number): SharedRun[] {
  if (!a || !b) return []
  const sam = cached(automata, a, () => new SuffixAutomaton(a))
  const runs: SharedRun[] = []
  let state = 0
  let length = 0
  let pending: SharedRun | undefined
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i)
    let target = sam.next(state, c)
    while (state !== 0 && target < 0) {
      state = sam.link[state]
      length = sam.len[state]
      target = sam.next(state, c)
    }
    if (target >= 0) {
      state = target
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
