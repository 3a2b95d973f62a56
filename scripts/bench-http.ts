// npm run bench:http — the comparison query end to end over HTTP: a running app (SQLite,
// two workers), a 13k-character report with ten earlier years, 20 concurrent clients
// (autocannon) on loopback. Prints the first (uncached) request's time, uncached comparisons
// in the warmed server, latency percentiles under load, and in the same run the floor:
// Keystone answering a trivial query under the same load. Each figure is printed beside its
// target (issue 11) with the load average, since the machine may be shared.
//   --seconds N   how long to load (default 15)
//   WEB_CONCURRENCY=N   app workers (default 2)
//   BENCH_DATA=realistic (default: years sharing 10–20% of their wording, the slow case of
//   real archives) or =demo (near-identical years built from the demo department)
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { applyPendingMigrations } from '../src/db/migrations'
import { databaseTarget } from '../src/db/database-url'
import { createAnnalsContext } from '../src/keystone/context'
import { createReport, ensureDepartment } from '../src/keystone/report-store'
import { elevenYears, realisticYears, reportOf } from './bench-inputs'
import { sessionCookie, startApp } from './run-app'

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 15
const CONNECTIONS = 20
process.env.WEB_CONCURRENCY ??= '2'
const WORKERS = Math.max(1, Number(process.env.WEB_CONCURRENCY) || 1)
const DB = path.resolve(__dirname, '../var/bench/http.db')
const PASSWORD = 'bench-password-1'

// BENCH_QUERY=summary or =trivial measure the same path without the payload, or Keystone alone
const QUERIES: Record<string, string> = {
  full: `query($id: ID!) { compareReport(id: $id) { cached summary { againstYear similarity reusedPassages } result } }`,
  summary: `query($id: ID!) { compareReport(id: $id) { cached summary { againstYear similarity reusedPassages } } }`,
  trivial: `query($id: ID!) { report(where: { id: $id }) { id title } }`,
}
const QUERY = QUERIES[process.env.BENCH_QUERY ?? 'full'] ?? QUERIES.full

async function seed(url: string): Promise<string> {
  await applyPendingMigrations(databaseTarget(url))
  const annals = await createAnnalsContext(url)
  try {
    const sudo = annals.context.sudo()
    const department = await ensureDepartment(sudo, 'bench', '基准测试部门')
    await sudo.db.User.createOne({ data: { email: 'bench@annals.local', name: '基准', role: 'archivist', password: PASSWORD } })
    let latest = ''
    const years = process.env.BENCH_DATA === 'demo' ? elevenYears() : realisticYears(11, 13_000)
    for (const [index, text] of years.entries()) {
      const report = reportOf(text)
      latest = await createReport(sudo, { departmentId: department, year: 2014 + index, title: `基准测试${2014 + index}`, status: 'approved', sections: report.sections, reason: 'bench' })
    }
    return latest
  } finally {
    await annals.disconnect()
  }
}

/**
 * CPU time (ms) the app's processes (the primary and its workers) have used, from /proc: what a
 * request costs the server, which waiting for a core on a shared machine does not inflate as it
 * does latencies. Undefined where /proc is missing.
 */
function appCpuMs(pid: number): number | undefined {
  try {
    const ticks = 100 // USER_HZ on Linux
    const stat = (id: string) => {
      const line = readFileSync(`/proc/${id}/stat`, 'utf8')
      return line.slice(line.lastIndexOf(')') + 2).split(' ')
    }
    let total = 0
    for (const id of readdirSync('/proc').filter(name => /^\d+$/.test(name))) {
      try {
        const fields = stat(id)
        // fields after the name: state ppid … utime (14th field overall) stime (15th)
        if (Number(id) === pid || Number(fields[1]) === pid) total += Number(fields[11]) + Number(fields[12])
      } catch {
        // the process ended while being read
      }
    }
    return (total * 1000) / ticks
  } catch {
    return undefined
  }
}

const signIn = (base: string) => sessionCookie(base, 'bench@annals.local', PASSWORD)

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

