// Migrations apply from empty, are idempotent, serialise concurrent starts on PostgreSQL,
// and stay in sync with schema.ts (this test fails when a schema change lacks a migration).
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { Client } from 'pg'
import Database from 'better-sqlite3'
import { applyPendingMigrations, createMigration, diffSchemas, migrationsDir, readSnapshot } from '../src/db/migrations'
import { databaseTarget } from '../src/db/database-url'
import { freshDatabaseUrl, testProviders } from './helpers/db'
import { migrationDrift, toolingTarget } from '../scripts/migrate'

const providers = await testProviders()

/** `migrate deploy` in a Node process of its own; resolves with what it printed. */
function deployInAProcess(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts', 'deploy'], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', chunk => (out += chunk))
    child.stderr.on('data', chunk => (out += chunk))
    child.once('error', reject)
    child.once('exit', code => (code === 0 ? resolve(out) : reject(new Error(`migrate deploy exited with ${code}: ${out}`))))
  })
}

function committedMigrations(provider: 'sqlite' | 'postgresql') {
  return readdirSync(migrationsDir(provider)).filter(name => /^\d{14}_/.test(name)).sort()
}

async function recordedMigrations(url: string): Promise<string[]> {
  const target = databaseTarget(url)
  if (target.provider === 'sqlite') {
    const db = new Database(target.filename, { readonly: true })
    try {
      return (db.prepare('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name').all() as { migration_name: string }[]).map(r => r.migration_name)
    } finally {
      db.close()
    }
  }
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name')
    return rows.map(r => r.migration_name)
  } finally {
    await client.end()
  }
}

describe.each(providers)('migrations on %s', provider => {
  test('both databases have committed migrations and a schema snapshot', async () => {
    expect(committedMigrations(provider).length).toBeGreaterThan(0)
    expect(await readSnapshot(provider)).toMatch(new RegExp(`provider = "${provider}"`))
  })

  test('apply from an empty database, then a second time applies nothing', async () => {
    const url = await freshDatabaseUrl(provider, 'migrations_twice')
    const first = await applyPendingMigrations(databaseTarget(url))
    expect(first).toEqual(committedMigrations(provider))
    const second = await applyPendingMigrations(databaseTarget(url))
    expect(second).toEqual([])
    expect(await recordedMigrations(url)).toEqual(committedMigrations(provider))
  })

  test('schema.ts and the committed migrations are in sync', async () => {
    expect(await migrationDrift(provider)).toBe('')
  })

  test('a schema change without a migration is detected, and create writes one', async () => {
    const snapshot = (await readSnapshot(provider)) as string
    const changed = snapshot + '\nmodel Extra {\n  id String @id\n  note String\n}\n'
    expect(await diffSchemas(toolingTarget(provider), snapshot, changed)).toMatch(/CREATE TABLE "(public"\.")?Extra"/)

    const root = mkdtempSync(path.join(os.tmpdir(), 'annals-migrations-'))
    const first = await createMigration(toolingTarget(provider), 'init', snapshot, root)
    expect(first).toMatch(/_init$/)
    expect(await createMigration(toolingTarget(provider), 'nothing', snapshot, root)).toBeUndefined()
    const second = await createMigration(toolingTarget(provider), 'add extra', changed, root)
    expect(second).toMatch(/_add_extra$/)
    expect(await readSnapshot(provider, root)).toBe(changed)
  })
})

describe.runIf(providers.includes('postgresql'))('concurrent starts on one PostgreSQL', () => {
  test('four processes starting at once (npm run migrate:deploy ×4) apply each migration exactly once', async () => {
    const url = await freshDatabaseUrl('postgresql', 'migrations_concurrent')
    const outputs = await Promise.all(Array.from({ length: 4 }, () => deployInAProcess(url)))
    const applied = outputs.flatMap(out => /✓ applied (.*)/.exec(out)?.[1].split(', ') ?? [])
    expect(applied.sort()).toEqual(committedMigrations('postgresql'))
    expect(await recordedMigrations(url)).toEqual(committedMigrations('postgresql'))
  })
})
