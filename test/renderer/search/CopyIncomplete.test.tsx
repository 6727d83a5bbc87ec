// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setTransport } from '../../../renderer/client/contractClient';
import { useSearch } from '../../../renderer/client/searchStore';
import { CarSearch } from '../../../renderer/features/search/CarSearch';
import { FlightSearch } from '../../../renderer/features/search/FlightSearch';
import { fakeTransport } from '../support/fakeTransport';

const flush = async () => {
  for (let n = 0; n < 4; n++) await act(async () => { await new Promise((r) => setTimeout(r, 0)); });
};
const NOTE = 'Offline copy incomplete — results may be missing';
const initial = useSearch.getState();

afterEach(() => {
  cleanup();
  setTransport(null);
  useSearch.setState({ flights: initial.flights, hotels: initial.hotels, cars: initial.cars });
});

describe('searches answered from an incomplete offline copy', () => {
  it('say so above the results; a whole answer, searched again, does not', async () => {
    let incomplete = true;
    const core = fakeTransport((channel) =>
      channel === 'flights.search' ? { ok: true, value: { items: [], nextCursor: null, ...(incomplete ? { incomplete: true } : {}) } } : undefined);
    setTransport(core.t);
    render(<FlightSearch />);
    fireEvent.click(screen.getByRole('button', { name: 'Search flights' }));
    await flush();
    expect(screen.getByRole('status').textContent).toBe(NOTE);
    expect(screen.getByText('0 flights')).toBeTruthy();

    incomplete = false;
    fireEvent.click(screen.getByRole('button', { name: 'Search flights' }));
    await flush();
    expect(screen.queryByText(NOTE)).toBeNull();
  });

  it('a car search from a partial copy says so too', async () => {
    const core = fakeTransport((channel) => (channel === 'cars.search' ? { ok: true, value: { items: [], incomplete: true } } : undefined));
    setTransport(core.t);
    render(<CarSearch />);
    fireEvent.click(screen.getByRole('button', { name: /search cars/i }));
    await flush();
    expect(screen.getByText(NOTE)).toBeTruthy();
  });
});
