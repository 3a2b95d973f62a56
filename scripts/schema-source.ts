// The Prisma schema Keystone derives from schema.ts right now, per database.
import { buildArtifacts } from '@keystone-6/core/___internal-do-not-use-will-break-in-patch/artifacts'
import type { Provider } from '../src/db/database-url'
import { systemFor } from './generate'
import { preventPrismaDownloads } from './offline-prisma'

export async function currentPrismaSchema(provider: Provider, cwd = process.cwd()): Promise<string> {
  preventPrismaDownloads() // buildArtifacts formats the schema with the Prisma CLI
  const system = systemFor(provider)
  const { prisma } = await buildArtifacts(cwd, system, system.getPaths(cwd).prismaGeneratorOutput)
  return prisma
}
