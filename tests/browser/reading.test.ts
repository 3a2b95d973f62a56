// The reading desk in Chromium: Chinese sign-in (a wrong password keeps the email), each role's
// 工作台, a head reading a submitted report and commenting on a selected passage, the writer
// replying and resolving, and the checks (体检) finding what was planted.
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import type { KeystoneContext } from '@keystone-6/core/types'
import { screenshotPath, signIn } from '../helpers/browser'
import { describeInBrowser, useDemoApp } from '../helpers/demo-app'
import { currentVersion, sessionOf } from '../helpers/db'
import { DEMO_PASSWORD, type SeedResult } from '../../seeds'
import { plainTextToDocument } from '../../src/text'
import { createAnnalsContext } from '../../src/keystone/context'

const TITLE = '明湖市委组织部2025年工作总结'
const QUOTED = '全年考录公务员236名'
const PLANTED = '（一）今年围绕中心工作优化干部结构，新一轮考核办法已经出台，全年考录公务员236名，另有选调生单独计算。\n（三）2024年全年完成干部培训任务，培训覆盖各级领导班子。'

/** Select `text` inside the reading view the way a mouse drag does, and release the button. */
async function selectText(page: Page, text: string) {
  const box = await page.evaluate(quote => {
    const root = document.querySelector('[data-testid="reading-view"]')!
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(quote)
      if (at < 0) continue
      node.parentElement!.scrollIntoView({ block: 'center' })
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + quote.length)
      const rects = range.getClientRects()
      const first = rects[0]
      const last = rects[rects.length - 1]
      return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 }
    }
    return null
  }, text)
  if (!box) throw new Error(`text not on the page: ${text}`)
  await page.mouse.move(box.x1, box.y1)
  await page.mouse.down()
  await page.mouse.move(box.x2, box.y2, { steps: 8 })
  await page.mouse.up()
}

