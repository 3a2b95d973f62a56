// A Keystone context outside the HTTP server (scripts, seeds, tests), on any database.
import { getContext } from '@keystone-6/core/context'
import type { KeystoneContext } from '@keystone-6/core/types'
import { annalsConfig } from '../../keystone'
import { databaseTarget, type DatabaseTarget } from '../db/database-url'

export type AnnalsContext = { context: KeystoneContext; target: DatabaseTarget; disconnect: () => Promise<void> }

export async function createAnnalsContext(databaseUrl?: string): Promise<AnnalsContext> {
  const target = databaseTarget(databaseUrl)
  const prismaModule = await import(`../../generated/${target.provider}/prisma/client`)
  const context = getContext(annalsConfig({ databaseUrl: target.url, sessionSecret: 'cli-'.padEnd(40, 'x') }), prismaModule)
  return { context, target, disconnect: () => context.prisma.$disconnect() }
}
