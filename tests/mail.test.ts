// Mail through the outbox against a real SMTP server on loopback: right recipients and text,
// queued while the server is down, delivered once when it is back, not at the same time by two
// workers, retried on the documented schedule, given up after 8 attempts, sent again (same
// Message-ID) when a worker's lease expired, and written as .eml files without SMTP.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testProviders } from './helpers/db'
import { useSeededDemo } from './helpers/demo'
import { startSmtp, parseMessage, type TestSmtp } from './helpers/smtp'
import { createAnnalsContext } from '../src/keystone/context'
import { performTransition } from '../src/keystone/workflow'
import { deliverOutbox, prismaOutboxStore } from '../src/keystone/mail-worker'
import { backoffMs, createSender, MAX_ATTEMPTS } from '../src/mail'
import { LEASE_MS } from '../src/mail/outbox'
import { plainTextToDocument } from '../src/text'

const providers = await testProviders()
const FROM = 'Annals 年鉴 <annals@test.local>'

// The schedule the README promises, in literal numbers: the wait after each failed attempt.
const SECOND = 1000
const MINUTE = 60 * SECOND
const DOCUMENTED_WAITS = [30 * SECOND, 1 * MINUTE, 2 * MINUTE, 4 * MINUTE, 8 * MINUTE, 16 * MINUTE, 32 * MINUTE]

describe('mail backoff', () => {
  test('30 s, 1 min, 2 min … doubling, at most an hour; 8 attempts in all', () => {
    expect(MAX_ATTEMPTS).toBe(8)
    expect(DOCUMENTED_WAITS.map((_, i) => backoffMs(i + 1))).toEqual(DOCUMENTED_WAITS)
    expect(backoffMs(8)).toBe(60 * MINUTE)
    expect(backoffMs(30)).toBe(60 * MINUTE)
  })
})

