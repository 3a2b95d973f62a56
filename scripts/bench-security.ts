// npm run bench:security: the running app (SQLite, WEB_CONCURRENCY workers, default 2) under
// 20 clients for BENCH_SECONDS (default 60): 16 normal users mixing reads, section saves,
// comparisons and a trivial query, 4 attackers looping the worst requests of issue 9. Prints the
// trivial query's p95 alone (baseline, same process) and under load, the normal requests' p95,
// errors, attack requests that were not refused, and whether anything changed that should not.
// BENCH_ATTACKERS=0 runs the same normal load without attackers, to see what the attacks add.
import { rmSync } from 'node:fs'
import path from 'node:path'
import { applyPendingMigrations } from '../src/db/migrations'
import { databaseTarget } from '../src/db/database-url'
import { createAnnalsContext } from '../src/keystone/context'
import { createReport } from '../src/keystone/report-store'
import { plainTextToDocument } from '../src/text'
import { DEMO_PASSWORD, seedDemo } from '../seeds'
import { graphqlClient, startApp, type GraphqlResponse } from './run-app'

const SECONDS = Number(process.env.BENCH_SECONDS) || 60
const NORMAL_CLIENTS = 16
const ATTACKERS = Number(process.env.BENCH_ATTACKERS ?? 4)
const TRIVIAL = 'query { authenticatedItem { ... on User { id } } }'

const p = (values: number[], q: number) => {
  if (!values.length) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}
const ms = (n: number) => `${n.toFixed(1)} ms`

async function timed(work: () => Promise<GraphqlResponse>) {
  const start = performance.now()
  const res = await work()
  return { res, ms: performance.now() - start }
}

function blockquotes(levels: number) {
  let node: unknown = { type: 'paragraph', children: [{ text: '攻击' }] }
  for (let i = 0; i < levels; i++) node = { type: 'blockquote', children: [node] }
  return [node]
}

/** What must not move under attack: every approved report's versions and its history counts. */
async function approvedState(sudo: import('@keystone-6/core/types').KeystoneContext) {
  const rows = await sudo.prisma.report.findMany({
    where: { status: 'approved' },
    orderBy: { id: 'asc' },
    select: { id: true, contentVersion: true, version: true, _count: { select: { sections: true, revisions: true, auditEvents: true } } },
  })
  return JSON.stringify(rows)
}

