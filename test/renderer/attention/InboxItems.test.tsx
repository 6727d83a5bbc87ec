// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setTransport } from '../../../renderer/client/contractClient';
import { AttentionPage } from '../../../renderer/features/attention/AttentionPage';
import { useAttention } from '../../../renderer/features/attention/attentionStore';
import { paymentSummary, redactPayload } from '../../../renderer/features/attention/inboxText';
import { fakeTransport } from '../support/fakeTransport';

const HOLD_OP = '0190f3a2-7c1e-7000-8000-00000000000a';
const BOOK_OP = '0190f3a2-7c1e-7000-8000-00000000000b';
const CARD = { number: '4242424242424242', expMonth: 12, expYear: 2034, cvc: '987' };
const TOKEN = { token: 'tok_secret_abcdef', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034 };

const flight = (id: number, flightNumber: string, airline: string, priceCents: number, seatsAvailable: number) => ({
  id, flightNumber, airline, from: 'JFK', to: 'LAX', departUtc: '2030-12-05T14:00:00.000Z', arriveUtc: '2030-12-05T20:00:00.000Z',
  departureLocal: '2030-12-05T09:00:00-05:00', arrivalLocal: '2030-12-05T12:00:00-08:00', departureTimeZone: 'America/New_York', arrivalTimeZone: 'America/Los_Angeles',
  priceCents, seatsAvailable, seatsTotal: 150,
});
const FLIGHTS = { 7: flight(7, 'DL 401', 'Delta', 25_000, 0), 8: flight(8, 'B6 23', 'JetBlue', 19_900, 40) } as Record<number, unknown>;

const holdItem = {
  opId: HOLD_OP, seq: 1, kind: 'holds.create', state: 'conflict', code: 'SOLD_OUT', reason: 'Only 0 seat(s) left on DL 401.',
  details: { flightId: 7, seatsAvailable: 0, requested: 2 }, payload: { flightId: 7, seats: 2, opId: HOLD_OP },
  createdAtUtc: '2030-01-01T09:00:00.000Z', attempts: 1,
};
const TRAVELLERS = [{ givenNames: 'Ada', familyName: 'Lovelace', dateOfBirth: '1985-12-10' }, { givenNames: 'Alan', familyName: 'Turing', dateOfBirth: '1982-06-23' }];
const bookingItem = (payment: unknown, code = 'NOT_FOUND', details: unknown = {}) => ({
  opId: BOOK_OP, seq: 2, kind: 'bookings.create', state: 'conflict', code, reason: `No hold ${HOLD_OP}.`, details,
  payload: { customerId: 5, items: [{ kind: 'flight', holdId: HOLD_OP, travellers: TRAVELLERS }], payment, expectedTotalCents: 50_000, opId: BOOK_OP },
  createdAtUtc: '2030-01-01T09:01:00.000Z', attempts: 1,
});

