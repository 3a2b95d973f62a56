// npm run create-admin: the first administrator of a real deployment (or another one later).
//   npm run create-admin                                   asks on the terminal (password hidden)
//   npm run create-admin -- --email a@b.cn --name 张三     and ANNALS_ADMIN_PASSWORD in the environment
// The password is never taken from the command line (it would stay in the shell history).
// Applies pending migrations first, so it works on an empty database (SQLite or PostgreSQL).
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { databaseTarget } from '../src/db/database-url'
import { applyPendingMigrations } from '../src/db/migrations'
import { createAnnalsContext } from '../src/keystone/context'
import { weakPasswordProblem } from '../src/auth/password-strength'

function ask(question: string, hidden = false): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true })
  if (hidden) {
    // echo nothing while the password is typed
    ;(rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.includes(question)) process.stdout.write(s)
    }
  }
  return new Promise(resolve =>
    rl.question(question, answer => {
      rl.close()
      if (hidden) process.stdout.write('\n')
      resolve(answer.trim())
    })
  )
}

export async function createAdmin(input: { email: string; name: string; password: string }, databaseUrl?: string) {
  if (!/^[^\s@]+@[^\s@]+$/.test(input.email)) throw new Error('请输入有效的邮箱 / Enter a valid email address')
  const weak = weakPasswordProblem(input.password, input.email)
  if (weak) throw new Error(weak)
  const target = databaseTarget(databaseUrl)
  await applyPendingMigrations(target)
  const annals = await createAnnalsContext(target.url)
  try {
    const sudo = annals.context.sudo()
    if (await sudo.db.User.findOne({ where: { email: input.email } })) throw new Error(`用户 ${input.email} 已存在 / User ${input.email} already exists`)
    const user = await sudo.db.User.createOne({ data: { email: input.email, name: input.name || input.email, role: 'admin', password: input.password } })
    return String(user.id)
  } finally {
    await annals.disconnect()
  }
}

async function main() {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } })
  const interactive = process.stdin.isTTY
  const email = values.email ?? process.env.ANNALS_ADMIN_EMAIL ?? (interactive ? await ask('管理员邮箱 Admin email: ') : '')
  const name = values.name ?? process.env.ANNALS_ADMIN_NAME ?? (interactive ? await ask('姓名 Name: ') : '')
  let password = process.env.ANNALS_ADMIN_PASSWORD ?? ''
  if (!password && interactive) {
    password = await ask(`密码（至少 12 个字符）Password (12+ characters): `, true)
    if ((await ask('再输入一次 Repeat: ', true)) !== password) throw new Error('两次输入的密码不一致 / The passwords do not match')
  }
  if (!email || !password) throw new Error('需要邮箱和密码：在终端运行，或设置 --email 与 ANNALS_ADMIN_PASSWORD / An email and a password are needed: run on a terminal, or give --email and ANNALS_ADMIN_PASSWORD')
  await createAdmin({ email, name, password })
  console.log(`✓ 已创建管理员 ${email} / administrator created`)
}

if (require.main === module) {
  main().catch(error => {
    console.error(`✗ ${error instanceof Error ? error.message : error}`)
    process.exit(1)
  })
}
