// Revocable sessions on top of Keystone's signed cookie sessions. Each token carries the time it
// was started; a user's `sessionsValidAfter` (loaded with the session data read on every
// request, so the check costs no extra query) ends every token
// started before it. Signing out, a password change and a role or department change move it.
import type { KeystoneContext, SessionStrategy } from '@keystone-6/core/types'
import { LRUCache } from 'lru-cache'

/** What the signed cookie holds: whose session it is and when it started. */
export type SessionToken = { itemId: string; startedAt?: number }
/** A token with its user's session data (withSessionData below). */
type LoadedToken = SessionToken & { data?: SessionUserData }

/** Is a session started at `startedAt` still valid for a user whose sessions end at `validAfter`? */
export function sessionStillValid(startedAt: number | undefined, validAfter: string | Date | null | undefined): boolean {
  if (!validAfter) return true
  return startedAt !== undefined && startedAt >= new Date(validAfter).getTime()
}

/** Ends every session of a user started before now. */
export async function endSessionsOf(context: KeystoneContext, userId: string, at = new Date()) {
  await context.prisma.user.updateMany({ where: { id: userId }, data: { sessionsValidAfter: at } })
}

/** Where Keystone's stateless sessions carry the sealed token: a bearer header, else the cookie. */
export function sealedTokenOf(headers: { authorization?: string; cookie?: string }, cookieName: string): string | undefined {
  if (headers.authorization?.startsWith('Bearer ')) return headers.authorization.slice('Bearer '.length)
  for (const pair of (headers.cookie ?? '').split(';')) {
    const at = pair.indexOf('=')
    if (at > 0 && pair.slice(0, at).trim() === cookieName) {
      const value = pair.slice(at + 1).trim()
      return value.includes('%') ? decodeURIComponent(value) : value
    }
  }
  return undefined
}

/** When an Iron seal (Fe26.2*…*expiration*hmac salt*hmac) expires, in ms since the epoch. */
export function sealExpiresAt(sealed: string): number | undefined {
  const expiration = Number(sealed.split('*')[5])
  return Number.isFinite(expiration) && expiration > 0 ? expiration : undefined
}

/**
 * Unsealing a session cookie derives its key with PBKDF2 and checks its HMAC on every request
 * (about half a millisecond, a sixth of a trivial request): what a sealed token unsealed to is
 * kept per exact sealed string, only after Iron verified it, and never past the seal's expiry.
 * The user's data and revocation are still read on every request (withSessionData).
 */
export function rememberUnsealed(base: SessionStrategy<SessionToken>, cookieName = 'keystonejs-session'): SessionStrategy<SessionToken> {
  const unsealed = new LRUCache<string, { token: SessionToken; expiresAt: number }>({ max: 10_000 })
  return {
    ...base,
    get: async ({ context }) => {
      const sealed = context.req && sealedTokenOf(context.req.headers, cookieName)
      const known = sealed ? unsealed.get(sealed) : undefined
      if (known && known.expiresAt > Date.now()) return known.token
      const token = await base.get({ context })
      const expiresAt = sealed && sealExpiresAt(sealed)
      if (sealed && token && expiresAt) unsealed.set(sealed, { token, expiresAt })
      return token
    },
  }
}

/** The cookie strategy with a start time in each token, and sign-out ending the user's sessions. */
export function stampedSessions(base: SessionStrategy<SessionToken>): SessionStrategy<SessionToken> {
  return {
    ...base,
    start: ({ context, data }) => base.start({ context, data: { ...data, startedAt: Date.now() } }),
    end: async ({ context }) => {
      const token = await base.get({ context })
      if (token?.itemId) await endSessionsOf(context, token.itemId)
      return base.end({ context })
    },
  }
}

/** What a session carries about its user (the `data` of AnnalsSession in src/access). */
export type SessionUserData = {
  id: string
  name: string
  role: string
  departments: { id: string }[]
  sessionsValidAfter: string | null
}

/** Reads a user's session data, or null when the user no longer exists. */
export type SessionUserLoader = (context: KeystoneContext, userId: string) => Promise<SessionUserData | null>

/**
 * The session strategy every request goes through: the signed token, then its user's data read
 * by `load` (one indexed row: Keystone's auth reads the same through a GraphQL query, whose
 * parse, validation and execution were most of a trivial request's cost), refusing revoked tokens.
 */
export function withSessionData(base: SessionStrategy<SessionToken>, load: SessionUserLoader): SessionStrategy<LoadedToken> {
  return {
    ...base,
    get: async ({ context }) => {
      const token = await base.get({ context })
      if (!token?.itemId) return undefined
      const data = await load(context, token.itemId)
      if (!data || !sessionStillValid(token.startedAt, data.sessionsValidAfter)) return undefined
      return { ...token, data }
    },
  }
}

/**
 * Starts a fresh session for a user (a new token in the cookie). Keystone types `start` as taking
 * the loaded session, but its auth, like this, starts one from the token alone.
 */
export async function restartSession(context: KeystoneContext, userId: string) {
  const strategy: SessionStrategy<SessionToken> | undefined = context.sessionStrategy
  await strategy?.start({ context, data: { itemId: userId } })
}
