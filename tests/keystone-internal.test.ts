// Annals uses Keystone's internal artifacts API in one module (scripts/keystone-internal.ts).
// This test fails loudly when a Keystone upgrade moves it, before generate or migrate:check do.
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
