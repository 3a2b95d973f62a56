// The outbox on the app's database, and the worker loop that delivers it.
import type { KeystoneContext } from '@keystone-6/core/types'
import { createSender, deliverDue, mailSettingsFrom, type DeliveryReport, type OutboxMessage, type OutboxStore, type Send } from '../mail'

type Prisma = KeystoneContext['prisma']

/** Due: queued and not waiting for a retry, or claimed by a worker whose lease ran out. */
function due(now: Date) {
  return {
    OR: [
      { status: 'queued', OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
      { status: 'sending', nextAttemptAt: { lte: now } },
    ],
  }
}

export function prismaOutboxStore(prisma: Prisma): OutboxStore {
  return {
    async dueMessages(now, limit) {
      const rows = await prisma.outboundEmail.findMany({ where: due(now), orderBy: { createdAt: 'asc' }, take: limit })
      return rows.map((r: OutboxMessage & Record<string, unknown>) => ({ id: r.id, to: r.to, subject: r.subject, text: r.text, attempts: r.attempts ?? 0, dedupeKey: r.dedupeKey }))
    },
    async claim(id, now, leaseUntil) {
      const { count } = await prisma.outboundEmail.updateMany({
        where: { id, ...due(now) },
        data: { status: 'sending', attempts: { increment: 1 }, nextAttemptAt: leaseUntil },
      })
      return count === 1
    },
    async sent(id, at) {
      await prisma.outboundEmail.update({ where: { id }, data: { status: 'sent', sentAt: at, nextAttemptAt: null, lastError: '' } })
    },
    async failed(id, error, retryAt) {
      await prisma.outboundEmail.update({ where: { id }, data: { status: retryAt ? 'queued' : 'failed', lastError: error, nextAttemptAt: retryAt } })
    },
  }
}

/** One delivery pass over the outbox (tests and the worker loop use it). */
export function deliverOutbox(prisma: Prisma, send: Send = createSender(mailSettingsFrom()), now?: () => Date): Promise<DeliveryReport> {
  return deliverDue(prismaOutboxStore(prisma), send, { now })
}

let kick: (() => void) | undefined

/** Delivers now-ish after a workflow change, instead of at the next poll. */
export function kickMailWorker() {
  kick?.()
}

/** Polls the outbox every MAIL_POLL_MS (default 5 s) in this process. MAIL_WORKER=off disables it. */
export function startMailWorker(prisma: Prisma, env: NodeJS.ProcessEnv = process.env): () => void {
  if (env.MAIL_WORKER === 'off') return () => {}
  const send = createSender(mailSettingsFrom(env))
  const store = prismaOutboxStore(prisma)
  let running = false
  const tick = async () => {
    if (running) return
    running = true
    try {
      await deliverDue(store, send)
    } catch (error) {
      console.error('邮件发送失败 / mail delivery pass failed:', error instanceof Error ? error.message : error)
    } finally {
      running = false
    }
  }
  const timer = setInterval(tick, Number(env.MAIL_POLL_MS) || 5000)
  timer.unref()
  kick = () => void setTimeout(tick, 20).unref()
  return () => {
    clearInterval(timer)
    kick = undefined
  }
}