async function main() {
  const startLoad = loadavg().map(l => l.toFixed(2)).join(' ')
  for (const suffix of ['', '-wal', '-shm']) rmSync(DB + suffix, { force: true })
  const url = `file:${DB}`
  const reportId = await seed(url)
  const app = await startApp(url)
  try {
    const cookie = await signIn(app.url)
    const body = JSON.stringify({ query: QUERY, variables: { id: reportId } })
    const headers = { 'content-type': 'application/json', cookie }
    const post = async (requestBody: string) => {
      const started = performance.now()
      const response = await (await fetch(`${app.url}/api/graphql`, { method: 'POST', headers, body: requestBody })).json()
      return { ms: performance.now() - started, response }
    }
    const { ms: firstMs, response: firstResponse } = await post(body)
    const summary = firstResponse.data?.compareReport ?? { summary: { againstYear: '-', similarity: 0 } }
    if (!firstResponse.data) throw new Error('query failed: ' + JSON.stringify(firstResponse).slice(0, 500))
    const payloadBytes = JSON.stringify(firstResponse).length
    // uncached comparisons in the warmed server: other normalisation options name other cache
    // entries and other prepared texts, so each request compares all eleven years anew
    const variants = [{ numbering: true }, { punctuation: false }, { traditional: false }, { pinyin: false }, { numbering: true, punctuation: false }, { numbering: true, traditional: false }]
    const withOptions = QUERY.replace('query($id: ID!)', 'query($id: ID!, $normalize: CompareNormalizeInput)').replace('compareReport(id: $id)', 'compareReport(id: $id, normalize: $normalize)')
    const uncached: number[] = []
    for (const normalize of variants) {
      const { ms, response } = await post(JSON.stringify({ query: withOptions, variables: { id: reportId, normalize } }))
      if (!response.data || response.data.compareReport.cached) throw new Error('uncached query failed: ' + JSON.stringify(response).slice(0, 500))
      uncached.push(ms)
    }
    uncached.sort((x, y) => x - y)

    // the comparison and the floor are loaded in alternating slices (ROUNDS of each), so that a
    // change in the machine's other load during the run weighs on both alike
    const ROUNDS = 3
    const slice = async (requestBody: string, into: { latencies: number[]; requests: number; errors: number; non2xx: number; clientCpu: number; serverCpu: number }) => {
      const cpu = process.cpuUsage()
      const serverBefore = appCpuMs(app.pid) ?? NaN
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          { url: `${app.url}/api/graphql`, method: 'POST', headers, body: requestBody, connections: CONNECTIONS, duration: seconds / ROUNDS },
          (error, done) => (error ? reject(error) : resolve(done))
        )
        instance.on('response', (_client, status, _bytes, responseTime) => {
          if (status === 200) into.latencies.push(responseTime)
        })
      })
      into.requests += result.requests.total
      into.errors += result.errors
      into.non2xx += result.non2xx
      const used = process.cpuUsage(cpu)
      into.clientCpu += (used.user + used.system) / 1000
      into.serverCpu += (appCpuMs(app.pid) ?? NaN) - serverBefore
    }
    const tally = () => ({ latencies: [] as number[], requests: 0, errors: 0, non2xx: 0, clientCpu: 0, serverCpu: 0 })
    const main = tally()
    const floor = tally()
    const floorBody = JSON.stringify({ query: QUERIES.trivial, variables: { id: reportId } })
    for (let round = 0; round < ROUNDS; round++) {
      await slice(body, main)
      await slice(floorBody, floor)
    }
    main.latencies.sort((a, b) => a - b)
    floor.latencies.sort((a, b) => a - b)
    const line = (latencies: number[]) =>
      `p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms`
    const p95 = percentile(main.latencies, 95)
    const floor95 = percentile(floor.latencies, 95)
    const verdict = (value: number, target: number) => (value < target ? 'meets' : 'MISSES')
    const busy = loadavg()[0] > cpus().length * 0.5
    console.log(`HTTP comparison benchmark (${process.env.BENCH_QUERY ?? 'full'} query, ${process.env.BENCH_DATA ?? 'realistic'} data) — 13k-character report vs 10 earlier years, ${CONNECTIONS} concurrent clients, ${seconds} s on loopback (comparison and floor alternating in ${ROUNDS} slices each), ${WORKERS} worker(s)`)
    console.log(`  machine: ${cpus().length} cores, load average ${startLoad} at the start, ${loadavg().map(l => l.toFixed(2)).join(' ')} at the end${busy ? ' — BUSY (shared): latencies include waiting for a core; trust the ratio to the floor more than absolutes' : ' (idle enough for absolute figures)'}`)
    console.log(`  data: ${process.env.BENCH_DATA === 'demo' ? 'near-identical years from the demo department' : 'realistic years: each shares 10–20% of its wording with the year before, mostly as reordered phrases'}; payload ${(payloadBytes / 1024).toFixed(0)} KiB; similarity to ${summary.summary.againstYear}: ${(summary.summary.similarity * 100).toFixed(1)}%`)
    console.log(`  first request (nothing cached; the first comparison in that worker): ${firstMs.toFixed(0)} ms   target < 250 ms: ${verdict(firstMs, 250)}`)
    console.log(`  uncached comparisons in the warmed server (${uncached.length} other normalisation options, all eleven years compared anew each): median ${percentile(uncached, 50).toFixed(0)} ms, max ${uncached[uncached.length - 1].toFixed(0)} ms   target < 250 ms: ${verdict(percentile(uncached, 50), 250)}`)
    console.log(`  under load (cache hits): ${main.requests} requests, ${(main.requests / seconds).toFixed(0)} req/s, errors ${main.errors}, non-2xx ${main.non2xx}; floor ${(floor.requests / seconds).toFixed(0)} req/s`)
    console.log(`  comparison latency ${line(main.latencies)}   target p95 < 100 ms: ${verdict(p95, 100)}`)
    console.log(`  floor, trivial query (one report's id and title) in the same run: ${line(floor.latencies)}`)
    // autocannon runs in this process, on the same cores as the server: what it spends reading
    // an answer is taken from the server (a browser reading the answer is on another machine)
    console.log(`  load generator (this process, same cores) CPU per request: comparison ${(main.clientCpu / main.requests).toFixed(2)} ms, floor ${(floor.clientCpu / floor.requests).toFixed(2)} ms`)
    console.log(`  server CPU per request (all app processes, from /proc; not inflated by waiting for a core): comparison ${(main.serverCpu / main.requests).toFixed(2)} ms, floor ${(floor.serverCpu / floor.requests).toFixed(2)} ms`)
    console.log(`  ratio p95 comparison / p95 floor: ${(p95 / floor95).toFixed(2)}  (1.00: a cached comparison costs what Keystone's own round trip costs)`)
  } finally {
    await app.stop()
  }
}

main().catch(error => {
  console.error(error)
  process.exit(1)
})
