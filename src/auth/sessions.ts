// Revocable sessions on top of Keystone's signed cookie sessions. Each token carries the time it
// was started; a user's `sessionsValidAfter` (loaded with the session data Keystone's auth
// already fetches on every request, so the check costs no extra query) ends every token
// started before it. Signing out, a password change and a role or department change move it.
import type { KeystoneContext, SessionStrategy } from '@keystone-6/core/types'

type Token = { itemId?: string; startedAt?: number; data?: { sessionsValidAfter?: string | Date | null } }

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
export function stampedSessions<S extends SessionStrategy<any>>(base: S): S {
  return {
    ...base,
    start: ({ context, data }) => base.start({ context, data: { ...data, startedAt: Date.now() } }),
    end: async ({ context }) => {
      const token = (await base.get({ context })) as Token | undefined
      if (token?.itemId) await endSessionsOf(context, token.itemId)
      return base.end({ context })
    },
  }
}

/** Wraps the strategy Keystone's auth returns (which adds `data`): refuse revoked tokens. */
export function refuseRevoked<S extends SessionStrategy<any>>(strategy: S): S {
  return {
    ...strategy,
    get: async ({ context }) => {
      const session = (await strategy.get({ context })) as Token | undefined
      if (!session?.data) return session
      return sessionStillValid(session.startedAt, session.data.sessionsValidAfter) ? session : undefined
    },
  }
}
