// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnalyticsSummary } from '../../../shared/contract';
import { setTransport } from '../../../renderer/client/contractClient';
import { AnalyticsPage } from '../../../renderer/features/analytics/AnalyticsPage';
import { centsToDollars, csvField, summaryCsv } from '../../../renderer/features/analytics/analyticsCsv';
import { defaultRange, useAnalytics } from '../../../renderer/features/analytics/analyticsStore';
import { fakeTransport, notFound } from '../support/fakeTransport';

const byHotel: AnalyticsSummary = {
  from: '2030-01-01', to: '2030-01-30', groupBy: 'hotel',
  rows: [
    { key: '7', label: 'Harbor Inn, "Pier" wing', bookings: 3, revenueCents: 123_456, cancellations: 1, refundCents: 5 },
    { key: '9', label: '=HYPERLINK("x")', bookings: 1, revenueCents: 20_000, cancellations: 0, refundCents: 0 },
  ],
  totals: { bookings: 4, revenueCents: 143_456, cancellations: 1, refundCents: 5 },
  rolledUpAtUtc: '2030-01-30T10:00:00.000Z',
};

function fakeCore() {
  const { t, calls } = fakeTransport((channel, input) => {
    if (channel === 'analytics.summary') {
      const groupBy = (input as { groupBy: string }).groupBy;
      return { ok: true, value: groupBy === 'hotel' ? byHotel : { ...byHotel, groupBy, rows: [], totals: { bookings: 0, revenueCents: 0, cancellations: 0, refundCents: 0 } } };
    }
    return notFound(`${channel}?`);
  });
  return { t, calls };
}

const flush = async () => {
  for (let n = 0; n < 4; n++) await act(async () => { await new Promise((r) => setTimeout(r, 0)); });
};

beforeEach(() => {
  useAnalytics.setState({ ...defaultRange(), groupBy: 'day', summary: null, loading: false, error: null });
});
afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

describe('analytics CSV', () => {
  it('writes dollars with two decimals, quotes what needs quoting and defuses formulas', () => {
    expect(centsToDollars(123_456)).toBe('1234.56');
    expect(centsToDollars(5)).toBe('0.05');
    expect(centsToDollars(-250)).toBe('-2.50');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(summaryCsv(byHotel)).toBe([
      'Hotel,Key,Bookings,Revenue (USD),Cancellations,Refunds (USD)',
      '"Harbor Inn, ""Pier"" wing",7,3,1234.56,1,0.05',
      `"'=HYPERLINK(""x"")",9,1,200.00,0,0.00`,
      'Total,,4,1434.56,1,0.05',
      '',
    ].join('\r\n'));
  });
});

describe('analytics dashboard', () => {
  it('asks for the last 30 days by day, shows the rows with totals by hotel, and exports them', async () => {
    const core = fakeCore();
    setTransport(core.t);
    render(<AnalyticsPage />);
    await flush();
    const range = defaultRange();
    expect(core.calls[0]).toEqual({ channel: 'analytics.summary', input: { from: range.from, to: range.to, groupBy: 'day' } });
    expect(screen.getByText('No bookings or cancellations in this range.')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Group by'), { target: { value: 'hotel' } });
    await flush();
    const table = screen.getByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      'HotelBookingsRevenueCancellationsRefunds',
      'Harbor Inn, "Pier" wing3$1,234.561$0.05',
      '=HYPERLINK("x")1$200.000$0.00',
      'Total4$1,434.561$0.05',
    ]);
    expect(screen.getByRole('img', { name: /Chart of revenue, refunds and bookings by hotel/ })).toBeTruthy();

    let saved: Blob | null = null;
    const createObjectURL = vi.fn((b: Blob) => { saved = b; return 'blob:analytics'; });
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('tripdesk-analytics-hotel-2030-01-01-to-2030-01-30.csv');
    });
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(clicked).toHaveBeenCalledTimes(1);
    expect(saved).not.toBeNull();
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(saved!);
    });
    expect(text.replace(/^\uFEFF/, '')).toBe(summaryCsv(byHotel));
  });

  it('does not ask the core while the range is reversed', async () => {
    const core = fakeCore();
    setTransport(core.t);
    render(<AnalyticsPage />);
    await flush();
    const before = core.calls.length;
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2031-01-01' } });
    await flush();
    expect(core.calls.length).toBe(before);
  });
});
