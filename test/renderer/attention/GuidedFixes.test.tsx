// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setTransport } from '../../../renderer/client/contractClient';
import { AttentionPage } from '../../../renderer/features/attention/AttentionPage';
import { useAttention } from '../../../renderer/features/attention/attentionStore';
import { fakeTransport } from '../support/fakeTransport';

const STAY_OP = '0190f3a2-7c1e-7000-8000-00000000001a';
const CHANGE_OP = '0190f3a2-7c1e-7000-8000-00000000001b';
const LEAD = { givenNames: 'Mary', familyName: 'Somerville', dateOfBirth: '1975-12-26' };

const stayRefused = {
  opId: STAY_OP, seq: 1, kind: 'bookings.create', state: 'conflict', code: 'SOLD_OUT', reason: 'Harbor Inn has only 0 room(s) left on some night of that stay.',
  details: { roomTypeId: 11, checkIn: '2030-12-05', checkOut: '2030-12-08', requested: 1, roomsLeft: 0 },
  payload: { customerId: 5, items: [{ kind: 'hotel', roomTypeId: 11, checkIn: '2030-12-05', checkOut: '2030-12-08', rooms: 1, guests: 2, travellers: [LEAD] }], expectedTotalCents: 54_000, opId: STAY_OP },
  createdAtUtc: '2030-01-01T09:00:00.000Z', attempts: 1,
};
const RULE_OP = '0190f3a2-7c1e-7000-8000-00000000001c';
const ruleRefused = {
  opId: RULE_OP, seq: 3, kind: 'bookings.create', state: 'conflict', code: 'VALIDATION', reason: 'Closed to arrival on 2030-12-05 at Harbor Inn, Deluxe King.',
  details: { rule: 'closedToArrival', date: '2030-12-05', roomTypeId: 11, fields: [{ field: 'checkIn', message: 'Closed to arrival on 2030-12-05' }] },
  payload: { customerId: 5, items: [{ kind: 'hotel', roomTypeId: 11, checkIn: '2030-12-05', checkOut: '2030-12-07', rooms: 1, guests: 2, travellers: [LEAD] }], expectedTotalCents: 36_000, opId: RULE_OP },
  createdAtUtc: '2030-01-01T09:02:00.000Z', attempts: 1,
};
const changeRefused = {
  opId: CHANGE_OP, seq: 2, kind: 'bookings.change', state: 'conflict', code: 'SOLD_OUT', reason: 'Only 1 seat(s) left on UA 99.',
  details: { flightId: 9, seatsAvailable: 1, requested: 2 },
  payload: { bookingId: 57, itemId: 570, replacement: { kind: 'flight', flightId: 9 }, expectedDifferenceCents: 9_000, opId: CHANGE_OP },
  createdAtUtc: '2030-01-01T09:01:00.000Z', attempts: 1,
};
const flight = (id: number, flightNumber: string, priceCents: number, seatsAvailable: number) => ({
  id, flightNumber, airline: 'Air', from: 'JFK', to: 'LAX', departUtc: '2030-12-05T14:00:00.000Z', arriveUtc: '2030-12-05T20:00:00.000Z',
  departureLocal: '2030-12-05T09:00:00-05:00', arrivalLocal: '2030-12-05T12:00:00-08:00', departureTimeZone: 'America/New_York', arrivalTimeZone: 'America/Los_Angeles',
  priceCents, seatsAvailable, seatsTotal: 150,
});
const hotel = (roomTypeId: number, roomTypeName: string, totalCents: number) => ({
  hotelId: 1, hotelName: 'Harbor Inn', city: 'Los Angeles', stateCode: 'CA', starRating: 4, roomTypeId, roomTypeName, nights: [], totalCents, rating: null, imageUrl: null,
});

