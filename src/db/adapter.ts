import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { ensureSqliteFolder, type DatabaseTarget } from './database-url'

/** The Prisma 7 driver adapter (factory) for a database target. */
export function driverAdapterFor(target: DatabaseTarget) {
  if (target.provider === 'sqlite') {
    ensureSqliteFolder(target)
    return new PrismaBetterSqlite3({ url: target.url })
  }
  return new PrismaPg({ connectionString: target.url })
}
