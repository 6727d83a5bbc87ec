/**
 * End to end in Chromium (issue 18 part 7): with admins required to use two-factor, the demo admin
 * signs in, is asked to set it up, adds the secret shown (the test computes the codes from it, as
 * an authenticator app would), keeps the recovery codes, signs out, and signs in with a code. Then,
 * under Settings → Security, the admin signs out an agent's session in another browser, whose
 * window goes back to the sign-in screen saying who ended it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../../main/core/ops/auth/totp';
import { axeProblems, openPage, saveShot } from './support/browser';
import { PASSWORD, TOKEN, startStandaloneWorld, type StandaloneWorld } from './standalone/world';

let w: StandaloneWorld;

beforeAll(async () => {
  w = await startStandaloneWorld({ prefix: 'tripdesk-e2e-security-', env: { TRIPDESK_ADMIN_TWO_FACTOR: 'required' } });
}, 180_000);

afterAll(async () => {
  await w?.close();
});

describe('two-factor sign-in and sessions in the browser', () => {
  it('an admin sets up two-factor when first asked, signs out, signs in with a code from the app, and signs out an agent\'s session', async () => {
    const { context, page } = await openPage(w.browser);
    try {
      await page.goto(`${w.bridge.url}/#token=${TOKEN}`);
      await page.getByLabel('Email').fill('admin@tripdesk.test');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();

      // Admins must have it: the session may do nothing else first.
      await expect.poll(() => page.getByRole('heading', { name: 'Set up two-factor sign-in' }).count(), { timeout: 15_000 }).toBe(1);
      await page.getByRole('button', { name: 'Set up two-factor' }).click();
      const secret = (await page.getByTestId('totp-secret').textContent({ timeout: 10_000 })) ?? '';
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(await page.getByTestId('totp-uri').textContent()).toBe(
        `otpauth://totp/TripDesk:admin%40tripdesk.test?secret=${secret}&issuer=TripDesk&algorithm=SHA1&digits=6&period=30`);
      await page.getByLabel('Code from the app').fill(totpAt(secret, Date.now()));
      await saveShot(page, 'security-01-two-factor');
      expect(await axeProblems(page)).toEqual([]);
      await page.getByRole('button', { name: 'Turn on two-factor' }).click();

      const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
      await expect.poll(() => codes.count()).toBe(10);
      await saveShot(page, 'security-03-recovery-codes');
      await page.getByRole('button', { name: 'I have saved them: continue' }).click();
      await expect.poll(() => page.getByTestId('mode').textContent(), { timeout: 15_000 }).toContain('Standalone');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('Email').fill('admin@tripdesk.test');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByRole('heading', { name: 'Two-factor code' }).count(), { timeout: 15_000 }).toBe(1);
      // A wrong code is refused in words, and the code step stays.
      const now = totpAt(secret, Date.now());
      await page.getByRole('textbox', { name: 'Code' }).fill(now === '000000' ? '111111' : '000000');
      await page.getByRole('button', { name: 'Verify' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('not right');
      // The code the app shows next: the one used to turn it on is never taken twice, and one step ahead is.
      await page.getByRole('textbox', { name: 'Code' }).fill(totpAt(secret, Date.now() + 30_000));
      await page.getByRole('button', { name: 'Verify' }).click();
      await expect.poll(() => page.getByTestId('mode').textContent(), { timeout: 15_000 }).toContain('Standalone');

      // Settings → Security says it is on.
      await page.keyboard.press('Alt+8');
      await expect.poll(() => page.getByRole('heading', { name: 'Security' }).count()).toBe(1);
      await expect.poll(() => page.getByText(/^On\. Sign-in asks for a code/).count()).toBe(1);

      // An agent at another desk, in another browser; the admin sees that session and signs it out.
      const desk = await openPage(w.browser);
      try {
        await w.signIn(desk.page, 'agent');
        const panel = page.getByRole('region', { name: 'Sessions on this console' });
        await panel.getByRole('button', { name: 'Refresh' }).click();
        const sessions = panel.getByRole('table');
        const agentRow = sessions.getByRole('row').filter({ hasText: 'agent@tripdesk.test' });
        await expect.poll(() => agentRow.count()).toBe(1);
        expect(await agentRow.textContent()).toContain('Browser (web bridge) on ');
        const mine = sessions.getByRole('row').filter({ hasText: 'admin@tripdesk.test' });
        expect(await mine.count()).toBe(1);
        expect(await mine.textContent()).toContain('this session');
        await mine.scrollIntoViewIfNeeded();
        await saveShot(page, 'security-02-sessions');
        expect(await axeProblems(page)).toEqual([]);
        await agentRow.getByRole('button', { name: /^Sign out Demo Agent's session from / }).click();
        await expect.poll(() => page.getByRole('status').filter({ hasText: /^Signed out Demo Agent's session from / }).count()).toBe(1);
        await expect.poll(() => agentRow.count()).toBe(0);

        // The agent's next step fails, and their window says so on the sign-in screen.
        await desk.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Bookings' }).click();
        await expect.poll(() => desk.page.getByRole('button', { name: 'Sign in' }).count(), { timeout: 15_000 }).toBe(1);
        expect(await desk.page.getByRole('status').textContent()).toMatch(/^This session was signed out at \d\d:\d\d UTC by admin@tripdesk\.test\. Sign in again to continue\.$/);
        expect(desk.page.jsErrors).toEqual([]);
      } finally {
        await desk.context.close();
      }
      // The admin's own session goes on.
      await page.keyboard.press('Alt+2');
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Bookings' }).count()).toBe(1);
      expect(page.jsErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});

