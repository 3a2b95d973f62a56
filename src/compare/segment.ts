// Word segmentation for the word diff. jieba (@node-rs/jieba, native, with its own dictionary)
// cuts government prose into the words a reader sees (习近平, 党的建设, 组织系统) and is faster
// than ICU's Intl.Segmenter here (npm run bench:segmenters); Intl.Segmenter is the fallback
// wherever the native package cannot load (another platform, a missing optional package).
import { createRequire } from 'node:module'

export type Segmenter = (text: string) => string[]

type JiebaModule = { Jieba: { withDict(dict: Uint8Array): { cut(text: string, hmm?: boolean): string[] } } }

/** jieba's cut, or undefined when the native package cannot load on this machine. */
export function loadJieba(): Segmenter | undefined {
  try {
    const require = createRequire(__filename)
    const { Jieba } = require('@node-rs/jieba') as JiebaModule
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array }
    const jieba = Jieba.withDict(dict)
    // cut without the HMM: unknown words stay in characters, so the output is deterministic
    // and two texts cut the same words the same way
    return text => keepGraphemes(jieba.cut(text, false))
  } catch {
    return undefined
  }
}

// a piece that starts with a combining mark, a skin tone, a variation selector or follows a
// zero-width joiner belongs to the piece before it (👍🏽 is one character to a reader)
const CONTINUES = /^[\p{M}\u200d\ufe0e\ufe0f\u{1F3FB}-\u{1F3FF}]/u

// Latin letters and digits in one run are one word in either width (ＡＢＣ and ABC alike)
const ALNUM = /^[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]+$/u

function keepGraphemes(pieces: string[]): string[] {
  const out: string[] = []
  for (const piece of pieces) {
    const last = out[out.length - 1]
    const joins = CONTINUES.test(piece) || last?.endsWith('\u200d') || (ALNUM.test(piece) && ALNUM.test(last ?? ''))
    if (last !== undefined && joins) out[out.length - 1] = last + piece
    else out.push(piece)
  }
  return out
}

const intl = new Intl.Segmenter('zh', { granularity: 'word' })
/** Intl.Segmenter, fed by callers in chunks of a few hundred characters (it is quadratic on Node 20). */
export const intlSegmenter: Segmenter = text => Array.from(intl.segment(text), s => s.segment)

let chosen: Segmenter | undefined
/** The word segmenter in use: jieba when it loads (ANNALS_SEGMENTER=intl forces the fallback). */
export function wordSegmenter(): Segmenter {
  if (!chosen) chosen = (process.env.ANNALS_SEGMENTER !== 'intl' && loadJieba()) || intlSegmenter
  return chosen
}
