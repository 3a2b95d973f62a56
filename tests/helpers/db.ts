// Real databases for tests: a fresh SQLite file, and a fresh PostgreSQL database when the
// server on 127.0.0.1:5432 answers. Both are migrated by the app's own migration code.
import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import type { KeystoneContext } from '@keystone-6/core/types'
import { applyPendingMigrations } from '../../src/db/migrations'
import { databaseTarget, type Provider } from '../../src/db/database-url'
import { createAnnalsContext, type AnnalsContext } from '../../src/keystone/context'
import type { AnnalsSession, Role } from '../../src/access'
import { freshPostgresDatabase, postgresAvailable } from './postgres'

export const TEST_DIR = path.resolve(__dirname, '../../var/test')

export async function freshDatabaseUrl(provider: Provider, name: string): Promise<string> {
  if (provider === 'sqlite') {
    mkdirSync(TEST_DIR, { recursive: true })
    const file = path.join(TEST_DIR, `${name}.db`)
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true })
    return `file:${file}`
  }
  // ANNALS_TEST_DB_PREFIX keeps two checkouts testing against one server out of each other's databases
  const prefix = process.env.ANNALS_TEST_DB_PREFIX ?? ''
  return freshPostgresDatabase(`annals_test_${prefix}${name}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase())
}

/** Providers to run a suite on: SQLite always, PostgreSQL when reachable. */
export async function testProviders(): Promise<Provider[]> {
  return (await postgresAvailable()) ? ['sqlite', 'postgresql'] : ['sqlite']
}

export async function migratedContext(provider: Provider, name: string): Promise<AnnalsContext> {
  const url = await freshDatabaseUrl(provider, name)
  await applyPendingMigrations(databaseTarget(url))
  return createAnnalsContext(url)
}

export type TestUser = { id: string; session: AnnalsSession & { listKey: string } }

export async function createUser(context: KeystoneContext, email: string, role: Role, departmentIds: string[]): Promise<TestUser> {
  const user = await context.sudo().query.User.createOne({
    data: { email, name: email.split('@')[0], role, password: 'test-password-1', departments: { connect: departmentIds.map(id => ({ id })) } },
    query: 'id name role departments { id }',
  })
  return { id: user.id, session: { listKey: 'User', itemId: user.id, data: user as AnnalsSession['data'] } }
}

export function as(context: KeystoneContext, user: TestUser): KeystoneContext {
  return context.withSession(user.session)
}

/** The session Keystone's auth would give an existing user (looked up by email). */
export async function sessionOf(context: KeystoneContext, email: string): Promise<TestUser['session']> {
  const user = await context.sudo().query.User.findOne({ where: { email }, query: 'id name role departments { id }' })
  if (!user) throw new Error(`no user ${email}`)
  return { listKey: 'User', itemId: user.id, data: user as AnnalsSession['data'] }
}

/** The version a report or section is at now: what an edit based on the current text sends. */
export async function currentVersion(context: KeystoneContext, list: 'Report' | 'Section', id: string): Promise<number> {
  const item = await context.sudo().db[list].findOne({ where: { id } })
  if (!item) throw new Error(`no ${list} ${id}`)
  return Number(item.version)
}
