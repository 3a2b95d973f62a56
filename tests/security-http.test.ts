// Issue 9 over HTTP against the running app (SQLite build): request bounds (6, 10), Unicode at
// the door (11), sign-in throttling and sign-out (7, 8), headers, CSRF. Each refusal is the
// app's own JSON with a bilingual message and a stable code, never an HTML page or a stack.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startApp, graphqlClient, type RunningApp } from '../scripts/run-app'
import { migratedContext, sessionOf } from './helpers/db'
import { createAnnalsContext } from '../src/keystone/context'
import { compactForTransport, compareReportForSession } from '../src/keystone/comparison'
import { DEMO_PASSWORD, seedDemo } from '../seeds'
import { plainTextToDocument } from '../src/text'
import { GRAPHQL_LIMITS } from '../src/workflow/input-bounds'
import { operationBoundsProblem } from '../src/keystone/request-guard'

describe('issue 9 over HTTP', () => {
  let app: RunningApp
  let draftSectionId = ''
  let approvedId = ''
  let draftId = ''
  let dbUrl = ''

  beforeAll(async () => {
    const annals = await migratedContext('sqlite', 'security_http')
    const { reportIds } = await seedDemo(annals.context)
    approvedId = reportIds[2024]
    const sudo = annals.context.sudo()
    const [draft] = await sudo.db.Report.findMany({ where: { year: { equals: 2025 }, department: { code: { equals: 'minghu' } } } })
    draftId = String(draft.id)
    draftSectionId = String((await sudo.db.Section.findMany({ where: { report: { id: { equals: draftId } } }, take: 1 }))[0].id)
    await annals.disconnect()
    dbUrl = annals.target.url
    app = await startApp(annals.target.url)
  }, 240_000)
  afterAll(() => app?.stop())

  const writer = async () => {
    const client = graphqlClient(app.url)
    await client.signIn('writer@annals.local', DEMO_PASSWORD)
    return client
  }
  const SAVE = 'mutation($id: ID!, $version: Int!, $body: JSON!) { updateSection(where: { id: $id }, data: { version: $version, body: $body }) { id charCount } }'
  const VERSION = 'query($id: ID!) { section(where: { id: $id }) { version } }'

  describe('6. one request cannot stall the server', () => {
    const blockquotes = (levels: number) => {
      let node: unknown = { type: 'paragraph', children: [{ text: '嵌套' }] }
      for (let i = 0; i < levels; i++) node = { type: 'blockquote', children: [node] }
      return [node]
    }

    test('6. a section body of blockquotes 300 and 500 deep is refused before any work, and nothing is saved', async () => {
      const client = await writer()
      for (const levels of [300, 500]) {
        const res = await client.post(SAVE, { id: draftSectionId, body: blockquotes(levels) })
        expect(res.status).toBe(400)
        expect(res.body?.errors?.[0]).toMatchObject({ message: expect.stringMatching(/嵌套层级过深.*nested too deeply/s), extensions: { code: 'INVALID_INPUT' } })
      }
      const shallow = await client.post('query($id: ID!) { section(where: { id: $id }) { plainText } }', { id: draftSectionId })
      expect(shallow.body?.data?.section?.plainText).not.toContain('嵌套')
    })

    test('6. 1,000 aliases of compareReport are refused as too complex', async () => {
      const client = await writer()
      const query = `query { ${Array.from({ length: 1000 }, (_, i) => `a${i}: compareReport(id: "${approvedId}") { cached }`).join(' ')} }`
      const res = await client.post(query)
      expect(res.body?.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^查询过于复杂.*Query too complex/s), extensions: { code: 'QUERY_TOO_COMPLEX' } })
      expect(res.body?.data).toBeUndefined()
    })

    test('6. report { sections { report { sections … } } } beyond the depth limit is refused', async () => {
      const client = await writer()
      let selection = 'id'
      for (let i = 0; i < 8; i++) selection = `sections { report { ${selection} } }`
      const res = await client.post(`query { reports(take: 1) { ${selection} } }`)
      expect(res.body?.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX')
      expect(res.body?.errors?.[0]?.message).not.toMatch(/Syntax Error/)
    })

    test('6. more comparisons in one request than the budget are refused', async () => {
      const client = await writer()
      const n = GRAPHQL_LIMITS.expensiveFields + 1
      const query = `query { ${Array.from({ length: n }, (_, i) => `c${i}: compareReport(id: "${approvedId}") { cached }`).join(' ')} }`
      const res = await client.post(query)
      // refused at validation: none of the comparisons ran
      expect(res.body?.errors?.[0]).toMatchObject({ message: expect.stringMatching(/比对最多.*at most/s), extensions: { code: 'QUERY_TOO_COMPLEX' } })
      expect(res.body?.data).toBeUndefined()
      // within the budget, comparisons work
      const ok = await client.post(`query { a: compareReport(id: "${approvedId}") { cached } }`)
      expect(ok.body?.errors).toBeUndefined()
    })
  })

  test('6. a comparison answered from the cache (its diff serialised once) is the same JSON as the first answer and as the engine\'s result', async () => {
    const client = graphqlClient(app.url)
    await client.signIn('archivist@annals.local', DEMO_PASSWORD)
    // options no other test asks for: the first answer is computed here
    const query = 'query($id: ID!) { compareReport(id: $id, normalize: { numbering: true, pinyin: false }) { cached result } report(where: { id: $id }) { title } }'
    const firstResult = (await client.post(query, { id: approvedId })).body?.data?.compareReport
    const againResult = (await client.post(query, { id: approvedId })).body?.data?.compareReport
    expect(firstResult?.cached).toBe(false)
    expect(againResult?.cached).toBe(true)
    expect(againResult?.result).toEqual(firstResult?.result)
    const annals = await createAnnalsContext(dbUrl)
    try {
      const reader = annals.context.withSession(await sessionOf(annals.context, 'archivist@annals.local'))
      const { cached: _cached, summary, ...engine } = await compareReportForSession(reader, { id: approvedId, normalize: { numbering: true, pinyin: false } })
      expect(againResult?.result).toEqual(JSON.parse(JSON.stringify(compactForTransport({ ...engine, summary }))))
    } finally {
      await annals.disconnect()
    }
  })

  describe('6. the pre-check in front of Keystone refuses no more than Armor does', () => {
    const nested = (levels: number) => {
      let selection = 'id'
      for (let i = 0; i < levels; i++) selection = `sections { ${selection} }`
      return selection
    }
    test('depth, aliases, tokens and top-level comparisons at the limit pass, one over is refused', () => {
      // `reports` is level 1, each `sections` one more, `id` the last
      expect(operationBoundsProblem(`query { reports { ${nested(GRAPHQL_LIMITS.depth - 2)} } }`)).toBeUndefined()
      expect(operationBoundsProblem(`query { reports { ${nested(GRAPHQL_LIMITS.depth - 1)} } }`)).toMatch(/^查询过于复杂.*depth over/s)
      const aliases = (n: number) => `query { ${Array.from({ length: n }, (_, i) => `a${i}: reports { id }`).join(' ')} }`
      expect(operationBoundsProblem(aliases(GRAPHQL_LIMITS.aliases))).toBeUndefined()
      expect(operationBoundsProblem(aliases(GRAPHQL_LIMITS.aliases + 1))).toMatch(/aliases/)
      const compares = (n: number) => `query { ${Array.from({ length: n }, (_, i) => `c${i}: compareReport(id: "1") { cached }`).join(' ')} }`
      expect(operationBoundsProblem(compares(GRAPHQL_LIMITS.expensiveFields))).toBeUndefined()
      expect(operationBoundsProblem(compares(GRAPHQL_LIMITS.expensiveFields + 1))).toMatch(/比对最多/)
      expect(operationBoundsProblem(`query { reports(where: { id: { in: [${'"x", '.repeat(GRAPHQL_LIMITS.tokens)}] } }) { id } }`)).toMatch(/tokens/)
    })

    test('named fragments are left to Armor; syntax errors to Apollo; the answer is remembered', () => {
      const viaFragment = `query { reports { ...F } } fragment F on Report { ${nested(GRAPHQL_LIMITS.depth + 2)} }`
      expect(operationBoundsProblem(viaFragment)).toBeUndefined()
      expect(operationBoundsProblem('query { reports { id }')).toBeUndefined()
      expect(operationBoundsProblem(viaFragment)).toBeUndefined()
    })
  })

  describe('10. the largest allowed section fits; a larger body gets the app\'s message', () => {
    test('10. a 40,000- and a 200,000-character Chinese section save over HTTP', async () => {
      const client = await writer()
      for (const size of [40_000, 200_000]) {
        // `size` characters of plain text, paragraphs of 400 (the newlines between them count too)
        const paragraph = '全省组织系统坚持以习近平新时代中国特色社会主义思想为指导，扎实推进各项工作。'
        const text = paragraph.repeat(Math.ceil(size / paragraph.length))
        const lines = (text.slice(0, size).match(/.{1,399}/g) ?? []).join('\n').slice(0, size)
        expect(lines.length).toBe(size)
        const current = await client.post(VERSION, { id: draftSectionId })
        const res = await client.post(SAVE, { id: draftSectionId, version: current.body?.data?.section?.version, body: plainTextToDocument(lines) })
        expect(res.body?.errors).toBeUndefined()
        expect(res.body?.data?.updateSection?.charCount).toBe(lines.replace(/\s/g, '').length)
      }
    })

    test('10. a body over the limit is answered 413 with a bilingual JSON message, no HTML and no stack', async () => {
      const client = await writer()
      const res = await client.post('', undefined, { body: JSON.stringify({ query: SAVE, variables: { id: draftSectionId, body: [{ type: 'paragraph', children: [{ text: '字'.repeat(1_100_000) }] }] } }) })
      expect(res.status).toBe(413)
      // the rest of the upload is not read: the connection closes
      expect(res.headers.get('connection')).toBe('close')
      expect(res.headers.get('content-type')).toMatch(/application\/json/)
      expect(res.body?.errors?.[0]).toMatchObject({ message: expect.stringMatching(/提交的内容过大.*request is too large/s), extensions: { code: 'INVALID_INPUT' } })
      expect(res.text).not.toMatch(/<html|at .*\.js:\d+|PayloadTooLargeError/)
    })
  })

  test('11. a lone surrogate, NUL or bidi override in a request is refused with its code point', async () => {
    const client = await writer()
    for (const bad of ['A\ud800B', 'A\u0000B', 'A\u202eB']) {
      const res = await client.post('mutation($id: ID!, $h: String!) { updateSection(where: { id: $id }, data: { heading: $h }) { id } }', { id: draftSectionId, h: `一、${bad}` })
      expect(res.status).toBe(400)
      expect(res.body?.errors?.[0]).toMatchObject({ message: expect.stringMatching(/U\+(D800|0000|202E)/), extensions: { code: 'INVALID_INPUT' } })
    }
  })

  test('7. the eleventh sign-in attempt is refused with RATE_LIMITED and a time to retry', async () => {
    const client = graphqlClient(app.url)
    for (let i = 0; i < 10; i++) {
      const res = await client.post('mutation { authenticateUserWithPassword(email: "archivist@annals.local", password: "wrong") { __typename } }')
      expect(res.body?.data?.authenticateUserWithPassword?.__typename).toBe('UserAuthenticationWithPasswordFailure')
    }
    const res = await client.post(`mutation { authenticateUserWithPassword(email: "archivist@annals.local", password: "${DEMO_PASSWORD}") { __typename } }`)
    expect(res.body?.errors?.[0]).toMatchObject({ message: expect.stringMatching(/北京时间.*China time/s), extensions: { code: 'RATE_LIMITED' } })
  })

  test('8. after signing out, the old cookie no longer works', async () => {
    const client = await writer()
    const cookie = client.cookie
    expect((await client.post('query { authenticatedItem { ... on User { id } } }')).body?.data?.authenticatedItem).not.toBeNull()
    await client.post('mutation { endSession }')
    client.cookie = cookie
    expect((await client.post('query { authenticatedItem { ... on User { id } } }')).body?.data?.authenticatedItem).toBeNull()
    expect((await client.post('query { reports { id } }')).body?.data?.reports).toEqual([])
  })

  test('headers: no X-Powered-By anywhere; a Content-Security-Policy on pages and API', async () => {
    for (const path of ['/api/graphql', '/signin', '/']) {
      const res = await fetch(`${app.url}${path}`, { redirect: 'manual', headers: path === '/api/graphql' ? { 'apollo-require-preflight': '1' } : {} })
      expect(res.headers.get('x-powered-by')).toBeNull()
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'.*object-src 'none'.*frame-ancestors/)
    }
  })

  test('CSRF (held): a cross-site form post or a simple GET cannot run a mutation', async () => {
    const client = await writer()
    const form = await fetch(`${app.url}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: client.cookie },
      body: `query=${encodeURIComponent(`mutation { updateReport(where: { id: "${draftId}" }, data: { title: "CSRF" }) { id } }`)}`,
    })
    expect(form.status).toBe(400)
    const get = await fetch(`${app.url}/api/graphql?query=${encodeURIComponent(`mutation { updateReport(where: { id: "${draftId}" }, data: { title: "CSRF" }) { id } }`)}`, { headers: { cookie: client.cookie } })
    expect(get.status).toBe(400)
    const title = await client.post('query($id: ID!) { report(where: { id: $id }) { title } }', { id: draftId })
    expect(title.body?.data?.report?.title).not.toBe('CSRF')
  })
})
