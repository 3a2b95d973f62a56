// npm run bench:writing — the writing desk over HTTP on a running app (SQLite unless
// DATABASE_URL says otherwise):
//   1. opening the writing view of a 30,000-character, 20-section draft: the page, the desk
//      query (every section's document), last year beside and presence, as the page loads them;
//   2. section saves by 10 concurrent editors of different sections of that report, each
//      saving its section in turn with the version it holds: p50/p95, and a check that no
//      save was lost or half-applied (every version and final text as sent).
// Baseline, measured in the same process: a trivial query (Keystone's own floor).
//   --rounds N   opens to time (default 10)   --saves N   saves per editor (default 20)
import { rmSync } from 'node:fs'
import path from 'node:path'
import { applyPendingMigrations } from '../src/db/migrations'
import { databaseTarget } from '../src/db/database-url'
import { createAnnalsContext } from '../src/keystone/context'
import { createReport, ensureDepartment } from '../src/keystone/report-store'
import { plainTextToDocument } from '../src/text'
import { DEMO_TEXTS, revise, toSize } from './bench-inputs'
import { sessionCookie, startApp } from './run-app'

const arg = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) || fallback : fallback)
const ROUNDS = arg('--rounds', 10)
const SAVES = arg('--saves', 20)
const EDITORS = 10
const SECTIONS = 20
const CHARS = 30_000
const DB = path.resolve(__dirname, '../var/bench/writing.db')
const PASSWORD = 'bench-password-1'

/** 30,000 characters of real-looking summary text in 20 headed sections. */
function twentySections(text: string): { heading: string; text: string }[] {
  const paragraphs = text.split('\n').filter(p => p.trim())
  const per = Math.ceil(paragraphs.length / SECTIONS)
  const numerals = '一二三四五六七八九十'
  return Array.from({ length: SECTIONS }, (_, i) => ({
    heading: `${i < 10 ? numerals[i] : '十' + (numerals[i - 10] ?? '')}、第${i + 1}部分工作`,
    text: paragraphs.slice(i * per, (i + 1) * per).join('\n') || '（待补充）',
  }))
}

async function seed(url: string): Promise<string> {
  await applyPendingMigrations(databaseTarget(url))
  const annals = await createAnnalsContext(url)
  try {
    const sudo = annals.context.sudo()
    const department = await ensureDepartment(sudo, 'bench-writing', '撰写基准部门')
    await sudo.db.User.createOne({ data: { email: 'bench.writer@annals.local', name: '基准撰稿人', role: 'writer', password: PASSWORD, departments: { connect: [{ id: department }] } } })
    const lastYear = toSize(DEMO_TEXTS.map(t => t.split('\n').slice(2).join('\n')), CHARS)
    await createReport(sudo, { departmentId: department, year: 2024, title: '撰写基准部门2024年工作总结', status: 'approved', reason: 'bench', sections: twentySections(lastYear) })
    return await createReport(sudo, { departmentId: department, year: 2025, title: '撰写基准部门2025年工作总结', status: 'draft', reason: 'bench', sections: twentySections(revise(lastYear, 0.1, 7)) })
  } finally {
    await annals.disconnect()
  }
}

const signIn = (base: string) => sessionCookie(base, 'bench.writer@annals.local', PASSWORD)

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}
const fmt = (ms: number) => `${ms.toFixed(1)} ms`

// the queries the writing view sends when it opens (admin/write/api.ts)
const DESK = `query($id: ID!) { authenticatedItem { ... on User { id name role departments { id } } } report(where: { id: $id }) { id title year status version department { id name } sections(orderBy: [{ position: asc }]) { id key position heading level version body { document(hydrateRelationships: true) } } } }`
const LAST_YEAR = `query($reportId: ID!) { lastYearBeside(reportId: $reportId) }`
const PRESENCE = `mutation($reportId: ID!) { writingPresence(reportId: $reportId) { name } }`
const TRIVIAL = `query($id: ID!) { report(where: { id: $id }) { id title } }`
const SAVE = `mutation($id: ID!, $version: Int!, $body: JSON) { saveReportSection(id: $id, version: $version, body: $body) { status section { version } } }`

