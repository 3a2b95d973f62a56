// The Prisma 7 driver adapters. PostgreSQL: Prisma's own. SQLite: Prisma's better-sqlite3
// adapter, made safe for several processes writing one file (WEB_CONCURRENCY=2, a script beside
// the running app):
//
// - Prisma's adapter begins every transaction DEFERRED. Two processes that both read and then
//   write inside a transaction deadlock on the lock upgrade (each holds SHARED, one waits for
//   EXCLUSIVE, the other for RESERVED); SQLite answers SQLITE_BUSY at once without calling the
//   busy handler, and the save failed as "Prisma error" (54 of 1,510 saves in bench:security).
//   Here transactions begin IMMEDIATE: the write lock is taken first, so a transaction never
//   fails half-way for a lock; it waits to begin instead.
// - better-sqlite3 is synchronous: its busy handler (busy_timeout) blocks the whole worker while
//   it waits (under bench:security, reads' time in the driver halved once SQLite stopped waiting).
//   So SQLite does not wait at all (BUSY_SYNC_MS = 0): a busy statement is retried
//   asynchronously with bounded backoff, leaving the event loop free to serve other requests
//   (and, in one process with two connections, the other connection's transaction to finish).
//   Only what may be retried is: BEGIN, COMMIT (a busy COMMIT leaves the transaction open), and
//   statements outside a transaction (an autocommit statement that got SQLITE_BUSY did nothing).
//   Statements inside an IMMEDIATE transaction never wait for a lock: it holds the write lock, and
//   readers hold theirs only within one synchronous statement.
// - What is still busy after BUSY_RETRY_MS reaches clients as the bilingual BUSY error
//   (src/keystone/errors.ts), never as "Prisma error".
// - The file runs in write-ahead-log mode (useWriteAheadLog): readers never wait for the writer.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils'
import { ensureSqliteFolder, type DatabaseTarget } from './database-url'

/** How long one SQLite statement may block its process waiting for a lock (busy_timeout): not at all. */
export const BUSY_SYNC_MS = 0
/** How long a statement is retried (asynchronously) while the database stays busy. */
export const BUSY_RETRY_MS = 8_000

/**
 * Prisma's interactive transactions on SQLite wait for the write lock before they begin, so they
 * may wait longer than Prisma's default 2 s to start (maxWait must cover BUSY_RETRY_MS).
 */
export const SQLITE_TRANSACTION_OPTIONS = { maxWait: BUSY_RETRY_MS + 2_000, timeout: 15_000 }

/** The Prisma 7 driver adapter (factory) for a database target. */
export function driverAdapterFor(target: DatabaseTarget): SqlMigrationAwareDriverAdapterFactory {
  if (target.provider === 'sqlite') {
    ensureSqliteFolder(target)
    return immediateSqlite(new PrismaBetterSqlite3({ url: target.url, timeout: BUSY_SYNC_MS }))
  }
  return new PrismaPg({ connectionString: target.url })
}

/**
 * Prisma closes an interactive transaction after 5 s by default; a long report written in one
 * transaction (an import of 60+ sections, each re-indexed by the archive triggers) can take longer
 * on a busy server, and then failed half-way with a misleading "cannot connect that Report".
 */
export const POSTGRES_TRANSACTION_OPTIONS = { maxWait: 5_000, timeout: 20_000 }

/** The PrismaClient options for a target: its adapter, and transaction waits that fit it. */
export function prismaClientOptionsFor(target: DatabaseTarget) {
  const adapter = driverAdapterFor(target)
  return { adapter, transactionOptions: target.provider === 'sqlite' ? SQLITE_TRANSACTION_OPTIONS : POSTGRES_TRANSACTION_OPTIONS }
}

// ---------- SQLite: IMMEDIATE transactions, busy waits off the event loop ----------

type Connection = { prepare: (sql: string) => { run: () => unknown }; exec: (sql: string) => unknown }

/** True for SQLite's "database is locked" (SQLITE_BUSY*), raw or as Prisma's adapter reports it. */
export function isSqliteBusy(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { kind?: unknown; originalCode?: unknown } } | null
  if (typeof e?.code === 'string' && e.code.startsWith('SQLITE_BUSY')) return true
  return e?.cause?.kind === 'SocketTimeout' || (typeof e?.cause?.originalCode === 'string' && e.cause.originalCode.startsWith('SQLITE_BUSY'))
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

