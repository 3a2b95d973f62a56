// Issue 9: a real deployment's first start. The production start refuses a missing or weak
// SESSION_SECRET in every mode, once; the first administrator comes from npm run create-admin
// with a strong password; the demo accounts never reach a production start.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { sessionSecretProblem } from '../src/auth/session-secret.cjs'
import { weakPasswordProblem } from '../src/auth/password-strength'
import { createAdmin } from '../scripts/create-admin'
import { checkAccounts } from '../scripts/start'
import { freshDatabaseUrl, testProviders } from './helpers/db'
import { createAnnalsContext } from '../src/keystone/context'
import { seedDemo } from '../seeds'
import { applyPendingMigrations } from '../src/db/migrations'
import { databaseTarget } from '../src/db/database-url'

const ROOT = path.resolve(__dirname, '..')

describe('9. SESSION_SECRET', () => {
  test('the rule: missing in production, short or trivial anywhere', () => {
    expect(sessionSecretProblem({ NODE_ENV: 'production' })).toMatch(/生产环境必须设置 SESSION_SECRET/)
    expect(sessionSecretProblem({ SESSION_SECRET: 'short' })).toMatch(/至少 32 个字符/)
    expect(sessionSecretProblem({ NODE_ENV: 'production', SESSION_SECRET: 'a'.repeat(40) })).toMatch(/过于简单/)
    expect(sessionSecretProblem({ NODE_ENV: 'production', SESSION_SECRET: 'f3a9c1e07b2d4856a9e0c3b7d1f2e4a6' })).toBeUndefined()
    expect(sessionSecretProblem({})).toBeUndefined()
  })

  test.each(['1', '2'])('NODE_ENV=production WEB_CONCURRENCY=%s without it: one message, exit 1, no worker started', concurrency => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', WEB_CONCURRENCY: concurrency, PORT: '0' }
    delete env.SESSION_SECRET
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts/serve.cjs')], { cwd: ROOT, env, encoding: 'utf8', timeout: 30_000 })
    expect(run.status).toBe(1)
    const output = run.stdout + run.stderr
    expect(output.match(/SESSION_SECRET must be set/g)).toHaveLength(1)
    expect(output).not.toMatch(/Server listening|at .*\.js:\d+/)
  })

  test('npm start refuses before building or migrating', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', DATABASE_URL: 'file:./var/test/never-created.db' }
    delete env.SESSION_SECRET
    const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 })
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/✗ 生产环境必须设置 SESSION_SECRET/)
    expect(run.stdout).not.toMatch(/Building|迁移/)
  })
})

describe('first administrator', () => {
  test('weak passwords are refused', () => {
    expect(weakPasswordProblem('short')).toMatch(/至少 12 个字符/)
    expect(weakPasswordProblem('annals-demo-2025!')).toMatch(/已公开/)
    expect(weakPasswordProblem('Password12345')).toMatch(/常见/)
    expect(weakPasswordProblem('zhangsan-2026-x', 'zhangsan@gov.cn')).toMatch(/账号名/)
    expect(weakPasswordProblem('aaaaaaaaaaaaab')).toMatch(/种类/)
    expect(weakPasswordProblem('湖光山色-2026-春天来了')).toBeUndefined()
  })
})

const providers = await testProviders()
describe.each(providers)('create-admin and the demo guard on %s', provider => {
  test('create-admin on an empty database makes an admin who can sign in; twice is refused', async () => {
    const url = await freshDatabaseUrl(provider, 'create_admin')
    await expect(createAdmin({ email: 'chief@gov.test', name: '张主任', password: 'short' }, url)).rejects.toThrow(/至少 12 个字符/)
    await createAdmin({ email: 'chief@gov.test', name: '张主任', password: '湖光山色-2026-春天来了' }, url)
    await expect(createAdmin({ email: 'chief@gov.test', name: '张主任', password: '湖光山色-2026-春天来了' }, url)).rejects.toThrow(/已存在/)
    const annals = await createAnnalsContext(url)
    try {
      const user = await annals.context.sudo().query.User.findOne({ where: { email: 'chief@gov.test' }, query: 'role name' })
      expect(user).toEqual({ role: 'admin', name: '张主任' })
      const request = await annals.context.withRequest({ headers: {}, socket: { remoteAddress: '10.9.9.9' } } as never, { setHeader: () => undefined } as never)
      const result = await request.graphql.raw({
        query: 'mutation { authenticateUserWithPassword(email: "chief@gov.test", password: "湖光山色-2026-春天来了") { __typename } }',
      })
      expect(JSON.stringify(result)).toMatch(/UserAuthenticationWithPasswordSuccess/)
    } finally {
      await annals.disconnect()
    }
  })

  test('a production start refuses a database holding the demo accounts', async () => {
    const url = await freshDatabaseUrl(provider, 'demo_guard')
    await applyPendingMigrations(databaseTarget(url))
    const previous = process.env.DATABASE_URL
    process.env.DATABASE_URL = url
    try {
      expect(await checkAccounts(true)).toBeUndefined()
      const annals = await createAnnalsContext(url)
      await seedDemo(annals.context)
      await annals.disconnect()
      expect(await checkAccounts(true)).toMatch(/演示账号.*demo accounts/s)
      expect(await checkAccounts(false)).toBeUndefined()
    } finally {
      if (previous === undefined) delete process.env.DATABASE_URL
      else process.env.DATABASE_URL = previous
    }
  })
})