describe.each(providers)('mail on %s', provider => {
  const demo = useSeededDemo(provider, 'mail')
  const { as } = demo
  let smtp: TestSmtp

  beforeAll(async () => {
    smtp = await startSmtp()
  })
  afterAll(() => smtp?.stop())

  let year = 2040
  async function newDraft() {
    const report = await as('writer@annals.local').query.Report.createOne({ data: { department: { connect: { id: demo.seed.departmentId } }, year: year++ }, query: 'id title' })
    await as('writer@annals.local').query.Section.createOne({ data: { report: { connect: { id: report.id } }, heading: '一、总体情况', body: plainTextToDocument('全年开展学习36次。') } })
    return report as { id: string; title: string }
  }
  const queued = (reportId: string) => demo.context.sudo().query.OutboundEmail.findMany({ where: { report: { id: { equals: reportId } } }, query: 'id to status attempts lastError nextAttemptAt sentAt' })

  test('a submission reaches the department head over SMTP, in Chinese with English below', async () => {
    const report = await newDraft()
    await performTransition(as('writer@annals.local'), 'submit', report.id)
    const before = smtp.received.length
    const result = await deliverOutbox(demo.context.prisma, createSender({ smtpUrl: smtp.url, mailDir: '', from: FROM }))
    expect(result).toMatchObject({ sent: 1, retried: 0, failed: 0 })
    const [message] = smtp.received.slice(before)
    expect(message.to).toEqual(['head@annals.local'])
    expect(message.from).toBe('annals@test.local')
    expect(message.subject).toBe(`【年鉴】${report.title}（${year - 1}年）已提交审核，请审阅 / ${report.title} ${year - 1} submitted for your review`)
    expect(message.text).toMatch(/^明湖市委组织部的.*已提交审核，请审阅。/)
    expect(message.text).toMatch(/状态：审核中/)
    expect(message.text).toMatch(/Status: in review/)
    expect(message.text.indexOf('状态：')).toBeLessThan(message.text.indexOf('Status:'))
    expect(await queued(report.id)).toEqual([expect.objectContaining({ status: 'sent', attempts: 1 })])
    // nothing is sent twice
    expect(await deliverOutbox(demo.context.prisma, createSender({ smtpUrl: smtp.url, mailDir: '', from: FROM }))).toMatchObject({ sent: 0 })
  })

  test('with the server down the transition still succeeds, the mail waits, and arrives once when it is back', async () => {
    const report = await newDraft()
    const port = smtp.port
    await smtp.stop()
    await performTransition(as('writer@annals.local'), 'submit', report.id)
    expect((await demo.context.sudo().db.Report.findOne({ where: { id: report.id } }))?.status).toBe('in_review')

    const send = createSender({ smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true&connectionTimeout=2000`, mailDir: '', from: FROM })
    expect(await deliverOutbox(demo.context.prisma, send)).toMatchObject({ sent: 0, retried: 1 })
    const [waiting] = await queued(report.id)
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1 })
    expect(waiting.lastError).toMatch(/ECONNREFUSED|connect/i)
    const retryIn = new Date(waiting.nextAttemptAt).getTime() - Date.now()
    expect(retryIn).toBeGreaterThan(30 * SECOND - 5000)
    expect(retryIn).toBeLessThanOrEqual(30 * SECOND)
    // not due yet: a pass now leaves it alone
    expect(await deliverOutbox(demo.context.prisma, send)).toMatchObject({ sent: 0, retried: 0 })

    smtp = await startSmtp(port)
    const later = () => new Date(Date.now() + 30 * SECOND + 1000)
    expect(await deliverOutbox(demo.context.prisma, send, later)).toMatchObject({ sent: 1 })
    expect(await deliverOutbox(demo.context.prisma, send, later)).toMatchObject({ sent: 0 })
    expect(smtp.received.filter(m => m.subject.includes(report.title))).toHaveLength(1)
    expect(await queued(report.id)).toEqual([expect.objectContaining({ status: 'sent', attempts: 2 })])
  })

  test('two workers (two database connections) deliver each message exactly once', async () => {
    const reports = [await newDraft(), await newDraft(), await newDraft()]
    for (const r of reports) await performTransition(as('writer@annals.local'), 'submit', r.id)
    // approvals mail the writer, reopen both: a handful of queued messages
    for (const r of reports) await performTransition(as('head@annals.local'), 'requestChanges', r.id, { comment: '请修改' })
    const other = await createAnnalsContext(demo.annals.target.url)
    try {
      const before = smtp.received.length
      const send = createSender({ smtpUrl: smtp.url, mailDir: '', from: FROM })
      const [a, b] = await Promise.all([deliverOutbox(demo.context.prisma, send), deliverOutbox(other.context.prisma, send)])
      const all = await demo.context.sudo().query.OutboundEmail.findMany({ where: { report: { id: { in: reports.map(r => r.id) } } }, query: 'id status' })
      expect(all.every(m => m.status === 'sent')).toBe(true)
      expect(a.sent + b.sent).toBe(all.length)
      const ids = smtp.received.slice(before).map(m => m.raw.match(/X-Annals-Outbox-Id: (\S+)/i)?.[1])
      expect(ids.every(Boolean)).toBe(true)
      expect(new Set(ids).size).toBe(ids.length)
      expect(ids.length).toBe(all.length)
    } finally {
      await other.disconnect()
    }
  })

  test('a failing message is retried on the documented schedule and given up after 8 attempts', async () => {
    const report = await newDraft()
    const message = await demo.context.prisma.outboundEmail.create({
      data: { to: 'nobody@annals.local', subject: 'schedule', text: 'x', reportId: report.id, status: 'queued', attempts: 0, dedupeKey: `schedule-${report.id}` },
    })
    // a real SMTP client against a port nobody listens on
    const closed = await startSmtp()
    await closed.stop()
    const send = createSender({ smtpUrl: `smtp://127.0.0.1:${closed.port}?ignoreTLS=true&connectionTimeout=2000`, mailDir: '', from: FROM })
    const row = () => demo.context.prisma.outboundEmail.findUnique({ where: { id: message.id } })
    let clock = new Date(Date.UTC(2030, 0, 1))
    const waits: number[] = []
    for (let attempt = 1; attempt <= 8; attempt++) {
      const now = clock
      await deliverOutbox(demo.context.prisma, send, () => now)
      const after = await row()
      expect(after).toMatchObject({ attempts: attempt })
      if (attempt < 8) {
        expect(after!.status).toBe('queued')
        waits.push(after!.nextAttemptAt!.getTime() - now.getTime())
        clock = after!.nextAttemptAt!
      } else {
        expect(after).toMatchObject({ status: 'failed', nextAttemptAt: null })
        expect(after!.lastError).toMatch(/ECONNREFUSED|connect/i)
      }
    }
    expect(waits).toEqual(DOCUMENTED_WAITS)
    // given up: even hours later nothing is tried again
    await deliverOutbox(demo.context.prisma, send, () => new Date(clock.getTime() + 10 * 60 * MINUTE))
    expect(await row()).toMatchObject({ status: 'failed', attempts: 8 })
  })

  test('a message whose worker died after claiming it is claimed again when the lease expires, with the same Message-ID', async () => {
    const report = await newDraft()
    const message = await demo.context.prisma.outboundEmail.create({
      data: { to: 'head@annals.local', subject: `lease ${report.id}`, text: 'x', reportId: report.id, status: 'queued', attempts: 0, dedupeKey: `lease-${report.id}` },
    })
    const claimedAt = new Date(Date.UTC(2031, 0, 1))
    // a worker claims it and dies before sending or recording anything
    expect(await prismaOutboxStore(demo.context.prisma).claim(message.id, claimedAt, new Date(claimedAt.getTime() + LEASE_MS))).toBe(true)
    const send = createSender({ smtpUrl: smtp.url, mailDir: '', from: FROM })
    const before = smtp.received.length
    // while the lease holds nobody else takes it
    expect(await deliverOutbox(demo.context.prisma, send, () => new Date(claimedAt.getTime() + LEASE_MS - SECOND))).toMatchObject({ sent: 0 })
    expect(smtp.received.length).toBe(before)
    // after it, another worker does
    expect(await deliverOutbox(demo.context.prisma, send, () => new Date(claimedAt.getTime() + LEASE_MS + SECOND))).toMatchObject({ sent: 1 })
    const [resent] = smtp.received.slice(before)
    expect(resent.subject).toBe(`lease ${report.id}`)
    expect(resent.messageId).toBe(`<lease-${report.id}@annals.local>`)
    expect(await demo.context.prisma.outboundEmail.findUnique({ where: { id: message.id } })).toMatchObject({ status: 'sent', attempts: 2 })
  })

  test('without SMTP_URL each message is written as an .eml file a person can read', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'annals-mail-'))
    const report = await newDraft()
    await performTransition(as('writer@annals.local'), 'submit', report.id)
    const result = await deliverOutbox(demo.context.prisma, createSender({ mailDir: dir, from: FROM }))
    expect(result.sent).toBeGreaterThanOrEqual(1)
    const files = readdirSync(dir).filter(f => f.endsWith('.eml'))
    expect(files.length).toBe(result.sent)
    const parsed = files.map(f => parseMessage(readFileSync(path.join(dir, f), 'utf8')))
    expect(parsed.some(p => p.subject.includes(report.title) && p.text.includes('查看报告：'))).toBe(true)
  })
})
