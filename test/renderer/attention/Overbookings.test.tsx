// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { OverbookedItem, Role, Shortfall } from '../../../shared/contract';
import { setTransport } from '../../../renderer/client/contractClient';
import { useSession } from '../../../renderer/client/sessionStore';
import { Overbookings } from '../../../renderer/features/attention/Overbookings';
import { fakeTransport } from '../support/fakeTransport';

const item = (itemId: number, locator: string): OverbookedItem => ({
  itemId, bookingId: 100 + itemId, locator, customerName: 'Ada Lovelace', customerEmail: 'ada@example.com', kind: 'flight',
  label: 'Delta Air Lines DL 401 JFK→LAX', startUtc: '2030-07-01T14:00:00.000Z', endUtc: '2030-07-01T20:00:00.000Z', quantity: 1, totalCents: 25_000,
  travellers: ['Ada Lovelace'],
});
const flight = (items: OverbookedItem[]): Shortfall => ({
  key: 'flight:7', kind: 'flight', inventoryId: 7, reason: 'capacity', label: 'Delta Air Lines DL 401 JFK→LAX', startUtc: '2030-07-01T14:00:00.000Z',
  booked: 2, capacity: 0, over: 2, days: [], openedAtUtc: '2030-06-01T10:00:00.000Z', openedByName: 'Sam Supervisor', items,
});
const signIn = (role: Role) => useSession.setState({ status: 'signedIn', user: { id: 9, email: `${role}@tripdesk.test`, name: 'Sam Supervisor', role } });
const flush = async () => { for (let i = 0; i < 4; i++) await act(async () => { await new Promise((r) => setTimeout(r, 0)); }); };

afterEach(() => {
  cleanup();
  setTransport(null);
  useSession.setState({ status: 'restoring', user: null });
});

describe('Needs attention: overbooked', () => {
  it('cancels the ticked rows in one request and shows each row its own outcome', async () => {
    signIn('supervisor');
    let listed = [flight([item(1, 'AAA222'), item(2, 'BBB333')])];
    const core = fakeTransport((channel) => {
      if (channel === 'overbookings.list') return { ok: true, value: listed };
      if (channel === 'overbookings.resolve') {
        listed = [flight([item(2, 'BBB333')])];
        return {
          ok: true, value: {
            outcomes: [
              { itemId: 1, ok: true, action: 'cancel', booking: { id: 101 }, chargedCents: 0, refundedCents: 25_000, what: 'cancelled' },
              { itemId: 2, ok: false, action: 'cancel', error: { code: 'CONFLICT', message: 'Changed by someone else just now.' } },
            ],
          },
        };
      }
      return undefined;
    });
    setTransport(core.t);
    render(<Overbookings />);
    await flush();
    expect(screen.getByText('2 seats booked for 0: 2 over')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Select AAA222'));
    fireEvent.click(screen.getByLabelText('Select BBB333'));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel 2 selected with refund' }));
    await flush();
    const sent = core.calls.find((c) => c.channel === 'overbookings.resolve')?.input;
    expect(sent).toMatchObject({ items: [{ itemId: 1, action: 'cancel' }, { itemId: 2, action: 'cancel' }], reason: 'Overbooked' });
    const outcomes = within(screen.getByRole('list', { name: 'Overbooking outcomes' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(outcomes).toEqual(['AAA222: cancelled, $250.00 refunded in full', 'BBB333: not cancelled: Changed by someone else just now.']);
    // The cancelled booking left the list; the refused one stays, with its reason beside it.
    expect(screen.queryByLabelText('Select AAA222')).toBeNull();
    expect(within(screen.getByRole('row', { name: 'BBB333 on Delta Air Lines DL 401 JFK→LAX' })).getByRole('alert').textContent).toBe('Changed by someone else just now.');
  });

  it('is not shown to an agent', () => {
    signIn('agent');
    render(<Overbookings />);
    expect(screen.queryByRole('heading', { name: /Overbooked/ })).toBeNull();
  });
});
