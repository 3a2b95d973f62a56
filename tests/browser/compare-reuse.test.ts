// The comparison view in Chromium: a phrase the later year reused from another section of the
// earlier year is shown as reused (not as new), names its source section and year on hover,
// and a click lands on that section below the sticky column titles.
import { expect, test } from 'vitest'
import type { KeystoneContext } from '@keystone-6/core/types'
import { screenshotPath } from '../helpers/browser'
import { describeInBrowser, useDemoApp } from '../helpers/demo-app'
import { createReport, ensureDepartment } from '../../src/keystone/report-store'

const REUSED = '打造国际化的草原音乐名城、冰雪运动名城'

describeInBrowser('reused phrases in the comparison view', () => {
  let later = ''
  const demo = useDemoApp('browser_compare_reuse', { prepare })

  async function prepare(context: KeystoneContext) {
    const sudo = context.sudo()
    const department = await ensureDepartment(sudo, 'reuse-test', '复用测试区')
    const filler = (n: number) => Array.from({ length: 12 }, (_, i) => `第${n}部分第${i + 1}项具体工作按计划推进并取得阶段成效。`).join('')
    await createReport(sudo, {
      departmentId: department,
      year: 2022,
      title: '复用测试区2022年政府工作报告',
      status: 'approved',
      reason: 'test',
      sections: [
        { heading: '一、经济发展', level: 1, text: filler(1) },
        { heading: '二、文化旅游', level: 1, text: `我们将${REUSED}，办好冬季旅游节。${filler(2)}` },
      ],
    })
    later = await createReport(sudo, {
      departmentId: department,
      year: 2023,
      title: '复用测试区2023年政府工作报告',
      status: 'approved',
      reason: 'test',
      sections: [
        { heading: '一、经济发展', level: 1, text: `新的一年，全区上下齐心协力，${REUSED}，全面扩大对外开放。${filler(3)}` },
        { heading: '二、文化旅游', level: 1, text: `文化旅游事业全面繁荣发展，接待游客人数再创新高。${filler(4)}` },
      ],
    })
  }

  test('the reused phrase is marked as reused, names its source, and a click jumps there', async () => {
    const page = await demo.signedIn('archivist@annals.local', { width: 1400, height: 900 })
    await page.goto(`${demo.url}/compare?report=${later}`)
    const reused = page.locator('ins.reused', { hasText: '草原音乐名城' }).first()
    await reused.waitFor()
    // shown as reused wording, not as new: the whole phrase, with its source in the title
    await expect(page.locator('ins.reused').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining(REUSED)]))
    await expect(reused.getAttribute('title')).resolves.toContain('2022年「二、文化旅游」')
    await expect(page.locator('ins.ins:not(.reused)', { hasText: REUSED }).count()).resolves.toBe(0)
    await reused.hover()
    await page.screenshot({ path: screenshotPath('compare-reused-phrase') })

    // the source row is the section 二、文化旅游; after the click it stands below the sticky titles
    const row = await reused.getAttribute('data-reused-row')
    await reused.click()
    const target = page.locator(`#section-${row}`)
    await expect(target.locator('.heading').textContent()).resolves.toContain('文化旅游')
    const header = await page.locator('.col-titles').boundingBox()
    await expect.poll(async () => (await target.boundingBox())?.y ?? -1).toBeGreaterThanOrEqual((header?.y ?? 0) + (header?.height ?? 0) - 1)
    await page.screenshot({ path: screenshotPath('compare-reused-source') })

    // only earlier years are offered by default
    await expect(page.locator('fieldset', { hasText: '对比年份' }).getByText('2022').count()).resolves.toBe(1)
    await page.close()
  })
})
