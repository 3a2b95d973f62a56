// npm run demo: build, migrate, load the demo data, start, and say how to sign in.
import { ensureBuilt } from './build'
import { migrate, serve } from './start'
import { createAnnalsContext } from '../src/keystone/context'
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../seeds'
import { roleLabel } from '../src/workflow'

async function main() {
  // the demo accounts' password is published: never in a production database
  if (process.env.NODE_ENV === 'production') throw new Error('演示数据不能用于生产环境 / npm run demo refuses NODE_ENV=production (its accounts have a published password)')
  await ensureBuilt()
  await migrate()
  const annals = await createAnnalsContext()
  try {
    const { created } = await seedDemo(annals.context)
    console.log(created ? '✓ 已载入演示数据 / demo data loaded' : '✓ 演示数据已存在 / demo data already present')
  } finally {
    await annals.disconnect()
  }
  const port = process.env.PORT || '3000'
  console.log(`\n  Annals 演示 / demo:  http://localhost:${port}/\n`)
  console.log(`  演示账号 / demo accounts (密码 / password: ${DEMO_PASSWORD})`)
  for (const user of DEMO_USERS) console.log(`    ${roleLabel(user.role).padEnd(6, '　')} ${user.email}`)
  console.log('')
  await serve()
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
