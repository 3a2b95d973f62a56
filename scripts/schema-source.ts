// The Prisma schema Keystone derives from schema.ts right now, per database.
import type { Provider } from '../src/db/database-url'
import { prismaSchemaText } from './keystone-internal'
import { preventPrismaDownloads } from './offline-prisma'

export async function currentPrismaSchema(provider: Provider, cwd = process.cwd()): Promise<string> {
  preventPrismaDownloads() // building the artifacts formats the schema with the Prisma CLI
  return prismaSchemaText(provider, cwd)
}
