/**
 * Browser side of every E2E: build the renderer (privately), Debian's Chromium through
 * playwright-core, a page that records its JavaScript errors, screenshots and axe-core.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';

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

export async function saveShot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: opts.fullPage ?? false });
}

const axeSource = fs.readFileSync(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

/** axe-core in the page; the serious and critical findings, as readable lines. */
export async function axeProblems(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') does not block it.
  await page.evaluate(`${axeSource}\n;0`);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: unknown[] }> } }).axe;
    const res = await axe.run(document, { resultTypes: ['violations'] });
    return res.violations;
  }) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** Names a traveller in the booking flow's Travellers step (the group is "Passenger 1, …", "Lead guest, …", "Driver, …"). */
export async function nameTraveller(page: Page, group: RegExp, who = { givenNames: 'Ada', familyName: 'Lovelace', dateOfBirth: '1985-12-10' }): Promise<void> {
  const fields = page.getByRole('group', { name: group }).first();
  await fields.getByLabel('Given names').fill(who.givenNames);
  await fields.getByLabel('Family name').fill(who.familyName);
  await fields.getByLabel('Date of birth').fill(who.dateOfBirth);
}
