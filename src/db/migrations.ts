// Migrations for both databases, without Prisma's native binaries.
//
//   migrations/<provider>/<timestamp>_<name>/migration.sql   committed, applied in order on start
//   migrations/<provider>/schema.prisma                        the schema the migrations lead to
//   migrations/<provider>/migration_lock.toml                  as Prisma writes it
//
// A new migration is the diff from the committed schema snapshot to the schema Keystone
// generates from schema.ts now; no shadow database is needed. Applying records each migration
// in `_prisma_migrations` exactly as `prisma migrate deploy` would.
import { existsSync } from 'node:fs'
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { Client } from 'pg'
import { withSchemaEngine, NO_FILTERS } from './schema-engine'
import type { DatabaseTarget, Provider } from './database-url'

export const MIGRATIONS_ROOT = path.resolve(__dirname, '../../migrations')
const LOCKFILE = 'migration_lock.toml'
const SNAPSHOT = 'schema.prisma'

export function migrationsDir(provider: Provider, root = MIGRATIONS_ROOT) {
  return path.join(root, provider)
}

async function migrationFolders(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return []
  const entries = await readdir(dir, { withFileTypes: true })
  return entries
    .filter(e => e.isDirectory() && existsSync(path.join(dir, e.name, 'migration.sql')))
    .map(e => e.name)
    .sort()
}

async function migrationsList(provider: Provider, root = MIGRATIONS_ROOT) {
  const baseDir = migrationsDir(provider, root)
  const lockPath = path.join(baseDir, LOCKFILE)
  const folders = await migrationFolders(baseDir)
  return {
    baseDir,
    lockfile: { path: LOCKFILE, content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      folders.map(async folder => ({
        path: folder,
        migrationFile: {
          path: 'migration.sql',
          content: { tag: 'ok' as const, value: await readFile(path.join(baseDir, folder, 'migration.sql'), 'utf8') },
        },
      }))
    ),
  }
}

// Serialises concurrent starts against one PostgreSQL: a session-level advisory lock held
// on a connection of our own while the engine applies migrations on its connection.
const MIGRATION_LOCK_KEY = 'annals:migrations'

async function withPostgresLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [MIGRATION_LOCK_KEY])
    return await work()
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [MIGRATION_LOCK_KEY]).catch(() => {})
    await client.end()
  }
}

/** Applies every committed migration the database does not have yet. Returns their names. */
export async function applyPendingMigrations(target: DatabaseTarget, root = MIGRATIONS_ROOT): Promise<string[]> {
  const apply = () =>
    withSchemaEngine(target, async engine => {
      const list = await migrationsList(target.provider, root)
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: list, filters: NO_FILTERS })
      return appliedMigrationNames
    })
  return target.provider === 'postgresql' ? withPostgresLock(target.url, apply) : apply()
}

/** SQL that takes a database from the `from` schema (or empty) to the `to` schema; '' when equal. */
export async function diffSchemas(target: DatabaseTarget, from: string | undefined, to: string): Promise<string> {
  return withSchemaEngine(target, async engine => {
    const result = await engine.diff({
      from: from === undefined ? { tag: 'empty' } : { tag: 'schemaDatamodel', files: [{ path: SNAPSHOT, content: from }] },
      to: { tag: 'schemaDatamodel', files: [{ path: SNAPSHOT, content: to }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    } as Parameters<typeof engine.diff>[0])
    const sql = result.stdout ?? ''
    // an unchanged schema diffs to comments only ("-- This is an empty migration.")
    const statements = sql.split('\n').filter(line => line.trim() && !line.trim().startsWith('--'))
    return statements.length === 0 ? '' : sql
  })
}

export async function readSnapshot(provider: Provider, root = MIGRATIONS_ROOT): Promise<string | undefined> {
  const file = path.join(migrationsDir(provider, root), SNAPSHOT)
  return existsSync(file) ? readFile(file, 'utf8') : undefined
}

function timestamp(date = new Date()): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14)
}

/**
 * Writes a migration from the committed snapshot to `schema`, and moves the snapshot on.
 * Returns the folder written, or undefined when nothing changed.
 */
export async function createMigration(
  target: DatabaseTarget,
  name: string,
  schema: string,
  root = MIGRATIONS_ROOT
): Promise<string | undefined> {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'migration'
  const sql = await diffSchemas(target, await readSnapshot(target.provider, root), schema)
  if (!sql) return undefined
  const dir = migrationsDir(target.provider, root)
  const folder = path.join(dir, `${timestamp()}_${slug}`)
  await mkdir(folder, { recursive: true })
  await writeFile(path.join(folder, 'migration.sql'), sql)
  await writeFile(path.join(dir, SNAPSHOT), schema)
  await writeFile(
    path.join(dir, LOCKFILE),
    `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${target.provider}"\n`
  )
  return folder
}
