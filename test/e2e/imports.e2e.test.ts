/**
 * End to end: a supervisor's rate import in Debian's Chromium against the real core (standalone,
 * demo data). A file with two bad lines is reported line by line and changes nothing; the fixed
 * file is imported at once, and an export downloads as an RFC 4180 CSV.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, saveShot } from './support/browser';
import { startStandaloneWorld, utcDay, type StandaloneWorld } from './standalone/world';

let w: StandaloneWorld;

beforeAll(async () => {
  w = await startStandaloneWorld({ prefix: 'tripdesk-imports-' });
}, 180_000);
afterAll(async () => { await w?.close(); });

describe('imports and exports in the browser', () => {
  it('two bad lines are reported and change nothing; the fixed file imports; an export downloads', async () => {
    const room = await w.core.local.sql.get<{ id: number }>('SELECT id FROM hotel_room_types ORDER BY id LIMIT 1');
    const roomTypeId = Number(room?.id);
    const days = [utcDay(20), utcDay(21), utcDay(22), utcDay(23)];
    const prices = () => w.core.local.sql.all<{ stay_date: string; price_cents: number }>(
      'SELECT stay_date, price_cents FROM hotel_inventory WHERE room_type_id = ? AND stay_date BETWEEN ? AND ? ORDER BY stay_date', [roomTypeId, days[0] ?? '', days[3] ?? '']);
    const before = await prices();
    expect(before).toHaveLength(4);

    const file = (lines: string[]) => ({ name: 'rates.csv', mimeType: 'text/csv', buffer: Buffer.from(`${['room_type_id,date,price_usd', ...lines].join('\r\n')}\r\n`) });
    const bad = file([`${roomTypeId},${days[0]},301.00`, `${roomTypeId},${days[1]},three hundred`, `${roomTypeId},${days[2]},302.50`, `999999,${days[3]},303.00`]);
    const good = file([`${roomTypeId},${days[0]},301.00`, `${roomTypeId},${days[1]},300.00`, `${roomTypeId},${days[2]},302.50`, `${roomTypeId},${days[3]},303.00`]);

    const { context, page } = await openPage(w.browser);
    try {
      await w.signIn(page, 'supervisor');
      await page.getByRole('link', { name: 'Imports & exports' }).click();
      await expect.poll(() => page.getByRole('heading', { name: 'Imports & exports' }).count()).toBe(1);

      const importForm = page.getByRole('form', { name: 'Import' });
      await importForm.getByLabel('What the file holds').selectOption('hotelRates');
      await importForm.getByLabel('CSV file').setInputFiles(bad);
      const problems = page.getByRole('table', { name: 'Problems by line' });
      await expect.poll(() => problems.locator('tbody tr').count()).toBe(2);
      expect(await problems.locator('tbody tr').allInnerTexts()).toEqual([
        '3\tprice_usd\t"three hundred" is not a price in dollars (such as 189.00)',
        '5\troom_type_id\tno room type 999999',
      ]);
      await expect.poll(() => page.getByLabel('Import report').textContent()).toContain('4 lines: 2 good, 2 with problems');
      expect(await importForm.getByRole('button', { name: 'Import' }).isDisabled()).toBe(true);
      await saveShot(page, 'import-01-report');
      expect(await prices()).toEqual(before);

      await importForm.getByLabel('CSV file').setInputFiles(good);
      await expect.poll(() => page.getByLabel('Import report').textContent()).toContain('Importing will create 0 rows and change 4');
      await importForm.getByRole('button', { name: 'Import' }).click();
      await expect.poll(() => page.getByLabel('Import report').textContent()).toContain('Imported: 0 rows created, 4 changed.');
      expect((await prices()).map((p) => Number(p.price_cents))).toEqual([30100, 30000, 30250, 30300]);

      const exportForm = page.getByRole('form', { name: 'Export' });
      await exportForm.getByLabel('Records').selectOption('customers');
      await exportForm.getByLabel('From', { exact: true }).fill('2000-01-01');
      await exportForm.getByLabel('To', { exact: true }).fill(utcDay(0));
      const download = page.waitForEvent('download');
      await exportForm.getByRole('button', { name: 'Download CSV' }).click();
      const saved = await (await download).path();
      const text = fs.readFileSync(saved, 'utf8').replace(/^\uFEFF/, '');
      expect(text.split('\r\n')[0]).toBe('customer_id,first_name,last_name,email,phone,state,created_at_utc,updated_at_utc');
      expect(text.split('\r\n').length).toBeGreaterThan(100);
      expect(page.jsErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