describeInBrowser('reading desk in Chromium', () => {
  let draftId = ''
  const demo = useDemoApp('browser_reading', { prepare, env: { SMTP_URL: undefined } })

  async function prepare(context: KeystoneContext, seeded: SeedResult) {
    draftId = seeded.reportIds[2025]
    const writer = context.withSession(await sessionOf(context, 'writer@annals.local'))
    const [section] = await context.sudo().query.Section.findMany({ where: { report: { id: { equals: draftId } }, heading: { startsWith: '二、' } }, query: 'id' })
    await writer.query.Section.updateOne({ where: { id: section.id }, data: { version: await currentVersion(context, 'Section', section.id), body: plainTextToDocument(PLANTED) } })
    await writer.graphql.run({ query: 'mutation ($id: ID!) { transitionReport(id: $id, action: submit) { id } }', variables: { id: draftId } })
  }

  test('sign-in speaks Chinese, says a wrong password plainly and keeps the email', async () => {
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.goto(`${demo.url}/signin`)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('登录 Sign in')
    await page.getByLabel('邮箱 Email').fill('head@annals.local')
    await page.getByLabel('密码 Password').fill('not-the-password')
    await page.getByRole('button', { name: '登录 Sign in' }).click()
    await expect(page.getByTestId('signin-error').textContent()).resolves.toBe('邮箱或密码不正确，请重新输入 / The email or password is wrong')
    await expect(page.getByLabel('邮箱 Email').inputValue()).resolves.toBe('head@annals.local')
    await page.screenshot({ path: screenshotPath('reading-signin-wrong-password') })
    // then the right password lands on the 工作台
    await page.getByLabel('密码 Password').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: '登录 Sign in' }).click()
    await page.getByTestId('dashboard').waitFor()
    await page.close()
  })

  test('the head’s 工作台 lists the submitted report; the reading view shows it as a document with its checks', async () => {
    const page = await demo.signedIn('head@annals.local', { width: 1600, height: 1000 })
    const waiting = page.getByTestId('dashboard-waiting')
    await waiting.getByTestId('waiting-row').filter({ hasText: TITLE }).waitFor()
    await expect(page.getByTestId('dashboard-changes').textContent()).resolves.toContain('提交审核')
    await page.screenshot({ path: screenshotPath('reading-dashboard-head'), fullPage: true })

    await waiting.getByRole('link', { name: TITLE }).click()
    await page.getByTestId('reading-view').waitFor()
    await expect(page.getByTestId('report-title').textContent()).resolves.toBe(TITLE)
    await expect(page.getByTestId('report-year').textContent()).resolves.toBe('2025年')
    await expect(page.getByTestId('report-status').textContent()).resolves.toBe('审核中')
    await expect(page.getByTestId('report-department').textContent()).resolves.toBe('明湖市委组织部')
    // no technical fields
    for (const word of ['版本', '内容版本', 'Item ID', '2,025']) await expect(page.getByText(word, { exact: true }).count(), word).resolves.toBe(0)
    // sections in order, headings as written
    const headings = await page.locator('[data-testid="section"] :is(h2, h3, h4)').allTextContents()
    expect(headings.slice(1, 3)).toEqual(['一、坚持把政治建设摆在首位，理论武装持续深化', '二、坚持新时代好干部标准，着力锻造堪当现代化建设重任的干部队伍'])

    const checks = page.getByTestId('checks-panel')
    await checks.getByTestId('check').first().waitFor()
    for (const code of ['STALE_YEAR', 'UNCHANGED_FIGURE', 'NUMBERING_GAP']) {
      await expect(checks.locator(`[data-code="${code}"]`).count(), code).resolves.toBeGreaterThan(0)
    }
    await expect(checks.locator('[data-code="STALE_YEAR"]').first().textContent()).resolves.toContain('2024年全年完成')
    await expect(checks.locator('[data-code="NUMBERING_GAP"]').first().textContent()).resolves.toContain('缺少“（二）”')
    // the head may approve or send back; there is no edit link
    await expect(page.getByTestId('action-approve').count()).resolves.toBe(1)
    await expect(page.getByTestId('action-requestChanges').count()).resolves.toBe(1)
    await expect(page.getByTestId('edit-link').count()).resolves.toBe(0)
    await page.screenshot({ path: screenshotPath('reading-view-head'), fullPage: true })
    await page.close()
  })

  test('the head selects a passage and comments on it; the quote is the selection', async () => {
    const page = await demo.signedIn('head@annals.local', { width: 1600, height: 1000 })
    await page.goto(`${demo.url}/reports/${draftId}`)
    await page.getByTestId('reading-view').waitFor()
    await selectText(page, QUOTED)
    const composer = page.getByTestId('comment-composer')
    await composer.waitFor()
    await expect(composer.getByTestId('composer-quote').textContent()).resolves.toBe(`“${QUOTED}”`)
    await page.screenshot({ path: screenshotPath('reading-select-to-comment') })
    await composer.getByRole('textbox').fill('这个数字与去年相同，请核对。')
    await composer.getByTestId('composer-save').click()
    const thread = page.getByTestId('comment-thread').filter({ hasText: '这个数字与去年相同，请核对。' })
    await thread.waitFor()
    await expect(thread.textContent()).resolves.toContain(`“${QUOTED}”`)
    // beside its passage: in the same section row as the text, and the passage is marked
    const section = page.getByTestId('section').filter({ has: thread })
    await expect(section.locator('mark[data-comment]').textContent()).resolves.toBe(QUOTED)
    await page.screenshot({ path: screenshotPath('reading-comment-beside-passage'), fullPage: true })
    await page.close()
  })

  test('the writer sees the comment on the 工作台, replies and resolves it', async () => {
    const page = await demo.signedIn('writer@annals.local', { width: 1600, height: 1000 })
    const dashboard = page.getByTestId('dashboard')
    await dashboard.getByTestId('dashboard-drafts').waitFor()
    await page.getByTestId('new-comment-row').filter({ hasText: '这个数字与去年相同' }).waitFor()
    await page.screenshot({ path: screenshotPath('reading-dashboard-writer'), fullPage: true })

    await page.getByTestId('new-comment-row').getByRole('link', { name: TITLE }).click()
    const thread = page.getByTestId('comment-thread').filter({ hasText: '这个数字与去年相同，请核对。' })
    await thread.waitFor()
    await thread.getByRole('textbox', { name: '回复 Reply' }).fill('已与人事处核对，2025年确为236名。')
    await thread.getByRole('button', { name: '回复 Reply' }).click()
    await thread.getByTestId('reply').filter({ hasText: '已与人事处核对' }).waitFor()
    await thread.getByRole('button', { name: '标为已解决 Resolve' }).click()
    await thread.getByTestId('resolved-label').waitFor()
    await expect(thread.getByRole('button', { name: '重新打开 Reopen' }).count()).resolves.toBe(1)
    // the report is in review: the writer has no edit link and no workflow action
    await expect(page.getByTestId('edit-link').count()).resolves.toBe(0)
    await expect(page.getByTestId('action-submit').count()).resolves.toBe(0)
    await page.screenshot({ path: screenshotPath('reading-writer-replied-resolved'), fullPage: true })
    await page.close()
  })

  test('the head sends the report back from the reading view; the writer’s 工作台 shows it with an edit link', async () => {
    const head = await demo.signedIn('head@annals.local', { width: 1600, height: 1000 })
    await head.goto(`${demo.url}/reports/${draftId}`)
    await head.getByTestId('action-requestChanges').click()
    const dialog = head.getByTestId('action-dialog')
    await dialog.getByRole('textbox', { name: '意见 Comment' }).fill('请更新干部工作的数字。')
    await dialog.getByRole('button', { name: '退回修改' }).click()
    await head.getByTestId('report-status').filter({ hasText: '退回修改' }).waitFor()
    // status, revisions and audit trail change together
    await expect(head.getByTestId('audit').first().textContent()).resolves.toMatch(/王明（部门负责人） · 退回修改（审核中 → 退回修改）：请更新干部工作的数字。$/)
    await expect(head.getByTestId('action-approve').count()).resolves.toBe(0)
    await head.close()

    const writer = await demo.signedIn('writer@annals.local', { width: 1400, height: 900 })
    const row = writer.getByTestId('sent-back-row').filter({ hasText: TITLE })
    await row.waitFor()
    await expect(row.textContent()).resolves.toContain('请更新干部工作的数字。')
    await writer.screenshot({ path: screenshotPath('reading-dashboard-writer-sent-back'), fullPage: true })
    await row.getByRole('link', { name: TITLE }).click()
    await writer.getByTestId('reading-view').waitFor()
    await expect(writer.getByTestId('edit-link').getAttribute('href')).resolves.toBe(`/write/${draftId}`)
    await expect(writer.getByTestId('action-submit').count()).resolves.toBe(1)
    await writer.close()
  })

  test('a comment says plainly when its passage was rewritten', async () => {
    // the writer rewrites the figure (through the API, as the writing view would)
    const annals = await createAnnalsContext(demo.databaseUrl)
    const writer = annals.context.withSession(await sessionOf(annals.context, 'writer@annals.local'))
    const [section] = await writer.query.Section.findMany({ where: { report: { id: { equals: draftId } }, heading: { startsWith: '二、' } }, query: 'id' })
    await writer.query.Section.updateOne({ where: { id: section.id }, data: { version: await currentVersion(annals.context, 'Section', section.id), body: plainTextToDocument(PLANTED.replace('236名', '240名')) } })
    await annals.disconnect()

    const page = await demo.signedIn('head@annals.local', { width: 1600, height: 1000 })
    await page.goto(`${demo.url}/reports/${draftId}`)
    const thread = page.getByTestId('comment-thread').filter({ hasText: '这个数字与去年相同，请核对。' })
    await expect(thread.getByTestId('anchor-status').textContent()).resolves.toBe('⚠ 所批注的文字已被删除或改写 / The passage was removed or rewritten')
    await thread.scrollIntoViewIfNeeded()
    await page.screenshot({ path: screenshotPath('reading-comment-passage-rewritten') })
    await page.close()
  })

  test('a writer of another department lands on a 工作台 with their own draft only', async () => {
    const page = await demo.signedIn('writer.chengxi@annals.local', { width: 1400, height: 900 })
    const drafts = page.getByTestId('dashboard-drafts')
    await drafts.getByTestId('draft-row').first().waitFor()
    await expect(drafts.getByTestId('draft-row').allTextContents()).resolves.toEqual([expect.stringContaining('澄溪市委组织部2025年工作总结（初稿）')])
    await expect(page.getByText(TITLE).count()).resolves.toBe(0)
    // and the 明湖 draft is not readable to them
    await page.goto(`${demo.url}/reports/${draftId}`)
    await expect(page.getByTestId('not-found').textContent()).resolves.toBe('报告不存在或您无权查看 / The report does not exist or you may not read it')
    await page.close()
  })

  test('the archivist’s 工作台: recent approvals and the comparison, no drafts', async () => {
    const page = await demo.signedIn('archivist@annals.local', { width: 1400, height: 900 })
    const approvals = page.getByTestId('dashboard-approvals')
    await approvals.getByTestId('approval-row').first().waitFor()
    await expect(approvals.getByTestId('approval-row').count()).resolves.toBe(4)
    await expect(approvals.getByRole('link', { name: '年度比对 Compare →' }).count()).resolves.toBe(1)
    await expect(page.getByTestId('dashboard-drafts').count()).resolves.toBe(0)
    await expect(page.getByTestId('dashboard-waiting').count()).resolves.toBe(0)
    await page.screenshot({ path: screenshotPath('reading-dashboard-archivist'), fullPage: true })
    await page.close()
  })
})
