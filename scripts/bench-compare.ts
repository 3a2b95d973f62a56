// npm run bench:compare — speed and reuse recall of the comparison engine, measured in this
// process against jsdiff's diffChars and diffWords (with Intl.Segmenter). Prints medians and
// ratios; timings on a shared 2-core machine are noisy, so compare ratios, not absolutes.
//   --quick            fewer runs and no slow baselines (a smoke run)
//   --baseline DIR     also run the engine of another checkout (e.g. `git worktree add /tmp/main main`)
//                      in this process and print old/new ratios of the report comparisons
//   --words-size N     size of the realistic pair jsdiff's diffWords runs on (default 4000:
//                      diffWords takes tens of seconds at 16k characters)
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { loadavg } from 'node:os'
import path from 'node:path'
import { diffChars, diffWords } from 'diff'
import * as engine from '../src/compare'
import { clearCompareCaches, compareReports, compareTexts, compareWithHistory, foldText, resolveNormalizeOptions, type TextDiff } from '../src/compare'
import { DEMO_TEXTS as DEMO, elevenYears, realisticYears, reportOf, revise, toSize } from './bench-inputs'

const quick = process.argv.includes('--quick')
const argument = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined)
const BASELINE = argument('--baseline')
const WORDS_SIZE = Number(argument('--words-size')) || 4000
const ROOT = path.resolve(__dirname, '..')
const CORPUS_DIR = path.resolve(ROOT, '../shared/corpus')
const CORPUS = existsSync(CORPUS_DIR) ? readdirSync(CORPUS_DIR).sort().map(f => readFileSync(path.join(CORPUS_DIR, f), 'utf8')) : []
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })
const options = resolveNormalizeOptions()

// ---------- measuring ----------
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function time(fn: () => unknown, runs: number, before?: () => void): number {
  const samples: number[] = []
  for (let r = 0; r < runs; r++) {
    before?.()
    const start = performance.now()
    fn()
    samples.push(performance.now() - start)
  }
  return median(samples)
}

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)).padStart(8) + ' ms'
const ratio = (base: number, ours: number) => `${(base / ours).toFixed(0)}×`.padStart(7)

// ---------- recall of reused passages ----------
/** After-side normalised positions covered by an 8-gram that also occurs in before (the truth). */
function reusedPositions(before: string, after: string, k = 8): Set<number> {
  const a = foldText(before, options)
  const b = foldText(after, options)
  const grams = new Set<string>()
  for (let i = 0; i + k <= a.length; i++) grams.add(a.slice(i, i + k))
  const covered = new Set<number>()
  for (let i = 0; i + k <= b.length; i++) if (grams.has(b.slice(i, i + k))) for (let c = i; c < i + k; c++) covered.add(c)
  return covered
}

/** After-side normalised positions a diff shows as kept (equal or moved). */
function keptPositions(parts: { text: string; kept: boolean }[]): Set<number> {
  const kept = new Set<number>()
  let at = 0
  for (const part of parts) {
    const length = foldText(part.text, options).length
    if (part.kept) for (let c = at; c < at + length; c++) kept.add(c)
    at += length
  }
  return kept
}

function recall(truth: Set<number>, kept: Set<number>): number {
  if (truth.size === 0) return 1
  let found = 0
  for (const p of truth) if (kept.has(p)) found++
  return found / truth.size
}

/** Marked text of our diff: equal ops, exact moves, reused phrases, and the unchanged words inside moves with edits. */
function oursKept(diff: TextDiff) {
  const inner = new Map((diff.moves ?? []).map(m => [m.id, m.ops.filter(o => o.op !== 'delete')]))
  const parts = diff.ops.filter(o => o.op !== 'delete').flatMap(o => {
    const detail = o.moveId ? inner.get(o.moveId) : undefined
    if (!detail) return [{ text: o.after as string, kept: o.op === 'equal' || !!o.moveId || !!o.reusedFrom }]
    // conservative: use the inner diff only when it covers exactly this op's text
    return detail.map(d => d.after).join('') === o.after ? detail.map(d => ({ text: d.after as string, kept: d.op === 'equal' })) : [{ text: o.after as string, kept: false }]
  })
  return keptPositions(parts)
}
const jsdiffKept = (changes: { value: string; added: boolean; removed: boolean }[]) =>
  keptPositions(changes.filter(c => !c.removed).map(c => ({ text: c.value, kept: !c.added })))

// ---------- runs ----------
type Row = { name: string; chars: string; ours: number; oursCold: number; chars_?: number; diffChars?: number; diffWords?: number; recall: number; recallWords?: number }

