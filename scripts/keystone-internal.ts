// The only place that touches Keystone's "___internal-do-not-use-will-break-in-patch" API:
// Keystone's public CLI builds the Prisma client for one database (DATABASE_URL) and bundles
// it into .keystone/, while Annals keeps a schema and client per database side by side and
// needs the Prisma schema as text for migration checks. tests/keystone-internal.test.ts fails
// loudly when a Keystone upgrade moves any of this; fix it here and nowhere else.
import * as artifacts from '@keystone-6/core/___internal-do-not-use-will-break-in-patch/artifacts'
import { annalsConfig } from '../keystone'
import type { Provider } from '../src/db/database-url'

export const SAMPLE_URLS: Record<Provider, string> = {
  sqlite: 'file:./var/annals.db',
  postgresql: 'postgres://localhost/annals',
}

/** The functions used from the internal module. */
export const INTERNAL_FUNCTIONS = ['createSystem', 'generateArtifacts', 'generatePrismaClient', 'buildArtifacts'] as const

/** Those of INTERNAL_FUNCTIONS the installed Keystone no longer has (the test wants none). */
export function missingInternals(): string[] {
  // looked up by name: what the installed module has, not what its declarations promise
  return INTERNAL_FUNCTIONS.filter(name => typeof (artifacts as Record<string, unknown>)[name] !== 'function')
}

type System = ReturnType<typeof artifacts.createSystem>

function systemFor(provider: Provider): System {
  return artifacts.createSystem(annalsConfig({ databaseUrl: SAMPLE_URLS[provider], sessionSecret: 'x'.repeat(32) }))
}

/** Writes generated/<provider>/schema.prisma, the GraphQL schema, and the Prisma client. */
export async function generateForProvider(cwd: string, provider: Provider): Promise<void> {
  const system = systemFor(provider)
  await artifacts.generateArtifacts(cwd, system)
  await artifacts.generatePrismaClient(cwd, system, 'capture')
}

/** The Prisma schema Keystone derives from schema.ts for this database, as text (nothing written). */
export async function prismaSchemaText(provider: Provider, cwd: string): Promise<string> {
  const system = systemFor(provider)
  const { prisma } = await artifacts.buildArtifacts(cwd, system, system.getPaths(cwd).prismaGeneratorOutput)
  return prisma
}
