// Runs Keystone's CLI in a plain Node process: under tsx's loader the built config would
// load a second copy of @keystone-6/core and fail in confusing ways.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { preventPrismaDownloads } from './offline-prisma'

export function runKeystone(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  preventPrismaDownloads()
  const require = createRequire(path.join(process.cwd(), 'package.json'))
  const bin = path.join(path.dirname(require.resolve('@keystone-6/core/package.json')), 'bin/cli.js')
  // `start` goes through serve.cjs, which can run several workers (WEB_CONCURRENCY)
  const command = args[0] === 'start' ? [path.join(__dirname, 'serve.cjs')] : [bin, ...args]
  return new Promise((resolve, reject) => {
    // air-gapped intranets: Keystone and Next never phone home, whatever the command
    const child = spawn(process.execPath, command, { stdio: 'inherit', env: { KEYSTONE_TELEMETRY_DISABLED: '1', NEXT_TELEMETRY_DISABLED: '1', ...env } })
    const forward = (signal: NodeJS.Signals) => child.kill(signal)
    process.on('SIGINT', forward).on('SIGTERM', forward)
    child.once('error', reject)
    child.once('exit', code =>
      code === 0 ? resolve() : reject(new Error(`keystone ${args.join(' ')} exited with code ${code}`))
    )
  })
}
