// Runs the real app (keystone start, built by scripts/build.ts) on a free loopback port:
// for browser tests and the HTTP benchmark.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import path from 'node:path'
import { ensureBuilt } from './build'

const ROOT = path.resolve(__dirname, '..')

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      // a listening TCP server's address is an AddressInfo
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

export type RunningApp = { url: string; pid: number; stop: () => Promise<void>; output: () => string }

/** Starts the app on `databaseUrl`; `env` adds to (or, with undefined, removes from) the environment the app inherits. */
export async function startApp(databaseUrl: string, env: Record<string, string | undefined> = {}): Promise<RunningApp> {
  await ensureBuilt({ databaseUrl })
  const port = await freePort()
  let output = ''
  // ANNALS_PROFILE_DIR=… writes a CPU profile of the server (for benchmarks)
  const profile = process.env.ANNALS_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.ANNALS_PROFILE_DIR}`] : []
  const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY) || 1)
  const child: ChildProcess = spawn(process.execPath, [...profile, path.join(ROOT, 'scripts/serve.cjs')], {
    cwd: ROOT,
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', SESSION_SECRET: randomBytes(32).toString('hex'), KEYSTONE_TELEMETRY_DISABLED: '1', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', chunk => (output += chunk))
  child.stderr?.on('data', chunk => (output += chunk))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start in 90 s:\n${output}`)), 90_000)
    const check = setInterval(() => {
      if (output.split('Server listening').length - 1 >= workers) {
        clearTimeout(timer)
        clearInterval(check)
        resolve()
      }
    }, 100)
    child.once('exit', code => {
      clearTimeout(timer)
      clearInterval(check)
      reject(new Error(`app exited with ${code}:\n${output}`))
    })
  })
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    output: () => output,
    stop: () =>
      new Promise(resolve => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGINT')
      }),
  }
}

/**
 * The fields the HTTP tests and benchmarks read from answers of the stock API (all optional: an
 * answer may be refused or partial). Add a field here when a caller reads a new one.
 */
export type GraphqlData = {
  authenticateUserWithPassword?: { __typename?: string } | null
  authenticatedItem?: { id?: string } | null
  section?: { version?: number; plainText?: string } | null
  updateSection?: { version?: number; charCount?: number } | null
  report?: { title?: string } | null
  reports?: { id: string }[] | null
  compareReport?: { cached?: boolean; result?: unknown } | null
}

export type GraphqlResponse = { status: number; headers: Headers; body: { data?: GraphqlData; errors?: { message: string; extensions?: { code?: string } }[] } | undefined; text: string }

/** The session cookie (`name=value`) of `email` signed in over HTTP: for benchmarks and tests that send their own requests. */
export async function sessionCookie(url: string, email: string, password: string): Promise<string> {
  const client = graphqlClient(url)
  await client.signIn(email, password)
  if (!client.cookie) throw new Error(`sign-in gave no session cookie for ${email}`)
  return client.cookie
}

/** A small GraphQL client over HTTP with a cookie jar of one session (tests and benchmarks). */
export function graphqlClient(url: string) {
  let cookie = ''
  async function post(query: string, variables?: Record<string, unknown>, init: { body?: string; headers?: Record<string, string> } = {}): Promise<GraphqlResponse> {
    const res = await fetch(`${url}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...init.headers },
      body: init.body ?? JSON.stringify({ query, variables }),
    })
    const setCookie = res.headers.get('set-cookie')
    if (setCookie) cookie = setCookie.split(';')[0]
    const text = await res.text()
    let body: GraphqlResponse['body']
    try {
      body = JSON.parse(text)
    } catch {
      body = undefined
    }
    return { status: res.status, headers: res.headers, body, text }
  }
  return {
    post,
    get cookie() {
      return cookie
    },
    set cookie(value: string) {
      cookie = value
    },
    async signIn(email: string, password: string) {
      const res = await post(
        'mutation($e: String!, $p: String!) { authenticateUserWithPassword(email: $e, password: $p) { __typename } }',
        { e: email, p: password }
      )
      if (res.body?.data?.authenticateUserWithPassword?.__typename !== 'UserAuthenticationWithPasswordSuccess') throw new Error(`sign-in failed for ${email}: ${res.text}`)
      return res
    },
  }
}
