// Word and paper in a real browser against the running app: print views that print every
// page (a report, a 13,000-character comparison side by side and inline), the Word export
// over HTTP with the session's access rules, and the import page for a writer's draft and
// for the archive. PDFs are checked with poppler (pdfinfo, pdftotext) and rendered to PNG
// (pdftoppm) for a person to look at.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import type { KeystoneContext } from '@keystone-6/core/types'
import { screenshotPath } from '../helpers/browser'
import { describeInBrowser, useDemoApp } from '../helpers/demo-app'
import { docxWithBoldNumberedLines, docxWithHeadingStyles } from '../helpers/docx-fixtures'
import { createReport, ensureDepartment } from '../../src/keystone/report-store'
import { DEMO_TEXTS, reportOf, revise, toSize } from '../../scripts/bench-inputs'

const POPPLER = {
  available: existsSync('/usr/bin/pdfinfo') && existsSync('/usr/bin/pdftotext'),
  missing: 'poppler-utils (pdfinfo, pdftotext) not found: apt-get install poppler-utils (see .ci/run)',
}

const PDF_DIR = path.resolve(__dirname, '../../test-output/pdf')

function pdfPages(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1])
}

function pdfPageText(file: string, page: number): string {
  return execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' })
}

const squash = (text: string) => text.replace(/\s+/g, '')

/** Print the page to PDF as the browser's print dialog would (CSS page size and margin boxes). */
async function printToPdf(page: Page, name: string): Promise<string> {
  mkdirSync(PDF_DIR, { recursive: true })
  const file = path.join(PDF_DIR, `${name}.pdf`)
  await page.emulateMedia({ media: 'print' })
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true })
  await page.emulateMedia({ media: 'screen' })
  // a first and the last page as images, to look at
  if (existsSync('/usr/bin/pdftoppm')) {
    const pages = pdfPages(file)
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, path.join(PDF_DIR, `${name}-first`)])
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(pages), '-l', String(pages), file, path.join(PDF_DIR, `${name}-last`)])
  }
  return file
}

