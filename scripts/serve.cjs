// Starts Keystone's server, in WEB_CONCURRENCY worker processes sharing one port (default 1).
// Plain CommonJS on purpose: the built app must load one copy of @keystone-6/core.
const cluster = require('node:cluster')
const { randomBytes } = require('node:crypto')

const workers = Math.max(1, Number.parseInt(process.env.WEB_CONCURRENCY || '1', 10) || 1)

if (cluster.isPrimary && workers > 1) {
  // every worker must sign sessions with the same secret
  if (!process.env.SESSION_SECRET && process.env.NODE_ENV !== 'production') {
    process.env.SESSION_SECRET = randomBytes(32).toString('hex')
  }
  let stopping = false
  for (let i = 0; i < workers; i++) cluster.fork()
  cluster.on('exit', (worker, code) => {
    if (!stopping && code !== 0) cluster.fork()
  })
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      stopping = true
      for (const worker of Object.values(cluster.workers)) worker.kill(signal)
      setTimeout(() => process.exit(0), 3000).unref()
      cluster.on('exit', () => Object.keys(cluster.workers).length === 0 && process.exit(0))
    })
  }
} else {
  process.argv = [process.argv[0], process.argv[1], 'start']
  import('@keystone-6/core/scripts')
}
