// The writing desk in Chromium: next year from last year (outline, then full text), writing,
// reordering and submitting with the actions counted; two writers on one section (the second
// gets the conflict panel and loses nothing); a reload with unsaved text; stock forms that
// cannot lose an update either.
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import type { KeystoneContext } from '@keystone-6/core/types'
import { screenshotPath, signIn } from '../helpers/browser'
import { describeInBrowser, useDemoApp } from '../helpers/demo-app'
import { DEMO_PASSWORD, type SeedResult } from '../../seeds'
import { createReport, ensureDepartment } from '../../src/keystone/report-store'

/** Counts what a user does: clicks, keystroke runs and page loads. */
function actionCounter(page: Page) {
  let count = 0
  return {
    get count() {
      return count
    },
    async click(locator: ReturnType<Page['locator']>) {
      count++
      await locator.click()
    },
    async type(text: string) {
      count++
      await page.keyboard.type(text, { delay: TYPING_DELAY_MS })
    },
    async fill(locator: ReturnType<Page['locator']>, text: string) {
      count++
      await locator.fill(text)
    },
    async goto(url: string) {
      count++
      await page.goto(url)
    },
  }
}

/** Typing at a person's pace: keystrokes with no pause between them outrun Slate on a loaded CI machine. */
const TYPING_DELAY_MS = 30
/**
 * Slate reads the DOM caret on `selectionchange`, throttled to 100 ms: a key typed sooner after End
 * lands at the end, and Slate then puts the caret back where the click left it. A person never
 * types that fast after End; the test waits as long as Slate's throttle.
 */
const SLATE_SELECTION_SYNC_MS = 150
const sectionAt = (page: Page, index: number) => page.getByTestId('section').nth(index)
const headingsOf = (page: Page) => page.locator('input.annals-heading').evaluateAll(inputs => inputs.map(i => (i as HTMLInputElement).value))
/** Puts the caret at the end of a section's text and types (Slate follows a click, not Ctrl+End, reliably). */
async function typeAtEnd(page: Page, section: ReturnType<Page['locator']>, text: string) {
  await section.locator('[contenteditable=true] [data-slate-node="element"]').last().click()
  await page.keyboard.press('End')
  await page.waitForTimeout(SLATE_SELECTION_SYNC_MS)
  await page.keyboard.type(text, { delay: TYPING_DELAY_MS })
}
const waitSaved = (page: Page) => page.getByTestId('save-state').filter({ hasText: '已保存' }).waitFor({ timeout: 20_000 })

