// Starts Annals on DATABASE_URL: builds when needed, applies pending migrations, serves.
// Refuses to start without a valid SESSION_SECRET in production, and when the demo accounts
// with their published password are in a production database.
import { ensureBuilt } from './build'
import { databaseTarget } from '../src/db/database-url'
import { applyPendingMigrations } from '../src/db/migrations'
import { sessionSecretProblem } from '../src/auth/session-secret.cjs'
import { DEMO_USERS } from '../seeds'
import { runKeystone } from './keystone-cli'

export async function migrate() {
  const target = databaseTarget()
  const applied = await applyPendingMigrations(target)
  console.log(applied.length ? `✓ 已执行数据库迁移 / applied migrations: ${applied.join(', ')}` : '✓ 数据库结构已是最新 / database schema is up to date')
  await rebuildArchiveIndexIfDue()
}

/** A migration that changed what the archive index holds marks it for one rebuild: done here, before serving. */
async function rebuildArchiveIndexIfDue() {
  const { createAnnalsContext } = await import('../src/keystone/context')
  const { archiveRebuildDue } = await import('../src/keystone/archive-reindex')
  const { reindexArchive } = await import('./reindex')
  const annals = await createAnnalsContext()
  const due = await archiveRebuildDue(annals.context.prisma).finally(() => annals.disconnect())
  if (!due) return
  console.log('ℹ 档案检索索引需要重建一次（章节标题已纳入检索）/ the archive index is rebuilt once (section headings are now searched)')
  await reindexArchive()
}

/** Problems with the accounts of this database for a real deployment, and a hint when it has none. */
export async function checkAccounts(production: boolean): Promise<string | undefined> {
  // loaded here: the app's config (and its session-secret check) only once the secret was checked
  const { createAnnalsContext } = await import('../src/keystone/context')
  const annals = await createAnnalsContext()
  try {
    const sudo = annals.context.sudo()
    const demo = await sudo.db.User.count({ where: { email: { in: DEMO_USERS.map(u => u.email) } } })
    if (production && demo > 0) {
      return '数据库中有演示账号（密码已公开），生产环境拒绝启动：请删除这些账号，或使用 npm run demo / The database holds the demo accounts (their password is published): remove them before a production start, or use npm run demo'
    }
    if ((await sudo.db.User.count()) === 0) console.log('ℹ 还没有任何用户：运行 npm run create-admin 创建第一个管理员 / No users yet: run npm run create-admin to create the first administrator')
    return undefined
  } finally {
    await annals.disconnect()
  }
}

export async function serve() {
  await runKeystone(['start'])
}

if (require.main === module) {
  ;(async () => {
    const secret = sessionSecretProblem(process.env)
    if (secret) throw new Error(secret)
    await ensureBuilt()
    await migrate()
    const accounts = await checkAccounts(process.env.NODE_ENV === 'production')
    if (accounts) throw new Error(accounts)
    await serve()
  })().catch(error => {
    console.error(`✗ ${error instanceof Error ? error.message : error}`)
    process.exit(1)
  })
}
