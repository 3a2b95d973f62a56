// Mail through the outbox against a real SMTP server on loopback: right recipients and text,
// queued while the server is down, delivered once when it is back, not at the same time by two
// workers, retried on the documented schedule, given up after 8 attempts, sent again (same
// Message-ID) when a worker's lease expired, and written as .eml files without SMTP.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { KeystoneContext } from '@keystone-6/core/types'
import { migratedContext, sessionOf, testProviders } from './helpers/db'
import { startSmtp, parseMessage, type TestSmtp } from './helpers/smtp'
import type { AnnalsContext } from '../src/keystone/context'
import { createAnnalsContext } from '../src/keystone/context'
import { seedDemo } from '../seeds'
import { performTransition } from '../src/keystone/workflow'
import { deliverOutbox } from '../src/keystone/mail-worker'
import { backoffMs, createSender } from '../src/mail'
import { plainTextToDocument } from '../src/text'

const providers = await testProviders()
const FROM = 'Annals 年鉴 <annals@test.local>'

describe.each(providers)('mail on %s', provider => {
  let annals: AnnalsContext
  let context: KeystoneContext
  let smtp: TestSmtp
  let departmentId: string
  const sessions: Record<string, unknown> = {}

  beforeAll(async () => {
    annals = await migratedContext(provider, 'mail')
    context = annals.context
    await seedDemo(context)
    departmentId = String((await context.sudo().db.Department.findOne({ where: { code: 'minghu' } }))!.id)
    for (const email of ['writer@annals.local', 'head@annals.local']) sessions[email] = await sessionOf(context, email)
    smtp = await startSmtp()
  })
  afterAll(async () => {
    await smtp?.stop()
    await annals?.disconnect()
  })

  const as = (email: string) => context.withSession(sessions[email])
  let year = 2040
  async function newDraft() {
    const report = await as('writer@annals.local').query.Report.createOne({ data: { department: { connect: { id: departmentId } }, year: year++ }, query: 'id title' })
    await as('writer@annals.local').query.Section.createOne({ data: { report: { connect: { id: report.id } }, heading: '一、总体情况', body: plainTextToDocument('全年开展学习36次。') } })
    return report as { id: string; title: string }
  }
  const queued = (reportId: string) => context.sudo().query.OutboundEmail.findMany({ where: { report: { id: { equals: reportId } } }, query: 'id to status attempts lastError nextAttemptAt sentAt' })

  test('a submission reaches the department head over SMTP, in Chinese with English below', async () => {
    const report = await newDraft()
    await performTransition(as('writer@annals.local'), 'submit', report.id)
    const before = smtp.received.length
    const result = await deliverOutbox(context.prisma, createSender({ smtpUrl: smtp.url, mailDir: '', from: FROM }))
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
    expect(await deliverOutbox(context.prisma, createSender({ smtpUrl: smtp.url, mailDir: '', from: FROM }))).toMatchObject({ sent: 0 })
  })

  test('with the server down the transition still succeeds, the mail waits, and arrives once when it is back', async () => {
    const report = await newDraft()
    const port = smtp.port
    await smtp.stop()
    await performTransition(as('writer@annals.local'), 'submit', report.id)
    expect((await context.sudo().db.Report.findOne({ where: { id: report.id } }))?.status).toBe('in_review')

    const send = createSender({ smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true&connectionTimeout=2000`, mailDir: '', from: FROM })
    expect(await deliverOutbox(context.prisma, send)).toMatchObject({ sent: 0, retried: 1 })
    const [waiting] = await queued(report.id)
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1 })
    expect(waiting.lastError).toMatch(/ECONNREFUSED|connect/i)
    const retryIn = new Date(waiting.nextAttemptAt).getTime() - Date.now()
    expect(retryIn).toBeGreaterThan(backoffMs(1) - 5000)
    // not due yet: a pass now leaves it alone
    expect(await deliverOutbox(context.prisma, send)).toMatchObject({ sent: 0, retried: 0 })

    smtp = await startSmtp(port)
    const later = () => new Date(Date.now() + backoffMs(1) + 1000)
    expect(await deliverOutbox(context.prisma, send, later)).toMatchObject({ sent: 1 })
    expect(await deliverOutbox(context.prisma, send, later)).toMatchObject({ sent: 0 })
    expect(smtp.received.filter(m => m.subject.includes(report.title))).toHaveLength(1)
    expect(await queued(report.id)).toEqual([expect.objectContaining({ status: 'sent', attempts: 2 })])
  })

  test('two workers (two database connections) deliver each message exactly once', async () => {
    const reports = [await newDraft(), await newDraft(), await newDraft()]
    for (const r of reports) await performTransition(as('writer@annals.local'), 'submit', r.id)
    // approvals mail the writer, reopen both: a handful of queued messages
    for (const r of reports) await performTransition(as('head@annals.local'), 'requestChanges', r.id, { comment: '请修改' })
    const other = await createAnnalsContext(annals.target.url)
    try {
      const before = smtp.received.length
      const send = createSender({ smtpUrl: smtp.url, mailDir: '', from: FROM })
      const [a, b] = await Promise.all([deliverOutbox(context.prisma, send), deliverOutbox(other.context.prisma, send)])
      const all = await context.sudo().query.OutboundEmail.findMany({ where: { report: { id: { in: reports.map(r => r.id) } } }, query: 'id status' })
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

  test('without SMTP_URL each message is written as an .eml file a person can read', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'annals-mail-'))
    const report = await newDraft()
    await performTransition(as('writer@annals.local'), 'submit', report.id)
    const result = await deliverOutbox(context.prisma, createSender({ mailDir: dir, from: FROM }))
    expect(result.sent).toBeGreaterThanOrEqual(1)
    const files = readdirSync(dir).filter(f => f.endsWith('.eml'))
    expect(files.length).toBe(result.sent)
    const parsed = files.map(f => parseMessage(readFileSync(path.join(dir, f), 'utf8')))
    expect(parsed.some(p => p.subject.includes(report.title) && p.text.includes('查看报告：'))).toBe(true)
  })
})
