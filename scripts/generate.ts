// Generates, for SQLite and for PostgreSQL, the Prisma schema and Prisma client that
// Keystone derives from schema.ts (generated/<provider>/). Runs after npm install and
// before tests; `keystone build` does the same for the provider of DATABASE_URL.
import { preventPrismaDownloads } from './offline-prisma'
import { generateForProvider } from './keystone-internal'
import { PROVIDERS, type Provider } from '../src/db/database-url'

export async function generate(cwd = process.cwd(), providers: readonly Provider[] = PROVIDERS) {
  preventPrismaDownloads()
  for (const provider of providers) {
    await generateForProvider(cwd, provider)
    console.log(`✓ Prisma schema and client for ${provider} in generated/${provider}/`)
  }
}

if (require.main === module) {
  generate().catch(error => {
    console.error(error)
    process.exit(1)
  })
}
