// Starts Annals on DATABASE_URL: builds when needed, applies pending migrations, serves.
import { ensureBuilt } from './build'
import { databaseTarget } from '../src/db/database-url'
import { applyPendingMigrations } from '../src/db/migrations'
import { runKeystone } from './keystone-cli'

export async function migrate() {
  const target = databaseTarget()
  const applied = await applyPendingMigrations(target)
  console.log(applied.length ? `✓ 已执行数据库迁移 / applied migrations: ${applied.join(', ')}` : '✓ 数据库结构已是最新 / database schema is up to date')
}

export async function serve() {
  await runKeystone(['start'])
}

if (require.main === module) {
  ;(async () => {
    await ensureBuilt()
    await migrate()
    await serve()
  })().catch(error => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
