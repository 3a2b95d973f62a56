// The Content-Security-Policy's scripts without 'unsafe-inline'. The Admin UI is Next.js's pages
// router, prerendered at build time: each page carries one inline bootstrap script (Turbopack's
// chunk list) whose text is fixed by the build. scripts/build.ts hashes every inline script of the
// built pages into HASHES_FILE; the server allows exactly those by their sha256 and no others.
// (Next's nonce support needs a per-request render, which prerendered pages do not have.)
import { createHash } from 'node:crypto'

/** Written by scripts/build.ts next to the built Admin UI, read at server start. */
export const SCRIPT_HASHES_FILE = '.keystone/annals-csp.json'

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi
const JS_TYPES = /^(|text\/javascript|application\/javascript|module)$/i

/** CSP source expressions ('sha256-…') of the inline scripts a browser would run in `html`. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = []
  for (const [, attributes, body] of html.matchAll(SCRIPT)) {
    if (/\ssrc\s*=/i.test(` ${attributes}`)) continue
    const type = /\btype\s*=\s*["']?([^"'\s>]*)/i.exec(attributes)?.[1] ?? ''
    if (!JS_TYPES.test(type) || body.length === 0) continue
    hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`)
  }
  return hashes
}

/** `policy` with its script-src allowing these hashes, or 'unsafe-inline' when the build has none. */
export function withScriptHashes(policy: string, hashes: readonly string[] | undefined): string {
  const allow = hashes?.length ? [...new Set(hashes)].sort().join(' ') : "'unsafe-inline'"
  return policy
    .split(';')
    .map(part => part.trim())
    .filter(Boolean)
    .map(part => (part.startsWith('script-src ') || part === 'script-src' ? `${part} ${allow}` : part))
    .join('; ')
}
