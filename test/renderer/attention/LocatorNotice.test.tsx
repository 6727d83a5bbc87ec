// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setTransport } from '../../../renderer/client/contractClient';
import { AttentionPage } from '../../../renderer/features/attention/AttentionPage';
import { fakeTransport, notFound } from '../support/fakeTransport';

const NOTICE = 'The record locator K7QM2T given offline was already taken on the server, which gave P4XR9B instead: tell the customer P4XR9B.';
const applied = {
  opId: '0190f3a2-7c1e-7000-8000-000000000009', seq: 4, kind: 'bookings.create', state: 'applied', code: null, reason: null,
  payload: { customerId: 5, items: [] }, createdAtUtc: '2030-01-01T09:00:00.000Z', attempts: 1, notice: NOTICE,
};
const done = { ...applied, opId: '0190f3a2-7c1e-7000-8000-00000000000a', seq: 3, notice: null };

const flush = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });

afterEach(() => {
  cleanup();
  setTransport(null);
});

describe('needs attention: a booking synced with a new locator', () => {
  it('names the new locator until the agent dismisses it; applied changes without a notice are not shown', async () => {
    let inbox: unknown[] = [done, applied];
    const { t, calls } = fakeTransport((channel) => {
      switch (channel) {
        case 'sync.inbox.list': return { ok: true, value: inbox };
        case 'sync.inbox.resolve': inbox = [done]; return { ok: true, value: { ...applied, notice: null } };
        case 'holds.list': return { ok: true, value: [] };
        case 'bookings.search': return { ok: true, value: { items: [], nextCursor: null } };
        case 'customers.get': return { ok: true, value: { id: 5, email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', phone: null, stateCode: null, createdAtUtc: '2030-01-01T09:00:00.000Z', provisional: false } };
        default: return notFound(`${channel} is not available.`);
      }
    });
    setTransport(t);
    render(<AttentionPage />);
    await flush();
    await flush();
    const rows = screen.getAllByTestId('inbox-title');
    expect(rows).toHaveLength(1);
    const item = rows[0]!.closest('li')!;
    expect(within(item).getByTestId('inbox-notice').textContent).toBe(NOTICE);
    // Nothing to retry or discard: the change is on the server.
    expect(within(item).queryByRole('button', { name: /^Retry/ })).toBeNull();
    expect(within(item).queryByRole('button', { name: /^Discard/ })).toBeNull();
    fireEvent.click(within(item).getByRole('button', { name: /^Told the customer — dismiss/ }));
    await flush();
    expect(calls.find((c) => c.channel === 'sync.inbox.resolve')?.input).toMatchObject({ opId: applied.opId, action: 'dismiss' });
    expect(screen.queryByTestId('inbox-notice')).toBeNull();
  });
});
