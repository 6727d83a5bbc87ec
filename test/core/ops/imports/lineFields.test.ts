import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../../../../main/core/ops/imports/lineFields';

/** The calendar as Date keeps it: a day is real when it survives a round trip through an ISO string. */
const byDate = (text: string) => {
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
};

describe('isCalendarDate', () => {
  it('agrees with Date on every day label of 1899-2101, real or not (months 00-13, days 00-32)', () => {
    const disagree: string[] = [];
    for (let y = 1899; y <= 2101; y++) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          if (isCalendarDate(text) !== byDate(text)) disagree.push(text);
        }
      }
    }
    expect(disagree).toEqual([]);
  });

  it('takes leap days only in leap years, the centuries included', () => {
    expect(['2024-02-29', '2000-02-29', '2400-02-29'].map(isCalendarDate)).toEqual([true, true, true]);
    expect(['2026-02-29', '1900-02-29', '2100-02-29', '2026-02-30'].map(isCalendarDate)).toEqual([false, false, false, false]);
  });

  it('refuses anything but YYYY-MM-DD', () => {
    expect(['2026-7-01', '2026/07/01', ' 2026-07-01', '2026-07-01T00:00', '', '20260701'].map(isCalendarDate)).toEqual([false, false, false, false, false, false]);
  });
});
