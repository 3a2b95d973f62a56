// One translator from Annals' errors to GraphQL errors with stable codes. Clients (and the
// Admin UI) branch on `extensions.code`, never on message text; one message has one code.
import { GraphQLError, type GraphQLFormattedError } from 'graphql'
import { LRUCache } from 'lru-cache'

export const ERROR_CODES = [
  /** not signed in */
  'UNAUTHENTICATED',
  /** missing, or not readable by this user: the same answer for both */
  'NOT_ACCESSIBLE',
  /** someone saved in between (a stale version) or moved the report first */
  'CONFLICT',
  /** the request itself is wrong (bad argument, revision of another report …) */
  'INVALID_INPUT',
  /** the workflow does not allow this action now (role, status, missing comment, four eyes …) */
  'WORKFLOW_REFUSED',
  /** too many requests from this client */
  'RATE_LIMITED',
  /** the query is too deep, too wide or too costly */
  'QUERY_TOO_COMPLEX',
  /** the database stayed locked or timed out (other writers): nothing was saved, retrying is safe */
  'BUSY',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** An error whose message is meant for the user as it is (Chinese first, English after). */
export class AnnalsError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message, { extensions: { code } })
    this.name = 'AnnalsError'
    remember(message, code)
  }
}

export const DATABASE_BUSY = '数据库正忙，请稍后重试 / The database is busy, please retry'

export const NOT_SIGNED_IN = '请先登录 / Please sign in'
export const REPORT_NOT_ACCESSIBLE = '报告不存在或您无权查看 / The report does not exist or you may not read it'

/**
 * The GraphQL error a resolver throws for `error`: ours (workflow, comparison, locking) carry
 * their code already; a GraphQL error of Keystone's that wraps one of ours gets its code back;
 * anything else is passed on unchanged.
 */
export function toGraphQLError(error: unknown): unknown {
  if (error instanceof AnnalsError || !(error instanceof GraphQLError)) return error
  const ours = unwrapped(error.message)
  return ours ? new AnnalsError(ours.code, ours.message) : error
}

/** Runs a resolver's work and translates what it throws. */
export async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw toGraphQLError(error)
  }
}

// Keystone wraps what its hooks throw in its own errors (KS_EXTENSION_ERROR, whose message
// lists the hook's message) and keeps no reference to ours. So the codes of recent messages
// are remembered here, bounded, to give the wrapped error its code back in `formatAnnalsError`.
const recentCodes = new LRUCache<string, ErrorCode>({ max: 500 })

function remember(message: string, code: ErrorCode) {
  recentCodes.set(message, code)
}

/** Our error inside one Keystone wrapped (its code and message), if it wraps one of ours. */
export function unwrapped(message: string): { code: ErrorCode; message: string } | undefined {
  for (const line of message.split('\n')) {
    const inner = /^ {2}- [^:]+: (.*)$/.exec(line)?.[1]
    const code = inner === undefined ? undefined : recentCodes.get(inner)
    if (code && inner) return { code, message: inner }
  }
  return undefined
}

/**
 * Apollo's formatError (graphql.apolloConfig.formatError in keystone.ts): Keystone's own
 * mutations (updateReport with a stale version …) answer with our code and message.
 */
export function formatAnnalsError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  if ((ERROR_CODES as readonly unknown[]).includes(formatted.extensions?.code)) return formatted
  if (isBusyError(error) || BUSY_MESSAGE.test(formatted.message)) {
    const { debug: _debug, exception: _exception, ...extensions } = formatted.extensions ?? {}
    return { ...formatted, message: DATABASE_BUSY, extensions: { ...extensions, code: 'BUSY' } }
  }
  const ours = unwrapped(formatted.message)
  if (!ours) return formatted
  return { ...formatted, message: ours.message, extensions: { ...formatted.extensions, code: ours.code } }
}

// The database stayed busy: SQLite locked past the adapter's retries (src/db/adapter.ts), a
// transaction that could not start or ran out of time, or PostgreSQL's serialization failure
// or deadlock. Prisma's codes first; the message patterns catch what Keystone wrapped (a hook's error).
const BUSY_PRISMA_CODES = new Set(['P1008', 'P2028', 'P2034'])
const BUSY_MESSAGE = /Operation has timed out|Unable to start a transaction in the given time|cannot be executed on an expired transaction|SQLITE_BUSY|database is locked|could not serialize access|deadlock detected/

/** True when `error` (or what it wraps) says the database was busy, not that the request was wrong. */
export function isBusyError(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; originalError?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string' && BUSY_PRISMA_CODES.has(e.code)) return true
    if (typeof e.message === 'string' && BUSY_MESSAGE.test(e.message)) return true
    e = (e.originalError ?? e.cause) as typeof e
  }
  return false
}
