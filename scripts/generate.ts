// Generates, for SQLite and for PostgreSQL, the Prisma schema and Prisma client that
// Keystone derives from schema.ts (generated/<provider>/), and Keystone's TypeScript types
// for the lists (generated/keystone/types.ts: Lists, TypeInfo, Context), which schema.ts and
// src/keystone use. Runs after npm install, so the types exist before `tsc --noEmit` in npm test;
// `keystone build` does the same for the provider of DATABASE_URL.
import { randomBytes } from 'node:crypto'
import { preventPrismaDownloads } from './offline-prisma'
import { generateForProvider } from './keystone-internal'
import { runKeystone } from './keystone-cli'
import { databaseTarget, PROVIDERS, type Provider } from '../src/db/database-url'

export async function generate(cwd = process.cwd(), providers: readonly Provider[] = PROVIDERS) {
  preventPrismaDownloads()
  // Keystone's own CLI writes the types, for the database this checkout runs on; it first checks
  // that generated/schema.graphql and that database's Prisma schema are what it would build
  // itself, so that database goes last (the GraphQL schema file is shared by both).
  const current = databaseTarget().provider
  const ordered = [...providers.filter(p => p !== current), ...providers.filter(p => p === current)]
  for (const provider of ordered) {
    await generateForProvider(cwd, provider)
    console.log(`✓ Prisma schema and client for ${provider} in generated/${provider}/`)
  }
  if (!ordered.includes(current)) return
  // `keystone postinstall` is Keystone's public `build --frozen --no-ui`: it validates the schemas
  // written above, writes the types and bundles the config (.keystone/). The types do not
  // depend on the session secret, which a production install (NODE_ENV=production) may not have yet.
  await runKeystone(['postinstall'], { ...process.env, SESSION_SECRET: randomBytes(32).toString('hex') })
  console.log(`✓ Keystone list types (${current}) in generated/keystone/types.ts`)
}

if (require.main === module) {
  generate().catch(error => {
    console.error(error)
    process.exit(1)
  })
}
