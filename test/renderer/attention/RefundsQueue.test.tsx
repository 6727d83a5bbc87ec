// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RefundRequest, Role } from '../../../shared/contract';
import { setTransport } from '../../../renderer/client/contractClient';
import { useSession } from '../../../renderer/client/sessionStore';
import { RefundsQueue } from '../../../renderer/features/attention/RefundsQueue';
import { fakeTransport } from '../support/fakeTransport';

const waiting = (id: number, over: Partial<RefundRequest> = {}): RefundRequest => ({
  id, bookingId: 40 + id, locator: 'K7QM2T', customerName: 'Ada Lovelace', amountCents: 125_000, policyCents: 125_000, isOverride: false, reason: 'storm',
  state: 'pending', requestedByName: 'Grace Agent', requestedAtUtc: '2030-01-01T10:00:00.000Z', decidedByName: null, decidedAtUtc: null, decisionReason: null,
  provisional: false, ...over,
});
const signIn = (role: Role, name: string) => useSession.setState({ status: 'signedIn', user: { id: 9, email: `${role}@tripdesk.test`, name, role } });
const flush = async () => { for (let i = 0; i < 4; i++) await act(async () => { await new Promise((r) => setTimeout(r, 0)); }); };

afterEach(() => {
  cleanup();
  setTransport(null);
  useSession.setState({ status: 'restoring', user: null });
});

describe('Needs attention: refunds waiting for approval', () => {
  it('lists what waits, approves with a reason, and does not let the one who asked decide', async () => {
    signIn('supervisor', 'Sam Supervisor');
    const core = fakeTransport((channel, input) => {
      if (channel === 'refunds.list') return { ok: true, value: [waiting(1), waiting(2, { requestedByName: 'Sam Supervisor', isOverride: true, amountCents: 5_000, policyCents: 0 })] };
      if (channel === 'refunds.decide') return { ok: true, value: waiting(Number(input.refundId), { state: 'approved', decidedByName: 'Sam Supervisor' }) };
      return undefined;
    });
    setTransport(core.t);
    render(<RefundsQueue />);
    await flush();
    expect(screen.getByRole('heading', { name: 'Refunds waiting for approval (2)' })).toBeTruthy();
    expect(screen.getByText(/You asked for this refund/)).toBeTruthy();
    const approve = screen.getByRole('button', { name: 'Approve' }) as HTMLButtonElement;
    expect(approve.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Reason for the decision'), { target: { value: 'policy refund' } });
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await flush();
    expect(core.calls.find((c) => c.channel === 'refunds.decide')?.input).toMatchObject({ refundId: 1, approve: true, reason: 'policy refund' });
    expect(screen.getByRole('status').textContent).toBe('Approved the refund of $1,250.00 on K7QM2T.');
    expect(screen.getByRole('heading', { name: 'Refunds waiting for approval (1)' })).toBeTruthy();
  });

  it('is not shown to an agent', () => {
    signIn('agent', 'Grace Agent');
    render(<RefundsQueue />);
    expect(screen.queryByRole('heading', { name: /Refunds waiting/ })).toBeNull();
  });
});
