// Builds the app for the database in DATABASE_URL: Prisma client, GraphQL schema, Admin UI.
// Skips the work when nothing it depends on changed since the last build.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { preventPrismaDownloads } from './offline-prisma'
import { databaseTarget } from '../src/db/database-url'
import { runKeystone } from './keystone-cli'
import { SCRIPT_HASHES_FILE, inlineScriptHashes } from '../src/auth/content-security-policy'

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

/** Builds the app for the database `databaseUrl` names (by default the environment's) unless that build is current. */
export async function ensureBuilt({ force = false, databaseUrl = process.env.DATABASE_URL }: { force?: boolean; databaseUrl?: string } = {}) {
  preventPrismaDownloads()
  const { provider } = databaseTarget(databaseUrl || undefined)
  const hash = inputsHash(provider)
  const previous = existsSync(MARKER) ? JSON.parse(readFileSync(MARKER, 'utf8')) : undefined
  if (!force && previous?.hash === hash && existsSync('.keystone/admin/.next')) {
    console.log(`✓ build is up to date (${provider})`)
    if (!existsSync(SCRIPT_HASHES_FILE)) collectScriptHashes()
    return
  }
  console.log(`✨ Building Annals for ${provider} (Admin UI build takes a minute)…`)
  await runKeystone(['build'], { ...process.env, DATABASE_URL: databaseTarget(databaseUrl || undefined).url })
  collectScriptHashes()
  writeFileSync(MARKER, JSON.stringify({ provider, hash, builtAt: new Date().toISOString() }, null, 2))
}

const BUILT_PAGES = '.keystone/admin/.next/server/pages'

/** The sha256 of every inline script in the built Admin UI pages, for the CSP header (src/auth/content-security-policy.ts). */
function collectScriptHashes() {
  const pages = filesUnder(BUILT_PAGES).filter(file => file.endsWith('.html'))
  const hashes = [...new Set(pages.flatMap(file => inlineScriptHashes(readFileSync(file, 'utf8'))))].sort()
  writeFileSync(SCRIPT_HASHES_FILE, JSON.stringify({ pages: pages.length, scriptHashes: hashes }, null, 2))
  console.log(`✓ CSP: ${hashes.length} inline script hashes from ${pages.length} built pages`)
}

if (require.main === module) {
  ensureBuilt({ force: process.argv.includes('--force') }).then(
    () => process.exit(0),
    () => process.exit(1)
  )
}
