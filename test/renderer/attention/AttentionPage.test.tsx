// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setTransport } from '../../../renderer/client/contractClient';
import { AttentionPage } from '../../../renderer/features/attention/AttentionPage';
import { fakeTransport, notFound } from '../support/fakeTransport';

const conflict = {
  opId: '0190f3a2-7c1e-7000-8000-000000000001', seq: 12, kind: 'bookings.create', state: 'conflict', code: 'PRICE_CHANGED',
  reason: 'The total is now 52000 cents, not 48000.', details: { expectedTotalCents: 48_000, newTotalCents: 52_000 },
  payload: { customerId: -3, expectedTotalCents: 48_000 }, createdAtUtc: '2030-01-01T09:00:00.000Z', attempts: 1,
};

function fakeCore() {
  let inbox: unknown[] = [conflict];
  const { t, calls } = fakeTransport((channel) => {
    switch (channel) {
      case 'sync.inbox.list': return { ok: true, value: inbox };
      case 'sync.inbox.resolve': inbox = []; return { ok: true, value: { ...conflict, state: 'applied' } };
      case 'holds.list': return { ok: true, value: [{ holdId: 'h1', flightId: 42, seats: 2, priceCents: 100, expiresAtUtc: new Date(Date.now() + 5 * 60_000).toISOString(), status: 'active', customerId: null, provisional: true }] };
      case 'bookings.search': return { ok: true, value: { items: [], nextCursor: null } };
      default: return notFound(`${channel} is not available yet.`);
    }
  });
  return { t, calls };
}

const flush = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });

afterEach(() => {
  cleanup();
  setTransport(null);
});

describe('needs attention', () => {
  it('shows a sync conflict with both prices and resolves it by accepting the new price', async () => {
    const core = fakeCore();
    setTransport(core.t);
    render(<AttentionPage />);
    await flush();
    const item = screen.getByTestId('inbox-title').closest('li')!;
    expect(within(item).getByTestId('inbox-title').textContent).toBe('Booking for customer #-3: no items');
    expect(within(item).getByText('provisional')).toBeTruthy();
    expect(within(item).getByText('Quoted $480.00, now $520.00.')).toBeTruthy();
    fireEvent.click(within(item).getByRole('button', { name: /^Accept new price \(\$520\.00\)/ }));
    await flush();
    const resolve = core.calls.find((c) => c.channel === 'sync.inbox.resolve')!;
    expect(resolve.input).toMatchObject({ opId: conflict.opId, action: 'accept_new_price' });
    expect(screen.queryByTestId('inbox-title')).toBeNull();
  });

  it('discarding asks for a reason and sends it', async () => {
    const core = fakeCore();
    setTransport(core.t);
    render(<AttentionPage />);
    await flush();
    fireEvent.click(screen.getByRole('button', { name: /^Discard Booking for/ }));
    const submit = screen.getByRole('button', { name: 'Discard this change' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText(/^Why discard it/), { target: { value: 'Customer booked by phone instead' } });
    fireEvent.click(submit);
    await flush();
    expect(core.calls.find((c) => c.channel === 'sync.inbox.resolve')!.input).toMatchObject({ action: 'discard', reason: 'Customer booked by phone instead' });
  });

  it('lists a provisional hold ending soon with its countdown', async () => {
    setTransport(fakeCore().t);
    render(<AttentionPage />);
    await flush();
    const holds = screen.getByRole('region', { name: 'Holds expiring soon' });
    expect(within(holds).getByText('ending soon')).toBeTruthy();
    expect(within(holds).getByText('provisional')).toBeTruthy();
    expect(within(holds).getByRole('timer').textContent).toMatch(/^Ends in [45]:\d\d$/);
  });
});