async function graphqlIn(page: Page, query: string, variables: Record<string, unknown> = {}) {
  return page.evaluate(
    async ([q, v]) => (await fetch('/api/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q, variables: v }) })).json(),
    [query, variables] as const
  )
}

describeInBrowser('writing desk in Chromium', () => {
  let sectionForForms = ''
  const demo = useDemoApp('browser_writing', { prepare })

  async function prepare(context: KeystoneContext, seed: SeedResult) {
    const sudo = context.sudo()
    // 2025 is started from 2024 in the test: the demo's 2025 draft goes
    const demo2025 = seed.reportIds[2025]
    for (const list of ['auditEvent', 'revision', 'comment', 'section'] as const) await (sudo.prisma[list] as { deleteMany: (a: unknown) => Promise<unknown> }).deleteMany({ where: { reportId: demo2025 } })
    await sudo.prisma.outboundEmail.deleteMany({ where: { reportId: demo2025 } })
    await sudo.prisma.report.delete({ where: { id: demo2025 } })
    // a second department whose writer starts from the full text, and a second 明湖 writer
    const donghu = await ensureDepartment(sudo, 'donghu', '东湖区委组织部')
    const sections = (await sudo.query.Section.findMany({ where: { report: { id: { equals: seed.reportIds[2024] } } }, orderBy: { position: 'asc' }, query: 'heading plainText' })).map(s => ({ heading: s.heading, text: s.plainText }))
    await createReport(sudo, { departmentId: donghu, year: 2024, title: '东湖区委组织部2024年工作总结', status: 'approved', reason: 'test', sections })
    for (const [email, name, department] of [
      ['writer.donghu@annals.local', '周湖（东湖撰稿人）', donghu],
      ['writer2@annals.local', '孙文（第二撰稿人）', seed.departmentId],
    ]) {
      await sudo.db.User.createOne({ data: { email, name, role: 'writer', password: DEMO_PASSWORD, departments: { connect: [{ id: department }] } } })
    }
  }

  test('a writer starts 2025 from 2024’s outline: headings and keys, empty bodies, last year beside', async () => {
    const page = await demo.signedIn('writer@annals.local', { width: 1400, height: 900 })
    const user = actionCounter(page)
    await user.goto(`${demo.url}/write`)
    const start = page.getByTestId('start-row').filter({ hasText: '明湖市委组织部 2025年' })
    await user.click(start.getByRole('button', { name: /仅提纲/ }))
    await page.waitForURL(/\/write\/[^/]+$/)
    await page.getByTestId('section').first().waitFor()
    await expect(page.locator('h1').textContent()).resolves.toBe('明湖市委组织部2025年工作总结')
    const headings = await headingsOf(page)
    expect(headings.length).toBeGreaterThan(4)
    expect(headings[1]).toMatch(/^一、/)
    // the bodies are empty; last year's text is folded beside each section
    // (Slate keeps a zero-width character in an empty paragraph)
    await expect(page.locator('[contenteditable=true]').first().evaluate(e => (e.textContent ?? '').replace(/\ufeff/g, ''))).resolves.toBe('')
    const lastYear = sectionAt(page, 1).getByTestId('last-year')
    await lastYear.waitFor()
    await expect(lastYear.evaluate(d => (d as HTMLDetailsElement).open)).resolves.toBe(false)
    await user.click(lastYear.locator('summary'))
    await expect(lastYear.locator('p').first().textContent()).resolves.toMatch(/[\u4e00-\u9fff]{10}/)
    // one click copies a paragraph into the draft
    const paragraph = (await lastYear.locator('.annals-last-year-paragraph p').first().textContent()) as string
    await user.click(lastYear.getByRole('button', { name: /复制到草稿/ }).first())
    await expect(sectionAt(page, 1).locator('[contenteditable=true]').textContent()).resolves.toContain(paragraph)
    await waitSaved(page)
    // reorder by drag in the outline: the fourth entry dropped on the second
    const toc = page.locator('.annals-toc li')
    const order = await toc.allTextContents()
    await toc.nth(3).dragTo(toc.nth(1))
    await expect.poll(() => headingsOf(page)).toEqual([headings[0], headings[3], headings[1], headings[2], ...headings.slice(4)])
    expect(order[3]).toContain(headings[3])
    await page.screenshot({ path: screenshotPath('writing-outline-2025') })
    expect(user.count).toBeLessThanOrEqual(6)
    await page.close()
  })

  test('another department starts from the full text, writes, reorders, adds and submits; actions counted', async () => {
    const page = await demo.signedIn('writer.donghu@annals.local', { width: 1400, height: 900 })
    const user = actionCounter(page)
    await user.goto(`${demo.url}/write`)
    await user.click(page.getByTestId('start-row').getByRole('button', { name: /全文/ }))
    await page.waitForURL(/\/write\/[^/]+$/)
    const reportId = new URL(page.url()).pathname.split('/').pop() as string
    await page.getByTestId('section').first().waitFor()
    await expect(page.locator('h1').textContent()).resolves.toBe('东湖区委组织部2025年工作总结')
    await expect(page.locator('[contenteditable=true]').nth(1).textContent()).resolves.toMatch(/[\u4e00-\u9fff]{20}/)

    // write: one click into a section, one run of typing (once the page has settled)
    await page.waitForLoadState('networkidle')
    await user.click(sectionAt(page, 1).locator('[contenteditable=true] [data-slate-node="element"]').last())
    await page.keyboard.press('End')
    await page.waitForTimeout(SLATE_SELECTION_SYNC_MS)
    await user.type('2025年全年新发展党员130名。')
    await expect(page.getByTestId('save-state').textContent()).resolves.toMatch(/未保存|保存中…/)
    await waitSaved(page)

    // reorder: the third section up one place
    const before = await headingsOf(page)
    await user.click(sectionAt(page, 2).getByRole('button', { name: /上移/ }))
    await expect.poll(() => headingsOf(page)).toEqual([before[0], before[2], before[1], ...before.slice(3)])
    // demote it to a sub-section: indented in the outline
    await user.click(sectionAt(page, 1).getByRole('button', { name: /降级/ }))
    await page.locator('.annals-toc li.annals-toc-level-2').first().waitFor()
    await waitSaved(page)

    // add a section at the end: heading typed, confirmed
    await user.click(page.getByRole('button', { name: /在此处新增章节/ }).last())
    await user.fill(page.getByLabel('新章节标题 New section heading'), '七、2026年工作打算')
    await user.click(page.getByRole('button', { name: /确定新增/ }))
    await expect.poll(async () => (await headingsOf(page)).at(-1)).toBe('七、2026年工作打算')
    await user.click(sectionAt(page, before.length).locator('[contenteditable=true]'))
    await user.type('持续推进组织工作高质量发展。')
    await waitSaved(page)

    // delete asks first
    await user.click(sectionAt(page, before.length).getByRole('button', { name: '删除' }))
    await expect(sectionAt(page, before.length).getByText(/删除“七、2026年工作打算”及其正文？/).count()).resolves.toBe(1)
    await user.click(sectionAt(page, before.length).getByRole('button', { name: /取消/ }))

    await page.screenshot({ path: screenshotPath('writing-full-text-2025'), fullPage: false })
    // positions on the server are consecutive and in the order shown
    const stored = await graphqlIn(page, `query($id: ID!) { report(where: { id: $id }) { sections(orderBy: { position: asc }) { position heading level plainText } } }`, { id: reportId })
    const rows = stored.data.report.sections as { position: number; heading: string; level: number; plainText: string }[]
    expect(rows.map(r => r.position)).toEqual(rows.map((_, i) => i + 1))
    expect(rows.map(r => r.heading)).toEqual(await headingsOf(page))
    expect(rows[1].level).toBe(2)
    expect(rows[2].plainText).toContain('2025年全年新发展党员130名。')
    expect(rows.at(-1)?.plainText).toBe('持续推进组织工作高质量发展。')

    await user.click(page.getByRole('button', { name: /提交审核/ }))
    await user.click(page.getByRole('button', { name: /确认提交/ }))
    await page.getByText(/已提交审核/).waitFor()
    const status = await graphqlIn(page, `query($id: ID!) { report(where: { id: $id }) { status } }`, { id: reportId })
    expect(status.data.report.status).toBe('in_review')
    console.log(`writing desk: created from last year, wrote two sections, reordered, demoted, added, submitted in ${user.count} actions (stock forms: about 80 for an 8-section report)`)
    expect(user.count).toBeLessThanOrEqual(20)
    await page.close()
  })

  test('two writers on one section: the second sees the conflict panel and nothing typed is lost', async () => {
    const a = await demo.signedIn('writer@annals.local', { width: 1400, height: 900 })
    const b = await demo.signedIn('writer2@annals.local', { width: 1400, height: 900 })
    await a.goto(`${demo.url}/write`)
    await a.getByTestId('draft-row').filter({ hasText: '明湖' }).getByRole('link').click()
    await a.getByTestId('section').first().waitFor()
    const url = a.url()
    await b.goto(url)
    await b.getByTestId('section').first().waitFor()
    // each sees the other, and in which section
    await sectionAt(a, 2).locator('[contenteditable=true]').click()
    await b.getByTestId('presence').filter({ hasText: '李文' }).waitFor({ timeout: 40_000 })

    // both type into the same section before either save lands
    await sectionAt(a, 2).locator('[contenteditable=true]').click()
    await a.keyboard.type('甲的句子。')
    await sectionAt(b, 2).locator('[contenteditable=true]').click()
    await b.keyboard.type('乙的句子。')
    await waitSaved(a)
    const conflict = sectionAt(b, 2).getByTestId('conflict')
    await conflict.waitFor({ timeout: 20_000 })
    await expect(b.getByTestId('save-state').textContent()).resolves.toBe('冲突')
    await expect(conflict.textContent()).resolves.toMatch(/保存冲突.*李文/s)
    // both texts side by side, the differences marked
    await expect(conflict.locator('section').nth(0).textContent()).resolves.toContain('甲的句子。')
    await expect(conflict.locator('section').nth(1).textContent()).resolves.toContain('乙的句子。')
    await expect(conflict.locator('del.annals-diff-del').first().textContent()).resolves.toContain('甲')
    await expect(conflict.locator('ins.annals-diff-ins').first().textContent()).resolves.toContain('乙')
    await b.screenshot({ path: screenshotPath('writing-conflict') })
    // nothing typed is lost: still in the editor and in the browser's copy
    await expect(sectionAt(b, 2).locator('[contenteditable=true]').textContent()).resolves.toContain('乙的句子。')

    // merge by hand: theirs beside, mine in the editor; add their sentence and save
    await sectionAt(b, 2).getByRole('button', { name: /手动合并/ }).click()
    await expect(sectionAt(b, 2).getByTestId('reference').textContent()).resolves.toContain('甲的句子。')
    await typeAtEnd(b, sectionAt(b, 2), '甲的句子。')
    await waitSaved(b)
    await b.screenshot({ path: screenshotPath('writing-merged') })
    const sectionId = (await sectionAt(b, 2).getAttribute('id'))!.replace('section-', '')
    const stored = await graphqlIn(b, `query($id: ID!) { section(where: { id: $id }) { plainText } }`, { id: sectionId })
    expect(stored.data.section.plainText).toContain('乙的句子。')
    expect(stored.data.section.plainText).toContain('甲的句子。')
    sectionForForms = sectionId
    await a.close()
    await b.close()
  })

  test('unsaved text survives a lost connection and a crashed tab, and is saved once the server answers again', async () => {
    const context = await demo.browser.newContext({ viewport: { width: 1400, height: 900 } })
    const page = await context.newPage()
    await signIn(page, demo.url, 'writer@annals.local', DEMO_PASSWORD)
    await page.goto(`${demo.url}/write`)
    await page.getByTestId('draft-row').first().getByRole('link').click()
    await page.getByTestId('section').first().waitFor()
    const url = page.url()
    // the connection is lost: every save fails
    const blockSaves = (route: import('playwright-core').Route) => (route.request().postData()?.includes('AnnalsSaveSection') ? route.abort() : route.continue())
    await context.route('**/api/graphql', blockSaves)
    await typeAtEnd(page, sectionAt(page, 3), '断网时写下的句子。')
    await page.getByTestId('section-state').nth(3).filter({ hasText: '未保存' }).waitFor()
    await expect(page.evaluate(() => Object.keys(localStorage).filter(k => k.startsWith('annals:write:')).length)).resolves.toBe(1)
    // the tab is gone without a chance to save (a crash, a power cut): a new one opens the report
    const again = await context.newPage()
    await again.goto(url)
    await again.getByTestId('section').first().waitFor()
    await expect(sectionAt(again, 3).locator('[contenteditable=true]').textContent()).resolves.toContain('断网时写下的句子。')
    await expect(sectionAt(again, 3).getByTestId('section-state').textContent()).resolves.toMatch(/未保存|保存中…/)
    await again.screenshot({ path: screenshotPath('writing-restored-unsaved') })
    // the connection is back: the kept text reaches the server and the browser's copy goes
    await context.unroute('**/api/graphql', blockSaves)
    await waitSaved(again)
    await page.close()
    await again.reload()
    await again.getByTestId('section').first().waitFor()
    await expect(sectionAt(again, 3).locator('[contenteditable=true]').textContent()).resolves.toContain('断网时写下的句子。')
    await expect(again.getByTestId('save-state').textContent()).resolves.toBe('已保存')
    await expect(again.evaluate(() => Object.keys(localStorage).filter(k => k.startsWith('annals:write:')).length)).resolves.toBe(0)
    await context.close()
  })

  test('stock forms: two saves of one version cannot both win', async () => {
    const a = await demo.signedIn('writer@annals.local', { width: 1400, height: 900 })
    const b = await demo.signedIn('writer2@annals.local', { width: 1400, height: 900 })
    for (const page of [a, b]) {
      await page.goto(`${demo.url}/sections/${sectionForForms}`)
      await page.getByLabel('标题').waitFor()
    }
    // the version is sent, never shown
    await expect(a.getByText('版本', { exact: true }).count()).resolves.toBe(0)
    await a.getByLabel('标题').fill('甲在表单中改的标题')
    await b.getByLabel('标题').fill('乙在表单中改的标题')
    await a.getByRole('button', { name: /save/i }).click()
    await a.getByText(/saved/i).first().waitFor()
    await b.getByRole('button', { name: /save/i }).click()
    await b.getByText(/保存冲突/).first().waitFor()
    await b.screenshot({ path: screenshotPath('writing-stock-form-conflict') })
    const stored = await graphqlIn(a, `query($id: ID!) { section(where: { id: $id }) { heading } }`, { id: sectionForForms })
    expect(stored.data.section.heading).toBe('甲在表单中改的标题')
    await a.close()
    await b.close()
  })
})
