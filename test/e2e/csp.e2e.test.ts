/**
 * The renderer under its strict Content Security Policy: the built renderer in Debian's Chromium,
 * against the real core (standalone, demo data) over the loopback web bridge, which serves the
 * policy from shared/csp.ts. Every screen is opened (and the parts that draw later: results
 * tables, chart tooltips, dialogs, the command palette); any `securitypolicyviolation` event or
 * console CSP error fails the test. The served policy must carry no 'unsafe-inline' anywhere.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_CONTENT_SECURITY_POLICY, appContentSecurityPolicy } from '../../shared/csp';
import { openPage } from './support/browser';
import { TOKEN, startStandaloneWorld, type StandaloneWorld } from './standalone/world';

let w: StandaloneWorld;

beforeAll(async () => {
  w = await startStandaloneWorld({ prefix: 'tripdesk-e2e-csp-' });
}, 180_000);

afterAll(async () => {
  await w?.close();
});

/** `directive -> sources` of a policy string. */
function directives(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';').map((d) => d.trim()).filter(Boolean)) {
    const [name, ...sources] = part.split(/\s+/);
    out.set(name!.toLowerCase(), sources);
  }
  return out;
}

interface Violation { directive: string; blocked: string; sample: string; source: string; screen?: string }

/**
 * Records every CSP violation the page reports, from before its first script runs, across
 * reloads: the listener is installed through the DevTools protocol (the page's policy does not
 * apply to it) and reports to the test process.
 */
async function watchViolations(page: Page): Promise<{ events: Violation[]; console: string[]; screen: { current: string } }> {
  const events: Violation[] = [];
  const screen = { current: 'sign-in' };
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (/Content[ -]Security[ -]Policy/i.test(m.text())) consoleErrors.push(m.text());
  });
  await page.exposeFunction('__tripdeskCspViolation', (v: Violation) => { events.push({ ...v, screen: screen.current }); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      void (window as unknown as { __tripdeskCspViolation(v: unknown): Promise<void> }).__tripdeskCspViolation({
        directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      });
    });
  });
  return { events, console: consoleErrors, screen };
}

async function showScreen(page: Page, route: string, heading: RegExp): Promise<void> {
  await page.goto(`${w.bridge.url}/#${route}`);
  await expect.poll(() => page.getByRole('heading', { level: 1, name: heading }).count(), { message: route }).toBe(1);
  await page.waitForLoadState('networkidle');
}

