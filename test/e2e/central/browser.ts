/**
 * Browser side of the central-mode E2E: the shared browser helpers (test/e2e/support/browser.ts),
 * plus sign-in as a central agent, `central-…` screenshots and the connection banner.
 */
import { type Page } from 'playwright-core';
import { expect } from 'vitest';
import { saveShot } from '../support/browser';
import { AGENT_EMAIL, PASSWORD, TOKEN } from './world';

export { buildRenderer, launchBrowser, openPage, type TrackedPage } from '../support/browser';

export async function signIn(page: Page, bridgeUrl: string, email = AGENT_EMAIL): Promise<void> {
  await page.goto(`${bridgeUrl}/#token=${TOKEN}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByTestId('mode').textContent(), { timeout: 15_000 }).toMatch(/Online|Offline/);
}

export async function shot(page: Page, name: string): Promise<void> {
  if (!name.startsWith('central-')) throw new Error(`central screenshots are named central-…, not ${name}`);
  await saveShot(page, name);
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
