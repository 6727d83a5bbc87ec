// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/contract';
import { useRoute } from '../../../renderer/client/router';
import { setTransport, type Transport } from '../../../renderer/client/contractClient';
import { BookingRecord } from '../../../renderer/features/bookings/BookingRecord';
import { useBookingRecord } from '../../../renderer/features/bookings/bookingsStore';

const booking = (id: number, provisional: boolean) => ({
  id, customerId: 5, customerName: 'Ada Lovelace', bookingType: 'flight', status: 'confirmed', totalCents: 25_000, refundedCents: 0,
  createdAtUtc: '2030-01-01T09:00:00.000Z', createdBy: 1,
  locator: 'K7QM2T', createdByName: 'Grace Agent', bookedOn: 'Airport kiosk', madeOffline: true, remarks: [] as unknown[],
  items: [{ id: id * 10, kind: 'flight', refId: 7, label: 'Delta DL 401 JFK→LAX', startUtc: '2030-12-05T14:00:00.000Z', endUtc: '2030-12-05T20:00:00.000Z',
    startTimeZone: 'America/New_York', endTimeZone: 'America/Los_Angeles', quantity: 1, totalCents: 25_000, status: 'active', refundCents: 0,
    travellers: [{ id: id * 1000, role: 'passenger', givenNames: 'Ada', familyName: 'Lovelace', dateOfBirth: '1985-12-10', gender: 'female', knownTravellerNumber: null,
      passport: { number: 'X12345678', country: 'GBR', expiry: '2034-05-01' }, guestCount: null, savedTravellerId: null }] }],
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
      if (channel === 'bookings.history') return { ok: true, value: [] };
      if (channel === 'messages.list') return { ok: true, value: [] };
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
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Booking K7QM2T');
    expect(screen.getByTestId('booked-by').textContent).toBe('Grace Agent on Airport kiosk (made offline, not yet synced)');
    expect(screen.getByText('pending — charged when synced')).toBeTruthy();
    expect(screen.queryByText('captured')).toBeNull();
    // The flight at each airport's clock, as on the boarding pass.
    expect(screen.getByText('Thu, Dec 5, 2030 09:00 EST')).toBeTruthy();
    expect(screen.getByText('Thu, Dec 5, 2030 12:00 PST')).toBeTruthy();
    // The record is where the passport shows in full.
    const travellers = screen.getByRole('table', { name: 'Travellers on Delta DL 401 JFK→LAX' });
    expect(travellers.textContent).toContain('Ada Lovelace');
    expect(travellers.textContent).toContain('X12345678 · GBR · expires 2034-05-01');

    core.sync();
    await core.push('sync.status', { mode: 'online', pending: 0, conflicts: 0, lastSyncUtc: '2030-01-01T10:00:00.000Z', progress: null, offlineCopy: { state: 'complete', percent: 100 } });
    await flush();
    expect(useRoute.getState().path).toBe('/bookings/57');
    expect(location.hash).toBe('#/bookings/57');
    rerender(<BookingRecord bookingId={57} key="57" />);
    await flush();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Booking K7QM2T');
    expect(screen.getByTestId('booked-by').textContent).toBe('Grace Agent on Airport kiosk (made offline, synced)');
    expect(screen.getByText('captured')).toBeTruthy();
    expect(screen.queryByText(/Not found/)).toBeNull();
  });

  it('shows remarks in order, adds one (shareable), and lists the history with names and money for an agent', async () => {
    const remarks: unknown[] = [
      { id: 1, bookingId: 57, text: 'Aisle seat please', shareable: false, authorId: 1, authorName: 'Grace Agent', atUtc: '2030-01-01T09:05:00.000Z', provisional: false },
    ];
    const history = () => [
      { atUtc: '2030-01-01T09:00:00.000Z', operatorId: 1, operatorName: 'Grace Agent', kind: 'booked', what: 'Booked 1 item for $250.00 (on Airport kiosk)' },
      ...remarks.map((r) => ({ atUtc: (r as { atUtc: string }).atUtc, operatorId: 1, operatorName: 'Grace Agent', kind: 'remark', what: `Remark: ${(r as { text: string }).text}` })),
    ];
    const sent: Array<Record<string, unknown>> = [];
    setTransport({
      kind: 'electron',
      async invoke(channel, input): Promise<Envelope<unknown>> {
        if (channel === 'bookings.get') return { ok: true, value: { ...booking(57, false), remarks: [...remarks] } };
        if (channel === 'bookings.history') return { ok: true, value: history() };
        if (channel === 'bookings.addRemark') {
          const i = input as { bookingId: number; text: string; shareable: boolean };
          sent.push(i);
          const remark = { id: 2, bookingId: i.bookingId, text: i.text, shareable: i.shareable, authorId: 1, authorName: 'Grace Agent', atUtc: '2030-01-01T09:10:00.000Z', provisional: false };
          remarks.push(remark);
          return { ok: true, value: remark };
        }
        if (channel === 'audit.list') return { ok: false, error: { code: 'FORBIDDEN', message: 'audit.list needs the supervisor role' } };
        return { ok: false, error: { code: 'NOT_FOUND', message: `${channel}?` } };
      },
      subscribe: () => () => undefined,
    });
    useRoute.getState().navigate('/bookings/57');
    render(<BookingRecord bookingId={57} />);
    await flush();
    const list = screen.getByRole('list', { name: 'Remarks on this booking' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([expect.stringMatching(/^Aisle seat pleaseGrace Agent · /)]);

    fireEvent.change(screen.getByLabelText('Add a remark'), { target: { value: '  Passport needed for the return  ' } });
    fireEvent.click(screen.getByLabelText(/Shareable/));
    fireEvent.click(screen.getByRole('button', { name: 'Add remark' }));
    await flush();
    expect(sent).toEqual([expect.objectContaining({ bookingId: 57, text: 'Passport needed for the return', shareable: true })]);
    const items = within(screen.getByRole('list', { name: 'Remarks on this booking' })).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.remark-text')?.textContent)).toEqual(['Aisle seat please', 'Passport needed for the return']);
    expect(within(items[1]!).getByText('for the itinerary')).toBeTruthy();
    // Only the shareable remark prints with the itinerary.
    expect(items.map((li) => li.classList.contains('no-print'))).toEqual([true, false]);

    const lines = within(screen.getByRole('list', { name: 'What happened to this booking' })).getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('Booked 1 item for $250.00 (on Airport kiosk) (Grace Agent)');
    expect(lines[2]).toContain('Remark: Passport needed for the return (Grace Agent)');
    expect(lines.join('\n')).not.toMatch(/operator \d|cents/);
  });
});
