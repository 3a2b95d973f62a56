// A new user's first look: the demo in a real browser. Sign in per role, Chinese list
// labels, the demo department's years, and drafts hidden from the archive.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import type { KeystoneContext } from '@keystone-6/core/types'
import { parseMessage } from '../helpers/smtp'
import { screenshotPath, signIn } from '../helpers/browser'
import { describeInBrowser, useDemoApp } from '../helpers/demo-app'
import { DEMO_PASSWORD } from '../../seeds'
import { sessionCookie } from '../../scripts/run-app'
import { createReport, ensureDepartment } from '../../src/keystone/report-store'
import { DEMO_TEXTS, reportOf, revise, toSize } from '../../scripts/bench-inputs'

const dialogOf = (page: import('playwright-core').Page) => page.locator('[role=alertdialog], [role=dialog]')
const XSS_SCRIPT = '<script>window.__annalsXss = 1</script>'
const XSS_IMG = '<img src=x onerror="window.__annalsXss = 2">'

describeInBrowser('Admin UI in Chromium', () => {
  let xssReport = ''
  let bigReport = ''
  const mailDir = mkdtempSync(path.join(os.tmpdir(), 'annals-browser-mail-'))
  const demo = useDemoApp('browser_admin', { prepare, env: { MAIL_DIR: mailDir, MAIL_POLL_MS: '500', SMTP_URL: undefined } })

  async function prepare(context: KeystoneContext) {
    // two approved years of a department whose texts carry markup that must stay text
    const sudo = context.sudo()
    const department = await ensureDepartment(sudo, 'xss-test', '标记测试部门')
    await createReport(sudo, { departmentId: department, year: 2022, title: '标记测试2022', status: 'approved', reason: 'test', sections: [{ heading: '一、概况', text: '去年正常的一句话。' }] })
    xssReport = await createReport(sudo, {
      departmentId: department,
      year: 2023,
      title: '标记测试2023',
      status: 'approved',
      reason: 'test',
      sections: [{ heading: `一、概况${XSS_IMG}`, text: `去年正常的一句话。今年新增${XSS_SCRIPT}和${XSS_IMG}两段。` }],
    })
    // a 30,000-character summary and its previous year
    const bigDepartment = await ensureDepartment(sudo, 'big-test', '长篇测试部门')
    const big2023 = toSize(DEMO_TEXTS.map(t => t.split('\n').slice(2).join('\n')), 30_000)
    for (const [year, text] of [[2023, big2023], [2024, revise(big2023, 0.05, 42)]] as const) {
      const id = await createReport(sudo, { departmentId: bigDepartment, year, title: `长篇测试${year}`, status: 'approved', reason: 'test', sections: reportOf(text).sections })
      if (year === 2024) bigReport = id
    }
  }

  test('the archivist sees Chinese lists and the four approved years, not the drafts', async () => {
    const page = await demo.signedIn('archivist@annals.local', { width: 1400, height: 900 })
    await page.getByRole('link', { name: '报告', exact: true }).first().waitFor()
    for (const label of ['部门', '报告', '章节', '修订', '操作记录']) {
      await expect(page.getByRole('link', { name: label, exact: true }).count()).resolves.toBeGreaterThan(0)
    }
    await expect(page.getByRole('link', { name: '外发邮件', exact: true }).count()).resolves.toBe(0)
    await page.screenshot({ path: screenshotPath('admin-home-archivist') })

    await page.goto(`${demo.url}/reports`)
    await page.getByText('明湖市委组织部2024年工作总结').waitFor()
    for (const year of [2021, 2022, 2023, 2024]) await expect(page.getByText(`明湖市委组织部${year}年工作总结`).count()).resolves.toBe(1)
    await expect(page.getByText('明湖市委组织部2025年工作总结').count()).resolves.toBe(0)
    await expect(page.getByText('澄溪市委组织部2025年工作总结（初稿）').count()).resolves.toBe(0)
    // no create button for a role the API would refuse
    await expect(page.getByRole('link', { name: /New|新建|创建/ }).count()).resolves.toBe(0)
    await page.screenshot({ path: screenshotPath('admin-reports-archivist'), fullPage: true })
    await page.close()
  })

  test('the comparison view: aligned sections, insertions, deletions, a move, modes, keyboard and print', async () => {
    const page = await demo.signedIn('archivist@annals.local', { width: 1500, height: 1000 })
    await page.goto(`${demo.url}/reports`)
    await page.getByText('明湖市委组织部2024年工作总结').click()
    const panel = page.getByTestId('comparison-panel')
    await panel.getByText('与2023年相比', { exact: false }).waitFor()
    await expect(panel.textContent()).resolves.toMatch(/与2023年相比：相似度 \d+%，复用 \d+ 段，新增 0 节/)
    await panel.getByText('打开比对视图').click()
    await page.getByTestId('headline').waitFor()
    await expect(page.getByTestId('headline').textContent()).resolves.toMatch(/^与2023年相比：相似度 \d+%/)
    expect(new URL(page.url()).searchParams.get('report')).toBeTruthy()

    // side by side: sections aligned row by row, with both years' columns
    await expect(page.locator('.col-titles').textContent()).resolves.toBe('2023年2024年')
    await expect(page.locator('section.pair .heading').first().textContent()).resolves.toBe('引言')
    await expect(page.locator('section.pair').count()).resolves.toBe(7)
    const firstSection = page.locator('section.pair').nth(1)
    await expect(firstSection.locator('.col-before del.del').count()).resolves.toBeGreaterThan(0)
    await expect(firstSection.locator('.col-after ins.ins').count()).resolves.toBeGreaterThan(0)
    await expect(page.locator('.col-after ins.ins', { hasText: '78次' }).count()).resolves.toBe(1)
    await expect(page.locator('.col-before del.del', { hasText: '75次' }).count()).resolves.toBe(1)
    // a moved passage, linked both ways
    const moved = page.locator('.col-after ins.move').first()
    await expect(moved.count()).resolves.toBe(1)
    const id = (await moved.getAttribute('id')) as string
    expect(id).toMatch(/^move-\d+-to$/)
    await expect(page.locator(`#${id.replace(/-to$/, '-from')}`).count()).resolves.toBe(1)
    await page.locator(`a[href="#${id.replace(/-to$/, '-from')}"]`).click()
    expect(new URL(page.url()).hash).toBe(`#${id.replace(/-to$/, '-from')}`)
    // figures table
    await expect(page.locator('#figures tr.figure.changed', { hasText: '10764人' }).count()).resolves.toBe(1)
    // keyboard: j moves to the first change
    await page.locator('body').press('j')
    await page.locator('.chg.current').waitFor()
    await expect(page.locator('.chg.current').count()).resolves.toBe(1)
    await page.screenshot({ path: screenshotPath('compare-side-by-side'), fullPage: false })

    // inline mode, in the URL
    await page.getByLabel('行内 Inline').click()
    await page.waitForURL(url => url.searchParams.get('mode') === 'inline')
    await page.locator('.col-inline').first().waitFor()
    await expect(page.locator('.col-inline').count()).resolves.toBe(7)
    await expect(page.locator('.col-before').count()).resolves.toBe(0)
    await page.screenshot({ path: screenshotPath('compare-inline'), fullPage: false })

    // changes only folds unchanged text; the stable URL reopens the same view
    await page.getByLabel('仅显示改动 Changes only').click()
    await page.waitForURL(url => url.searchParams.get('changes') === '1')
    await page.locator('button.fold').first().waitFor()
    await expect(page.locator('button.fold').count()).resolves.toBeGreaterThan(0)
    const url = page.url()
    const again = await demo.browser.newPage({ viewport: { width: 1500, height: 1000 } })
    await again.context().addCookies(await page.context().cookies())
    await again.goto(url)
    await again.getByTestId('headline').waitFor()
    await expect(again.locator('.col-inline').count()).resolves.toBe(7)
    await expect(again.getByLabel('仅显示改动 Changes only').isChecked()).resolves.toBe(true)

    // print: controls hidden, A4
    await page.emulateMedia({ media: 'print' })
    await expect(page.locator('.controls').isVisible()).resolves.toBe(false)
    await page.emulateMedia({ media: 'screen' })
    await again.close()
    await page.close()
  })

  test('a 30,000-character report renders and stays responsive', async () => {
    const page = await demo.signedIn('archivist@annals.local', { width: 1500, height: 1000 })
    const started = Date.now()
    await page.goto(`${demo.url}/compare?report=${bigReport}`)
    await page.getByTestId('headline').waitFor({ timeout: 60_000 })
    const rendered = Date.now() - started
    const sections = await page.locator('section.pair').count()
    expect(sections).toBeGreaterThan(10)
    expect(await page.locator('.chg').count()).toBeGreaterThan(50)
    // the page answers input at once: keyboard navigation and a mode switch
    await page.locator('body').press('j')
    await page.locator('body').press('j')
    await page.locator('.chg.current').waitFor()
    await expect(page.locator('.chg.current').count()).resolves.toBe(1)
    await page.getByLabel('仅显示改动 Changes only').click()
    await page.waitForURL(url => url.searchParams.get('changes') === '1')
    await page.locator('button.fold').first().waitFor()
    await expect(page.locator('button.fold').count()).resolves.toBeGreaterThan(10)
    console.log(`30k-character comparison rendered in ${rendered} ms (${sections} sections)`)
    await page.close()
  })

  test('report text with markup renders as text, never as HTML', async () => {
    const page = await demo.browser.newPage({ viewport: { width: 1500, height: 1000 } })
    const dialogs: string[] = []
    page.on('dialog', d => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    await signIn(page, demo.url, 'archivist@annals.local', DEMO_PASSWORD)
    await page.goto(`${demo.url}/compare?report=${xssReport}`)
    await page.getByTestId('headline').waitFor()
    await expect(page.locator('#annals-compare').textContent()).resolves.toContain(XSS_SCRIPT)
    await expect(page.locator('#annals-compare').textContent()).resolves.toContain(XSS_IMG)
    await expect(page.locator('#annals-compare script').count()).resolves.toBe(0)
    await expect(page.locator('#annals-compare img').count()).resolves.toBe(0)
    // an injected image would have asked the server for its source: wait until nothing is loading
    await page.waitForLoadState('networkidle')
    await expect(page.evaluate(() => (window as unknown as { __annalsXss?: number }).__annalsXss)).resolves.toBeUndefined()
    expect(dialogs).toEqual([])
    await page.screenshot({ path: screenshotPath('compare-markup-as-text') })
    await page.close()
  })

  test('review in the browser: the writer submits, the head finds it in 待我审核 and sends it back', async () => {
    const writer = await demo.signedIn('writer@annals.local', { width: 1500, height: 1000 })
    await writer.goto(`${demo.url}/reports`)
    await writer.getByText('明湖市委组织部2025年工作总结').click()
    const panel = writer.getByTestId('workflow-panel')
    await panel.getByText('审核状态：草稿').waitFor()
    // the writer is offered submit only
    await expect(writer.getByRole('button', { name: '批准 Approve' }).count()).resolves.toBe(0)
    await writer.getByRole('button', { name: '提交审核 Submit' }).click()
    await dialogOf(writer).waitFor()
    await expect(dialogOf(writer).textContent()).resolves.toContain('提交后在审核结束前不能再修改')
    await writer.screenshot({ path: screenshotPath('workflow-submit-prompt') })
    await dialogOf(writer).getByRole('button', { name: '提交审核' }).click()
    await panel.getByText('审核状态：审核中').waitFor()
    await expect(writer.getByRole('button', { name: '提交审核 Submit' }).count()).resolves.toBe(0)
    await expect(panel.getByTestId('audit').first().textContent()).resolves.toMatch(/李文（撰稿人） · 提交审核（草稿 → 审核中）/)
    await writer.screenshot({ path: screenshotPath('workflow-submitted-writer') })

    const head = await demo.signedIn('head@annals.local', { width: 1500, height: 1000 })
    await head.getByRole('link', { name: '待我审核 To review' }).click()
    const row = head.getByTestId('queue-row').filter({ hasText: '明湖市委组织部2025年工作总结' })
    await row.waitFor()
    await expect(row.textContent()).resolves.toContain('李文（撰稿人）')
    await head.screenshot({ path: screenshotPath('review-queue-head') })
    await row.getByRole('link', { name: '明湖市委组织部2025年工作总结' }).click()
    await head.getByRole('button', { name: '退回修改 Request changes' }).click()
    const dialog = dialogOf(head)
    await dialog.getByRole('textbox').fill('请补充人才工作的最新数据。')
    await dialog.getByRole('button', { name: '退回修改' }).click()
    await head.getByTestId('workflow-panel').getByText('审核状态：退回修改').waitFor()
    await expect(head.getByRole('button', { name: '批准 Approve' }).count()).resolves.toBe(0)
    await expect(head.getByTestId('workflow-panel').textContent()).resolves.toContain('请补充人才工作的最新数据。')
    await head.screenshot({ path: screenshotPath('workflow-changes-requested-head'), fullPage: true })
    // the round's revisions compare in the same view
    await head.getByTestId('workflow-panel').getByRole('link', { name: '与上一修订比对' }).first().click()
    await head.getByTestId('headline').waitFor()
    await expect(head.getByTestId('headline').textContent()).resolves.toMatch(/^#2 提交审核 Submit → #3 退回修改 Request changes：相似度 100%/)

    // the outbox wrote both messages as .eml files (no SMTP_URL)
    const written = () => readdirSync(mailDir).filter(f => f.endsWith('.eml')).map(f => parseMessage(readFileSync(path.join(mailDir, f), 'utf8')))
    await expect.poll(() => written().length, { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(2)
    const mails = written()
    expect(mails.map(m => m.subject).sort()).toEqual([
      expect.stringContaining('已提交审核，请审阅'),
      expect.stringContaining('被退回修改'),
    ].sort())
    expect(mails.find(m => m.subject.includes('被退回修改'))!.text).toContain('意见：请补充人才工作的最新数据。')
    await writer.close()
    await head.close()
  })

  test('50 concurrent saves of one draft over HTTP: exactly one wins, the rest are told who saved', async () => {
    const cookie = await sessionCookie(demo.url, 'writer.chengxi@annals.local', DEMO_PASSWORD)
    const post = (query: string, variables: Record<string, unknown>) =>
      fetch(`${demo.url}/api/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query, variables }) }).then(r => r.json())
    const { data } = await post(`query { reports(where: { department: { code: { equals: "chengxi" } } }) { id version } }`, {})
    const [report] = data.reports
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post(`mutation($id: ID!, $title: String!, $version: Int!) { updateReport(where: { id: $id }, data: { title: $title, version: $version }) { title version } }`, {
          id: report.id,
          title: `澄溪并发保存 ${i}`,
          version: report.version,
        })
      )
    )
    const winners = results.filter(r => !r.errors)
    expect(winners).toHaveLength(1)
    expect(results.filter(r => r.errors?.[0]?.message?.includes('保存冲突'))).toHaveLength(49)
    const after = await post(`query($id: ID!) { report(where: { id: $id }) { title version } }`, { id: report.id })
    expect(after.data.report).toEqual({ title: winners[0].data.updateReport.title, version: report.version + 1 })
  })

  test('the writer also sees the 2025 draft of their own department and its sections', async () => {
    const page = await demo.signedIn('writer@annals.local', { width: 1400, height: 900 })
    await page.goto(`${demo.url}/reports`)
    await page.getByText('明湖市委组织部2025年工作总结').waitFor()
    await expect(page.getByText('澄溪市委组织部2025年工作总结（初稿）').count()).resolves.toBe(0)
    await page.getByText('明湖市委组织部2025年工作总结').click()
    await page.getByText('一、坚持把政治建设摆在首位，理论武装持续深化').first().waitFor()
    await page.screenshot({ path: screenshotPath('admin-report-item-writer'), fullPage: true })
    await page.close()
  })
})
