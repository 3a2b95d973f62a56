// A new user's first look: the demo in a real browser. Sign in per role, Chinese list
// labels, the demo department's years, and drafts hidden from the archive.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser } from 'playwright-core'
import { chromiumAvailable, launchBrowser, screenshotPath, signIn } from '../helpers/browser'
import { startApp, type RunningApp } from '../helpers/server'
import { migratedContext } from '../helpers/db'
import { DEMO_PASSWORD, seedDemo } from '../../seeds'

describe.runIf(chromiumAvailable)('Admin UI in Chromium', () => {
  let app: RunningApp
  let browser: Browser

  beforeAll(async () => {
    const annals = await migratedContext('sqlite', 'browser_admin')
    await seedDemo(annals.context)
    await annals.disconnect()
    app = await startApp(annals.target.url)
    browser = await launchBrowser()
  }, 300_000)
  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  })

  test('the archivist sees Chinese lists and the four approved years, not the drafts', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    await signIn(page, app.url, 'archivist@annals.local', DEMO_PASSWORD)
    await page.getByRole('link', { name: '报告', exact: true }).first().waitFor()
    for (const label of ['部门', '报告', '章节', '修订', '操作记录']) {
      await expect(page.getByRole('link', { name: label, exact: true }).count()).resolves.toBeGreaterThan(0)
    }
    await expect(page.getByRole('link', { name: '外发邮件', exact: true }).count()).resolves.toBe(0)
    await page.screenshot({ path: screenshotPath('admin-home-archivist') })

    await page.goto(`${app.url}/reports`)
    await page.getByText('明湖市委组织部2024年工作总结').waitFor()
    for (const year of [2021, 2022, 2023, 2024]) await expect(page.getByText(`明湖市委组织部${year}年工作总结`).count()).resolves.toBe(1)
    await expect(page.getByText('明湖市委组织部2025年工作总结').count()).resolves.toBe(0)
    await expect(page.getByText('澄溪市委组织部2025年工作总结（初稿）').count()).resolves.toBe(0)
    // no create button for a role the API would refuse
    await expect(page.getByRole('link', { name: /New|新建|创建/ }).count()).resolves.toBe(0)
    await page.screenshot({ path: screenshotPath('admin-reports-archivist'), fullPage: true })
    await page.close()
  })

  test('the writer also sees the 2025 draft of their own department and its sections', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    await signIn(page, app.url, 'writer@annals.local', DEMO_PASSWORD)
    await page.goto(`${app.url}/reports`)
    await page.getByText('明湖市委组织部2025年工作总结').waitFor()
    await expect(page.getByText('澄溪市委组织部2025年工作总结（初稿）').count()).resolves.toBe(0)
    await page.getByText('明湖市委组织部2025年工作总结').click()
    await page.getByText('一、坚持把政治建设摆在首位，理论武装持续深化').first().waitFor()
    await page.screenshot({ path: screenshotPath('admin-report-item-writer'), fullPage: true })
    await page.close()
  })
})
