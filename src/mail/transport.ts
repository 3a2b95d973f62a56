// Delivery: over SMTP when SMTP_URL is set, otherwise as .eml files under var/mail/ so a new
// user can read what would have been sent.
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import nodemailer from 'nodemailer'
import type { OutboxMessage, Send } from './outbox'

export type MailSettings = {
  smtpUrl?: string
  mailDir: string
  from: string
  /** base of the links in mail */
  appUrl: string
}

export function mailSettingsFrom(env: NodeJS.ProcessEnv = process.env): MailSettings {
  return {
    smtpUrl: env.SMTP_URL || undefined,
    mailDir: path.resolve(env.MAIL_DIR || 'var/mail'),
    from: env.MAIL_FROM || 'Annals 年鉴 <annals@localhost>',
    appUrl: (env.APP_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/$/, ''),
  }
}

function envelope(message: OutboxMessage, from: string) {
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    // the same Message-ID on every attempt lets receiving servers drop a duplicate
    messageId: `<${message.dedupeKey ?? message.id}@annals.local>`,
    headers: { 'X-Annals-Outbox-Id': message.id },
  }
}

export function createSender(settings: Omit<MailSettings, 'appUrl'>): Send {
  if (settings.smtpUrl) {
    const transport = nodemailer.createTransport(settings.smtpUrl)
    return async message => {
      await transport.sendMail(envelope(message, settings.from))
    }
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
  return async message => {
    const info = await transport.sendMail(envelope(message, settings.from))
    await mkdir(settings.mailDir, { recursive: true })
    await writeFile(path.join(settings.mailDir, `${message.id}.eml`), info.message as Buffer)
  }
}
