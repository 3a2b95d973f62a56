// Normalisation for matching, never for display: two texts that differ only in width,
// punctuation style, Traditional vs Simplified characters, white space or converter garbage
// compare equal. Every output of the engine keeps the original text.
import { createRequire } from 'node:module'
import { PINYIN_ANNOTATION } from '../text/clean'
import { numberingSpans } from '../text/numbering'
import type { LRUCache } from 'lru-cache'
import { boundedCache } from './lru'

export type NormalizeOptions = {
  /** Fold Traditional characters to Simplified (默认开启 / default on). */
  traditional?: boolean
  /** Fold punctuation styles: ，/, “”/"" 。/. (default on). */
  punctuation?: boolean
  /** Ignore list numbering such as 一、（二）1. at the start of a line or sentence (default off). */
  numbering?: boolean
  /** Ignore pinyin garbage after characters: 進(jìn) → 進 (default on). */
  pinyin?: boolean
}

export type ResolvedNormalizeOptions = Required<NormalizeOptions>

export function resolveNormalizeOptions(options: NormalizeOptions = {}): ResolvedNormalizeOptions {
  return {
    traditional: options.traditional ?? true,
    punctuation: options.punctuation ?? true,
    numbering: options.numbering ?? false,
    pinyin: options.pinyin ?? true,
  }
}

export function optionsKey(options: ResolvedNormalizeOptions): string {
  return `${+options.traditional}${+options.punctuation}${+options.numbering}${+options.pinyin}`
}

// Traditional → Simplified through OpenCC's tables (opencc-js), one character at a time so
// that every normalised character still points at one original character.
type Convert = (text: string) => string
let toSimplified: Convert | undefined
function simplifiedConverter(): Convert {
  if (!toSimplified) {
    const require = createRequire(__filename)
    const OpenCC = require('opencc-js/t2cn') as { Converter: (o: { from: string; to: string }) => Convert }
    toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' })
  }
  return toSimplified
}

const PUNCTUATION: Record<string, string> = {
  '。': '.', '．': '.', '｡': '.', '、': ',', '，': ',', '﹐': ',',
  '“': '"', '”': '"', '„': '"', '‟': '"', '〝': '"', '〞': '"', '「': '"', '」': '"', '『': '"', '』': '"', '＂': '"',
  '‘': "'", '’': "'", '‚': "'", '‛': "'",
  '【': '[', '〔': '[', '［': '[', '】': ']', '〕': ']', '］': ']',
  '《': '<', '〈': '<', '》': '>', '〉': '>',
  '—': '-', '–': '-', '―': '-', '─': '-', '－': '-',
  '…': '.', '⋯': '.', '～': '~', '〜': '~', '・': '·', '•': '·',
  '：': ':', '；': ';', '！': '!', '？': '?', '（': '(', '）': ')',
}

// The folded form of each character, per option set: a table of a pure function, filled on
// first use. Characters of the Basic Multilingual Plane (all of Chinese text in practice) sit
// in a flat array indexed by code unit, 65,536 entries at most; the rest in a bounded LRU.
type FoldTable = { bmp: (string | undefined)[]; astral: LRUCache<string, string> }
const tables = new Map<string, FoldTable>()
const tableOfOptions = new WeakMap<ResolvedNormalizeOptions, FoldTable>()

function tableFor(options: ResolvedNormalizeOptions): FoldTable {
  const known = tableOfOptions.get(options)
  if (known) return known
  const key = optionsKey(options)
  let table = tables.get(key)
  if (!table) tables.set(key, (table = { bmp: new Array(65536), astral: boundedCache<string, string>({ entries: 10_000, clearWithOthers: false }) }))
  tableOfOptions.set(options, table)
  return table
}

const HAN = /\p{Script=Han}/u

/** The matching form of one character, computed (foldChar reads it from the table). */
export function fold(ch: string, options: ResolvedNormalizeOptions): string {
  const compatible = ch.normalize('NFKC')
  return foldRest(options.traditional && HAN.test(compatible) ? simplifiedConverter()(compatible) : compatible, options)
}