function fakeCore() {
  let items: unknown[] = [stayRefused, changeRefused, ruleRefused];
  return fakeTransport((channel, i) => {
    switch (channel) {
      case 'sync.inbox.list': return { ok: true, value: items };
      case 'sync.inbox.resolve': items = items.filter((x) => (x as { opId: string }).opId !== i.opId); return { ok: true, value: { ...stayRefused, state: 'pending' } };
      case 'holds.list': return { ok: true, value: [] };
      case 'bookings.search': return { ok: true, value: { items: [], nextCursor: null } };
      case 'customers.get': return { ok: true, value: { id: 5, email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', phone: null, stateCode: null, createdAtUtc: '2030-01-01T00:00:00.000Z', provisional: false } };
      case 'flights.get': return { ok: true, value: flight(9, 'UA 99', 27_000, 1) };
      case 'flights.search': return { ok: true, value: { items: [flight(9, 'UA 99', 27_000, 1), flight(8, 'B6 23', 19_900, 40)], nextCursor: null } };
      case 'hotels.search': return { ok: true, value: { items: [hotel(12, 'Garden Twin', 51_000), hotel(11, 'Deluxe King', 57_000)] } };
      case 'bookings.changePreview': return { ok: true, value: { bookingId: 57, itemId: 570, kind: 'flight', oldLabel: 'DL 401', newLabel: 'B6 23', oldTotalCents: 50_000, newTotalCents: 39_800, feeCents: 5_000, differenceCents: -5_200, chargeCents: 0, refundCents: 5_200, rule: 'full refund' } };
      default: return undefined;
    }
  });
}

const flush = async () => {
  for (let n = 0; n < 5; n++) await act(async () => { await new Promise((r) => setTimeout(r, 0)); });
};
const row = (seq: number) => screen.getByText(new RegExp(`change #${seq}$`)).closest('li')!;

afterEach(() => {
  cleanup();
  setTransport(null);
  useAttention.setState({ inbox: null, holds: null, holdsById: {}, flights: {}, customers: {} });
});

describe('guided fixes for stays, cars and changes (no raw JSON)', () => {
  it('a sold-out stay: pick other dates or another room, sent again with the same lead guest and guests', async () => {
    const { t, calls } = fakeCore();
    setTransport(t);
    render(<AttentionPage />);
    await flush();
    const stay = row(1);
    fireEvent.click(within(stay).getByRole('button', { name: /^Pick other dates or another room/ }));
    fireEvent.change(within(stay).getByLabelText('Check-in'), { target: { value: '2030-12-06' } });
    fireEvent.change(within(stay).getByLabelText('Check-out'), { target: { value: '2030-12-09' } });
    fireEvent.click(within(stay).getByRole('button', { name: 'Search stays' }));
    await flush();
    expect(calls.find((c) => c.channel === 'hotels.search')?.input).toMatchObject({ checkIn: '2030-12-06', checkOut: '2030-12-09', rooms: 1 });
    // The same room comes first, marked.
    const choices = within(stay).getAllByRole('button', { name: /^Choose / }).map((b) => b.getAttribute('aria-label'));
    expect(choices[0]).toContain('Deluxe King (Los Angeles) — the same room');
    fireEvent.click(within(stay).getByRole('button', { name: /^Choose Harbor Inn, Garden Twin/ }));
    await flush();
    const resolve = calls.find((c) => c.channel === 'sync.inbox.resolve');
    expect(resolve?.input).toMatchObject({
      opId: STAY_OP, action: 'edit',
      input: { items: [{ kind: 'hotel', roomTypeId: 12, checkIn: '2030-12-06', checkOut: '2030-12-09', rooms: 1, guests: 2, travellers: [LEAD] }] },
    });
  });

  it("a stay a rate rule refused at replay says it is the hotel's rule and offers other dates, sent again with the same guest", async () => {
    const { t, calls } = fakeCore();
    setTransport(t);
    render(<AttentionPage />);
    await flush();
    const stay = row(3);
    expect(stay.textContent).toContain("The hotel's rule: Closed to arrival on 2030-12-05 at Harbor Inn, Deluxe King.");
    fireEvent.click(within(stay).getByRole('button', { name: /^Pick other dates or another room/ }));
    fireEvent.change(within(stay).getByLabelText('Check-in'), { target: { value: '2030-12-06' } });
    fireEvent.change(within(stay).getByLabelText('Check-out'), { target: { value: '2030-12-08' } });
    fireEvent.click(within(stay).getByRole('button', { name: 'Search stays' }));
    await flush();
    fireEvent.click(within(stay).getByRole('button', { name: /^Choose Harbor Inn, Deluxe King/ }));
    await flush();
    expect(calls.find((c) => c.channel === 'sync.inbox.resolve')?.input).toMatchObject({
      opId: RULE_OP, action: 'edit', input: { items: [{ kind: 'hotel', roomTypeId: 11, checkIn: '2030-12-06', checkOut: '2030-12-08', rooms: 1, guests: 2, travellers: [LEAD] }] },
    });
  });

  it('a change whose new flight sold out: pick another flight, sent again at the difference its preview gives', async () => {
    const { t, calls } = fakeCore();
    setTransport(t);
    render(<AttentionPage />);
    await flush();
    const change = row(2);
    expect(within(change).getByTestId('inbox-title').textContent).toContain('Change of booking #57');
    fireEvent.click(within(change).getByRole('button', { name: /^Pick another flight/ }));
    fireEvent.click(within(change).getByRole('button', { name: 'Search flights' }));
    await flush();
    // Only flights with both seats free: UA 99 (1 left) is not offered.
    expect(within(change).queryByRole('button', { name: /Choose Air UA 99/ })).toBeNull();
    fireEvent.click(within(change).getByRole('button', { name: /^Choose Air B6 23/ }));
    await flush();
    expect(calls.find((c) => c.channel === 'bookings.changePreview')?.input).toMatchObject({ bookingId: 57, itemId: 570, replacement: { kind: 'flight', flightId: 8 } });
    expect(calls.find((c) => c.channel === 'sync.inbox.resolve')?.input).toMatchObject({
      opId: CHANGE_OP, action: 'edit', input: { replacement: { kind: 'flight', flightId: 8 }, expectedDifferenceCents: -5_200 },
    });
  });
});