function fakeCore(inbox: unknown[], holds: unknown[] = []) {
  let items = inbox;
  let holdRows = holds;
  const { t, calls, emit } = fakeTransport((channel, i) => {
    switch (channel) {
      case 'sync.inbox.list': return { ok: true, value: items };
      case 'sync.inbox.resolve': items = items.filter((x) => (x as { opId: string }).opId !== i.opId); return { ok: true, value: { ...holdItem, state: 'pending' } };
      case 'holds.list': return { ok: true, value: holdRows };
      case 'bookings.search': return { ok: true, value: { items: [], nextCursor: null } };
      case 'flights.get': return FLIGHTS[i.flightId as number] ? { ok: true, value: FLIGHTS[i.flightId as number] } : { ok: false, error: { code: 'NOT_FOUND', message: 'no flight' } };
      case 'flights.search': return { ok: true, value: { items: [FLIGHTS[8]], nextCursor: null } };
      case 'customers.get': return { ok: true, value: { id: i.customerId, email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', phone: null, stateCode: null, createdAtUtc: '2030-01-01T00:00:00.000Z', provisional: false } };
      default: return undefined;
    }
  });
  return {
    t, calls,
    setHolds: (h: unknown[]) => { holdRows = h; },
    push: (event: string, payload: unknown) => act(() => emit(event, payload)),
  };
}

const flush = async () => {
  for (let n = 0; n < 4; n++) await act(async () => { await new Promise((r) => setTimeout(r, 0)); });
};

afterEach(() => {
  cleanup();
  setTransport(null);
  useAttention.setState({ inbox: null, holds: null, holdsById: {}, flights: {}, customers: {} });
});

const row = (seq: number) => screen.getByText(new RegExp(`change #${seq}$`)).closest('li')!;

describe('inbox items in words', () => {
  it('never shows a card number, CVC or token: a card reads "Visa •••• 4242"', async () => {
    expect(paymentSummary({ kind: 'card', card: CARD })).toBe('Visa •••• 4242');
    expect(paymentSummary({ kind: 'token', token: TOKEN })).toBe('Visa •••• 4242');
    expect(paymentSummary({ kind: 'saved', paymentMethodId: 3 })).toBe('Saved card #3');
    expect(JSON.stringify(redactPayload({ payment: { kind: 'card', card: CARD }, items: [{ card: CARD }] }))).not.toMatch(/4242424242424242|987/);

    for (const payment of [{ kind: 'card', card: CARD, save: false }, { kind: 'token', token: TOKEN }]) {
      const core = fakeCore([holdItem, bookingItem(payment)]);
      setTransport(core.t);
      const { container, unmount } = render(<AttentionPage />);
      await flush();
      const item = row(2);
      expect(within(item).getByText('Payment: Visa •••• 4242')).toBeTruthy();
      fireEvent.click(within(item).getByRole('button', { name: /^Edit and retry \(advanced\)/ }));
      const html = container.innerHTML + (within(item).getByLabelText('Input to retry with (JSON)') as HTMLTextAreaElement).value;
      expect(html).not.toMatch(/4242424242424242|987|tok_secret/);
      expect(html).not.toMatch(/"cvc"|"number"/);
      unmount();
      setTransport(null);
    }
  });

  it('titles a hold and a booking in words and says the booking waits on the hold above', async () => {
    setTransport(fakeCore([holdItem, bookingItem({ kind: 'card', card: CARD })]).t);
    render(<AttentionPage />);
    await flush();
    expect(within(row(1)).getByTestId('inbox-title').textContent).toBe('Hold: 2 seats on DL 401 JFK→LAX, Dec 5');
    expect(within(row(2)).getByTestId('inbox-title').textContent).toBe('Booking for Ada Lovelace: 2 seats on DL 401 JFK→LAX, Dec 5');
    expect(within(row(2)).getByText('Depends on the change above — retry once that one is sent.')).toBeTruthy();
    expect(within(row(1)).queryByText(/^Depends on the change above/)).toBeNull();
  });

  it('writes a changed price in dollars, not the core\'s cents', async () => {
    const item = { ...bookingItem({ kind: 'card', card: CARD }, 'PRICE_CHANGED', { expectedTotalCents: 25_000, newTotalCents: 19_900 }), reason: 'The total is now 19900 cents, not 25000.' };
    setTransport(fakeCore([item]).t);
    render(<AttentionPage />);
    await flush();
    const li = row(2);
    expect(within(li).getByText('Quoted $250.00, now $199.00.')).toBeTruthy();
    expect(li.textContent).not.toMatch(/19900|25000/);
  });

  it('picks another flight for a sold-out hold: edit with the new flightId and the same seats', async () => {
    const core = fakeCore([holdItem]);
    setTransport(core.t);
    render(<AttentionPage />);
    await flush();
    fireEvent.click(within(row(1)).getByRole('button', { name: /^Pick another flight/ }));
    await flush();
    const others = screen.getByRole('region', { name: 'Other flights JFK→LAX' });
    const search = core.calls.find((c) => c.channel === 'flights.search')!;
    expect(search.input).toMatchObject({ from: 'JFK', to: 'LAX', passengers: 2 });
    expect(search.input.date).toBeUndefined();
    fireEvent.click(within(others).getByRole('button', { name: /^Choose JetBlue B6 23 JFK→LAX/ }));
    await flush();
    expect(core.calls.find((c) => c.channel === 'sync.inbox.resolve')!.input).toMatchObject({ opId: HOLD_OP, action: 'edit', input: { flightId: 8, seats: 2 } });
  });

  it('picks another flight for a sold-out booking: its hold item becomes the new flight, with the same passengers', async () => {
    const sold = { ...bookingItem({ kind: 'card', card: CARD }, 'SOLD_OUT', { flightId: 7 }), reason: 'Only 0 seat(s) left on DL 401.' };
    const core = fakeCore([sold], [{ holdId: HOLD_OP, flightId: 7, seats: 2, priceCents: 50_000, expiresAtUtc: '2030-01-01T10:00:00.000Z', status: 'expired', customerId: 5, provisional: true }]);
    setTransport(core.t);
    render(<AttentionPage />);
    await flush();
    fireEvent.click(within(row(2)).getByRole('button', { name: /^Pick another flight/ }));
    await flush();
    fireEvent.click(screen.getByRole('button', { name: /^Choose JetBlue B6 23/ }));
    await flush();
    const resolve = core.calls.find((c) => c.channel === 'sync.inbox.resolve')!;
    expect(resolve.input).toEqual({ opId: BOOK_OP, action: 'edit', input: { items: [{ kind: 'flight', flightId: 8, seats: 2, travellers: TRAVELLERS }] } });
  });

  it('names the flight and customer of a hold, and refreshes the holds when a sync finishes', async () => {
    const core = fakeCore([]);
    setTransport(core.t);
    render(<AttentionPage />);
    await flush();
    const holds = screen.getByRole('region', { name: 'Holds expiring soon' });
    expect(within(holds).getByText('No active seat holds.')).toBeTruthy();
    core.setHolds([{ holdId: 'h1', flightId: 8, seats: 1, priceCents: 19_900, expiresAtUtc: new Date(Date.now() + 5 * 60_000).toISOString(), status: 'active', customerId: 5, provisional: false }]);
    await core.push('sync.status', { mode: 'online', pending: 0, conflicts: 0, lastSyncUtc: '2030-01-01T10:00:00.000Z', progress: null, offlineCopy: { state: 'complete', percent: 100 } });
    await flush();
    expect(within(holds).getByRole('cell', { name: /^B6 23 JFK→LAX, Dec 5/ })).toBeTruthy();
    expect(within(holds).getByRole('link', { name: 'Ada Lovelace' })).toBeTruthy();
  });
});