function pairRow(name: string, before: string, after: string, baselines: boolean, runs: number): Row {
  const oursCold = time(() => compareTexts(before, after), Math.max(3, Math.min(runs, 7)), clearCompareCaches)
  const ours = time(() => compareTexts(before, after), runs)
  const diff = compareTexts(before, after)
  const truth = reusedPositions(before, after)
  const row: Row = { name, chars: `${before.length}/${after.length}`, ours, oursCold, recall: recall(truth, oursKept(diff)) }
  if (baselines) {
    row.diffChars = time(() => diffChars(before, after), 1)
    const words = diffWords(before, after, { intlSegmenter: segmenter })
    row.diffWords = time(() => diffWords(before, after, { intlSegmenter: segmenter }), 1)
    row.recallWords = recall(truth, jsdiffKept(words))
  }
  return row
}

function printRows(title: string, rows: Row[]) {
  console.log(`\n${title}`)
  console.log('  input                         chars        ours(warm)   ours(cold)    diffChars      ×chars    diffWords      ×words   recall ours / words')
  for (const r of rows) {
    console.log(
      `  ${r.name.padEnd(28)}${r.chars.padStart(12)} ${ms(r.ours)} ${ms(r.oursCold)} ${r.diffChars !== undefined ? ms(r.diffChars) : '         —  '} ${r.diffChars !== undefined ? ratio(r.diffChars, r.oursCold) : '      —'} ${r.diffWords !== undefined ? ms(r.diffWords) : '         —  '} ${r.diffWords !== undefined ? ratio(r.diffWords, r.oursCold) : '      —'}   ${(r.recall * 100).toFixed(1)}% / ${r.recallWords !== undefined ? (r.recallWords * 100).toFixed(1) + '%' : '—'}`
    )
  }
}