async function main() {
  for (const suffix of ['', '-wal', '-shm']) rmSync(DB + suffix, { force: true })
  const url = process.env.DATABASE_URL ?? `file:${DB}`
  const reportId = await seed(url)
  const app = await startApp(url)
  try {
    const cookie = await signIn(app.url)
    // Data: the shape of the answer to `query` (a GraphQL answer without errors has data)
    const post = async <Data = unknown>(query: string, variables: Record<string, unknown>): Promise<Data> => {
      const response = await fetch(`${app.url}/api/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query, variables }) })
      const json: { data: Data; errors?: { message: string }[] } = await response.json()
      if (json.errors) throw new Error(json.errors[0].message)
      return json.data
    }
    type DeskSection = { id: string; version: number; body: { document: unknown } }
    const timed = async (work: () => Promise<unknown>) => {
      const start = performance.now()
      await work()
      return performance.now() - start
    }

    // ---------- 1. opening the writing view ----------
    const open = () =>
      timed(async () => {
        const page = await fetch(`${app.url}/write/${reportId}`, { headers: { cookie } })
        await page.text()
        await Promise.all([post(DESK, { id: reportId }), post(LAST_YEAR, { reportId }), post(PRESENCE, { reportId })])
      })
    const desk = await post<{ report: { sections: DeskSection[] } }>(DESK, { id: reportId })
    const chars = desk.report.sections.reduce((n, s) => n + JSON.stringify(s.body.document).length, 0)
    await open() // warm: the first request compiles the page
    const opens: number[] = []
    const trivial: number[] = []
    for (let i = 0; i < ROUNDS; i++) {
      opens.push(await open())
      trivial.push(await timed(() => post(TRIVIAL, { id: reportId })))
    }
    const openMedian = percentile(opens, 50)
    const trivialMedian = percentile(trivial, 50)

    // ---------- 2. ten editors saving different sections at once ----------
    const sections = desk.report.sections.slice(0, EDITORS)
    const saveLatencies: number[] = []
    let conflicts = 0
    const lastSent: Record<string, { text: string; version: number }> = {}
    const started = performance.now()
    await Promise.all(
      sections.map(async (section, editor) => {
        let version = section.version
        for (let i = 0; i < SAVES; i++) {
          const text = `编辑者${editor + 1}第${i + 1}次保存：${'全年组织工作稳步推进。'.repeat(40)}`
          const start = performance.now()
          const data = await post<{ saveReportSection: { status: string; section: { version: number } } }>(SAVE, { id: section.id, version, body: plainTextToDocument(text) })
          saveLatencies.push(performance.now() - start)
          if (data.saveReportSection.status !== 'SAVED') conflicts++
          version = data.saveReportSection.section.version
          lastSent[section.id] = { text, version }
        }
      })
    )
    const saveWall = performance.now() - started
    // trivial queries under the same concurrency, for the ratio
    const trivialLoaded: number[] = []
    await Promise.all(
      sections.map(async () => {
        for (let i = 0; i < SAVES; i++) trivialLoaded.push(await timed(() => post(TRIVIAL, { id: reportId })))
      })
    )
    const after = await post<{ report: { sections: { id: string; version: number; plainText: string }[] } }>(`query($id: ID!) { report(where: { id: $id }) { sections { id version plainText } } }`, { id: reportId })
    let lost = 0
    for (const s of after.report.sections) {
      const sent = lastSent[s.id]
      if (sent && (s.version !== sent.version || s.plainText !== sent.text || s.version !== 1 + SAVES)) lost++
    }

    console.log(`\nWriting desk over HTTP (${databaseTarget(url).provider}), draft of ${SECTIONS} sections / ${CHARS.toLocaleString('en-US')} characters (${(chars / 1024).toFixed(0)} KiB of documents)`)
    console.log(`  open the writing view (page + desk + last year + presence): median ${fmt(openMedian)}, p95 ${fmt(percentile(opens, 95))} over ${ROUNDS} opens (target < 1500 ms)`)
    console.log(`    baseline trivial query: median ${fmt(trivialMedian)} → open costs ${(openMedian / trivialMedian).toFixed(1)}× Keystone's floor`)
    console.log(`  section saves, ${EDITORS} concurrent editors × ${SAVES} saves: p50 ${fmt(percentile(saveLatencies, 50))}, p95 ${fmt(percentile(saveLatencies, 95))}, ${(saveLatencies.length / (saveWall / 1000)).toFixed(0)} saves/s (target p95 < 100 ms)`)
    console.log(`    baseline trivial query at the same concurrency: p50 ${fmt(percentile(trivialLoaded, 50))}, p95 ${fmt(percentile(trivialLoaded, 95))} → save p95 is ${(percentile(saveLatencies, 95) / percentile(trivialLoaded, 95)).toFixed(1)}×`)
    console.log(`  lost or half-applied saves: ${lost}; unexpected conflicts: ${conflicts}`)
    if (lost || conflicts) process.exitCode = 1
  } finally {
    await app.stop()
  }
}

main().catch(error => {
  console.error(error)
  process.exit(1)
})
