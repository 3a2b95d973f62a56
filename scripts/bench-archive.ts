// npm run bench:archive [-- --reports 1000,10000 --providers sqlite,postgresql --runs 20]
//
// Generates an archive by varying the real corpus and the demo texts (departments × years,
// ~10,000 characters a report), indexes it, and prints: index build throughput, index size
// against the raw text, search p50/p95 (1-, 2-, 4-character words, a 12-character phrase, with
// and without filters), passageSources of a 40-character sentence, reuseCheck of a
// 13,000-character draft, and section-save p95 with the index maintained against the same save
// of an unindexed field (baseline in the same process). Timings on a shared machine are noisy.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Client } from 'pg'
import type { KeystoneContext } from '@keystone-6/core/types'
import { preventPrismaDownloads } from './offline-prisma'
import { applyPendingMigrations } from '../src/db/migrations'
import { databaseTarget, type Provider } from '../src/db/database-url'
import { createAnnalsContext } from '../src/keystone/context'
import { ensureArchiveIndex, reindexSections } from '../src/keystone/archive-reindex'
import { archiveColumns } from '../src/keystone/archive-index'
import { ARCHIVE_CONFIG } from '../src/archive'
import { passageSources, reuseCheck, searchArchive } from '../src/keystone/archive'
import { createReport } from '../src/keystone/report-store'
import { plainTextToDocument } from '../src/text'
import { freshPostgresDatabase, POSTGRES_ADMIN_URL, POSTGRES_HOST_URL } from '../tests/helpers/postgres'
import { rng } from '../tests/helpers/archive'

const args = process.argv.slice(2)
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : fallback
}
const SIZES = flag('reports', '1000,10000').split(',').map(Number)
const PROVIDERS = flag('providers', 'sqlite,postgresql').split(',') as Provider[]
const RUNS = Number(flag('runs', '20'))
// the bench's databases: SQLite files under --dir (not var/test), PostgreSQL databases annals_bench_archive_*; deleted afterwards unless --keep
const DIR = flag('dir', path.join(os.tmpdir(), 'annals-bench-archive'))
const KEEP = args.includes('--keep')
// --reuse: measure on a database kept by an earlier --keep run (no generating, no indexing; implies --keep);
// --only search,passage,reuse,save: just those figures; --queries 党,人才: just those search queries
const REUSE = args.includes('--reuse')
const ONLY = flag('only', 'search,passage,reuse,save').split(',')
const QUERY_FILTER = flag('queries', '').split(',').filter(Boolean)

const load = () => `load average ${os.loadavg().map(v => v.toFixed(2)).join(' ')} (${os.cpus().length} cores)`

