// Generates, for SQLite and for PostgreSQL, the Prisma schema and Prisma client that
// Keystone derives from schema.ts (generated/<provider>/). Runs after npm install and
// before tests; `keystone build` does the same for the provider of DATABASE_URL.
import { preventPrismaDownloads } from './offline-prisma'
import { createSystem, generateArtifacts, generatePrismaClient } from '@keystone-6/core/___internal-do-not-use-will-break-in-patch/artifacts'
import { annalsConfig } from '../keystone'
import { PROVIDERS, type Provider } from '../src/db/database-url'

export const SAMPLE_URLS: Record<Provider, string> = {
  sqlite: 'file:./var/annals.db',
  postgresql: 'postgres://localhost/annals',
}

export function systemFor(provider: Provider) {
  return createSystem(annalsConfig({ databaseUrl: SAMPLE_URLS[provider], sessionSecret: 'x'.repeat(32) }) as any)
}

export async function generate(cwd = process.cwd(), providers: readonly Provider[] = PROVIDERS) {
  preventPrismaDownloads()
  for (const provider of providers) {
    const system = systemFor(provider)
    await generateArtifacts(cwd, system)
    await generatePrismaClient(cwd, system, 'capture')
    console.log(`✓ Prisma schema and client for ${provider} in generated/${provider}/`)
  }
}

if (require.main === module) {
  generate().catch(error => {
    console.error(error)
    process.exit(1)
  })
}