function main() {
  const runs = quick ? 5 : 21
  console.log(`Annals comparison benchmark — Node ${process.version}, median of ${runs} warm runs (cold: caches cleared before each run); ratios use the cold time.`)

  // 1. year over year (demo department) and corpus pairs
  const yoy = DEMO.slice(1).map((after, i) => pairRow(`demo ${2021 + i}→${2022 + i}`, DEMO[i], after, true, runs))
  printRows('Year over year (demo department, ~3k characters)', yoy)
  let corpusRows: Row[] = []
  if (CORPUS.length > 1) {
    const pairs = CORPUS.flatMap((a, i) => CORPUS.slice(i + 1).map((b, j) => [i, i + 1 + j, a, b] as const))
    corpusRows = pairs.map(([i, j, a, b]) => pairRow(`corpus ${i}↔${j}`, a, b, !quick, runs))
    printRows('Different departments (../shared/corpus pairs)', corpusRows)
  }

  // 1b. realistic pairs: 10–20% shared wording, mostly reordered phrases (the slow case of real archives)
  const realistic = realisticYears(4, 16_000)
  const realisticRows = realistic.slice(1).map((after, i) => pairRow(`realistic ${i}→${i + 1} (16k)`, realistic[i], after, false, runs))
  // jsdiff on a realistic pair: diffChars is quadratic in the differences (minutes), diffWords
  // takes tens of seconds at 16k, so diffWords runs once on a smaller pair of the same kind
  if (!quick) {
    const [before, after] = realisticYears(2, WORDS_SIZE)
    const row = pairRow(`realistic ${WORDS_SIZE / 1000}k (diffWords once)`, before, after, false, runs)
    const words = diffWords(before, after, { intlSegmenter: segmenter })
    row.diffWords = time(() => diffWords(before, after, { intlSegmenter: segmenter }), 1)
    row.recallWords = recall(reusedPositions(before, after), jsdiffKept(words))
    realisticRows.push(row)
  }
  printRows('Realistic pairs (16k characters, 10–20% shared wording as reordered phrases; targets ≤ 20 ms warm, ≤ 40 ms cold)', realisticRows)

  // 2. near-identical revision of a 13k report
  const base13k = DEMO.join('\n')
  const revision = revise(base13k, 0.035, 7)
  printRows('Near-identical revision (13k characters, 3.5% of sentences edited, one paragraph moved)', [pairRow('revision 13k', base13k, revision, true, runs)])

  // 3. concatenated inputs
  const sizeRows: Row[] = []
  for (const size of [20_000, 50_000, 100_000]) {
    const before = toSize([...DEMO, ...CORPUS], size)
    sizeRows.push(pairRow(`revision ${size / 1000}k`, before, revise(before, 0.03, size), size <= 20_000 && !quick, quick ? 3 : 7))
    const dissimilar = toSize([...CORPUS].reverse().concat(DEMO.map(d => d.replace(/明湖/g, '青川'))), size)
    sizeRows.push(pairRow(`dissimilar ${size / 1000}k`, before, dissimilar, false, quick ? 3 : 5))
  }
  printRows('Concatenated inputs (baselines only at 20k: diffWords runs out of memory near 50k, diffChars takes minutes)', sizeRows)

  // 4. a 13k report against one and ten earlier years (section-aligned report comparison)
  const years = elevenYears()
  const draft = reportOf(years[10])
  const earlier = years.slice(0, 10).map((text, i) => ({ ...reportOf(text), year: 2015 + i }))
  // warm figures follow one call that fills the caches (a cold measurement just emptied them)
  const warm = (fn: () => unknown, n: number) => {
    fn()
    return time(fn, n)
  }
  const one = warm(() => compareReports(earlier[9], draft), runs)
  const oneCold = time(() => compareReports(earlier[9], draft), 5, clearCompareCaches)
  const ten = warm(() => earlier.forEach(e => compareReports(e, draft)), quick ? 3 : 11)
  const tenCold = time(() => earlier.forEach(e => compareReports(e, draft)), 3, clearCompareCaches)
  const history = warm(() => compareWithHistory(draft, earlier), runs)
  const historyCold = time(() => compareWithHistory(draft, earlier), 5, clearCompareCaches)
  console.log(`\nReport comparison, 13k-character draft (${draft.sections.length} sections)`)
  console.log(`  compareReports vs 1 earlier year     warm ${ms(one)}   cold ${ms(oneCold)}   (target < 5 ms)`)
  console.log(`  compareReports vs 10 earlier years   warm ${ms(ten)}   cold ${ms(tenCold)}   (target < 30 ms)`)
  console.log(`  compareWithHistory over 10 years     warm ${ms(history)}   cold ${ms(historyCold)}`)

  // 4b. realistic years: a 13k report against one and ten earlier years sharing 10–20% of their wording
  const realYears = realisticYears(11, 13_000).map((text, i) => ({ ...reportOf(text), year: 2015 + i }))
  const realDraft = realYears[10]
  const rOne = warm(() => compareReports(realYears[9], realDraft), runs)
  const rOneCold = time(() => compareReports(realYears[9], realDraft), 5, clearCompareCaches)
  const rTen = warm(() => realYears.slice(0, 10).forEach(e => compareReports(e, realDraft)), quick ? 3 : 11)
  const rTenCold = time(() => realYears.slice(0, 10).forEach(e => compareReports(e, realDraft)), 3, clearCompareCaches)
  const rHistory = warm(() => compareWithHistory(realDraft, realYears.slice(0, 10)), runs)
  const rHistoryCold = time(() => compareWithHistory(realDraft, realYears.slice(0, 10)), 5, clearCompareCaches)
  console.log(`\nReport comparison, realistic 13k-character draft (${realDraft.sections.length} sections at two levels, 10–20% shared wording)`)
  console.log('  warm: a repeated call — reports prepared, the pair analysed and its section diffs kept (by content); rows, moves and reuse marking assembled anew. cold: every cache emptied first')
  console.log(`  compareReports vs 1 earlier year     warm ${ms(rOne)}   cold ${ms(rOneCold)}   (target ≤ 5 ms warm, ≤ 15 ms cold)`)
  console.log(`  compareReports vs 10 earlier years   warm ${ms(rTen)}   cold ${ms(rTenCold)}   (target ≤ 30 ms warm)`)

  const ratio = (rows: Row[], pick: (r: Row) => number) => median(rows.filter(r => r.diffChars !== undefined).map(r => (r.diffChars as number) / pick(r)))
  const recallOf = (rows: Row[], pick: (r: Row) => number | undefined) => median(rows.filter(r => pick(r) !== undefined).map(r => pick(r) as number))
  console.log(`\nSummary (medians)`)
  console.log(`  speed-up vs diffChars, demo year over year:   cold ${ratio(yoy, r => r.oursCold).toFixed(0)}×, warm ${ratio(yoy, r => r.ours).toFixed(0)}×   (target ≥ 300×)`)
  if (corpusRows.some(r => r.diffChars !== undefined)) {
    console.log(`  speed-up vs diffChars, different reports:      cold ${ratio(corpusRows, r => r.oursCold).toFixed(0)}×, warm ${ratio(corpusRows, r => r.ours).toFixed(0)}×`)
  }
  const wordsRow = realisticRows.find(r => r.diffWords !== undefined)
  if (wordsRow) {
    const words = (wordsRow.diffWords as number) / wordsRow.oursCold
    console.log(
      `  ≥ 100× faster than jsdiff diffWords with Intl.Segmenter on the same inputs (realistic pair of ${wordsRow.chars} characters, diffWords run once: ${ms(wordsRow.diffWords as number)}; ours cold ${ms(wordsRow.oursCold)}): ${words.toFixed(0)}× cold, ${((wordsRow.diffWords as number) / wordsRow.ours).toFixed(0)}× warm — ${words >= 100 ? 'meets' : 'MISSES'} (at 16k diffWords is slower still: --words-size 16000)`
    )
  } else console.log('  speed-up vs jsdiff diffWords: — (not run with --quick)')
  console.log(`  realistic pairs: ours warm ${ms(median(realisticRows.map(r => r.ours)))}, cold ${ms(median(realisticRows.map(r => r.oursCold)))}   (targets ≤ 20 ms warm, ≤ 40 ms cold)`)
  const wordsRecall = realisticRows.some(r => r.recallWords !== undefined) ? `${(recallOf(realisticRows, r => r.recallWords) * 100).toFixed(1)}%` : '— (not run with --quick)'
  console.log(`  reuse marked (8+ chars), realistic pairs:      ours ${(recallOf(realisticRows, r => r.recall) * 100).toFixed(1)}% vs word-level Myers ${wordsRecall}   (target ≥ 95%)`)
  console.log(`  reuse recall (8+ chars), year over year:       ours ${(recallOf(yoy, r => r.recall) * 100).toFixed(1)}% vs word-level Myers ${(recallOf(yoy, r => r.recallWords) * 100).toFixed(1)}%`)
  if (corpusRows.some(r => r.recallWords !== undefined)) {
    console.log(`  reuse recall (8+ chars), different reports:    ours ${(recallOf(corpusRows, r => r.recall) * 100).toFixed(1)}% vs word-level Myers ${(recallOf(corpusRows, r => r.recallWords) * 100).toFixed(1)}%`)
  }
  console.log(`  13k draft vs 10 years as the view loads it (history of 10 + diff with the newest): warm ${ms(history + one)}  (target < 30 ms)`)
  console.log(`  realistic 13k draft vs 10 years as the view loads it (compareWithHistory of 10 + compareReports with the newest): warm ${ms(rHistory + rOne)}, cold ${ms(rHistoryCold + rOneCold)}`)
  console.log(`\nLoad average at the end: ${loadavg().map(l => l.toFixed(2)).join(' ')} (absolute times on a busy machine are inflated; ratios in one run are not)`)
}