async function benchDatabase(provider: Provider, reports: number): Promise<{ url: string; drop: () => Promise<void> }> {
  if (provider === 'sqlite') {
    mkdirSync(DIR, { recursive: true })
    const file = path.join(DIR, `archive-${reports}.db`)
    const remove = () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true })
    }
    if (!REUSE) remove()
    return { url: `file:${file}`, drop: async () => remove() }
  }
  const name = `annals_bench_archive_${process.env.ANNALS_TEST_DB_PREFIX ?? ''}${reports}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase()
  const url = REUSE ? `${POSTGRES_HOST_URL}/${name}` : await freshPostgresDatabase(name)
  return {
    url,
    drop: async () => {
      const client = new Client({ connectionString: POSTGRES_ADMIN_URL })
      await client.connect()
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      } finally {
        await client.end()
      }
    },
  }
}
const REPORT_CHARS = 10_000
const SECTIONS_PER_REPORT = 10

// ---------- generated archive ----------

function sourceSentences(): string[] {
  const corpus = '/work/shared/corpus'
  const demo = path.resolve(__dirname, '../seeds/demo')
  const files = [
    ...readdirSync(corpus).map(f => path.join(corpus, f)),
    ...listFiles(demo).filter(f => f.endsWith('.txt')),
  ]
  const text = files.map(f => readFileSync(f, 'utf8')).join('\n')
  return [...new Set(text.split(/(?<=[。；！？])|\n/u).map(s => s.trim()).filter(s => [...s].length >= 8))]
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
}

const HEADINGS = ['一、政治建设', '二、思想建设', '三、组织建设', '四、人才工作', '五、基层治理', '六、作风建设', '七、纪律建设', '八、制度建设', '九、存在的问题', '十、明年打算']
const FILLER = [...'的一是在不了有和也这为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工经法面后自下定过民前开么理所机点从业本去把性好应义方又如社化产重度加体被实现量都两事与行高长此实制展相关各质政由头情外线表向路力级条数解新但果取构物变流记门管技系目料强教权极结形维完先区打委院改选单验程领织常济步积效段']

/** A sentence varied the way years and departments vary them: numbers, names, a word or two. */
function vary(sentence: string, next: () => number, department: string, year: number): string {
  let s = sentence.replace(/\d+/g, m => String(Math.floor(next() * 10 ** m.length)))
  s = s.replace(/20\d\d年/g, `${year}年`)
  if (next() < 0.3) s = department + s
  const chars = [...s]
  const edits = next() < 0.6 ? 1 + Math.floor(next() * 3) : 0
  for (let e = 0; e < edits; e++) chars[Math.floor(next() * chars.length)] = FILLER[Math.floor(next() * FILLER.length)]
  return chars.join('')
}

function generatedReport(sentences: string[], department: number, year: number): { heading: string; text: string }[] {
  const next = rng(department * 10_007 + year)
  const name = `第${department}县`
  return HEADINGS.slice(0, SECTIONS_PER_REPORT).map(heading => {
    let text = ''
    while (text.length < REPORT_CHARS / SECTIONS_PER_REPORT) text += vary(sentences[Math.floor(next() * sentences.length)], next, name, year)
    return { heading, text }
  })
}

/** Departments × years for `reports` reports (50 years at most, as 200 × 50 is one shape). */
function shape(reports: number) {
  const years = Math.min(50, Math.max(10, Math.round(Math.sqrt(reports / 4))))
  return { departments: Math.ceil(reports / years), years }
}

async function loadArchive(context: KeystoneContext, sentences: string[], reports: number) {
  const prisma = context.prisma
  const { departments, years } = shape(reports)
  let made = 0
  let chars = 0
  const started = performance.now()
  for (let d = 1; d <= departments && made < reports; d++) {
    const department = await prisma.department.create({ data: { name: `第${d}县委组织部`, code: `bench-${d}` } })
    const reportRows: { id: string; departmentId: string; year: number; title: string; status: string; kind: string }[] = []
    const sectionRows: { reportId: string; position: number; heading: string; key: string; body: unknown; plainText: string; charCount: number }[] = []
    for (let y = 0; y < years && made < reports; y++, made++) {
      const year = 2025 - years + y
      const id = `bench-${d}-${year}`
      reportRows.push({ id, departmentId: department.id, year, title: `第${d}县委组织部${year}年工作总结`, status: 'approved', kind: 'annual' })
      generatedReport(sentences, d, year).forEach((s, i) => {
        chars += s.text.length
        sectionRows.push({ reportId: id, position: i + 1, heading: s.heading, key: `s${i}`, body: plainTextToDocument(s.text), plainText: s.text, charCount: s.text.length })
      })
    }
    await prisma.report.createMany({ data: reportRows })
    await prisma.section.createMany({ data: sectionRows as never })
    if (d % 20 === 0) process.stdout.write(`\r  生成 generating: ${made}/${reports} reports, ${(chars / 1e6).toFixed(1)}M chars   `)
  }
  process.stdout.write('\r')
  return { chars, seconds: (performance.now() - started) / 1000, departments, years }
}

// ---------- measuring ----------

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

async function timed(runs: number, work: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await work(-1) // warm-up
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await work(i)
    times.push(performance.now() - t)
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) }
}

const ms = (v: number) => `${v.toFixed(1)} ms`

async function sizes(context: KeystoneContext, provider: Provider, url: string) {
  const [{ bytes }] = (await context.prisma.$queryRawUnsafe(
    provider === 'sqlite' ? `SELECT sum(length(CAST("plainText" AS BLOB))) AS bytes FROM "Section"` : `SELECT sum(octet_length("plainText")) AS bytes FROM "Section"`
  )) as { bytes: unknown }[]
  const text = Number(bytes)
  let index: number
  let database: number
  if (provider === 'sqlite') {
    const rows = (await context.prisma.$queryRawUnsafe(
      `SELECT sum(pgsize) AS n FROM dbstat WHERE name LIKE 'Archive%' OR name LIKE 'sqlite_autoindex_Archive%'`
    )) as { n: unknown }[]
    const columns = (await context.prisma.$queryRawUnsafe(`SELECT sum(length(CAST("searchText" AS BLOB)) + length("fingerprints")) AS n FROM "Section"`)) as { n: unknown }[]
    index = Number(rows[0].n) + Number(columns[0].n)
    database = statSync(databaseTarget(url).provider === 'sqlite' ? (databaseTarget(url) as { filename: string }).filename : '').size
  } else {
    const client = new Client({ connectionString: url })
    await client.connect()
    try {
      await client.query('VACUUM ANALYZE "Section", "ArchiveEntry"')
      // the index: the ArchiveEntry table (vectors, GIN, keys), the fingerprint GIN, the common-hash list, and the Section columns it is built from
      const { rows } = await client.query(
        `SELECT pg_total_relation_size('"ArchiveEntry"') + pg_total_relation_size('"ArchiveCommonHash"') + pg_relation_size('"Section_archive_fingerprints_idx"')
                + (SELECT sum(pg_column_size("searchText") + pg_column_size("fingerprints")) FROM "Section") AS index,
                pg_database_size(current_database()) AS database`
      )
      index = Number(rows[0].index)
      database = Number(rows[0].database)
    } finally {
      await client.end()
    }
  }
  return { text, index, database }
}

async function benchOne(provider: Provider, reports: number, sentences: string[]) {
  const { url, drop } = await benchDatabase(provider, reports)
  await applyPendingMigrations(databaseTarget(url))
  const { context, disconnect } = await createAnnalsContext(url)
  try {
    console.log(`\n== ${provider}, ${reports} reports${REUSE ? ' (kept database, query only)' : ''} == (${load()})`)
    const loaded = REUSE ? { ...shape(reports), chars: 0, seconds: 0 } : await loadArchive(context, sentences, reports)
    if (!REUSE) await buildIndex(context, provider, url, loaded)
    await measure(context, provider, reports, sentences, loaded)
  } finally {
    await disconnect()
    if (!KEEP && !REUSE) await drop()
  }
}

async function buildIndex(context: KeystoneContext, provider: Provider, url: string, loaded: { chars: number; seconds: number; departments: number; years: number }) {
  {
    console.log(`archive: ${loaded.departments} departments × ${loaded.years} years, ${(loaded.chars / 1e6).toFixed(1)}M chars (loaded in ${loaded.seconds.toFixed(1)} s without index)`)

    // exactly `npm run reindex`: the index emptied first, then written newest year first
    await ensureArchiveIndex(databaseTarget(url), { clear: true })
    const indexed = await reindexSections(context.prisma, provider, {
      batch: 1000,
      onProgress: p => process.stdout.write(`\r  indexing ${p.done}/${p.total} sections   `),
    })
    process.stdout.write('\r')
    console.log(`index build (npm run reindex's path: columns computed, triggers maintain the index): ${(indexed.chars / indexed.seconds / 1e6).toFixed(2)}M chars/s (${indexed.seconds.toFixed(1)} s for ${indexed.done} sections) (${load()})`)
    const size = await sizes(context, provider, url)
    console.log(
      `size: text ${(size.text / 1e6).toFixed(0)} MB (UTF-8), index ${(size.index / 1e6).toFixed(0)} MB = ${(size.index / size.text).toFixed(2)}× text, whole database ${(size.database / 1e6).toFixed(0)} MB = ${(size.database / size.text).toFixed(2)}× text`
    )

  }
}

