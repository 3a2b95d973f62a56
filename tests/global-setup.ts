// Says once, clearly, when the PostgreSQL half of the suite is skipped.
import { postgresAvailable, POSTGRES_ADMIN_URL } from './helpers/postgres'

export default async function setup() {
  if (!(await postgresAvailable())) {
    console.warn(`\n⚠ PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL}: PostgreSQL tests are SKIPPED (SQLite tests still run).\n`)
  }
}