/** Runs `attempt` until it is not busy, with growing, jittered pauses, for at most BUSY_RETRY_MS. */
export async function whileBusy<T>(attempt: () => T | Promise<T>, limitMs = BUSY_RETRY_MS): Promise<T> {
  const started = Date.now()
  for (let pause = 1; ; pause = Math.min(pause * 2, 40)) {
    try {
      return await attempt()
    } catch (error) {
      if (!isSqliteBusy(error) || Date.now() - started >= limitMs) throw error
    }
    await sleep(pause / 2 + Math.random() * pause)
  }
}

/** A FIFO lock: one transaction at a time on the process's one connection. */
function queue() {
  let tail: Promise<void> = Promise.resolve()
  return async (): Promise<() => void> => {
    let release!: () => void
    const previous = tail
    tail = new Promise(resolve => (release = resolve))
    await previous
    return release
  }
}

/**
 * Write-ahead log: readers never wait for a writer, and a commit appends to the log, synced at
 * checkpoints (synchronous=NORMAL: an application crash loses nothing; a power cut may lose the last
 * commits but never corrupts the file) instead of syncing journal and file on every save, which
 * held the worker's event loop 8–25 ms per commit here. bench:security (2 workers, SQLite): trivial
 * query p95 under attack 438 → 124 ms, 4.6× the requests served. The mode is stored in the file;
 * a process that finds another mid-transaction while switching leaves the switch to the next one.
 */
function useWriteAheadLog(connection: Connection) {
  try {
    connection.exec('PRAGMA journal_mode = WAL')
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error
  }
  connection.exec('PRAGMA synchronous = NORMAL')
}

const isCommit = (query: SqlQuery) => /^\s*COMMIT\s*;?\s*$/i.test(query.sql)

function immediateSqlite(inner: PrismaBetterSqlite3): SqlMigrationAwareDriverAdapterFactory {
  const wrap = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    const connection = (adapter as unknown as { client: Connection }).client
    // a large transaction keeps its pages in memory instead of spilling them to the file, which
    // needs the exclusive lock mid-transaction (the one wait an IMMEDIATE transaction could hit)
    connection.exec('PRAGMA cache_spill = OFF')
    useWriteAheadLog(connection)
    const acquire = queue()
    return {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      // outside a transaction a busy statement did nothing: retry it
      queryRaw: query => whileBusy(() => adapter.queryRaw(query)),
      executeRaw: query => whileBusy(() => adapter.executeRaw(query)),
      executeScript: script => adapter.executeScript(script),
      getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
      dispose: () => adapter.dispose(),
      async startTransaction(isolationLevel) {
        // Prisma's adapter refuses other levels the same way; SQLite transactions are serializable
        if (isolationLevel && isolationLevel !== 'SERIALIZABLE') return adapter.startTransaction(isolationLevel)
        const release = await acquire()
        try {
          await whileBusy(() => connection.prepare('BEGIN IMMEDIATE').run())
        } catch (error) {
          release()
          throw toAdapterError(adapter, error)
        }
        return transactionOn(adapter, release)
      },
    }
  }
  return {
    provider: 'sqlite',
    adapterName: inner.adapterName,
    connect: async () => wrap(await inner.connect()),
    connectToShadowDb: async () => wrap(await inner.connectToShadowDb()),
  }
}

/** The transaction's statements run on the connection; Prisma sends COMMIT and ROLLBACK itself. */
function transactionOn(adapter: SqlDriverAdapter, release: () => void): Transaction {
  let open = true
  const end = async () => {
    if (open) release()
    open = false
  }
  const run = (sql: string) => adapter.executeRaw({ sql, args: [], argTypes: [] }).then(() => undefined)
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    options: { usePhantomQuery: false },
    queryRaw: query => adapter.queryRaw(query),
    // COMMIT waits for readers to let go; a busy COMMIT leaves the transaction open and may be retried
    executeRaw: query => (isCommit(query) ? whileBusy(() => adapter.executeRaw(query)) : adapter.executeRaw(query)),
    commit: end,
    rollback: end,
    createSavepoint: name => run(`SAVEPOINT ${name}`),
    rollbackToSavepoint: name => run(`ROLLBACK TO ${name}`),
    releaseSavepoint: name => run(`RELEASE SAVEPOINT ${name}`),
  }
}

/** A raw better-sqlite3 error as Prisma's adapter would report it (BUSY → its "timed out" kind). */
function toAdapterError(adapter: SqlDriverAdapter, error: unknown): unknown {
  if (!isSqliteBusy(error)) return error
  // the adapter maps driver errors itself: run the failing statement's error through it
  try {
    ;(adapter as unknown as { onError: (e: unknown) => never }).onError(error)
  } catch (mapped) {
    return mapped
  }
  return error
}
