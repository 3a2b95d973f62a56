// Annals: database, session, Admin UI and server. Lists are in schema.ts.
import { randomBytes } from 'node:crypto'
import { config } from '@keystone-6/core'
import { statelessSessions } from '@keystone-6/core/session'
import { createAuth } from '@keystone-6/auth'

import { lists } from './schema'
import { databaseTarget, type Provider } from './src/db/database-url'
import { driverAdapterFor } from './src/db/adapter'
import { extendGraphqlSchema } from './src/keystone/graphql'
import { startMailWorker } from './src/keystone/mail-worker'
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
  const secret = env.SESSION_SECRET
  if (secret) {
    if (secret.length < 32) throw new Error('SESSION_SECRET 至少 32 个字符 / SESSION_SECRET must be at least 32 characters long')
    return secret
  }
  if (env.NODE_ENV === 'production') {
    throw new Error('生产环境必须设置 SESSION_SECRET（至少 32 个字符）/ SESSION_SECRET must be set (32+ characters) when NODE_ENV=production')
  }
  // development and demo: a fresh secret per process (signing in again after a restart)
  return randomBytes(32).toString('hex')
}

// Same-origin only: no report text can load or run anything, and Keystone's Admin UI does
// not reach out to Google Fonts from air-gapped intranets (the browser never tries).
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ')

export function annalsConfig(options: AnnalsConfigOptions = {}) {
  const target = databaseTarget(options.databaseUrl)
  const { withAuth } = createAuth({
    listKey: 'User',
    identityField: 'email',
    secretField: 'password',
    sessionData: 'id name role departments { id }',
  })
  return withAnnalsSignin(withAuth(
    config({
      db: {
        provider: target.provider,
        prismaClientOptions: () => ({ adapter: driverAdapterFor(target) }),
        // the running app delivers the outbox (scripts and tests do not connect this way)
        onConnect: async context => {
          startMailWorker(context.prisma)
        },
        ...generatedPaths(target.provider),
      },
      graphql: {
        schemaPath: 'generated/schema.graphql',
        extendGraphqlSchema,
        // compact JSON: comparison results are large, and indentation only costs time and bytes
        apolloConfig: { stringifyResult: value => JSON.stringify(value) },
      },
      types: { path: 'generated/keystone/types.ts' },
      lists,
      session: statelessSessions({ secret: options.sessionSecret ?? sessionSecretFrom(), maxAge: 60 * 60 * 12 }),
      telemetry: false,
      server: {
        extendExpressApp: app => {
          app.use((_req: unknown, res: { setHeader: (name: string, value: string) => void }, next: () => void) => {
            res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY)
            res.setHeader('X-Content-Type-Options', 'nosniff')
            res.setHeader('Referrer-Policy', 'same-origin')
            next()
          })
        },
      },
      ui: {
        isAccessAllowed: context => !!context.session?.data,
      },
    })
  ))
}

export default annalsConfig()