type Engine = typeof engine

/** The report comparisons with the engine of another checkout and this one, alternating, in this process. */
async function againstBaseline(dir: string) {
  const modulePath = path.resolve(dir, 'src/compare/index.ts')
  const old = (await import(modulePath)) as Engine
  const runs = quick ? 5 : 15
  const years = realisticYears(11, 13_000).map((text, i) => ({ ...reportOf(text), year: 2015 + i }))
  const draft = years[10]
  const texts = realisticYears(2, 16_000)
  const cases: [string, (e: Engine) => () => unknown, number, boolean][] = [
    ['compareTexts realistic 16k, warm', e => () => e.compareTexts(texts[0], texts[1]), runs, false],
    ['compareTexts realistic 16k, cold', e => () => e.compareTexts(texts[0], texts[1]), runs, true],
    ['compareReports vs 1 year, warm', e => () => e.compareReports(years[9], draft), runs * 2, false],
    ['compareReports vs 1 year, cold', e => () => e.compareReports(years[9], draft), runs, true],
    ['compareReports vs 10 years, warm', e => () => years.slice(0, 10).forEach(y => e.compareReports(y, draft)), runs, false],
    ['compareReports vs 10 years, cold', e => () => years.slice(0, 10).forEach(y => e.compareReports(y, draft)), Math.max(3, runs >> 2), true],
    ['compareWithHistory of 10, warm', e => () => e.compareWithHistory(draft, years.slice(0, 10)), runs, false],
  ]
  console.log(`\nAgainst the baseline engine in ${dir} (same process, runs alternate; realistic data; median ms)`)
  for (const [name, make, n, cold] of cases) {
    const measure = (e: Engine) => {
      make(e)()
      return time(make(e), n, cold ? e.clearCompareCaches : undefined)
    }
    const samples = { old: [measure(old), measure(old)], new: [measure(engine), measure(engine)] }
    const [o, m] = [Math.min(...samples.old), Math.min(...samples.new)]
    console.log(`  ${name.padEnd(36)} old ${ms(o)}   new ${ms(m)}   old/new ${(o / m).toFixed(2)}×`)
  }
}

main()
if (BASELINE) void againstBaseline(BASELINE)
