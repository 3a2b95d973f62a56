// Sign-in throttling per account and per address, with counters in the database (a Prisma model
// added to Keystone's schema, see keystone.ts) so every worker and app instance shares them.
// rate-limiter-flexible keeps the counters; the policy and its bilingual message are here.
import { GraphQLError, type GraphQLSchema } from 'graphql'
import { RateLimiterPrisma } from 'rate-limiter-flexible'
import type { KeystoneContext } from '@keystone-6/core/types'
import { wrapMutation } from '../keystone/mutations'

export const SIGN_IN_POLICY = {
  /** failures per account in the window; the 11th attempt is refused */
  account: { points: 10, windowSeconds: 15 * 60 },
  /** failures per address (an office behind one NAT shares it) */
  address: { points: 30, windowSeconds: 15 * 60 },
} as const

export const THROTTLE_MODEL = 'SignInThrottle'

/** The Prisma model the counters live in (appended to Keystone's generated schema). */
export function withThrottleModel(prismaSchema: string): string {
  return `${prismaSchema}
model ${THROTTLE_MODEL} {
  key    String    @id
  points Int
  expire DateTime?
}
`
}

const timeInChina = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

export function throttledMessage(retryAt: Date, now = new Date()): string {
  const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000))
  const at = timeInChina.format(retryAt)
  return `登录失败次数过多，请于 ${at}（北京时间，约 ${minutes} 分钟后）再试 / Too many failed sign-ins; try again after ${at} China time (in about ${minutes} min)`
}

type Limiters = { account: RateLimiterPrisma; address: RateLimiterPrisma }
const limitersByClient = new WeakMap<object, Limiters>()

function limitersFor(prisma: object): Limiters {
  let limiters = limitersByClient.get(prisma)
  if (!limiters) {
    const make = (keyPrefix: string, policy: { points: number; windowSeconds: number }) =>
      new RateLimiterPrisma({ storeClient: prisma, tableName: 'signInThrottle', keyPrefix, points: policy.points, duration: policy.windowSeconds })
    limiters = { account: make('account', SIGN_IN_POLICY.account), address: make('address', SIGN_IN_POLICY.address) }
    limitersByClient.set(prisma, limiters)
  }
  return limiters
}

/** The client's address: the socket's, or the first X-Forwarded-For hop when TRUST_PROXY=1. */
export function clientAddress(context: KeystoneContext): string {
  const req = context.req
  if (!req) return 'local'
  const forwarded = process.env.TRUST_PROXY === '1' ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0].trim() : ''
  return forwarded || req.socket?.remoteAddress || 'unknown'
}

/** When this account or address may try again, or undefined when it may now. */
async function blockedUntil(limiters: Limiters, account: string, address: string): Promise<Date | undefined> {
  const [a, b] = await Promise.all([limiters.account.get(account), limiters.address.get(address)])
  const waits = [
    a && a.consumedPoints >= SIGN_IN_POLICY.account.points ? a.msBeforeNext : 0,
    b && b.consumedPoints >= SIGN_IN_POLICY.address.points ? b.msBeforeNext : 0,
  ]
  const wait = Math.max(...waits)
  return wait > 0 ? new Date(Date.now() + wait) : undefined
}

/**
 * Wraps Keystone auth's password mutation: a blocked account or address is refused before the
 * password is checked; a failure counts against both; a success clears the account's count.
 */
export function throttleSignIn(schema: GraphQLSchema, mutationName = 'authenticateUserWithPassword', identityArg = 'email'): GraphQLSchema {
  return wrapMutation(schema, mutationName, original => async (root, args, context, info) => {
    const limiters = limitersFor(context.prisma)
    const account = String(args[identityArg] ?? '').trim().toLowerCase()
    const address = clientAddress(context)
    const until = await blockedUntil(limiters, account, address)
    if (until) throw new GraphQLError(throttledMessage(until), { extensions: { code: 'RATE_LIMITED', retryAt: until.toISOString() } })
    const result = await original(root, args, context, info)
    if (result && typeof result === 'object' && 'sessionToken' in result) await limiters.account.delete(account)
    else await Promise.all([limiters.account.penalty(account, 1), limiters.address.penalty(address, 1)])
    return result
  })
}
