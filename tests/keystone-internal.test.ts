// Annals uses Keystone's internal artifacts API in one module (scripts/keystone-internal.ts).
// This test fails loudly when a Keystone upgrade moves it, before generate or migrate:check do.
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { missingInternals, prismaSchemaText } from '../scripts/keystone-internal'

const MOVED = "Keystone's internal artifacts API moved: update scripts/keystone-internal.ts (the only module that uses it)"

describe("Keystone's internal artifacts API", () => {
  test('every function Annals uses is still there', () => {
    expect(missingInternals(), MOVED).toEqual([])
  })

  test.each(['sqlite', 'postgresql'] as const)('it still derives the %s Prisma schema from schema.ts', async provider => {
    const schema = await prismaSchemaText(provider, process.cwd())
    expect(schema, MOVED).toMatch(new RegExp(`provider\\s*=\\s*"${provider}"`))
    for (const model of ['Report', 'Section', 'Revision', 'OutboundEmail']) expect(schema, MOVED).toContain(`model ${model} {`)
  })
})

// `npm run generate` (postinstall) has Keystone's public CLI write the list types that schema.ts
// and src/keystone/types.ts import; tsc reads them before any test runs.
describe("Keystone's generated list types", () => {
  test('generated/keystone/types.ts declares Lists, TypeInfo and Context for every list', () => {
    const file = 'generated/keystone/types.ts'
    expect(existsSync(file), `${file} is missing: run npm run generate`).toBe(true)
    const types = readFileSync(file, 'utf8')
    for (const name of ['export type Lists<', 'export type TypeInfo<', 'export type Context<']) expect(types).toContain(name)
    for (const list of ['Department', 'User', 'Report', 'Section', 'Presence', 'Revision', 'Review', 'Comment', 'AuditEvent', 'OutboundEmail']) {
      expect(types).toContain(`readonly ${list}: Lists.${list}.TypeInfo<Session>`)
    }
  })
})
