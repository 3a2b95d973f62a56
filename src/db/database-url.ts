// DATABASE_URL chooses the database: `file:…` is SQLite (the embedded default),
// `postgres://…` / `postgresql://…` is PostgreSQL.
import { mkdirSync } from 'node:fs'
import path from 'node:path'

export type Provider = 'sqlite' | 'postgresql'
export const PROVIDERS: readonly Provider[] = ['sqlite', 'postgresql']
export const DEFAULT_DATABASE_URL = 'file:./var/annals.db'

export type DatabaseTarget =
  | { provider: 'sqlite'; url: string; filename: string }
  | { provider: 'postgresql'; url: string }

export function databaseTarget(url: string = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): DatabaseTarget {
  if (url.startsWith('file:')) {
    const filename = url.slice('file:'.length).replace(/\?.*$/, '')
    if (!filename) throw new Error(`DATABASE_URL has no file name: ${url}`)
    return { provider: 'sqlite', url, filename }
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: 'postgresql', url }
  throw new Error(
    `DATABASE_URL 无法识别：应以 file: 或 postgres:// 开头 / DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL), got ${JSON.stringify(url)}`
  )
}

/** better-sqlite3 does not create missing folders. */
export function ensureSqliteFolder(target: DatabaseTarget) {
  if (target.provider === 'sqlite' && target.filename !== ':memory:') {
    mkdirSync(path.dirname(path.resolve(target.filename)), { recursive: true })
  }
}
