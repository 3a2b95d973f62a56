// Issue 9: two app processes on one SQLite file (WEB_CONCURRENCY=2) save sections at once.
// No save may fail for the database being busy, none may be lost, and every section's version
// counts exactly the saves that went through.
import { execFile } from 'node:child_process'
import Database from 'better-sqlite3'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createUser, currentVersion, migratedContext, sessionOf } from './helpers/db'
import { createAnnalsContext, type AnnalsContext } from '../src/keystone/context'
import { formatAnnalsError } from '../src/keystone/errors'
import { plainTextToDocument } from '../src/text'
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

    const check = await createAnnalsContext(url)
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

  test('another process holds the write lock: reads go on, a save waits, then answers BUSY in both languages', { timeout: 60_000 }, async () => {
    const app = await createAnnalsContext(url)
    const other = new Database(url.replace(/^file:/, ''))
    try {
      const writer = app.context.withSession(await sessionOf(app.context, 'writer@contention.test'))
      const [id] = sectionIds
      const version = await currentVersion(app.context, 'Section', id)
      other.prepare('BEGIN IMMEDIATE').run()
      const save = writer.graphql.raw({
        query: 'mutation($id: ID!, $version: Int!, $body: JSON!) { updateSection(where: { id: $id }, data: { version: $version, body: $body }) { version } }',
        variables: { id, version, body: plainTextToDocument('锁住时的保存。') },
      })
      // the waiting save does not hold up this process: a read is answered meanwhile
      const read = await writer.graphql.raw({ query: 'query($id: ID!) { section(where: { id: $id }) { version } }', variables: { id } })
      expect(read.errors).toBeUndefined()
      const result = await save
      expect(result.errors).toHaveLength(1)
      const formatted = formatAnnalsError(result.errors![0].toJSON(), result.errors![0])
      expect(formatted.extensions?.code).toBe('BUSY')
      expect(formatted.message).toBe('数据库正忙，请稍后重试 / The database is busy, please retry')
      other.prepare('ROLLBACK').run()
      // nothing was half-saved; the same save goes through once the lock is gone
      expect(await currentVersion(app.context, 'Section', id)).toBe(version)
      const again = await writer.graphql.raw({
        query: 'mutation($id: ID!, $version: Int!, $body: JSON!) { updateSection(where: { id: $id }, data: { version: $version, body: $body }) { version } }',
        variables: { id, version, body: plainTextToDocument('锁住时的保存。') },
      })
      expect(again.errors).toBeUndefined()
      expect(await currentVersion(app.context, 'Section', id)).toBe(version + 1)
    } finally {
      if (other.inTransaction) other.prepare('ROLLBACK').run()
      other.close()
      await app.disconnect()
    }
  })
})
