// Rebuilding the archive index: the index DDL again (idempotent, restores triggers a table
// rebuild dropped), then every section's archive columns recomputed in batches, each batch one
// transaction (the triggers and indexes follow in it). Used by `npm run reindex` and the benchmark.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { Client } from 'pg'
import type { KeystoneContext } from '@keystone-6/core/types'
import { migrationsDir } from '../db/migrations'
import type { DatabaseTarget } from '../db/database-url'
import { archiveColumns } from './archive-index'
import { ARCHIVE_CONFIG } from '../archive'

/**
 * The hand-written index migration of a provider (the newest folder named …_archive_index), then
 * the patches of that shape (later folders named …_archive_index_<what>), in order.
 */
export function archiveIndexSql(provider: DatabaseTarget['provider']): string {
  const dir = migrationsDir(provider)
  const folders = readdirSync(dir).sort()
  const shape = folders.filter(name => /_archive_index$/.test(name)).at(-1)
  if (!shape) throw new Error(`没有找到检索索引迁移 / no *_archive_index migration in ${dir}`)
  const patches = folders.filter(name => name > shape && /_archive_index_\w+$/.test(name))
  return [shape, ...patches].map(folder => readFileSync(path.join(dir, folder, 'migration.sql'), 'utf8')).join('\n')
}

/** Creates whatever of the index is missing, and (with `clear`) empties the SQLite index tables. */
export async function ensureArchiveIndex(target: DatabaseTarget, { clear = false } = {}) {
  const sql = archiveIndexSql(target.provider)
  if (target.provider === 'sqlite') {
    const db = new Database(target.filename)
    try {
      db.exec(sql)
      if (clear) db.exec(`INSERT INTO "ArchiveIndex"("ArchiveIndex") VALUES ('delete-all'); DELETE FROM "ArchiveHash"; DELETE FROM "ArchiveEntry"; DELETE FROM "ArchiveCommonHash";`)
    } finally {
      db.close()
    }
    return
  }
  const client = new Client({ connectionString: target.url })
  await client.connect()
  try {
    await client.query(sql)
    if (clear) await client.query(`TRUNCATE "ArchiveEntry", "ArchiveCommonHash"`)
  } finally {
    await client.end()
  }
}

export type ReindexProgress = { done: number; total: number; chars: number; seconds: number }

type Prisma = KeystoneContext['prisma']

/** Recomputes every section's archive columns; returns sections and characters indexed. */
export async function reindexSections(
  prisma: Prisma,
  provider: DatabaseTarget['provider'],
  { batch = 200, onProgress = (_: ReindexProgress) => {} }: { batch?: number; onProgress?: (p: ReindexProgress) => void } = {}
): Promise<ReindexProgress> {
  const started = performance.now()
  // one statement per batch: the rows come as one JSON parameter
  const update =
    provider === 'sqlite'
      ? `WITH v AS (SELECT j.value ->> 0 AS id, j.value ->> 1 AS st, j.value ->> 2 AS fp FROM json_each(?) j)
         UPDATE "Section" SET "searchText" = v.st, "fingerprints" = v.fp FROM v WHERE "Section"."id" = v.id`
      : `UPDATE "Section" s SET "searchText" = v.st, "fingerprints" = v.fp
         FROM (SELECT j ->> 0 AS id, j ->> 1 AS st, j ->> 2 AS fp FROM jsonb_array_elements($1::jsonb) j) v WHERE s."id" = v.id`
  // newest year first, a report's sections together: the index entries are then written in rid
  // order, and PostgreSQL's table holds them in that order on disk, so that a search's slice of
  // years reads one narrow stretch of each GIN posting list instead of all of it
  const order = (await prisma.$queryRawUnsafe(
    `SELECT s."id" AS "id" FROM "Section" s LEFT JOIN "Report" r ON r."id" = s."report" ORDER BY coalesce(r."year", 0) DESC, s."report", s."position", s."id"`
  )) as { id: string }[]
  const total = order.length
  const read =
    provider === 'sqlite'
      ? `SELECT s."id", s."heading", s."plainText" FROM json_each(?) j JOIN "Section" s ON s."id" = j.value`
      : `SELECT s."id", s."heading", s."plainText" FROM unnest($1::text[]) AS j("id") JOIN "Section" s ON s."id" = j."id"`
  let done = 0
  let chars = 0
  for (let from = 0; from < order.length; from += batch) {
    const ids = order.slice(from, from + batch).map(row => row.id)
    const rows = (await prisma.$queryRawUnsafe(read, provider === 'sqlite' ? JSON.stringify(ids) : `{${ids.map(id => JSON.stringify(id)).join(',')}}`)) as {
      id: string
      heading: string | null
      plainText: string
    }[]
    // rows in the batch's order (the updates below run their triggers in it)
    const byId = new Map(rows.map(row => [row.id, row]))
    const values = ids.flatMap(id => {
      const row = byId.get(id)
      if (!row) return [] // deleted meanwhile
      const columns = archiveColumns(row.plainText, row.heading ?? '')
      chars += row.plainText.length
      return [[row.id, columns.searchText, columns.fingerprints]]
    })
    await prisma.$executeRawUnsafe(update, JSON.stringify(values))
    done += ids.length
    onProgress({ done, total, chars, seconds: (performance.now() - started) / 1000 })
  }
  await refreshCommonHashes(prisma, provider)
  // fresh statistics, or PostgreSQL's planner may filter row by row instead of using the indexes
  await prisma.$executeRawUnsafe(provider === 'sqlite' ? 'ANALYZE' : 'ANALYZE "Section", "Report", "Department", "ArchiveEntry", "ArchiveCommonHash"')
  return { done, total, chars, seconds: (performance.now() - started) / 1000 }
}

/** Is a rebuild of the index due (marked by a migration that changed what the index holds)? */
export async function archiveRebuildDue(prisma: Prisma): Promise<boolean> {
  const rows = (await prisma.$queryRawUnsafe(`SELECT "task" FROM "ArchiveMaintenance" WHERE "task" = 'reindex'`)) as unknown[]
  return rows.length > 0
}

/** Rebuilds the whole index (DDL again, every section's columns) and clears a due mark. */
export async function rebuildArchiveIndex(prisma: Prisma, target: DatabaseTarget, options: Parameters<typeof reindexSections>[2] = {}): Promise<ReindexProgress> {
  await ensureArchiveIndex(target, { clear: true })
  const result = await reindexSections(prisma, target.provider, options)
  await prisma.$executeRawUnsafe(`DELETE FROM "ArchiveMaintenance" WHERE "task" = 'reindex'`)
  return result
}

/** Lists the hashes found in more than maxHashSections sections (set phrases): passage and reuse queries skip them. */
export async function refreshCommonHashes(prisma: Prisma, provider: DatabaseTarget['provider']) {
  const limit = ARCHIVE_CONFIG.maxHashSections
  // one transaction (readers see the old list or the new one); over 100M characters the count takes seconds
  await prisma.$transaction(
    async (tx: Prisma) => {
      await tx.$executeRawUnsafe(`DELETE FROM "ArchiveCommonHash"`)
      await tx.$executeRawUnsafe(
        provider === 'sqlite'
          ? `INSERT INTO "ArchiveCommonHash"("hash") SELECT "hash" FROM "ArchiveHash" GROUP BY "hash" HAVING count(*) > ${limit}`
          : `INSERT INTO "ArchiveCommonHash"("hash") SELECT h FROM "Section", unnest(annals_hashes("fingerprints")) AS h GROUP BY h HAVING count(*) > ${limit}`
      )
    },
    { maxWait: 60_000, timeout: 30 * 60_000 }
  )
}