async function main() {
  const file = path.resolve('var/bench-security.db')
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true })
  const url = `file:${file}`
  await applyPendingMigrations(databaseTarget(url))
  const annals = await createAnnalsContext(url)
  const { reportIds, departmentId } = await seedDemo(annals.context)
  const sudo = annals.context.sudo()
  const approvedId = reportIds[2024]
  const benchDraft = await createReport(sudo, {
    departmentId, year: 2026, title: '压测草稿', reason: 'create',
    sections: Array.from({ length: NORMAL_CLIENTS }, (_, i) => ({ heading: `${i + 1}、压测章节`, text: `第${i + 1}节正文。` })),
  })
  const sectionIds = (await sudo.db.Section.findMany({ where: { report: { id: { equals: benchDraft } } }, orderBy: { position: 'asc' } })).map(s => String(s.id))
  const [approvedSection] = await sudo.db.Section.findMany({ where: { report: { id: { equals: approvedId } } }, take: 1 })
  const before = await approvedState(sudo)
  await annals.disconnect()

  process.env.WEB_CONCURRENCY ??= '2'
  process.env.MAIL_WORKER = 'off'
  const app = await startApp(url)
  try {
    const writer = () => graphqlClient(app.url)
    const normals = await Promise.all(Array.from({ length: NORMAL_CLIENTS }, async () => {
      const c = writer()
      await c.signIn('writer@annals.local', DEMO_PASSWORD)
      return c
    }))

    // baseline: the trivial query alone
    const baseline: number[] = []
    for (let i = 0; i < 200; i++) baseline.push((await timed(() => normals[0].post(TRIVIAL))).ms)

    const stopAt = Date.now() + SECONDS * 1000
    const latencies: Record<string, number[]> = { trivial: [], read: [], save: [], compare: [] }
    let normalErrors = 0
    let conflicts = 0
    const errorSamples = new Set<string>()
    const attacks: Record<string, { sent: number; notRefused: number; ms: number[] }> = {}

    const versionOf = async (client: ReturnType<typeof writer>, id: string): Promise<number> => {
      const version = (await client.post('query($id: ID!) { section(where: { id: $id }) { version } }', { id })).body?.data?.section?.version
      if (version === undefined) throw new Error(`section ${id}: no version in the answer`)
      return version
    }
    const normalLoop = async (client: ReturnType<typeof writer>, index: number) => {
      let step = 0
      // each client edits its own section, so it knows the version its next save is based on
      let version = await versionOf(client, sectionIds[index])
      while (Date.now() < stopAt) {
        const kind = (['trivial', 'read', 'save', 'trivial', 'compare', 'read'] as const)[step++ % 6]
        const { res, ms } = await timed(() => {
          if (kind === 'trivial') return client.post(TRIVIAL)
          if (kind === 'read') return client.post('query($id: ID!) { report(where: { id: $id }) { id title status sections(orderBy: { position: asc }) { id heading plainText } } }', { id: approvedId })
          if (kind === 'compare') return client.post('query($id: ID!) { compareReport(id: $id) { cached summary { similarity } } }', { id: approvedId })
          return client.post('mutation($id: ID!, $version: Int!, $body: JSON!) { updateSection(where: { id: $id }, data: { version: $version, body: $body }) { id version } }', { id: sectionIds[index], version, body: plainTextToDocument(`第${index + 1}节正文，第${step}次保存。`) })
        })
        if (kind === 'save') version = res.body?.data?.updateSection?.version ?? (await versionOf(client, sectionIds[index]))
        latencies[kind].push(ms)
        const code = res.body?.errors?.[0]?.extensions?.code
        if (res.body?.errors?.length) {
          if (code === 'CONFLICT' || /刚被|已被/.test(res.body.errors[0].message)) conflicts++
          else {
            normalErrors++
            errorSamples.add(`${kind}: ${res.body.errors[0].message.slice(0, 120)}`)
          }
        }
      }
    }

    const ATTACKS: Record<string, (c: ReturnType<typeof writer>) => Promise<GraphqlResponse>> = {
      blockquotes500: c => c.post('mutation($id: ID!, $body: JSON!) { updateSection(where: { id: $id }, data: { body: $body }) { id } }', { id: sectionIds[0], body: blockquotes(500) }),
      aliases1000: c => c.post(`query { ${Array.from({ length: 1000 }, (_, i) => `a${i}: compareReport(id: "${approvedId}") { cached }`).join(' ')} }`),
      aliases20Compare: c => c.post(`query { ${Array.from({ length: 20 }, (_, i) => `a${i}: compareReport(id: "${approvedId}", normalize: { numbering: ${i % 2 === 0} }, swap: ${i % 3 === 0}) { cached }`).join(' ')} }`),
      deepNesting: c => {
        let selection = 'id'
        for (let i = 0; i < 10; i++) selection = `sections { report { ${selection} } }`
        return c.post(`query { reports { ${selection} } }`)
      },
      body4MB: c => c.post('', undefined, { body: JSON.stringify({ query: 'mutation { endSession }', variables: { x: '字'.repeat(1_400_000) } }) }),
      nestedConnect: c => c.post('mutation($id: ID!, $s: ID!) { updateReport(where: { id: $id }, data: { sections: { connect: [{ id: $s }] } }) { id } }', { id: benchDraft, s: String(approvedSection.id) }),
      filterProbe: c => c.post('query { departments(where: { reports: { some: { status: { equals: draft }, sections: { some: { plainText: { contains: "全年" } } } } } }) { id } }'),
      wrongPassword: c => c.post('mutation { authenticateUserWithPassword(email: "admin@annals.local", password: "guess") { __typename } }'),
    }
    const attackLoop = async (client: ReturnType<typeof writer>, offset: number) => {
      const names = Object.keys(ATTACKS)
      let i = offset
      while (Date.now() < stopAt) {
        const name = names[i++ % names.length]
        const { res, ms } = await timed(() => ATTACKS[name](client))
        const stat = (attacks[name] ??= { sent: 0, notRefused: 0, ms: [] })
        stat.sent++
        stat.ms.push(ms)
        const refused = res.status >= 400 || !!res.body?.errors?.length || res.body?.data?.authenticateUserWithPassword?.__typename === 'UserAuthenticationWithPasswordFailure'
        if (!refused) stat.notRefused++
      }
    }
    const attackers = await Promise.all(Array.from({ length: ATTACKERS }, async () => {
      const c = writer()
      await c.signIn('writer@annals.local', DEMO_PASSWORD)
      return c
    }))
    await Promise.all([...normals.map(normalLoop), ...attackers.map((c, i) => attackLoop(c, i * 2))])

    // nothing changed that should not have
    const check = await createAnnalsContext(url)
    const approvedAfter = await approvedState(check.context.sudo())
    const benchSections = await check.context.sudo().db.Section.count({ where: { report: { id: { equals: benchDraft } } } })
    await check.disconnect()

    const base95 = p(baseline, 0.95)
    const trivial95 = p(latencies.trivial, 0.95)
    const normalAll = [...latencies.trivial, ...latencies.read, ...latencies.save, ...latencies.compare]
    console.log(`\nbench:security — ${SECONDS} s, ${NORMAL_CLIENTS} normal clients + ${ATTACKERS} attackers, WEB_CONCURRENCY=${process.env.WEB_CONCURRENCY}, SQLite`)
    console.log(`baseline trivial query alone: p50 ${ms(p(baseline, 0.5))}, p95 ${ms(base95)} (${baseline.length} requests)`)
    console.log(`under load     trivial query: p50 ${ms(p(latencies.trivial, 0.5))}, p95 ${ms(trivial95)} (${latencies.trivial.length}) — ${(trivial95 / base95).toFixed(1)}× baseline`)
    for (const kind of ['read', 'save', 'compare'] as const) console.log(`  ${kind.padEnd(8)} p50 ${ms(p(latencies[kind], 0.5))}, p95 ${ms(p(latencies[kind], 0.95))} (${latencies[kind].length})`)
    console.log(`  all normal requests: p95 ${ms(p(normalAll, 0.95))} (${normalAll.length}); errors ${normalErrors}, save conflicts ${conflicts}`)
    for (const sample of errorSamples) console.log(`    error: ${sample}`)
    console.log('attacks (sent / not refused / p95 time to refuse):')
    for (const [name, stat] of Object.entries(attacks)) console.log(`  ${name.padEnd(18)} ${String(stat.sent).padStart(5)} / ${stat.notRefused} / ${ms(p(stat.ms, 0.95))}`)
    console.log(`approved reports unchanged: ${approvedAfter === before ? 'yes' : 'NO'}; bench draft still has ${benchSections}/${NORMAL_CLIENTS} sections`)
  } finally {
    await app.stop()
  }
}

main().catch(error => {
  console.error(error)
  process.exit(1)
})
