/**
 * End to end: emailing the itinerary from the booking record in Debian's Chromium, against the
 * real core (standalone, demo data) with TRIPDESK_SMTP_URL pointing at a real SMTP server on a
 * loopback port. The agent books JFK → LAX for two travellers, downloads the itinerary, emails it;
 * the server receives it with the PDF. Then the SMTP server is stopped: the next email waits in
 * Needs attention with its reason, and Retry sends it once the server is back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../shared/localTime';
import { loadConfig } from '../../main/core/config';
import { startCore, type Core } from '../../main/core/host/core';
import { startBridge, type Bridge } from '../../main/bridge/startBridge';
import { seedDemoData } from '../../tools/seed/seedDemo';
import { pdfText } from '../support/pdfText';
import { pdfAttachments, startTestSmtp, type TestSmtp } from '../support/smtpServer';
import { buildRenderer, launchBrowser, nameTraveller, openPage, saveShot } from './support/browser';

const TOKEN = 'e2e-email-token-0123456789';
const PASSWORD = 'tripdesk-demo';

let tmp: string;
let smtp: TestSmtp;
let core: Core;
let bridge: Bridge;
let browser: Browser;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tripdesk-e2e-email-'));
  smtp = await startTestSmtp();
  const staticDir = await buildRenderer(path.join(tmp, 'renderer'));
  core = await startCore(loadConfig({ TRIPDESK_DATA_DIR: path.join(tmp, 'data'), TRIPDESK_PASSWORD_COST: 'test', ...smtp.env() }),
    { seedDemo: seedDemoData, jobs: false, log: () => undefined });
  bridge = await startBridge({ core, port: 0, token: TOKEN, staticDir });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  await core?.close();
  await smtp?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function agentSession(): Promise<string> {
  const res = await core.call('auth.login', { email: 'agent@tripdesk.test', password: PASSWORD }, null);
  if (!res.ok) throw new Error(res.error.message);
  return (res.value as { sessionToken: string }).sessionToken;
}

describe('emailing the itinerary in the browser', () => {
  it('book, download, email: the SMTP server gets the PDF; with the server down the email waits in Needs attention and Retry sends it', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto(`${bridge.url}/#token=${TOKEN}`);
      await page.getByLabel('Email').fill('agent@tripdesk.test');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByTestId('mode').textContent(), { timeout: 60_000 }).toContain('Standalone');

      await page.goto(`${bridge.url}/#/search/flights`);
      const search = page.getByRole('form', { name: 'Search flights' });
      await search.getByLabel('From').fill('JFK');
      await search.getByLabel('To').fill('LAX');
      await search.getByLabel('Date').fill(localDate(Date.now() + 86_400_000, 'America/New_York'));
      await search.getByLabel('Passengers').fill('2');
      await search.getByRole('button', { name: 'Search flights' }).click();
      const results = page.getByRole('table', { name: 'Flight results' });
      await expect.poll(() => results.locator('tbody tr[data-index]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      await results.getByRole('button', { name: /^Hold 2 seats on / }).first().click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Held 2 seats' }).count()).toBe(1);
      await page.getByRole('button', { name: 'Continue to booking' }).click();
      await page.getByRole('button', { name: /^Select / }).first().click();
      await nameTraveller(page, /^Passenger 1, /, { givenNames: 'Grace', familyName: 'Hopper', dateOfBirth: '1986-12-09' });
      await nameTraveller(page, /^Passenger 2, /, { givenNames: 'Alan', familyName: 'Turing', dateOfBirth: '1982-06-23' });
      await page.getByLabel('Card number').fill('4242 4242 4242 4242');
      await page.getByLabel('Expiry (MM/YY)').fill('12/34');
      await page.getByLabel('CVC').fill('123');
      await page.getByRole('button', { name: /^Confirm booking for / }).click();
      const heading = page.getByRole('heading', { name: /^Booking [A-HJ-NP-Z2-9]{6}$/ });
      await expect.poll(() => heading.count(), { timeout: 20_000 }).toBe(1);
      const locator = ((await heading.textContent()) ?? '').replace('Booking ', '');

      // The customer's address on file, as the dialog must offer it.
      const token = await agentSession();
      const found = await core.call('bookings.search', { q: locator }, token);
      if (!found.ok) throw new Error(found.error.message);
      const booking = (found.value as { items: Array<{ id: number; customerId: number }> }).items[0]!;
      const customer = await core.call('customers.get', { customerId: booking.customerId }, token);
      if (!customer.ok) throw new Error(customer.error.message);
      const email = (customer.value as { email: string }).email;

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download itinerary' }).click()]);
      const pdf = fs.readFileSync(await download.path());
      expect(await pdfText({ fileName: download.suggestedFilename(), contentType: 'application/pdf', base64: pdf.toString('base64') })).toContain(locator);

      // Email it: the dialog offers the customer's address.
      await page.getByRole('button', { name: 'Email itinerary…' }).click();
      const dialog = page.getByRole('dialog', { name: `Email the itinerary of ${locator}` });
      await expect.poll(() => dialog.getByLabel('To').inputValue()).toBe(email);
      await saveShot(page, 'email-01-dialog');
      await dialog.getByRole('button', { name: 'Send email' }).click();
      await expect.poll(() => page.getByText(`Emailed the itinerary to ${email}.`).count(), { timeout: 20_000 }).toBe(1);
      const [mail] = await smtp.waitFor(1);
      expect(smtp.received).toHaveLength(1);
      expect(mail?.to).toEqual([email]);
      const attached = pdfAttachments(mail!);
      expect(attached.map((a) => a.fileName)).toEqual([`itinerary-${locator}.pdf`]);
      const text = await pdfText(attached[0]!);
      expect(text).toContain(locator);
      expect(text.toUpperCase()).toContain('HOPPER');
      const messages = page.getByRole('table', { name: 'Emails for this booking' });
      await expect.poll(() => messages.textContent()).toContain('sent');
      expect(await messages.textContent()).toContain(mail?.messageId ?? '?');
      await saveShot(page, 'email-02-messages-card', { fullPage: true });

      // The SMTP server goes away: the next email is not sent, and says why.
      await smtp.stop();
      await page.getByRole('button', { name: 'Email itinerary…' }).click();
      await expect.poll(() => dialog.getByLabel('To').inputValue()).toBe(email);
      await dialog.getByRole('button', { name: 'Send email' }).click();
      await expect.poll(() => page.getByText(/^Not sent: The SMTP server .* could not take the message/).count(), { timeout: 30_000 }).toBe(1);

      await page.goto(`${bridge.url}/#/attention`);
      const unsent = page.getByRole('list', { name: 'Messages not sent' });
      await expect.poll(() => unsent.getByRole('listitem').count(), { timeout: 15_000 }).toBe(1);
      expect(await unsent.textContent()).toMatch(/Not sent: The SMTP server 127\.0\.0\.1:\d+ could not take the message/);
      expect(await unsent.textContent()).toContain(locator);
      await saveShot(page, 'email-03-needs-attention');

      await smtp.start();
      await unsent.getByRole('button', { name: 'Retry' }).click();
      await expect.poll(() => unsent.getByRole('listitem').count(), { timeout: 20_000 }).toBe(0);
      const both = await smtp.waitFor(2);
      expect(both[1]?.to).toEqual([email]);
      expect(both[1]?.messageId).not.toBe(both[0]?.messageId);
      expect(pdfAttachments(both[1]!)).toHaveLength(1);
      expect(page.jsErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 150_000);
});