async function measure(context: KeystoneContext, provider: Provider, reports: number, sentences: string[], loaded: { departments: number; years: number }) {
  {
    const sudo = context.sudo()
    // a kept database already has the bench users and draft from its first run
    const stamp = REUSE ? `.${Date.now()}` : ''
    const firstDepartment = await sudo.db.Department.findOne({ where: { code: 'bench-1' } })
    const archivist = await sudo.db.User.createOne({ data: { name: '档案员', email: `bench.archivist${stamp}@test.local`, password: 'bench-password-1', role: 'archivist' } })
    const head = await sudo.db.User.createOne({ data: { name: '负责人', email: `bench.head${stamp}@test.local`, password: 'bench-password-1', role: 'head', departments: { connect: [{ id: String(firstDepartment?.id) }] } } })
    const writer = await sudo.db.User.createOne({ data: { name: '撰稿人', email: `bench.writer${stamp}@test.local`, password: 'bench-password-1', role: 'writer', departments: { connect: [{ id: String(firstDepartment?.id) }] } } })
    const session = (user: { id: unknown; name?: unknown; role?: unknown }) =>
      context.withSession({ listKey: 'User', itemId: String(user.id), data: { id: String(user.id), name: String(user.name), role: user.role, departments: user.role === 'archivist' ? [] : [{ id: String(firstDepartment?.id) }] } })
    const asArchivist = session(archivist)

    const phrase12 = [...sentences.find(s => [...s].length >= 30 && /^[\p{Script=Han}]{12}/u.test(s)) as string].slice(0, 12).join('')
    const queries: [string, string][] = [
      ['1 char', '党'],
      ['1 char (rare)', '鑫'],
      ['2 chars', '人才'],
      ['4 chars', '基层治理'],
      ['12-char phrase', `"${phrase12}"`],
    ]
    const years = { yearFrom: 2025 - loaded.years + 2, yearTo: 2025 - Math.floor(loaded.years / 2) }
    const variants: [string, KeystoneContext, Record<string, unknown>][] = [
      ['archivist', asArchivist, {}],
      ['+years', asArchivist, years],
      ['+department', asArchivist, { departmentId: String(firstDepartment?.id) }],
      ['writer (own drafts)', session(writer), {}],
    ]
    console.log(`search, 20 a page (total: matches counted up to ${ARCHIVE_CONFIG.maxCounted}, "+" = more) (${load()})`)
    console.log(`  ${'query'.padEnd(34)} ${'as / filter'.padEnd(20)} ${'p50'.padStart(10)} ${'p95'.padStart(10)} ${'total'.padStart(8)}`)
    if (ONLY.includes('search')) for (const [label, query] of queries) {
      if (QUERY_FILTER.length && !QUERY_FILTER.some(q => query.includes(q))) continue
      for (const [name, ctx, filter] of variants) {
        let result = { total: 0, totalExact: true }
        const t = await timed(RUNS, async () => (result = await searchArchive(ctx, { query, take: 20, ...filter })))
        console.log(`  ${(label + ' ' + query).padEnd(34)} ${name.padEnd(20)} ${ms(t.p50).padStart(10)} ${ms(t.p95).padStart(10)} ${(String(result.total) + (result.totalExact ? '' : '+')).padStart(8)}`)
      }
    }

    const sentence40 = [...sentences.find(s => [...s].length >= 40) as string].slice(0, 40).join('')
    let found = 0
    if (!ONLY.some(o => ['passage', 'reuse', 'save'].includes(o))) return
    if (ONLY.includes('passage')) {
      const sources = await timed(RUNS, async () => (found = (await passageSources(asArchivist, { text: sentence40 })).length))
      console.log(`passageSources (40 chars): p50 ${ms(sources.p50)}, p95 ${ms(sources.p95)} (${found} sources)`)
    }

    // a 13,000-character draft: a third copied from another department, the rest the department's own variation
    const next = rng(99)
    if (!ONLY.some(o => ['reuse', 'save'].includes(o))) return
    const other = generatedReport(sentences, 2, 2024).map(s => s.text).join('')
    const own = generatedReport(sentences, 1, 2026).map(s => s.text).join('')
    const draftText = (other.slice(0, 4300) + own).slice(0, 13_000)
    const draftSections = Array.from({ length: 13 }, (_, i) => ({ heading: HEADINGS[i % HEADINGS.length] + i, text: draftText.slice(i * 1000, (i + 1) * 1000) }))
    const draftTitle = '第1县委组织部2026年工作总结（草稿）'
    const kept = REUSE ? await sudo.db.Report.findOne({ where: { id: (await sudo.db.Report.findMany({ where: { title: { equals: draftTitle } }, take: 1 }))[0]?.id as string ?? '-' } }) : null
    const draftId = kept ? String(kept.id) : await createReport(sudo, { departmentId: String(firstDepartment?.id), year: 2026, title: draftTitle, status: 'draft', reason: 'bench', sections: draftSections })
    let share = 0
    if (ONLY.includes('reuse')) {
      const reuse = await timed(Math.max(5, Math.floor(RUNS / 2)), async () => (share = (await reuseCheck(session(head), { reportId: draftId })).reusedShare))
      console.log(`reuseCheck (13,000 chars): p50 ${ms(reuse.p50)}, p95 ${ms(reuse.p95)} (reused ${(share * 100).toFixed(1)}%)`)
    }
    if (!ONLY.includes('save')) {
      return
    }

    // section saves through Keystone as the writer: body (index maintained) vs level only (baseline: the one field the index does not read; a heading is indexed too)
    const draftSectionsRows = await sudo.db.Section.findMany({ where: { report: { id: { equals: draftId } } } })
    const asWriter = session(writer)
    // every save sends the version it edits (kept from the previous save's answer)
    const versions = new Map(draftSectionsRows.map(row => [String(row.id), Number(row.version)]))
    const save = async (i: number, data: Record<string, unknown>) => {
      const id = String(draftSectionsRows[(i + 13) % draftSectionsRows.length].id)
      const saved = await asWriter.db.Section.updateOne({ where: { id }, data: { ...data, version: versions.get(id) } })
      versions.set(id, Number(saved?.version))
    }
    const saveBody = await timed(RUNS, i => save(i, { body: plainTextToDocument(draftText.slice(0, 1000) + next()) }))
    const saveLevel = await timed(RUNS, i => save(i, { level: 1 + ((i + 3) % 3) }))
    // the index's own share of a save: the same raw UPDATE of one section with and without the archive columns (triggers)
    const q = (sql: string) => (provider === 'sqlite' ? sql.replace(/\$\d/g, '?') : sql)
    const rawIndexed = await timed(RUNS, async i => {
      const id = String(draftSectionsRows[i < 0 ? 0 : i % draftSectionsRows.length].id)
      const columns = archiveColumns(draftText.slice(0, 1000) + next())
      await context.prisma.$executeRawUnsafe(q(`UPDATE "Section" SET "searchText" = $1, "fingerprints" = $2 WHERE "id" = $3`), columns.searchText, columns.fingerprints, id)
    })
    const rawPlain = await timed(RUNS, async i => {
      const id = String(draftSectionsRows[i < 0 ? 0 : i % draftSectionsRows.length].id)
      await context.prisma.$executeRawUnsafe(q(`UPDATE "Section" SET "heading" = $1 WHERE "id" = $2`), `标题${i}`, id)
    })
    console.log(`(${load()})`)
    console.log(`index maintenance alone (raw UPDATE of one section's archive columns, triggers): p50 ${ms(rawIndexed.p50)}, p95 ${ms(rawIndexed.p95)}; same UPDATE of the heading alone (raw SQL: columns not recomputed, triggers idle) p95 ${ms(rawPlain.p95)}`)
    console.log(`section save (writer, 1,000 chars, index maintained): p50 ${ms(saveBody.p50)}, p95 ${ms(saveBody.p95)}; level-only save (not indexed) p95 ${ms(saveLevel.p95)} (ratio ${(saveBody.p95 / saveLevel.p95).toFixed(2)})`)
  }
}

async function main() {
  preventPrismaDownloads()
  const sentences = sourceSentences()
  console.log(`source sentences: ${sentences.length} (corpus and demo texts), runs per figure: ${RUNS}`)
  for (const reports of SIZES) for (const provider of PROVIDERS) await benchOne(provider, reports, sentences)
}

main().catch(error => {
  console.error(error)
  process.exit(1)
})
