// The session cookie's unsealed token is remembered per sealed string: only once Iron verified
// it, never past the seal's expiry, and a changed seal is never taken for a remembered one.
// Keystone's own stateless sessions seal and unseal here (no stand-ins).
import { afterEach, describe, expect, test, vi } from 'vitest'
import { statelessSessions } from '@keystone-6/core/session'
import type { KeystoneContext, SessionStrategy } from '@keystone-6/core/types'
import { rememberUnsealed, sealExpiresAt, sealedTokenOf, type SessionToken } from '../src/auth/sessions'

const SECRET = 'a-test-secret-of-more-than-thirty-two-characters'

/** Keystone's strategy, counting how often it really unseals. */
function countedStrategy(maxAge = 3600) {
  const keystone = statelessSessions<SessionToken>({ secret: SECRET, maxAge })
  const counted = { unseals: 0 }
  const strategy: SessionStrategy<SessionToken> = { ...keystone, get: args => (counted.unseals++, keystone.get(args)) }
  return { strategy, counted }
}

async function sealFor(strategy: SessionStrategy<SessionToken>, itemId: string): Promise<string> {
  let header = ''
  const res = { setHeader: (_name: string, value: string) => (header = value) }
  await strategy.start({ context: { res } as unknown as KeystoneContext, data: { itemId } })
  return decodeURIComponent(header.split(';')[0].split('=')[1])
}

const withCookie = (sealed: string) => ({ req: { headers: { cookie: `other=1; keystonejs-session=${encodeURIComponent(sealed)}` } } }) as unknown as KeystoneContext
const withBearer = (sealed: string) => ({ req: { headers: { authorization: `Bearer ${sealed}` } } }) as unknown as KeystoneContext

afterEach(() => {
  vi.useRealTimers()
})

describe('remembered session tokens', () => {
  test('a sealed token is found in the cookie or a bearer header, and its expiry read', async () => {
    const { strategy } = countedStrategy()
    const sealed = await sealFor(strategy, 'user-1')
    expect(sealedTokenOf({ cookie: `a=b; keystonejs-session=${encodeURIComponent(sealed)}` }, 'keystonejs-session')).toBe(sealed)
    expect(sealedTokenOf({ authorization: `Bearer ${sealed}`, cookie: 'keystonejs-session=x' }, 'keystonejs-session')).toBe(sealed)
    expect(sealedTokenOf({ cookie: 'keystonejs-sessionx=1' }, 'keystonejs-session')).toBeUndefined()
    const expiresAt = sealExpiresAt(sealed) as number
    expect(expiresAt - Date.now()).toBeGreaterThan(3590_000)
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(3600_000)
  })

  test('a verified token is unsealed once, then read from memory (cookie and bearer alike)', async () => {
    const { strategy, counted } = countedStrategy()
    const remembered = rememberUnsealed(strategy)
    const sealed = await sealFor(strategy, 'user-1')
    for (let i = 0; i < 3; i++) expect(await remembered.get({ context: withCookie(sealed) })).toMatchObject({ itemId: 'user-1' })
    expect(await remembered.get({ context: withBearer(sealed) })).toMatchObject({ itemId: 'user-1' })
    expect(counted.unseals).toBe(1)
  })

  test('a changed seal is refused every time and never remembered', async () => {
    const { strategy, counted } = countedStrategy()
    const remembered = rememberUnsealed(strategy)
    const sealed = await sealFor(strategy, 'user-1')
    expect(await remembered.get({ context: withCookie(sealed) })).toMatchObject({ itemId: 'user-1' })
    const parts = sealed.split('*')
    parts[7] = (parts[7][0] === 'A' ? 'B' : 'A') + parts[7].slice(1)
    const forged = parts.join('*')
    expect(await remembered.get({ context: withCookie(forged) })).toBeUndefined()
    expect(await remembered.get({ context: withCookie(forged) })).toBeUndefined()
    expect(counted.unseals).toBe(3)
  })

  test('a remembered token ends with its seal', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const { strategy } = countedStrategy(60)
    const remembered = rememberUnsealed(strategy)
    const sealed = await sealFor(strategy, 'user-1')
    expect(await remembered.get({ context: withCookie(sealed) })).toMatchObject({ itemId: 'user-1' })
    // past the seal's expiry and the minute of clock skew Iron allows
    vi.setSystemTime(Date.now() + 121_000)
    expect(await remembered.get({ context: withCookie(sealed) })).toBeUndefined()
  })
})
