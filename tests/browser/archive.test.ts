// The archive in Chromium: the navigation's search box, the results page with highlighted
// snippets and filters, "where else does this passage appear" from a selection, and the 查重 page.
import { expect, test } from 'vitest'
import type { KeystoneContext } from '@keystone-6/core/types'
import { screenshotPath } from '../helpers/browser'
import { describeInBrowser, useDemoApp } from '../helpers/demo-app'
import { createReport, ensureDepartment, findReportId } from '../../src/keystone/report-store'

describeInBrowser('archive pages in Chromium', () => {
  let draftId = ''
  let chengxiDraftText = ''
  const demo = useDemoApp('browser_archive', { prepare })

  async function prepare(context: KeystoneContext) {
    const sudo = context.sudo()
    const minghu = await ensureDepartment(sudo, 'minghu')
    draftId = (await findReportId(sudo, minghu, 2025)) as string
    // another county copied a third of 明湖's 2024 summary into its approved 2024 report
    const [y2024] = await sudo.db.Report.findMany({ where: { department: { id: { equals: minghu } }, year: { equals: 2024 } } })
    const sections = await sudo.db.Section.findMany({ where: { report: { id: { equals: String(y2024.id) } } }, orderBy: { position: 'asc' } })
    const copied = sections.slice(0, 2).map(s => ({ heading: String(s.heading), text: String(s.plainText) }))
    const other = await ensureDepartment(sudo, 'qinghe', '清河县委组织部')
    await createReport(sudo, { departmentId: other, year: 2024, title: '清河县委组织部2024年工作总结', status: 'approved', reason: 'test', sections: [...copied, { heading: '三、其他', text: '清河县全年组织工作有序推进，基层治理水平稳步提高。' }] })
    const chengxi = await ensureDepartment(sudo, 'chengxi')
    const chengxiDraft = (await findReportId(sudo, chengxi, 2025)) as string
    const [first] = await sudo.db.Section.findMany({ where: { report: { id: { equals: chengxiDraft } } }, orderBy: { position: 'asc' }, take: 1 })
    chengxiDraftText = String(first.plainText).replace(/\s/g, '').slice(0, 8)
    // a word only in a section heading
    await createReport(sudo, { departmentId: other, year: 2023, title: '清河县委组织部2023年工作总结', status: 'approved', reason: 'test', sections: [{ heading: '（三）档案编研工作', text: '全年整理各类文书一千二百余件，完成数字化扫描。' }] })
  }

  test('search from the navigation: highlighted snippets, filters, paging, no other department’s draft', async () => {
    const page = await demo.signedIn('head@annals.local', { width: 1400, height: 1000 })
    const box = page.getByRole('searchbox', { name: /检索词/ }).first()
    await box.fill('人才')
    await box.press('Enter')
    await page.waitForURL(/\/search\?q=/)
    await page.getByTestId('search-total').waitFor()
    expect(await page.getByTestId('search-total').innerText()).toMatch(/共 \d+ 条结果/)
    const marks = page.locator('[data-testid=search-snippet] mark')
    await marks.first().waitFor()
    expect(await marks.first().innerText()).toBe('人才')
    await page.screenshot({ path: screenshotPath('archive-search'), fullPage: true })

    await page.getByLabel('起始年份').fill('2023')
    await page.getByLabel('截止年份').fill('2023')
    await page.getByTestId('search-submit').click()
    await page.waitForURL(/from=2023/)
    // the list re-renders for the new URL: wait until only 2023 is listed
    await expect.poll(async () => new Set((await page.getByTestId('search-hit-meta').allInnerTexts()).map(t => t.match(/(\d{4})年/)?.[1])), { timeout: 20_000 }).toEqual(new Set(['2023']))
    await page.screenshot({ path: screenshotPath('archive-search-filtered'), fullPage: true })

    // 澄溪's draft is not the head's to read: not found, not counted
    await page.goto(`${demo.url}/search?q=${encodeURIComponent(`"${chengxiDraftText}"`)}`)
    await page.getByTestId('search-total').waitFor()
    expect(await page.getByTestId('search-total').innerText()).toMatch(/共 0 条结果/)
    await page.close()
  })

  test('a word only in a section heading: found, the heading marked', async () => {
    const page = await demo.signedIn('archivist@annals.local', { width: 1400, height: 1000 })
    await page.goto(`${demo.url}/search?q=${encodeURIComponent('档案编研')}`)
    await page.getByTestId('search-total').waitFor()
    expect(await page.getByTestId('search-total').innerText()).toMatch(/共 1 条结果/)
    const mark = page.locator('[data-testid=search-hit-heading] mark')
    await mark.first().waitFor()
    expect(await mark.allInnerTexts()).toEqual(['档案编研'])
    expect(await page.getByTestId('search-hit-heading').innerText()).toContain('（三）档案编研工作')
    await page.screenshot({ path: screenshotPath('archive-search-heading'), fullPage: true })
    await page.close()
  })

  test('select a passage in the results and see where else it appears, earliest first', async () => {
    const page = await demo.signedIn('archivist@annals.local', { width: 1400, height: 1000 })
    await page.goto(`${demo.url}/search?q=${encodeURIComponent('人才')}`)
    const snippet = page.getByTestId('search-snippet').first()
    await snippet.waitFor()
    // select the whole snippet as a user would by dragging
    await snippet.evaluate(node => {
      const range = document.createRange()
      range.selectNodeContents(node)
      const selection = window.getSelection() as Selection
      selection.removeAllRanges()
      selection.addRange(range)
    })
    await page.getByTestId('search-hits').dispatchEvent('mouseup')
    await page.getByTestId('selection-sources').click()
    await page.waitForURL(/\/passage-sources\?text=/)
    await page.getByTestId('passage-source').first().waitFor()
    const years = (await page.locator('[data-testid=passage-source] strong').allInnerTexts()).map(t => Number(t.replace('年', '')))
    expect(years.length).toBeGreaterThan(0)
    expect([...years].sort((a, b) => a - b)).toEqual(years)
    await page.screenshot({ path: screenshotPath('archive-passage-sources'), fullPage: true })
    await page.close()
  })

  test('the head opens the 查重 page of a draft before approving it; it prints', async () => {
    const page = await demo.signedIn('head@annals.local', { width: 1400, height: 1000 })
    await page.goto(`${demo.url}/reuse-check?id=${draftId}`)
    await page.getByTestId('reused-share').waitFor()
    expect(await page.getByTestId('reused-share').innerText()).toMatch(/^\d+\.\d%$/)
    await page.getByTestId('reuse-sources').waitFor()
    await expect(page.getByTestId('reuse-sources').innerText()).resolves.toContain('清河县委组织部')
    await page.locator('[data-testid=reuse-pair] mark').first().waitFor()
    await page.screenshot({ path: screenshotPath('archive-reuse-check'), fullPage: true })
    await page.emulateMedia({ media: 'print' })
    await page.screenshot({ path: screenshotPath('archive-reuse-check-print'), fullPage: true })
    await page.close()
  })
})
