// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/contract';
import { useRoute } from '../../../renderer/client/router';
import { setTransport } from '../../../renderer/client/contractClient';
import { BookingRecord } from '../../../renderer/features/bookings/BookingRecord';
import { useBookingRecord } from '../../../renderer/features/bookings/bookingsStore';

const passenger = { id: 1000, role: 'passenger', givenNames: 'Ada', familyName: 'Lovelace', dateOfBirth: '1985-12-10', gender: null, knownTravellerNumber: null, passport: null, guestCount: null, savedTravellerId: null };
const item = (id: number, refId: number, label: string, status: 'active' | 'cancelled', totalCents: number, exchangedForItemId: number | null = null) => ({
  id, kind: 'flight', refId, label, startUtc: '2030-12-05T14:00:00.000Z', endUtc: '2030-12-05T20:00:00.000Z', startTimeZone: 'America/New_York', endTimeZone: 'America/Los_Angeles',
  quantity: 1, totalCents, status, refundCents: status === 'cancelled' ? 100 : 0, travellers: [passenger], exchangedForItemId,
});
const movement = (id: number, kind: 'charge' | 'refund', amountCents: number, reason: string) => ({
  id, kind, amountCents, atUtc: '2030-01-01T09:00:00.000Z', operatorId: 1, operatorName: 'Grace Agent', reason, paymentMethodId: null, paymentLabel: 'Visa ending 4242', gatewayRef: 'ch_1', itemId: null, provisional: false,
});
const before = {
  id: 57, customerId: 5, customerName: 'Ada Lovelace', bookingType: 'flight', status: 'confirmed', totalCents: 25_000, refundedCents: 0,
  createdAtUtc: '2030-01-01T09:00:00.000Z', createdBy: 1, locator: 'K7QM2T', createdByName: 'Grace Agent', bookedOn: null, madeOffline: false, remarks: [],
  items: [item(570, 7, 'Delta DL 401 JFK→LAX', 'active', 25_000)],
  billing: [{ id: 1, status: 'captured', amountCents: 25_000, atUtc: '2030-01-01T09:00:00.000Z', paymentMethodId: null, gatewayRef: 'ch_1', note: null }],
  movements: [movement(1, 'charge', 25_000, 'booking')], provisional: false,
};
const after = {
  ...before, refundedCents: 100,
  items: [item(570, 7, 'Delta DL 401 JFK→LAX', 'cancelled', 25_000, 571), item(571, 8, 'JetBlue B6 23 JFK→LAX', 'active', 19_900)],
  movements: [movement(1, 'charge', 25_000, 'booking'), movement(2, 'refund', 100, 'change: Delta DL 401 JFK→LAX → JetBlue B6 23 JFK→LAX')],
};
const offer = {
  id: 8, flightNumber: 'B6 23', airline: 'JetBlue', from: 'JFK', to: 'LAX', departUtc: '2030-12-05T14:00:00.000Z', arriveUtc: '2030-12-05T20:00:00.000Z',
  departureLocal: '2030-12-05T09:00:00-05:00', arrivalLocal: '2030-12-05T12:00:00-08:00', departureTimeZone: 'America/New_York', arrivalTimeZone: 'America/Los_Angeles',
  priceCents: 19_900, seatsAvailable: 40, seatsTotal: 150,
};
const preview = {
  bookingId: 57, itemId: 570, kind: 'flight', oldLabel: 'Delta DL 401 JFK→LAX', newLabel: 'JetBlue B6 23 JFK→LAX', oldTotalCents: 25_000, newTotalCents: 19_900,
  feeCents: 5_000, differenceCents: -100, chargeCents: 0, refundCents: 100, rule: 'the lower price is refunded, more than 24 h before start: full refund',
};

const flush = async () => {
  for (let n = 0; n < 5; n++) await act(async () => { await new Promise((r) => setTimeout(r, 0)); });
};

afterEach(() => {
  cleanup();
  setTransport(null);
  useBookingRecord.setState({ booking: null, loadedFor: null });
});

describe('changing an item from the booking record', () => {
  it('previews the difference, changes at that difference, and the money movements show the refund', async () => {
    const calls: Array<{ channel: string; input: Record<string, unknown> }> = [];
    let changed = false;
    setTransport({
      kind: 'electron',
      async invoke(channel, input): Promise<Envelope<unknown>> {
        calls.push({ channel, input: input as Record<string, unknown> });
        switch (channel) {
          case 'bookings.get': return { ok: true, value: changed ? after : before };
          case 'bookings.history': return { ok: true, value: [] };
          case 'flights.get': return { ok: true, value: { ...offer, id: 7, flightNumber: 'DL 401', airline: 'Delta' } };
          case 'flights.search': return { ok: true, value: { items: [offer], nextCursor: null } };
          case 'bookings.changePreview': return { ok: true, value: preview };
          case 'bookings.change': changed = true; return { ok: true, value: after };
          default: return { ok: false, error: { code: 'NOT_FOUND', message: `${channel}?` } };
        }
      },
      subscribe: () => () => undefined,
    });
    useRoute.getState().navigate('/bookings/57');
    render(<BookingRecord bookingId={57} />);
    await flush();
    const money = screen.getByRole('table', { name: 'Money movements' });
    expect(within(money).getAllByRole('row').map((r) => r.textContent)).toEqual([
      expect.stringContaining('When'), expect.stringMatching(/Charge\$250\.00bookingVisa ending 4242Grace Agent/), expect.stringContaining('$250.00 charged, $0.00 refunded'),
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Change… Delta DL 401 JFK→LAX' }));
    fireEvent.click(screen.getByRole('button', { name: 'Search flights' }));
    await flush();
    // The other flights on the same route, for the same one seat.
    expect(calls.find((c) => c.channel === 'flights.search')?.input).toMatchObject({ from: 'JFK', to: 'LAX', passengers: 1 });
    fireEvent.click(screen.getByRole('button', { name: /^Preview JetBlue B6 23 JFK→LAX/ }));
    await flush();
    expect(screen.getByTestId('change-preview').textContent).toContain('$1.00 is refunded to the customer');
    expect(screen.getByTestId('change-preview').textContent).toContain('Change fee$50.00');
    fireEvent.click(screen.getByRole('button', { name: 'Make the change' }));
    await flush();
    const sent = calls.find((c) => c.channel === 'bookings.change')?.input;
    expect(sent).toMatchObject({ bookingId: 57, itemId: 570, replacement: { kind: 'flight', flightId: 8 }, expectedDifferenceCents: -100 });
    expect(sent?.payment).toBeUndefined();
    expect(screen.getByText(/Changed to JetBlue B6 23 JFK→LAX\. \$1\.00 is refunded/)).toBeTruthy();
    expect(screen.getByText(/changed for JetBlue B6 23 JFK→LAX/)).toBeTruthy();
    const rows = within(screen.getByRole('table', { name: 'Money movements' })).getAllByRole('row');
    expect(rows[2]?.textContent).toMatch(/Refund−\$1\.00change: Delta DL 401/);
    expect(screen.getByTestId('movements-net').textContent).toBe('$249.00');
  });
});
