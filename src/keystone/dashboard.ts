// 工作台 / start page: “what changed since you last came” needs the time of the last visit,
// kept per user in the database. A visit is a new one after a pause (VISIT_GAP_MS), so reloading
// the start page within one sitting keeps showing the same changes.
import { gWithContext } from '@keystone-6/core'
import type { TypedContext } from './types'
import { userIdOf } from '../access'

const g = gWithContext<TypedContext>()

/** A pause longer than this starts a new visit. */
export const VISIT_GAP_MS = 30 * 60 * 1000

/** Where the “since” of a visit at `now` comes from: the previous visit, unless still in one. */
export function nextVisit(now: Date, last: Date | null, previous: Date | null): { lastVisitAt: Date; previousVisitAt: Date | null } {
  if (last && now.getTime() - last.getTime() < VISIT_GAP_MS) return { lastVisitAt: now, previousVisitAt: previous }
  return { lastVisitAt: now, previousVisitAt: last }
}

export async function recordVisit(context: TypedContext, now = new Date()): Promise<Date | null> {
  const id = userIdOf(context)
  if (!id) return null
  const user = await context.prisma.user.findUnique({ where: { id }, select: { lastVisitAt: true, previousVisitAt: true } })
  if (!user) return null
  const next = nextVisit(now, user.lastVisitAt, user.previousVisitAt)
  await context.prisma.user.update({ where: { id }, data: next })
  return next.previousVisitAt
}

export const dashboardExtension = g.extend(() => ({
  mutation: {
    recordVisit: g.field({
      type: g.DateTime,
      description: '记录一次访问工作台，返回上次访问的时间 / Record a visit to the start page; returns when the user last came (null the first time)',
      resolve: (_, __, context) => recordVisit(context),
    }),
  },
}))
