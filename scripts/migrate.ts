// npm run migrate:create -- <name>   new migration for SQLite and PostgreSQL from schema.ts
// npm run migrate:check              fails when schema.ts and the committed migrations differ
// npm run migrate:deploy             applies pending migrations to DATABASE_URL
import { preventPrismaDownloads } from './offline-prisma'
import { databaseTarget, PROVIDERS, type Provider } from '../src/db/database-url'
import { applyPendingMigrations, createMigration, diffSchemas, readSnapshot } from '../src/db/migrations'
import { currentPrismaSchema } from './schema-source'

/** Diffs for PostgreSQL need a reachable server (the engine connects to learn its dialect). */
export const POSTGRES_TOOLING_URL = process.env.MIGRATIONS_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
const SQLITE_TOOLING_URL = 'file::memory:'

export function toolingTarget(provider: Provider) {
  return databaseTarget(provider === 'sqlite' ? SQLITE_TOOLING_URL : POSTGRES_TOOLING_URL)
}

/** Per provider: the SQL still missing from the committed migrations ('' when in sync). */
export async function migrationDrift(provider: Provider): Promise<string> {
  const schema = await currentPrismaSchema(provider)
  return diffSchemas(toolingTarget(provider), await readSnapshot(provider), schema)
}

async function main(command: string, name?: string) {
  preventPrismaDownloads()
  if (command === 'create') {
    if (!name) throw new Error('usage: npm run migrate:create -- <name>')
    for (const provider of PROVIDERS) {
      const folder = await createMigration(toolingTarget(provider), name, await currentPrismaSchema(provider))
      console.log(folder ? `✓ ${provider}: ${folder}` : `= ${provider}: no schema changes`)
    }
  } else if (command === 'check') {
    let drift = false
    for (const provider of PROVIDERS) {
      const sql = await migrationDrift(provider)
      if (sql) {
        drift = true
        console.error(`✗ ${provider}: schema.ts has changes without a migration. Run: npm run migrate:create -- <name>\n${sql}`)
      } else console.log(`✓ ${provider}: migrations match schema.ts`)
    }
    if (drift) process.exit(1)
  } else if (command === 'deploy') {
    const target = databaseTarget()
    const applied = await applyPendingMigrations(target)
    console.log(applied.length ? `✓ applied ${applied.join(', ')}` : '✓ database is up to date')
  } else {
    throw new Error(`unknown command ${command}; use create <name> | check | deploy`)
  }
}

if (require.main === module) {
  main(process.argv[2] ?? '', process.argv[3]).catch(error => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
