// Alignment of two key sequences as index ranges: Myers' O(ND) algorithm (the one jsdiff
// implements) over interned integer keys in typed arrays, common prefix and suffix trimmed
// first. Sentences and word regions are aligned many times per comparison; with jsdiff's
// diffArrays the alignment was ~85% of a year-over-year comparison. tests/compare.test.ts
// checks that the edit scripts found here are exactly as short as jsdiff's.

/** A run of equal keys, or a changed run (removed from a, added from b; either may be empty). */
export type Hunk = { equal: boolean; aStart: number; aEnd: number; bStart: number; bEnd: number }

class HunkBuilder {
  hunks: Hunk[] = []
  private i = 0
  private j = 0
  equal(count: number) {
    if (count === 0) return
    const last = this.hunks[this.hunks.length - 1]
    if (last?.equal) {
      last.aEnd += count
      last.bEnd += count
    } else this.hunks.push({ equal: true, aStart: this.i, aEnd: this.i + count, bStart: this.j, bEnd: this.j + count })
    this.i += count
    this.j += count
  }
  change(removed: number, added: number) {
    if (removed === 0 && added === 0) return
    const last = this.hunks[this.hunks.length - 1]
    const hunk = last && !last.equal ? last : { equal: false, aStart: this.i, aEnd: this.i, bStart: this.j, bEnd: this.j }
    if (hunk !== last) this.hunks.push(hunk)
    hunk.aEnd = this.i += removed
    hunk.bEnd = this.j += added
  }
}

/** Interns string keys to small integers shared by both sides. */
export function internKeys(a: readonly string[], b: readonly string[]): [Int32Array, Int32Array] {
  const ids = new Map<string, number>()
  const intern = (keys: readonly string[]) => {
    const out = new Int32Array(keys.length)
    keys.forEach((key, index) => {
      let id = ids.get(key)
      if (id === undefined) ids.set(key, (id = ids.size))
      out[index] = id
    })
    return out
  }
  return [intern(a), intern(b)]
}

/**
 * Myers' O(ND) alignment of integer sequences; undefined when more than `maxEdits` edits are
 * needed. Keys found on one side only can never be equal: they are set aside first (as GNU
 * diff discards lines without a partner), so dissimilar inputs cost what their shared keys cost.
 */
export function alignTokens(a: Int32Array, b: Int32Array, maxEdits: number): Hunk[] | undefined {
  const inA = new Set(a)
  const inB = new Set(b)
  const aKept = indexesWhere(a, id => inB.has(id))
  const bKept = indexesWhere(b, id => inA.has(id))
  if (aKept.length === a.length && bKept.length === b.length) return alignAll(a, b, maxEdits)
  const inner = alignAll(aKept.map(i => a[i]), bKept.map(j => b[j]), maxEdits)
  if (!inner) return undefined
  // back to positions in a and b: each equal pair of the filtered sequences is an equal pair
  const builder = new HunkBuilder()
  let i = 0
  let j = 0
  for (const h of inner) {
    if (!h.equal) continue
    for (let k = 0; k < h.aEnd - h.aStart; k++) {
      const ai = aKept[h.aStart + k]
      const bj = bKept[h.bStart + k]
      builder.change(ai - i, bj - j)
      builder.equal(1)
      i = ai + 1
      j = bj + 1
    }
  }
  builder.change(a.length - i, b.length - j)
  return builder.hunks
}

function indexesWhere(values: Int32Array, keep: (value: number) => boolean): Int32Array {
  const out: number[] = []
  for (let i = 0; i < values.length; i++) if (keep(values[i])) out.push(i)
  return Int32Array.from(out)
}

function alignAll(a: Int32Array, b: Int32Array, maxEdits: number): Hunk[] | undefined {
  let prefix = 0
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++
  let suffix = 0
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++
  const A = a.subarray(prefix, a.length - suffix)
  const B = b.subarray(prefix, b.length - suffix)
  const middle = editScript(A, B, maxEdits)
  if (!middle) return undefined
  const builder = new HunkBuilder()
  builder.equal(prefix)
  for (const [kind, count] of middle) {
    if (kind === 0) builder.equal(count)
    else if (kind === 1) builder.change(count, 0)
    else builder.change(0, count)
  }
  builder.equal(suffix)
  return builder.hunks
}

/** Runs of [0 equal | 1 delete | 2 insert, count], in order. */
function editScript(A: Int32Array, B: Int32Array, maxEdits: number): [number, number][] | undefined {
  const N = A.length
  const M = B.length
  if (N === 0 || M === 0) return [...(N ? [[1, N] as [number, number]] : []), ...(M ? [[2, M] as [number, number]] : [])]
  const limit = Math.min(N + M, maxEdits)
  const offset = limit + 1
  const V = new Int32Array(2 * limit + 3)
  const trace: Int32Array[] = []
  for (let d = 0; d <= limit; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && V[offset + k - 1] < V[offset + k + 1]) ? V[offset + k + 1] : V[offset + k - 1] + 1
      let y = x - k
      while (x < N && y < M && A[x] === B[y]) {
        x++
        y++
      }
      V[offset + k] = x
      if (x >= N && y >= M) {
        trace.push(V.slice(offset - d, offset + d + 1))
        return backtrack(trace, N, M)
      }
    }
    trace.push(V.slice(offset - d, offset + d + 1))
  }
  return undefined
}

function backtrack(trace: Int32Array[], N: number, M: number): [number, number][] {
  const steps: number[] = [] // reversed: 0 equal, 1 delete, 2 insert
  let x = N
  let y = M
  for (let d = trace.length - 1; d > 0; d--) {
    const previous = trace[d - 1] // holds k in [-(d-1), d-1] at index k + d - 1
    const k = x - y
    const down = k === -d || (k !== d && previous[k - 1 + d - 1] < previous[k + 1 + d - 1])
    const prevK = down ? k + 1 : k - 1
    const prevX = previous[prevK + d - 1]
    const prevY = prevX - prevK
    while (x > prevX && y > prevY) {
      steps.push(0)
      x--
      y--
    }
    steps.push(down ? 2 : 1)
    x = prevX
    y = prevY
  }
  while (x > 0 && y > 0) {
    steps.push(0)
    x--
    y--
  }
  const runs: [number, number][] = []
  for (let s = steps.length - 1; s >= 0; s--) {
    const last = runs[runs.length - 1]
    if (last && last[0] === steps[s]) last[1]++
    else runs.push([steps[s], 1])
  }
  return runs
}