/** What folding does after the compatibility form and the Traditional → Simplified step. */
function foldRest(folded: string, options: ResolvedNormalizeOptions): string {
  if (options.punctuation) folded = [...folded].map(c => PUNCTUATION[c] ?? c).join('')
  return folded.toLowerCase().replace(/\s+/gu, '')
}

/** The blocks of the Basic Multilingual Plane that Chinese text is written in: ASCII, CJK symbols to unified ideographs, full-width forms. */
export const CHINESE_TEXT_BLOCKS: readonly (readonly [number, number])[] = [[0x20, 0x7f], [0x3000, 0xa000], [0xff00, 0xfff0]]

/**
 * Fills the folded forms of CHINESE_TEXT_BLOCKS in one pass, the same as folding each on first
 * use: OpenCC converts all the block's Han characters as one string, one per line (phrases never
 * span a line break), in 40 ms rather than 230 one at a time. A server does it before its first
 * request, whose texts bring thousands of characters not folded yet.
 */
export function prefillFoldTable(options: ResolvedNormalizeOptions): void {
  const table = tableFor(options).bmp
  const compatible: { code: number; form: string }[] = []
  for (const [from, to] of CHINESE_TEXT_BLOCKS) for (let code = from; code < to; code++) if (table[code] === undefined) compatible.push({ code, form: String.fromCharCode(code).normalize('NFKC') })
  const han = options.traditional ? compatible.filter(c => HAN.test(c.form)) : []
  const simplified = han.length ? simplifiedConverter()(han.map(c => c.form).join('\n')).split('\n') : []
  // a conversion that changed the line count cannot be matched up: those fold one at a time
  if (simplified.length !== han.length) return
  const converted = new Map(han.map((c, i) => [c.code, simplified[i]]))
  for (const { code, form } of compatible) table[code] = foldRest(converted.get(code) ?? form, options)
}

/** The matching form of one character (code point); '' for characters that never count. */
export function foldChar(ch: string, options: ResolvedNormalizeOptions): string {
  const table = tableFor(options)
  if (ch.length === 1) {
    const code = ch.charCodeAt(0)
    const known = table.bmp[code]
    if (known !== undefined) return known
    return (table.bmp[code] = fold(ch, options))
  }
  const known = table.astral.get(ch)
  if (known !== undefined) return known
  const folded = fold(ch, options)
  table.astral.set(ch, folded)
  return folded
}

/**
 * The matching form of one UTF-16 code unit of the Basic Multilingual Plane (not a surrogate
 * of a pair): `foldChar` without the per-call table lookup, for loops over whole texts.
 */
export function bmpFolder(options: ResolvedNormalizeOptions): (code: number) => string {
  const table = tableFor(options).bmp
  return code => table[code] ?? (table[code] = fold(String.fromCharCode(code), options))
}

/** Matching form of a whole string (no ignorable spans removed: see `ignorableSpans`). */
export function foldText(text: string, options: ResolvedNormalizeOptions): string {
  const fold1 = bmpFolder(options)
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1)
      if (low >= 0xdc00 && low <= 0xdfff) {
        out += foldChar(text.slice(i, i + 2), options)
        i++
        continue
      }
    }
    out += fold1(code)
  }
  return out
}

/** Character ranges [start, end) in the original that never take part in matching. */
export function ignorableSpans(text: string, options: ResolvedNormalizeOptions): [number, number][] {
  const spans: [number, number][] = []
  // the annotation needs a bracket: most texts are spared the pattern's look-behind
  if (options.pinyin && (text.includes('(') || text.includes('（'))) for (const m of text.matchAll(PINYIN_ANNOTATION)) spans.push([m.index, m.index + m[0].length])
  if (options.numbering) spans.push(...numberingSpans(text))
  return spans.sort((a, b) => a[0] - b[0])
}
