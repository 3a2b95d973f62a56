// A real SMTP server on loopback (smtp-server, by nodemailer's author) that keeps what it receives.
import { SMTPServer } from 'smtp-server'

export type Received = { from: string; to: string[]; raw: string; subject: string; text: string; messageId: string }

function unfold(headers: string): Map<string, string> {
  const map = new Map<string, string>()
  for (const line of headers.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const at = line.indexOf(':')
    if (at > 0) map.set(line.slice(0, at).toLowerCase(), line.slice(at + 1).trim())
  }
  return map
}

function decodeQuotedPrintable(text: string): Buffer {
  const bytes: number[] = []
  const soft = text.replace(/=\r?\n/g, '')
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16))
      i += 2
    } else bytes.push(...Buffer.from(soft[i], 'utf8'))
  }
  return Buffer.from(bytes)
}

/** RFC 2047 encoded words: =?UTF-8?B?…?= and =?UTF-8?Q?…?= */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset, encoding, data) =>
      encoding.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')).toString('utf8')
    )
}

export function parseMessage(raw: string): { subject: string; text: string; messageId: string } {
  const split = raw.search(/\r?\n\r?\n/)
  const headers = unfold(raw.slice(0, split))
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '')
  const encoding = (headers.get('content-transfer-encoding') ?? '').toLowerCase()
  const text =
    encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : encoding === 'quoted-printable' ? decodeQuotedPrintable(body).toString('utf8') : body
  return { subject: decodeWords(headers.get('subject') ?? ''), text, messageId: headers.get('message-id') ?? '' }
}

export type TestSmtp = { port: number; received: Received[]; stop: () => Promise<void>; url: string }

export async function startSmtp(port = 0): Promise<TestSmtp> {
  const received: Received[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', chunk => chunks.push(chunk))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map(r => r.address),
          raw,
          ...parseMessage(raw),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const actual = (server.server.address() as { port: number }).port
  return {
    port: actual,
    received,
    url: `smtp://127.0.0.1:${actual}?ignoreTLS=true`,
    stop: () => new Promise(resolve => server.close(() => resolve())),
  }
}