describeInBrowser('Word and print in Chromium', () => {
  let draftId = ''
  let bigId = ''
  let bigLast = { heading: '', text: '' }
  let bigChars = 0

  const demo = useDemoApp('browser_word', { prepare, timeout: 300_000 })

  async function prepare(context: KeystoneContext) {
    const sudo = context.sudo()
    const [draft] = await sudo.db.Report.findMany({ where: { department: { code: { equals: 'minghu' } }, status: { equals: 'draft' } } })
    draftId = String(draft.id)
    // a 13,000-character summary and the year after it
    const department = await ensureDepartment(sudo, 'long-test', '长篇测试部门')
    const first = toSize(DEMO_TEXTS, 13_500)
    const second = revise(first, 0.08, 101)
    for (const [year, text] of [[2023, first], [2024, second]] as const) {
      const report = reportOf(text)
      const id = await createReport(sudo, { departmentId: department, year, title: `长篇测试部门${year}年工作总结`, status: 'approved', reason: 'test', sections: report.sections })
      if (year === 2024) {
        bigId = id
        bigLast = report.sections[report.sections.length - 1]
        bigChars = text.length
      }
    }
  }

  test('the report print view: official layout, a 打印 button, every page printed with "— n —" at the foot', async () => {
    const page = await demo.signedIn('archivist@annals.local', { width: 1100, height: 1000 })
    const reportId = demo.seed.reportIds[2024]
    await page.goto(`${demo.url}/print/report/${reportId}`)
    await page.getByRole('button', { name: /打印/ }).waitFor()
    await expect(page.locator('h1').textContent()).resolves.toBe('明湖市委组织部2024年工作总结')
    await page.screenshot({ path: screenshotPath('print-report-screen') })
    const file = await printToPdf(page, 'report-2024')
    const pages = pdfPages(file)
    const text = squash(await page.locator('main').innerText())
    // 3号 text on a 156 × 225 mm block holds at most about 28 × 23 characters a page
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(text.length / (28 * 23)))
    const last = squash(pdfPageText(file, pages))
    const lastSection = squash(await page.locator('section').last().locator('p').last().innerText())
    expect(last).toContain(lastSection.slice(-20))
    expect(last).toContain(`—${pages}—`)
    expect(squash(pdfPageText(file, 1))).toContain('—1—')
    await page.close()
  })

  test('a draft prints with 草稿 on every page; a report the user may not read is not found', async () => {
    const page = await demo.signedIn('writer@annals.local')
    await page.goto(`${demo.url}/print/report/${draftId}`)
    const file = await printToPdf(page, 'report-draft')
    for (let n = 1; n <= pdfPages(file); n++) expect(squash(pdfPageText(file, n))).toContain('草稿（未批准）')
    const other = await demo.signedIn('writer.chengxi@annals.local')
    const response = await other.goto(`${demo.url}/print/report/${draftId}`)
    expect(response?.status()).toBe(404)
    await expect(other.locator('body').innerText()).resolves.toMatch(/^报告不存在或您无权查看/)
    await page.close()
    await other.close()
  })

  test('a 13,000-character comparison prints on as many pages as it needs, side by side and inline', async () => {
    const page = await demo.signedIn('archivist@annals.local', { width: 1400, height: 1000 })
    expect(bigChars).toBeGreaterThanOrEqual(13_000)
    const tail = squash(bigLast.text).slice(-16)
    for (const layout of ['side', 'inline'] as const) {
      await page.goto(`${demo.url}/print/compare/${bigId}?against=2023&layout=${layout}`)
      await page.getByRole('button', { name: /打印/ }).waitFor()
      await page.screenshot({ path: screenshotPath(`print-compare-${layout}-screen`) })
      const file = await printToPdf(page, `compare-${layout}`)
      const pages = pdfPages(file)
      // side by side: both years, two columns of about 33 × 26 characters a landscape page;
      // inline: one column of about 50 × 40 — far more than one page either way
      expect(pages, layout).toBeGreaterThanOrEqual(layout === 'side' ? Math.floor(bigChars / (33 * 26)) : Math.floor(bigChars / (50 * 40)))
      const last = squash(pdfPageText(file, pages))
      expect(last, `${layout}: last section on the last page`).toContain(tail)
      expect(last).toContain(`—${pages}/${pages}—`)
      // the running header names the reports and years on every page
      for (const n of [1, Math.ceil(pages / 2), pages]) expect(squash(pdfPageText(file, n))).toContain('2024年《长篇测试部门2024年工作总结》与2023年比对')
      if (layout === 'side') {
        // two columns on the page: the years head both columns on every page (a repeated table head)
        expect(squash(pdfPageText(file, pages))).toMatch(/2023年长篇测试部门2023年工作总结.*2024年长篇测试部门2024年工作总结/)
      }
    }
    await page.close()
  })

  test('the comparison page itself prints every page, not only the first (Keystone’s layout no longer clips it)', async () => {
    const page = await demo.signedIn('archivist@annals.local', { width: 1400, height: 1000 })
    const tail = squash(bigLast.text).slice(-16)
    for (const mode of ['side', 'inline'] as const) {
      await page.goto(`${demo.url}/compare?report=${bigId}&mode=${mode}`)
      await page.locator('#annals-compare .pair').last().waitFor()
      const file = await printToPdf(page, `compare-page-${mode}`)
      const pages = pdfPages(file)
      expect(pages, mode).toBeGreaterThanOrEqual(Math.floor(bigChars / (50 * 40)))
      // the last section's text is on the last page (or the one before: the figures table may follow)
      const lastTwo = squash(pdfPageText(file, pages - 1) + pdfPageText(file, pages))
      expect(lastTwo, `${mode}: last section printed`).toContain(tail)
    }
    await page.close()
  })

  test('Word export over HTTP follows the session: a file for the department, 404 for another department', async () => {
    const page = await demo.signedIn('writer@annals.local')
    const mine = await page.request.get(`${demo.url}/export/report/${draftId}.docx`)
    expect(mine.status()).toBe(200)
    expect(mine.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(mine.headers()['content-disposition']).toContain(encodeURIComponent('明湖市委组织部2025年工作总结'))
    expect((await mine.body()).subarray(0, 2).toString()).toBe('PK')
    const redline = await page.request.get(`${demo.url}/export/compare/${demo.seed.reportIds[2024]}.docx?against=2023&trad=0`)
    expect(redline.status()).toBe(200)
    const other = await demo.signedIn('writer.chengxi@annals.local')
    expect((await other.request.get(`${demo.url}/export/report/${draftId}.docx`)).status()).toBe(404)
    const anonymous = await demo.browser.newContext()
    expect((await anonymous.request.get(`${demo.url}/export/report/${draftId}.docx`)).status()).toBe(401)
    // an upload without the import header (as a cross-site form would send it) is refused
    expect((await page.request.post(`${demo.url}/api/import/preview`, { data: '一、甲\n内容。' })).status()).toBe(400)
    // an upload over the size limit is refused with the app's own message, not read to the end
    const big = await page.request.post(`${demo.url}/api/import/preview`, { headers: { 'x-annals-import': '1', 'x-file-name': 'big.txt' }, data: Buffer.alloc(11 * 1024 * 1024, 0x41) })
    expect(big.status()).toBe(413)
    expect((await big.json()).error).toMatch(/^上传内容超过 10 MB \/ The upload is larger than 10 MB/)
    // a pasted text preview over HTTP
    const pasted = await page.request.post(`${demo.url}/api/import/preview`, { headers: { 'x-annals-import': '1', 'content-type': 'text/plain; charset=utf-8' }, data: '一、甲\n内容。\n二、乙\n内容。' })
    expect((await pasted.json()).sections.map((s: { heading: string }) => s.heading)).toEqual(['一、甲', '二、乙'])
    await anonymous.close()
    await page.close()
    await other.close()
  })

  test('the import page: a writer previews a Word file, sees levels and what is left out, and appends it to the draft', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'annals-import-ui-'))
    const file = path.join(dir, '青山县档案局.docx')
    writeFileSync(file, await docxWithHeadingStyles())
    const page = await demo.signedIn('writer@annals.local', { width: 1300, height: 1000 })
    await page.goto(`${demo.url}/import?report=${draftId}`)
    await page.getByText('导入到：').waitFor()
    await page.locator('input[type=file]').setInputFiles(file)
    const preview = page.getByTestId('import-preview')
    await preview.waitFor()
    await expect(preview.locator('tbody tr').count()).resolves.toBe(5)
    await expect(preview.textContent()).resolves.toContain('1 张图片未导入')
    await page.screenshot({ path: screenshotPath('import-draft-preview'), fullPage: true })
    // cancel writes nothing and returns to the picker
    await page.getByRole('button', { name: /取消/ }).click()
    await page.locator('input[type=file]').setInputFiles(file)
    await preview.waitFor()
    await page.getByLabel(/追加到现有章节之后/).check()
    await page.getByRole('button', { name: /确认导入/ }).click()
    await page.getByText(/已导入 5 节（追加）/).waitFor()
    await page.screenshot({ path: screenshotPath('import-draft-done'), fullPage: true })
    await page.close()
  })

  test('the import page: an archivist previews several files with progress, then imports them with a result per file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'annals-import-archive-ui-'))
    const files = [path.join(dir, 'baisha-2022.docx'), path.join(dir, 'qingshan-2023.docx'), path.join(dir, 'broken-2021.docx')]
    writeFileSync(files[0], await docxWithBoldNumberedLines())
    writeFileSync(files[1], await docxWithHeadingStyles())
    writeFileSync(files[2], Buffer.from('PK\u0003\u0004 not really'))
    const page = await demo.signedIn('archivist@annals.local', { width: 1300, height: 1000 })
    await page.goto(`${demo.url}/import`)
    await page.getByRole('link', { name: /导入档案/ }).first().waitFor()
    await page.locator('input[type=file]').setInputFiles(files)
    await page.getByTestId('import-progress').getByText('预览进度 Progress：3 / 3').waitFor()
    const results = page.getByTestId('archive-results')
    await expect(results.locator('tbody tr').nth(2).textContent()).resolves.toContain('文件已损坏')
    await page.getByRole('button', { name: /全部导入/ }).click()
    await page.getByTestId('import-progress').getByText('导入进度 Progress：3 / 3').waitFor()
    await expect(results.locator('tbody tr').nth(0).textContent()).resolves.toContain('✓ 已导入')
    await expect(results.locator('tbody tr').nth(1).textContent()).resolves.toContain('✓ 已导入')
    await page.screenshot({ path: screenshotPath('import-archive-done'), fullPage: true })
    await page.close()
  })
}, POPPLER)
