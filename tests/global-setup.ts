// Once per test run: say clearly when PostgreSQL tests are skipped, and build the app for the
// browser tests (before any test file starts, so two files never build at once).
import { existsSync } from 'node:fs'
import { postgresAvailable, POSTGRES_ADMIN_URL } from './helpers/postgres'
import { CHROMIUM } from './helpers/browser'
import { ensureBuilt } from '../scripts/build'

export default async function setup() {
  if (!(await postgresAvailable())) {
    console.warn(`\n⚠ PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL}: PostgreSQL tests are SKIPPED (SQLite tests still run).\n`)
  }
  if (existsSync(CHROMIUM)) {
    delete process.env.DATABASE_URL // the browser tests run the SQLite build
    await ensureBuilt()
  } else console.warn(`\n⚠ ${CHROMIUM} not found: browser tests are SKIPPED (apt-get install chromium).\n`)
}
