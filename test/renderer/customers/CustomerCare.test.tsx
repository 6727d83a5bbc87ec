// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Customer, Role } from '../../../shared/contract';
import { setTransport } from '../../../renderer/client/contractClient';
import { useSession } from '../../../renderer/client/sessionStore';
import { CustomerCare, CustomerFate } from '../../../renderer/features/customers/CustomerCare';
import { fakeTransport } from '../support/fakeTransport';

const grace: Customer = { id: 7, email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper', phone: null, stateCode: null, createdAtUtc: '2030-01-01T00:00:00.000Z', provisional: false };
const moved = { bookings: 2, payments: 2, paymentMethods: 1, holds: 0, travellers: 1, remarks: 0, messages: 0, watches: 1, reviews: 0 };

function core() {
  return fakeTransport((channel, input) => {
    if (channel === 'customers.search') {
      // The kept record, its twin, and a record merged earlier: only the twin is offered.
      return { ok: true, value: { items: [grace, { ...grace, id: 12, email: 'g.hopper@navy.example' }, { ...grace, id: 9, email: 'old@example.com', mergedIntoId: 7 }], nextCursor: null } };
    }
    if (channel === 'customers.merge') return { ok: true, value: { kept: grace, merged: { ...grace, id: Number(input.mergeId), mergedIntoId: 7 }, moved } };
    if (channel === 'customers.erase') {
      return { ok: true, value: { customer: { ...grace, firstName: 'Erased', lastName: 'Customer', erasedAtUtc: '2030-01-02T00:00:00.000Z' }, erased: { travellers: 1, bookingTravellers: 3, remarks: 2, messages: 0, watches: 0 } } };
    }
    return undefined;
  });
}
const signIn = (role: Role) => useSession.setState({ status: 'signedIn', user: { id: 1, email: `${role}@tripdesk.test`, name: `Test ${role}`, role } });
const flush = async () => { for (let i = 0; i < 4; i++) await act(async () => { await new Promise((r) => setTimeout(r, 0)); }); };

afterEach(() => {
  cleanup();
  setTransport(null);
  useSession.setState({ status: 'restoring', user: null });
});

describe('merge or erase on the customer profile', () => {
  it('is not offered to an agent', () => {
    signIn('agent');
    render(<CustomerCare customer={grace} onChanged={() => undefined} />);
    expect(screen.queryByRole('heading', { name: 'Merge or erase' })).toBeNull();
  });

  it('merges the record a supervisor picks from the matches into this one and says what moved', async () => {
    signIn('supervisor');
    const c = core();
    setTransport(c.t);
    const changed = vi.fn();
    render(<CustomerCare customer={grace} onChanged={changed} />);
    await act(async () => { await new Promise((r) => setTimeout(r, 300)); });
    await flush();
    // Looked up by the kept record's name; neither it nor the record merged earlier is offered.
    expect(c.calls.find((x) => x.channel === 'customers.search')?.input).toMatchObject({ q: 'Grace Hopper' });
    const offered = screen.getByRole('list', { name: 'Records that may be the same person' });
    expect([...offered.querySelectorAll('button')].map((b) => b.getAttribute('aria-label'))).toEqual(['Pick Grace Hopper (g.hopper@navy.example, #12)']);
    expect((screen.getByRole('button', { name: 'Merge into this customer' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Pick Grace Hopper (g.hopper@navy.example, #12)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Merge Grace Hopper (#12) into this customer' }));
    await flush();
    expect(c.calls.find((x) => x.channel === 'customers.merge')?.input).toMatchObject({ keepId: 7, mergeId: 12 });
    expect(screen.getByRole('status').textContent).toBe('Merged customer #12 into this one: moved 2 bookings, 1 saved card, 1 saved traveller, 0 remarks, 1 watch and 0 reviews.');
    expect(changed).toHaveBeenCalledWith(grace);
  });

  it('erases only after a second, explicit click, with the reason', async () => {
    signIn('admin');
    const c = core();
    setTransport(c.t);
    render(<CustomerCare customer={grace} onChanged={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Reason for erasing (kept in the audit)'), { target: { value: 'asked by letter' } });
    fireEvent.click(screen.getByRole('button', { name: 'Erase personal data…' }));
    await flush();
    expect(c.calls.some((x) => x.channel === 'customers.erase')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Erase now: this cannot be undone' }));
    await flush();
    expect(c.calls.find((x) => x.channel === 'customers.erase')?.input).toMatchObject({ customerId: 7, reason: 'asked by letter' });
    expect(screen.getByRole('status').textContent).toContain('3 booking travellers');
  });

  it('a merged record points at the kept one; an erased one says when', () => {
    render(<CustomerFate customer={{ ...grace, mergedIntoId: 3 }} />);
    expect(screen.getByRole('button', { name: 'Open customer #3' })).toBeTruthy();
    cleanup();
    render(<CustomerFate customer={{ ...grace, erasedAtUtc: '2030-01-02T00:00:00.000Z' }} />);
    expect(screen.getByRole('status').textContent).toMatch(/^Personal data erased at the customer's request/);
  });
});
