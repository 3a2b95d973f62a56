// Issue 9: two app processes on one SQLite file (WEB_CONCURRENCY=2) save sections at once.
// No save may fail for the database being busy, none may be lost, and every section's version
// counts exactly the saves that went through.
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createUser, migratedContext } from './helpers/db'
import type { AnnalsContext } from '../src/keystone/context'
import { createReport } from '../src/keystone/report-store'
import type { Outcome } from './security-contention-worker'

const run = promisify(execFile)
const ROOT = path.resolve(__dirname, '..')
const PROCESSES = 2
const OWN_PER_PROCESS = 4
const ROUNDS = 25

describe('9. concurrent saves from two processes on one SQLite file', () => {
  let annals: AnnalsContext
  let url: string
  let sectionIds: string[]

  beforeAll(async () => {
    annals = await migratedContext('sqlite', 'security-contention')
    url = annals.target.url
    const sudo = annals.context.sudo()
    const department = await sudo.db.Department.createOne({ data: { name: '并发部', code: 'contention' } })
    await createUser(annals.context, 'writer@contention.test', 'writer', [String(department.id)])
    const reportId = await createReport(sudo, {
      departmentId: String(department.id), year: 2026, title: '并发草稿', reason: 'create',
      sections: Array.from({ length: PROCESSES * OWN_PER_PROCESS + 1 }, (_, i) => ({ heading: `${i + 1}、章节`, text: `第${i + 1}节。` })),
    })
    sectionIds = (await sudo.db.Section.findMany({ where: { report: { id: { equals: reportId } } }, orderBy: { position: 'asc' } })).map(s => String(s.id))
    // the parent lets go of the file: only the two workers write
    await annals.disconnect()
  })
  afterAll(() => annals?.disconnect())

  test('different sections and the same section: none fails, nothing is lost, versions count the saves', { timeout: 240_000 }, async () => {
    const shared = sectionIds[sectionIds.length - 1]
    const jobs = Array.from({ length: PROCESSES }, (_, p) => ({
      email: 'writer@contention.test', own: sectionIds.slice(p * OWN_PER_PROCESS, (p + 1) * OWN_PER_PROCESS), shared, rounds: ROUNDS, tag: `进程${p + 1}`,
    }))
    const results = await Promise.all(jobs.map(job =>
      run(process.execPath, ['--import', 'tsx', path.join(__dirname, 'security-contention-worker.ts'), url, JSON.stringify(job)], { cwd: ROOT, maxBuffer: 64 << 20 })
    ))
    const outcomes = results.flatMap(r => JSON.parse(r.stdout.trim().split('\n').pop() as string) as Outcome[])

    // no failures but CONFLICT on the shared section (both processes based a save on one version)
    const failures = outcomes.filter(o => o.version === undefined && !(o.section === shared && o.code === 'CONFLICT'))
    expect(failures).toEqual([])
    expect(outcomes.filter(o => o.section !== shared && o.version === undefined)).toEqual([])

    const check = await (await import('../src/keystone/context')).createAnnalsContext(url)
    try {
      for (const id of sectionIds) {
        const saves = outcomes.filter(o => o.section === id && o.version !== undefined)
        const row = await check.context.sudo().db.Section.findOne({ where: { id } })
        // every save moved the version by one, no two saves got the same version
        expect(new Set(saves.map(s => s.version)).size).toBe(saves.length)
        expect(Number(row?.version)).toBe(1 + saves.length)
        // the stored text is the save that got the last version
        const last = saves.find(s => s.version === Number(row?.version))
        expect(row?.plainText).toBe(last?.text)
      }
      expect(outcomes.filter(o => o.section !== shared)).toHaveLength(PROCESSES * OWN_PER_PROCESS * ROUNDS)
    } finally {
      await check.disconnect()
    }
  })
})
