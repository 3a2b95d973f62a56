// A text prepared for comparison: sentences, and (lazily) word tokens, each pointing at its
// original characters and carrying its matching key. Prepared texts are cached by content,
// so an earlier year compared on every page load is split and segmented once.
import { bmpFolder, foldChar, ignorableSpans, optionsKey, type ResolvedNormalizeOptions } from './normalize'
import { boundedCache } from './lru'
import { NUMBER_TOKEN } from './units'
import { wordSegmenter } from './segment'

/** Normalised text with, per normalised character, the original [start, end) it came from. */
export type MappedText = { key: string; start: Int32Array; end: Int32Array }

/** A span [start, end) of the original text and its normalised matching key. */
export type Span = { start: number; end: number; key: string }
export type Sentence = Span & { tokens?: Span[] }
export type PreparedText = {
  /** unique while cached: names this analysis in caches of derived pair results */
  id: number
  text: string
  options: ResolvedNormalizeOptions
  sentences: Sentence[]
  /** characters that count for matching (length of all keys) */
  normLength: number
  ignorable: Uint8Array
  /** the whole normalised text, mapped back to original positions (sentence keys are slices of it) */
  mapped: MappedText
  /** filled on first use by reuse.ts and reports.ts (derived data, cached with the text) */
  derived: Map<string, unknown>
}

// Sentence ends: 。！？；!?; (with closing quotes and brackets after them) and line breaks.
// Trailing white space belongs to the sentence it follows, so sentences start with text.
const SENTENCE = /[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)\]】"']*|\n)?[ \t\r\f\v\u00a0\u3000\n]*/gy

export function splitSentences(text: string): [number, number][] {
  const spans: [number, number][] = []
  SENTENCE.lastIndex = 0
  while (SENTENCE.lastIndex < text.length) {
    const start = SENTENCE.lastIndex
    const match = SENTENCE.exec(text)
    if (!match || match[0].length === 0) {
      // a lone terminator-free character the pattern could not consume (should not happen): take it
      SENTENCE.lastIndex = start + 1
      spans.push([start, start + 1])
      continue
    }
    spans.push([start, start + match[0].length])
  }
  return spans
}

/** Normalised key of text[start, end), skipping ignorable characters. */
export function keyOf(text: string, start: number, end: number, options: ResolvedNormalizeOptions, ignorable: Uint8Array): string {
  const fold1 = bmpFolder(options)
  let key = ''
  let i = start
  while (i < end) {
    const code = text.charCodeAt(i)
    let width = 1
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1)
      if (low >= 0xdc00 && low <= 0xdfff) width = 2
    }
    if (!ignorable[i]) key += width === 1 ? fold1(code) : foldChar(text.slice(i, i + 2), options)
    i += width
  }
  return key
}

// a department's ten or twenty years of 20–50 sections each, plus joined texts, stay prepared;
// bounded by characters too, so a few huge texts cannot hold on to memory
const preparedCache = boundedCache<string, PreparedText>({ entries: 4096, maxSize: 4_000_000, sizeOf: p => p.text.length })

let nextId = 1

export function prepareText(text: string, options: ResolvedNormalizeOptions): PreparedText {
  const cacheKey = optionsKey(options) + '\u0000' + text
  const hit = preparedCache.get(cacheKey)
  if (hit) return hit
  const ignorable = new Uint8Array(text.length)
  for (const [start, end] of ignorableSpans(text, options)) ignorable.fill(1, start, end)
  const mapped = mapText(text, options, ignorable)
  let from = 0
  const sentences = splitSentences(text).map(([start, end]) => {
    let to = from
    while (to < mapped.start.length && mapped.start[to] < end) to++
    const key = mapped.key.slice(from, to)
    from = to
    return { start, end, key }
  })
  const prepared = { id: nextId++, text, options, sentences, normLength: mapped.key.length, ignorable, mapped, derived: new Map<string, unknown>() }
  preparedCache.set(cacheKey, prepared)
  return prepared
}

