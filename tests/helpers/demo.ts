// Suite fixtures for API tests: a freshly migrated database per suite, and the seeded demo
// (明湖's approved 2021–2024 and its 2025 draft, 澄溪's draft, one person per role) with each
// demo person's session. Call them inside a `describe`: they register the suite's beforeAll
// (set-up) and afterAll (disconnect); the returned object is filled in before the first test.
import { afterAll, beforeAll } from 'vitest'
import type { KeystoneContext } from '@keystone-6/core/types'
import type { Provider } from '../../src/db/database-url'
import type { AnnalsContext } from '../../src/keystone/context'
import { DEMO_USERS, seedDemo, type SeedResult } from '../../seeds'
import { migratedContext, sessionOf, type TestUser } from './db'

export type TestDatabase = { annals: AnnalsContext; context: KeystoneContext; target: AnnalsContext['target'] }

/** A fresh, migrated database of this suite (`name` keeps suites apart) on `provider`. */
export function useTestDatabase(provider: Provider, name: string): TestDatabase {
  const db = {} as TestDatabase
  beforeAll(async () => {
    db.annals = await migratedContext(provider, name)
    db.context = db.annals.context
    db.target = db.annals.target
  })
  afterAll(() => db.annals?.disconnect())
  return db
}

/** The demo's people by the name tests call them. */
export const DEMO_PEOPLE = {
  admin: 'admin@annals.local',
  writer: 'writer@annals.local',
  head: 'head@annals.local',
  archivist: 'archivist@annals.local',
  otherWriter: 'writer.chengxi@annals.local',
} as const satisfies Record<string, (typeof DEMO_USERS)[number]['email']>
export type DemoPerson = keyof typeof DEMO_PEOPLE

export type SeededDemo = TestDatabase & {
  seed: SeedResult
  /** 明湖's 2025 draft (writer's department) */
  draftId: string
  /** 明湖's approved 2024 report */
  approvedId: string
  /** sessions by person (`writer`) and by email (`writer@annals.local`); a suite may add its own */
  sessions: Record<string, TestUser['session']>
  /** the context of a demo person (by name or email), or no one's for `null` or 'anonymous' */
  as: (who: string | null) => KeystoneContext
}

/** The demo seeded into a fresh database of this suite, with every demo person's session. */
export function useSeededDemo(provider: Provider, name: string): SeededDemo {
  const demo = useTestDatabase(provider, name) as SeededDemo
  demo.sessions = {}
  demo.as = who => {
    if (who === null || who === 'anonymous') return demo.context.withSession(undefined)
    const session = demo.sessions[who]
    if (!session) throw new Error(`no session for ${who} in this suite`)
    return demo.context.withSession(session)
  }
  beforeAll(async () => {
    demo.seed = await seedDemo(demo.context)
    demo.draftId = demo.seed.reportIds[2025]
    demo.approvedId = demo.seed.reportIds[2024]
    for (const [person, email] of Object.entries(DEMO_PEOPLE)) demo.sessions[person] = demo.sessions[email] = await sessionOf(demo.context, email)
  })
  return demo
}
