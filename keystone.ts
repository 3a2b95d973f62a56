// Annals: database, session, Admin UI and server. Lists are in schema.ts.
import { randomBytes } from 'node:crypto'
import { config } from '@keystone-6/core'
import { statelessSessions } from '@keystone-6/core/session'
import { createAuth } from '@keystone-6/auth'

import { lists } from './schema'
import { databaseTarget, type Provider } from './src/db/database-url'
import { prismaClientOptionsFor } from './src/db/adapter'
import { extendGraphqlSchema } from './src/keystone/graphql'
import { extendArchiveSchema } from './src/keystone/archive-graphql'
import { extendWritingSchema } from './src/keystone/writing'
import { startMailWorker } from './src/keystone/mail-worker'
import { MAX_REQUEST_BYTES } from './src/workflow/input-bounds'
import { sessionSecretProblem } from './src/auth/session-secret.cjs'
import { warmUp } from './src/keystone/warm-up'
import { stringifyAnswer } from './src/keystone/answer-json'
import { rememberUnsealed, stampedSessions, withSessionData, type SessionUserLoader } from './src/auth/sessions'
import { throttleSignIn, withThrottleModel } from './src/auth/throttle'
import { boundedApolloConfig, guardGraphqlBodies, securityHeaders, withComplexityCode } from './src/keystone/request-guard'
import { formatAnnalsError } from './src/keystone/errors'
import { atomicVersionedUpdates } from './src/keystone/versions'
import { registerDocumentRoutes } from './src/keystone/document-routes'
import { withAnnalsSignin } from './src/keystone/signin-page'

export type AnnalsConfigOptions = {
  /** defaults to DATABASE_URL, else file:./var/annals.db */
  databaseUrl?: string
  sessionSecret?: string
}

/** Where each database's generated Prisma schema and client live (see scripts/generate.ts). */
export function generatedPaths(provider: Provider) {
  return {
    prismaClientPath: `generated/${provider}/prisma`,
    prismaSchemaPath: `generated/${provider}/schema.prisma`,
  }
}

export function sessionSecretFrom(env: NodeJS.ProcessEnv = process.env): string {
  const problem = sessionSecretProblem(env)
  if (problem) throw new Error(problem)
  // development and demo: a fresh secret per process (signing in again after a restart)
  return env.SESSION_SECRET || randomBytes(32).toString('hex')
}

// Same-origin only: no report text can load or run anything. Keystone's Admin UI links a Google
// Fonts stylesheet; the policy blocks it, so no page waits on a host an air-gapped intranet lacks
// (Chromium still logs the blocked link).
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'", // + the built Admin UI's inline scripts by hash (src/auth/content-security-policy.ts)
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ')

/** The session data of a user (AnnalsSession in src/access), straight from the database. */
const loadSessionUser: SessionUserLoader = async (context, userId) => {
  const user = await context.prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, role: true, sessionsValidAfter: true, departments: { select: { id: true } } },
  })
  return user && { ...user, sessionsValidAfter: user.sessionsValidAfter?.toISOString() ?? null }
}

export function annalsConfig(options: AnnalsConfigOptions = {}) {
  const target = databaseTarget(options.databaseUrl)
  const tokens = stampedSessions(rememberUnsealed(statelessSessions({ secret: options.sessionSecret ?? sessionSecretFrom(), maxAge: 60 * 60 * 12 })))
  const { withAuth } = createAuth({
    listKey: 'User',
    identityField: 'email',
    secretField: 'password',
    // no sessionData: the session's user data is read by loadSessionUser (below)
  })
  const configured = withAnnalsSignin(withAuth(
    config({
      db: {
        provider: target.provider,
        prismaClientOptions: () => prismaClientOptionsFor(target),
        // the running app delivers the outbox (scripts and tests do not connect this way)
        onConnect: async context => {
          startMailWorker(context.prisma)
        },
        // sign-in throttle counters, shared by every worker and instance (src/auth/throttle.ts)
        extendPrismaSchema: withThrottleModel,
        ...generatedPaths(target.provider),
      },
      graphql: {
        schemaPath: 'generated/schema.graphql',
        extendGraphqlSchema: schema => atomicVersionedUpdates(throttleSignIn(extendWritingSchema(extendArchiveSchema(extendGraphqlSchema(schema))))),
        // the same limit as the guard in front of it (src/keystone/request-guard.ts), which answers first
        bodyParser: { limit: MAX_REQUEST_BYTES },
        // compact JSON: comparison results are large, and indentation only costs time and bytes
        // with GraphQL Armor (depth, aliases, tokens, cost) and a per-request comparison budget
        apolloConfig: {
          stringifyResult: stringifyAnswer,
          ...boundedApolloConfig(),
          // one translator: Armor's refusals and Keystone-wrapped errors of ours get their stable codes
          formatError: (formatted, error) => formatAnnalsError(withComplexityCode(formatted), error),
        },
      },
      types: { path: 'generated/keystone/types.ts' },
      lists,
      // revocable: sign-out, password and role changes end a user's sessions (src/auth/sessions.ts)
      session: tokens,
      telemetry: false,
      server: {
        extendExpressApp: (app, context) => {
          // no ETag: hashing every answer (a comparison is 100 KB) costs more than any request could save
          app.set('etag', false)
          securityHeaders(app, CONTENT_SECURITY_POLICY)
          guardGraphqlBodies(app)
          registerDocumentRoutes(app, context)
        },
        // before the server listens: its first requests should cost what later ones do
        extendHttpServer: (_server, context) => warmUp(context, loadSessionUser),
      },
      ui: {
        isAccessAllowed: context => !!context.session?.data,
      },
    })
  ))
  // Keystone's auth reads the session data through a GraphQL query on every request; the same
  // fields are read directly instead (src/auth/sessions.ts). Its other session uses stay.
  return { ...configured, session: configured.session && withSessionData(tokens, loadSessionUser) }
}

export default annalsConfig()
