/**
 * Browser side of the central-mode E2E: build the renderer (privately, as the standalone E2E does),
 * Debian's Chromium through playwright-core, sign-in and screenshot helpers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { expect } from 'vitest';
import { AGENT_EMAIL, PASSWORD, TOKEN } from './world';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
// Saved under test-results/ on every run; the best are copied to docs/screenshots for the README.
export const SHOTS = process.env.TRIPDESK_SCREENSHOTS_DIR ?? path.join(root, 'test-results', 'screenshots');

/**
 * Builds the renderer into `outDir` (a private folder: another run's `vite build` with emptyOutDir
 * cannot pull the files out from under this one).
 */
export async function buildRenderer(outDir: string): Promise<string> {
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export type TrackedPage = Page & { jsErrors: string[] };

export async function openPage(browser: Browser): Promise<{ context: BrowserContext; page: TrackedPage }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  const page = (await context.newPage()) as TrackedPage;
  page.setDefaultTimeout(15_000);
  page.jsErrors = [];
  page.on('pageerror', (e) => page.jsErrors.push(e.message));
  return { context, page };
}

export async function signIn(page: Page, bridgeUrl: string, email = AGENT_EMAIL): Promise<void> {
  await page.goto(`${bridgeUrl}/#token=${TOKEN}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByTestId('mode').textContent(), { timeout: 15_000 }).toMatch(/Online|Offline/);
}

export async function shot(page: Page, name: string): Promise<void> {
  if (!name.startsWith('central-')) throw new Error(`central screenshots are named central-…, not ${name}`);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}

/** The banner's pieces, as the agent reads them. */
export function banner(page: Page) {
  const region = page.getByRole('region', { name: 'Connection and sync status' });
  return {
    region,
    mode: () => page.getByTestId('mode').textContent(),
    /** "N pending sync" (and "· M need attention" when there are conflicts). */
    counts: () => region.getByText(/\d+ pending sync/).textContent(),
    syncNow: () => region.getByRole('button', { name: 'Sync now' }),
  };
}
