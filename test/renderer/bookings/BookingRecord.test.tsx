// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/contract';
import { useRoute } from '../../../renderer/client/router';
import { setTransport, type Transport } from '../../../renderer/client/contractClient';
import { BookingRecord } from '../../../renderer/features/bookings/BookingRecord';
import { useBookingRecord } from '../../../renderer/features/bookings/bookingsStore';

const booking = (id: number, provisional: boolean) => ({
  id, customerId: 5, customerName: 'Ada Lovelace', bookingType: 'flight', status: 'confirmed', totalCents: 25_000, refundedCents: 0,
  createdAtUtc: '2030-01-01T09:00:00.000Z', createdBy: 1,
  items: [{ id: id * 10, kind: 'flight', refId: 7, label: 'Delta DL 401 JFK→LAX', startUtc: '2030-12-05T14:00:00.000Z', endUtc: '2030-12-05T20:00:00.000Z', quantity: 1, totalCents: 25_000, status: 'active', refundCents: 0 }],
  billing: [{ id: id * 100, status: provisional ? 'captured' : 'captured', amountCents: 25_000, atUtc: '2030-01-01T09:00:00.000Z', paymentMethodId: null, gatewayRef: null, note: null }],
  provisional,
});

function fakeCore() {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let synced = false;
  const t: Transport = {
    kind: 'electron',
    async invoke(channel): Promise<Envelope<unknown>> {
      // Before the sync, -1 is the provisional booking; after, the core answers -1 with the server's #57.
      if (channel === 'bookings.get') return { ok: true, value: synced ? booking(57, false) : booking(-1, true) };
      return { ok: false, error: { code: 'NOT_FOUND', message: `${channel}?` } };
    },
    subscribe(event, cb) {
      const set = listeners.get(event) ?? new Set();
      set.add(cb as (p: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(cb as (p: unknown) => void);
    },
  };
  return { t, sync: () => { synced = true; }, push: (event: string, payload: unknown) => act(() => listeners.get(event)?.forEach((cb) => cb(payload))) };
}

const flush = async () => {
  for (let n = 0; n < 4; n++) await act(async () => { await new Promise((r) => setTimeout(r, 0)); });
};

afterEach(() => {
  cleanup();
  setTransport(null);
  useBookingRecord.setState({ booking: null, loadedFor: null });
});

describe('booking record', () => {
  it('says an offline booking is not charged yet, and follows it to the server id when a sync finishes', async () => {
    const core = fakeCore();
    setTransport(core.t);
    useRoute.getState().navigate('/bookings/-1');
    const { rerender } = render(<BookingRecord bookingId={-1} />);
    await flush();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Booking #-1');
    expect(screen.getByText('pending — charged when synced')).toBeTruthy();
    expect(screen.queryByText('captured')).toBeNull();

    core.sync();
    await core.push('sync.status', { mode: 'online', pending: 0, conflicts: 0, lastSyncUtc: '2030-01-01T10:00:00.000Z', progress: null });
    await flush();
    expect(useRoute.getState().path).toBe('/bookings/57');
    expect(location.hash).toBe('#/bookings/57');
    rerender(<BookingRecord bookingId={57} key="57" />);
    await flush();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Booking #57');
    expect(screen.getByText('captured')).toBeTruthy();
    expect(screen.queryByText(/Not found/)).toBeNull();
  });
});
