import { defineConfig } from '@playwright/test';

// Playwright cannot download its browsers here: it drives Debian's Chromium (override with CHROMIUM_PATH).
export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/support/bundles.ts',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  outputDir: 'tests/.artifacts/e2e',
  use: {
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1400, height: 1000 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [{ name: 'browser-mode', testIgnore: /electron/ }, { name: 'electron', testMatch: /electron/ }],
});
