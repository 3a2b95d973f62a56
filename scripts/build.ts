// Builds the app for the database in DATABASE_URL: Prisma client, GraphQL schema, Admin UI.
// Skips the work when nothing it depends on changed since the last build.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { preventPrismaDownloads } from './offline-prisma'
import { databaseTarget } from '../src/db/database-url'
import { runKeystone } from './keystone-cli'

const MARKER = '.keystone/annals-build.json'
const INPUTS = ['keystone.ts', 'schema.ts', 'src', 'admin', 'package-lock.json']

function filesUnder(entry: string): string[] {
  if (!existsSync(entry)) return []
  if (!statSync(entry).isDirectory()) return [entry]
  return readdirSync(entry).sort().flatMap(name => filesUnder(path.join(entry, name)))
}

function inputsHash(provider: string): string {
  const hash = createHash('sha256').update(provider)
  for (const file of INPUTS.flatMap(filesUnder)) hash.update(file).update(readFileSync(file))
  return hash.digest('hex')
}

export async function ensureBuilt({ force = false } = {}) {
  preventPrismaDownloads()
  const { provider } = databaseTarget()
  const hash = inputsHash(provider)
  const previous = existsSync(MARKER) ? JSON.parse(readFileSync(MARKER, 'utf8')) : undefined
  if (!force && previous?.hash === hash && existsSync('.keystone/admin/.next')) {
    console.log(`✓ build is up to date (${provider})`)
    return
  }
  console.log(`✨ Building Annals for ${provider} (Admin UI build takes a minute)…`)
  await runKeystone(['build'])
  writeFileSync(MARKER, JSON.stringify({ provider, hash, builtAt: new Date().toISOString() }, null, 2))
}

if (require.main === module) {
  ensureBuilt({ force: process.argv.includes('--force') }).then(
    () => process.exit(0),
    () => process.exit(1)
  )
}
