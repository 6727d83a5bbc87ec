/**
 * End to end in Chromium (issue 18 part 7): with admins required to use two-factor, the demo admin
 * signs in, is asked to set it up, adds the secret shown (the test computes the codes from it, as
 * an authenticator app would), keeps the recovery codes, signs out, and signs in with a code.
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

describe('two-factor sign-in in the browser', () => {
  it('an admin sets up two-factor when first asked, signs out, and signs in with a code from the app', async () => {
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
      await saveShot(page, 'security-02-recovery-codes');
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
    } finally {
      await context.close();
    }
  }, 120_000);
});

