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
 * transitions in one open-addressing hash table keyed by (state, char) whose slots hold key
 * and target together (one cache line per probe); each state's characters are also listed
 * (for cloning). At most 2n states and 3n transitions for a text of n characters (about
 * 2.2n in Chinese prose).
 */
class SuffixAutomaton {
  readonly len: Int32Array
  readonly link: Int32Array
  readonly firstEnd: Int32Array
  private size = 1
  private last = 0
  // each state's transition characters as a list: first, then next
  private readonly edgeChar: Int32Array
  private readonly edgeNext: Int32Array
  private readonly firstEdge: Int32Array
  private edges = 0
  // hash table, 3 ints a slot: state + 1 (0 = empty), char, target
  private slots: Int32Array
  private mask: number

  constructor(text: string) {
    const states = 2 * text.length + 2
    const edges = 3 * text.length + 3
    this.len = new Int32Array(states)
    this.link = new Int32Array(states).fill(-1)
    this.firstEnd = new Int32Array(states).fill(-1)
    this.firstEdge = new Int32Array(states).fill(-1)
    this.edgeChar = new Int32Array(edges)
    this.edgeNext = new Int32Array(edges)
    let capacity = 16
    while (capacity < text.length * 4) capacity *= 2
    this.slots = new Int32Array(capacity * 3)
    this.mask = capacity - 1
    for (let i = 0; i < text.length; i++) this.extend(text.charCodeAt(i), i)
  }

  private slotOf(state: number, c: number): number {
    const slots = this.slots
    let slot = (Math.imul(state, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) & this.mask
    while (slots[slot * 3] !== 0 && (slots[slot * 3] !== state + 1 || slots[slot * 3 + 1] !== c)) slot = (slot + 1) & this.mask
    return slot
  }

  /** Target of the transition (state, c), or -1. */
  next(state: number, c: number): number {
    const at = this.slotOf(state, c) * 3
    return this.slots[at] === 0 ? -1 : this.slots[at + 2]
  }

  private setNext(state: number, c: number, target: number) {
    let at = this.slotOf(state, c) * 3
    if (this.slots[at] !== 0) {
      this.slots[at + 2] = target
      return
    }
    // at most three quarters full
    if ((this.edges + 1) * 4 > (this.mask + 1) * 3) {
      this.grow()
      at = this.slotOf(state, c) * 3
    }
    const edge = this.edges++
    this.edgeChar[edge] = c
    this.edgeNext[edge] = this.firstEdge[state]
    this.firstEdge[state] = edge
    this.slots[at] = state + 1
    this.slots[at + 1] = c
    this.slots[at + 2] = target
  }

  /** Twice the slots, every transition placed again. */
  private grow() {
    const old = this.slots
    this.slots = new Int32Array(old.length * 2)
    this.mask = this.mask * 2 + 1
    for (let at = 0; at < old.length; at += 3) {
      if (old[at] === 0) continue
      const slot = this.slotOf(old[at] - 1, old[at + 1]) * 3
      this.slots[slot] = old[at]
      this.slots[slot + 1] = old[at + 1]
      this.slots[slot + 2] = old[at + 2]
    }
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
        for (let e = this.firstEdge[q]; e >= 0; e = this.edgeNext[e]) this.setNext(clone, this.edgeChar[e], this.next(q, this.edgeChar[e]))
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
  // the run ending at the previous character (pendingLength 0: none)
  let pendingA = 0
  let pendingB = 0
  let pendingLength = 0
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
    if (pendingLength > 0 && !(i - length + 1 === pendingB && length === pendingLength + 1)) {
      if (pendingLength >= minLength) runs.push({ aStart: pendingA, bStart: pendingB, length: pendingLength })
      pendingLength = 0
    }
    if (length > 0) {
      pendingA = sam.firstEnd[state] - length + 1
      pendingB = i - length + 1
      pendingLength = length
    }
  }
  if (pendingLength > 0 && pendingLength >= minLength) runs.push({ aStart: pendingA, bStart: pendingB, length: pendingLength })
  return runs
}

/** Shared runs trimmed so that none starts or ends inside a number (see trimToNumbers). */
export function sharedPhrases(a: string, b: string, minLength: number): SharedRun[] {
  return sharedRuns(a, b, minLength)
    .map(r => trimToNumbers(a, b, r.aStart, r.bStart, r.length))
    .filter(r => r.length >= minLength)
}
