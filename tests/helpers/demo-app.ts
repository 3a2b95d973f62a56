// The fixture of every browser suite: the demo app running on its own database, and Chromium.
import { afterAll, beforeAll, describe } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { KeystoneContext } from '@keystone-6/core/types'
import { startApp, type RunningApp } from '../../scripts/run-app'
import { DEMO_PASSWORD, seedDemo, type SeedResult } from '../../seeds'
import { CHROMIUM, chromiumAvailable, launchBrowser, signIn } from './browser'
import { migratedContext } from './db'

/** describe() for a suite that needs Chromium (and `also`, e.g. poppler): when one is missing the suite is skipped and says so loudly. */
export function describeInBrowser(title: string, suite: () => void, also: { available: boolean; missing: string } = { available: true, missing: '' }) {
  if (!chromiumAvailable) console.warn(`\n⚠ SKIPPED browser suite "${title}": ${CHROMIUM} not found (apt-get install chromium).\n`)
  else if (!also.available) console.warn(`\n⚠ SKIPPED browser suite "${title}": ${also.missing}.\n`)
  describe.runIf(chromiumAvailable && also.available)(title, suite)
}

export type DemoApp = {
  /** the running app's base URL */
  url: string
  /** its SQLite database, for tests that look behind the UI */
  databaseUrl: string
  app: RunningApp
  browser: Browser
  seed: SeedResult
  /** a new page (in its own browser context: its own cookies; Playwright's default viewport unless given), signed in as a demo user */
  signedIn: (email: string, viewport?: { width: number; height: number }) => Promise<Page>
}

export type DemoAppOptions = {
  /** more data for the suite, written before the app starts */
  prepare?: (context: KeystoneContext, seed: SeedResult) => Promise<void>
  /** environment of the app (undefined removes a variable) */
  env?: Record<string, string | undefined>
  /** how long set-up may take */
  timeout?: number
}

/**
 * A running demo app and a browser for one suite: a fresh SQLite database (`name`) with the demo
 * seeded and `prepare` applied, the built app started on it, Chromium launched; both are closed
 * after the suite. Call inside describeInBrowser; the returned object is filled in before the first test.
 */
export function useDemoApp(name: string, options: DemoAppOptions = {}): DemoApp {
  const demo = {} as DemoApp
  demo.signedIn = async (email, viewport) => {
    const page = await demo.browser.newPage(viewport ? { viewport } : {})
    await signIn(page, demo.url, email, DEMO_PASSWORD)
    return page
  }
  beforeAll(async () => {
    const annals = await migratedContext('sqlite', name)
    try {
      demo.seed = await seedDemo(annals.context)
      await options.prepare?.(annals.context, demo.seed)
    } finally {
      await annals.disconnect()
    }
    demo.databaseUrl = annals.target.url
    demo.app = await startApp(demo.databaseUrl, options.env)
    demo.url = demo.app.url
    demo.browser = await launchBrowser()
  }, options.timeout ?? 240_000)
  afterAll(async () => {
    await demo.browser?.close()
    await demo.app?.stop()
  })
  return demo
}
