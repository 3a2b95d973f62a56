// What a server does before it listens (Keystone awaits `extendHttpServer` before listening):
// the one-time costs its first requests would otherwise pay — the comparison engine's
// dictionaries, tables and compiled code, and Prisma's plans for the reads of every request
// (the session's user) and of a comparison. About a second per worker, once.
import type { KeystoneContext } from '@keystone-6/core/types'
import type { SessionUserLoader } from '../auth/sessions'
import { preloadCompareEngine } from '../compare'
import { warmComparisonReads } from './comparison'

export async function warmUp(context: KeystoneContext, loadSessionUser: SessionUserLoader): Promise<void> {
  preloadCompareEngine()
  await loadSessionUser(context, 'warm-up')
  await warmComparisonReads(context)
}
