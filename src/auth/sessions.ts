// Revocable sessions on top of Keystone's signed cookie sessions. Each token carries the time it
// was started; a user's `sessionsValidAfter` (loaded with the session data Keystone's auth
// already fetches on every request, so the check costs no extra query) ends every token
// started before it. Signing out, a password change and a role or department change move it.
import type { KeystoneContext, SessionStrategy } from '@keystone-6/core/types'

/** What the signed cookie holds: whose session it is and when it started. */
export type SessionToken = { itemId: string; startedAt?: number }
/** A token as Keystone's auth returns it: with the user's session data (`sessionData` in keystone.ts). */
type LoadedToken = SessionToken & { data?: { sessionsValidAfter?: string | Date | null } }

/** Is a session started at `startedAt` still valid for a user whose sessions end at `validAfter`? */
export function sessionStillValid(startedAt: number | undefined, validAfter: string | Date | null | undefined): boolean {
  if (!validAfter) return true
  return startedAt !== undefined && startedAt >= new Date(validAfter).getTime()
}

/** Ends every session of a user started before now. */
export async function endSessionsOf(context: KeystoneContext, userId: string, at = new Date()) {
  await context.prisma.user.updateMany({ where: { id: userId }, data: { sessionsValidAfter: at } })
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

/** Wraps the strategy Keystone's auth returns (which adds `data`): refuse revoked tokens. */
export function refuseRevoked(strategy: SessionStrategy<LoadedToken>): SessionStrategy<LoadedToken> {
  return {
    ...strategy,
    get: async ({ context }) => {
      const session = await strategy.get({ context })
      if (!session?.data) return session
      return sessionStillValid(session.startedAt, session.data.sessionsValidAfter) ? session : undefined
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