/** Folds every character once: the normalised text and where each of its characters came from. */
function mapText(text: string, options: ResolvedNormalizeOptions, ignorable: Uint8Array): MappedText {
  const fold1 = bmpFolder(options)
  let units = new Uint16Array(text.length + 16)
  let starts = new Int32Array(text.length + 16)
  let ends = new Int32Array(text.length + 16)
  let n = 0
  let i = 0
  while (i < text.length) {
    const code = text.charCodeAt(i)
    let width = 1
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1)
      if (low >= 0xdc00 && low <= 0xdfff) width = 2
    }
    if (!ignorable[i]) {
      const folded = width === 1 ? fold1(code) : foldChar(text.slice(i, i + 2), options)
      if (n + folded.length > starts.length) {
        const size = starts.length * 2 + folded.length
        const grownUnits = new Uint16Array(size)
        grownUnits.set(units)
        units = grownUnits
        const grown = (array: Int32Array) => {
          const next = new Int32Array(size)
          next.set(array)
          return next
        }
        starts = grown(starts)
        ends = grown(ends)
      }
      for (let k = 0; k < folded.length; k++, n++) {
        units[n] = folded.charCodeAt(k)
        starts[n] = i
        ends[n] = i + width
      }
    }
    i += width
  }
  // code units to a string in chunks (apply takes a bounded argument list)
  let key = ''
  for (let at = 0; at < n; at += 8192) key += String.fromCharCode.apply(null, units.subarray(at, Math.min(n, at + 8192)) as unknown as number[])
  // views of the buffers (16 spare places) rather than copies, unless folding grew them much
  const fits = starts.length - n <= 64
  return { key, start: fits ? starts.subarray(0, n) : starts.slice(0, n), end: fits ? ends.subarray(0, n) : ends.slice(0, n) }
}

/** Derived data of a prepared text, computed once and kept as long as the text is cached. */
export function derived<T>(prepared: PreparedText, name: string, compute: () => T): T {
  if (!prepared.derived.has(name)) prepared.derived.set(name, compute())
  return prepared.derived.get(name) as T
}

// ---------- word tokens ----------
// Numbers stay whole with their unit (10764人, 96.08%, 5000万元, 2.16万名); Latin words whole.
const NUMBER = NUMBER_TOKEN
const SEGMENT_CHUNK = 300

/** Word tokens of the given sentences, computed once per sentence and kept. */
export function ensureTokens(prepared: PreparedText, sentenceIndexes: number[]) {
  const todo = sentenceIndexes.filter(i => !prepared.sentences[i].tokens)
  // Intl.Segmenter is quadratic in input length on Node 20: feed it chunks of a few
  // hundred characters, always cut at sentence ends.
  let group: number[] = []
  let groupLength = 0
  const flush = () => {
    if (group.length) tokenizeGroup(prepared, group)
    group = []
    groupLength = 0
  }
  for (const index of todo) {
    const s = prepared.sentences[index]
    const contiguous = group.length && prepared.sentences[group[group.length - 1]].end === s.start
    if (!contiguous || groupLength + (s.end - s.start) > SEGMENT_CHUNK) flush()
    group.push(index)
    groupLength += s.end - s.start
  }
  flush()
}

function tokenizeGroup(prepared: PreparedText, group: number[]) {
  const { text, options, ignorable } = prepared
  const first = prepared.sentences[group[0]]
  const last = prepared.sentences[group[group.length - 1]]
  const chunk = text.slice(first.start, last.end)
  const numbers: [number, number][] = [...chunk.matchAll(NUMBER)].map(m => [first.start + m.index, first.start + m.index + m[0].length])
  const cuts = group.map(i => prepared.sentences[i].end)

  // raw pieces: segmenter output, numbers merged whole, cut at sentence ends
  const pieces: [number, number][] = []
  let covered = first.start
  const push = (start: number, end: number) => {
    for (const cut of cuts) {
      if (cut > start && cut < end) {
        pieces.push([start, cut])
        start = cut
      }
    }
    pieces.push([start, end])
    covered = end
  }
  let n = 0
  let offset = 0
  for (const segment of wordSegmenter()(chunk)) {
    const segmentStart = offset
    offset += segment.length
    const end = first.start + offset
    if (end <= covered) continue
    const start = Math.max(first.start + segmentStart, covered)
    while (n < numbers.length && numbers[n][1] <= start) n++
    const number = numbers[n]
    if (number && number[0] < end) {
      if (number[0] > start) push(start, number[0])
      push(Math.max(number[0], start), Math.max(end, number[1]))
    } else push(start, end)
  }

  let p = 0
  for (const index of group) {
    const sentence = prepared.sentences[index]
    const tokens: Span[] = []
    while (p < pieces.length && pieces[p][0] < sentence.end) {
      const [start, rawEnd] = pieces[p++]
      const end = Math.min(rawEnd, sentence.end)
      if (end <= start) continue
      const key = keyOf(text, start, end, options, ignorable)
      const previous = tokens[tokens.length - 1]
      // white space and ignorable garbage ride along with the token before them
      if (key === '' && previous) previous.end = end
      else if (previous && previous.key === '' ) {
        previous.end = end
        previous.key = key
      } else tokens.push({ start, end, key })
    }
    if (tokens.length === 0) tokens.push({ start: sentence.start, end: sentence.end, key: sentence.key })
    tokens[tokens.length - 1].end = sentence.end
    tokens[0].start = sentence.start
    sentence.tokens = tokens
  }
}
