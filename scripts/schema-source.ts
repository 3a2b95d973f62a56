// The Prisma schema Keystone derives from schema.ts right now, per database.
import { buildArtifacts } from '@keystone-6/core/___internal-do-not-use-will-break-in-patch/artifacts'
import type { Provider } from '../src/db/database-url'
import { systemFor } from './generate'

export async function currentPrismaSchema(provider: Provider, cwd = process.cwd()): Promise<string> {
  const system = systemFor(provider)
  const { prisma } = await buildArtifacts(cwd, system, system.getPaths(cwd).prismaGeneratorOutput)
  return prisma
}
