// Starts Keystone's server, in WEB_CONCURRENCY worker processes sharing one port (default 1).
// Plain CommonJS on purpose: the built app must load one copy of @keystone-6/core.
// Refuses to start, once and with a non-zero exit, when the session secret is missing or weak
// in production, or when a worker cannot start at all (instead of restarting it forever).
const cluster = require('node:cluster')
const { randomBytes } = require('node:crypto')
const { sessionSecretProblem } = require('../src/auth/session-secret.cjs')

const workers = Math.max(1, Number.parseInt(process.env.WEB_CONCURRENCY || '1', 10) || 1)

if (cluster.isPrimary) {
  const problem = sessionSecretProblem(process.env)
  if (problem) {
    console.error(`✗ ${problem}`)
    process.exit(1)
  }
}

if (cluster.isPrimary && workers > 1) {
  // every worker must sign sessions with the same secret
  if (!process.env.SESSION_SECRET) process.env.SESSION_SECRET = randomBytes(32).toString('hex')
  let stopping = false
  const listening = new Set()
  const stopAll = (signal, code) => {
    stopping = true
    for (const worker of Object.values(cluster.workers)) worker.kill(signal)
    setTimeout(() => process.exit(code), 3000).unref()
    cluster.on('exit', () => Object.keys(cluster.workers).length === 0 && process.exit(code))
  }
  for (let i = 0; i < workers; i++) cluster.fork()
  cluster.on('listening', worker => listening.add(worker.id))
  cluster.on('exit', (worker, code) => {
    if (stopping || code === 0) return
    if (!listening.has(worker.id)) {
      // it never served: restarting would fail the same way
      console.error(`✗ 工作进程启动失败（退出码 ${code}），停止 / a worker failed to start (exit code ${code}); stopping`)
      return stopAll('SIGTERM', 1)
    }
    cluster.fork()
  })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(signal, 0))
} else {
  process.argv = [process.argv[0], process.argv[1], 'start']
  import('@keystone-6/core/scripts')
}
