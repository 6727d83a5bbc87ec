// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandPalette } from '../../../renderer/app/CommandPalette';
import { setTransport } from '../../../renderer/client/contractClient';
import { useRoute } from '../../../renderer/client/router';
import { fakeTransport } from '../support/fakeTransport';

const booking = {
  id: 301, locator: 'K7QM2T', customerId: 5, customerName: 'Ada Lovelace', bookingType: 'flight', status: 'confirmed', totalCents: 25_000, refundedCents: 0,
  createdAtUtc: '2030-01-01T09:00:00.000Z', createdBy: 1, createdByName: 'Grace Agent', bookedOn: null, madeOffline: false, remarks: [], items: [], billing: [], provisional: false,
};

const flush = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });

afterEach(() => {
  cleanup();
  setTransport(null);
});

describe('the command palette finds a booking by its record locator', () => {
  it('typed in any case, Enter opens the booking; an unknown locator says so', async () => {
    const { t, calls } = fakeTransport((channel, input) => {
      if (channel !== 'bookings.search') return undefined;
      return { ok: true, value: { items: input.q === 'K7QM2T' ? [booking] : [], nextCursor: null } };
    });
    setTransport(t);
    useRoute.getState().navigate('/search');
    let closed = 0;
    render(<CommandPalette open onClose={() => { closed++; }} />);
    const box = screen.getByRole('combobox', { name: 'Type a command' });

    fireEvent.change(box, { target: { value: 'zzzz99' } });
    await flush();
    expect(screen.getByText('No booking ZZZZ99.')).toBeTruthy();

    fireEvent.change(box, { target: { value: 'k7qm2t' } });
    await flush();
    expect(calls.filter((c) => c.channel === 'bookings.search').map((c) => c.input.q)).toEqual(['ZZZZ99', 'K7QM2T']);
    const option = screen.getByRole('option', { name: 'Open booking K7QM2T — Ada Lovelace' });
    expect(option.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(closed).toBe(1);
    expect(useRoute.getState().path).toBe('/bookings/301');
  });
});
