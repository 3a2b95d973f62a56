// The outbox: mail is written in the same transaction as the workflow change, then delivered
// by a worker. Delivery is at least once: a message is claimed atomically with a lease, so two
// workers (or two app processes on one PostgreSQL) never send it at the same time, but a worker
// that dies after sending and before recording it leaves the lease to expire, and the message
// is sent again. Every attempt carries the same Message-ID (transport.ts), which is what lets
// receiving servers drop the copy. Failures are retried with backoff.

export type OutboxMessage = { id: string; to: string; subject: string; text: string; attempts: number; dedupeKey: string | null }

export interface OutboxStore {
  /** queued messages that are due, and "sending" ones whose claim has expired (a crashed worker) */
  dueMessages(now: Date, limit: number): Promise<OutboxMessage[]>
  /** atomically take a due message: true only for the one worker that got it */
  claim(id: string, now: Date, leaseUntil: Date): Promise<boolean>
  sent(id: string, at: Date): Promise<void>
  /** record the error; `retryAt` null means give up */
  failed(id: string, error: string, retryAt: Date | null): Promise<void>
}

export type Send = (message: OutboxMessage) => Promise<void>

export const MAX_ATTEMPTS = 8
const BASE_DELAY_MS = 30_000
const MAX_DELAY_MS = 60 * 60_000
/** how long a claim holds before another worker may take the message again */
export const LEASE_MS = 2 * 60_000

/** Delay before attempt `attempts + 1`: 30 s, 1 min, 2 min … at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1))
}

export type DeliveryReport = { sent: number; retried: number; failed: number }

export async function deliverDue(store: OutboxStore, send: Send, options: { now?: () => Date; batch?: number; maxAttempts?: number } = {}): Promise<DeliveryReport> {
  const now = options.now ?? (() => new Date())
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 }
  for (const message of await store.dueMessages(now(), options.batch ?? 20)) {
    const start = now()
    if (!(await store.claim(message.id, start, new Date(start.getTime() + LEASE_MS)))) continue
    const attempt = message.attempts + 1
    try {
      await send(message)
      await store.sent(message.id, now())
      report.sent++
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      const retry = attempt < maxAttempts ? new Date(now().getTime() + backoffMs(attempt)) : null
      await store.failed(message.id, reason.slice(0, 2000), retry)
      if (retry) report.retried++
      else report.failed++
    }
  }
  return report
}