describe('the strict CSP, in Chromium, on every screen', () => {
  it("the bridge serves the policy from shared/csp.ts, with no 'unsafe-inline' (nor the desktop app's)", async () => {
    const res = await fetch(`${w.bridge.url}/`);
    expect(res.status).toBe(200);
    const served = res.headers.get('content-security-policy') ?? '';
    expect(served).toBe(BRIDGE_CONTENT_SECURITY_POLICY);
    for (const policy of [served, appContentSecurityPolicy()]) {
      expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes/);
      const d = directives(policy);
      expect(d.get('style-src')).toEqual(["'self'"]);
      expect(d.get('script-src')).toEqual(["'self'"]);
      expect(d.get('default-src')).toEqual(["'self'"]);
      expect(d.has('style-src-attr')).toBe(false);
      expect(d.has('style-src-elem')).toBe(false);
    }
  });

  it('signs in as admin and opens every screen with no CSP violation', async () => {
    const { context, page } = await openPage(w.browser);
    const seen = await watchViolations(page);
    try {
      await page.goto(`${w.bridge.url}/#token=${TOKEN}`);
      await expect.poll(() => page.getByRole('heading', { name: 'Sign in' }).count()).toBe(1);
      await page.waitForLoadState('networkidle');
      // Loading the app and the sign-in screen: nothing refused.
      expect(seen.events).toEqual([]);
      expect(seen.console).toEqual([]);

      // The watcher is live and the policy really is strict: markup with a style attribute is
      // refused and reported (removed again at once, so it does not count below).
      const probe = await page.evaluate(() => {
        const host = document.createElement('div');
        host.innerHTML = '<span style="color: rgb(1, 2, 3)">probe</span>';
        document.body.append(host);
        const applied = getComputedStyle(host.firstElementChild!).color === 'rgb(1, 2, 3)';
        host.remove();
        return applied;
      });
      expect(probe).toBe(false);
      await expect.poll(() => seen.events.length).toBe(1);
      expect(seen.events[0]?.directive).toMatch(/^style-src/);
      await expect.poll(() => seen.console.length).toBe(1);
      seen.events.length = 0;
      seen.console.length = 0;

      await page.getByLabel('Email').fill('admin@tripdesk.test');
      await page.getByLabel('Password').fill('tripdesk-demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByTestId('mode').textContent()).toContain('Standalone');

      const bookingId = (await w.core.local.sql.get<{ id: number }>('SELECT id FROM bookings ORDER BY id LIMIT 1'))?.id;
      const customerId = (await w.core.local.sql.get<{ id: number }>('SELECT id FROM users ORDER BY id LIMIT 1'))?.id;
      expect(bookingId).toBeTypeOf('number');
      expect(customerId).toBeTypeOf('number');

      const screens: [string, RegExp][] = [
        ['/search/flights', /Search/],
        ['/search/hotels', /Search/],
        ['/search/cars', /Search/],
        ['/book', /New booking/],
        ['/deals', /Deals/],
        ['/bookings', /Bookings/],
        [`/bookings/${bookingId}`, /Booking/],
        ['/customers', /Customers/],
        [`/customers/${customerId}`, /.+/],
        ['/watches', /Price watches/],
        ['/inventory', /Inventory/],
        ['/logs', /Logs/],
        ['/reviews', /Reviews/],
        ['/attention', /Needs attention/],
        ['/operators', /Operators/],
        ['/settings', /Settings/],
        ['/analytics', /Analytics/],
        ['/no-such-screen', /.+/],
      ];
      const opened: string[] = [];
      for (const [route, heading] of screens) {
        seen.screen.current = route;
        await showScreen(page, route, heading);
        opened.push(route);
        if (route === '/search/flights') {
          // The virtualised results table (TanStack) positions its rows with style props.
          await page.getByRole('button', { name: 'Search flights' }).click();
          await expect.poll(() => page.getByRole('table', { name: 'Flight results' }).locator('tbody tr[data-index]').count()).toBeGreaterThan(0);
          await page.getByRole('table', { name: 'Flight results' }).locator('tbody tr[data-index]').first().hover();
        }
        if (route === '/operators') {
          await page.getByRole('button', { name: 'New operator' }).click();
          await expect.poll(() => page.getByRole('form', { name: 'New operator' }).count()).toBe(1);
        }
        if (route === '/analytics') {
          // ECharts: the canvas, and the tooltip it draws on hover (on the canvas too: an HTML
          // tooltip would be style="…" markup).
          const charts = page.locator('.chart');
          await expect.poll(() => charts.locator('canvas').count()).toBeGreaterThan(0);
          for (let i = 0; i < (await charts.count()); i++) {
            const chart = charts.nth(i);
            await chart.scrollIntoViewIfNeeded();
            const box = await chart.boundingBox();
            if (!box) continue;
            const before = await chart.screenshot();
            await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
            await expect.poll(async () => Buffer.compare(before, await chart.screenshot()), { message: `chart ${i} tooltip` }).not.toBe(0);
            await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.6);
            await page.waitForTimeout(100);
          }
          expect(await charts.locator('div').filter({ hasText: /\S/ }).count()).toBe(0);
        }
      }
      // The command palette and the theme switch.
      seen.screen.current = 'palette';
      await page.keyboard.press('Control+k');
      await expect.poll(() => page.getByRole('combobox', { name: 'Type a command' }).count()).toBe(1);
      await page.keyboard.type('book');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: /Switch to (dark|light) theme/ }).click();
      await page.waitForTimeout(200);

      expect(opened).toHaveLength(screens.length);
      expect(seen.events).toEqual([]);
      expect(seen.console).toEqual([]);
      expect(page.jsErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
