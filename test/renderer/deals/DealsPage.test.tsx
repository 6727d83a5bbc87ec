// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Deal } from '../../../shared/contract';
import { setTransport } from '../../../renderer/client/contractClient';
import { useRoute } from '../../../renderer/client/router';
import { DealsPage } from '../../../renderer/features/deals/DealsPage';
import { useDeals } from '../../../renderer/features/deals/dealsStore';
import { useSearch } from '../../../renderer/client/searchStore';
import { fakeTransport } from '../support/fakeTransport';

const deal = (n: number, over: Partial<Deal> = {}): Deal => ({
  id: `det:flight:${n}:9900`, kind: 'flight', key: 'route:JFK-LAX', targetId: n, title: `DL ${400 + n} JFK → LAX`, day: '2030-03-0' + String(n % 9 + 1),
  priceCents: 9_900, referenceCents: 20_000, discountPct: 50.5, source: 'detector', detectedAtUtc: `2030-01-01T0${n % 9}:00:00.000Z`, ...over,
});

const flight = { id: 1, flightNumber: 'DL401', airline: 'Delta', from: 'JFK', to: 'LAX', departUtc: '2030-03-02T14:00:00.000Z', arriveUtc: '2030-03-02T20:00:00.000Z',
  departureLocal: '2030-03-02T09:00:00-05:00', arrivalLocal: '2030-03-02T12:00:00-08:00', departureTimeZone: 'America/New_York', arrivalTimeZone: 'America/Los_Angeles', priceCents: 9_900, seatsAvailable: 4, seatsTotal: 180 };
const hotelOffer = (roomTypeId: number, city: string) => ({
  hotelId: 7, hotelName: 'Harbor Inn', city, stateCode: 'CO', starRating: 3, roomTypeId, roomTypeName: 'Queen', nights: [{ date: '2030-03-05', priceCents: 8_000, roomsLeft: 3 }],
  totalCents: 8_000, rating: null, imageUrl: null,
});

function fakeCore(pages: Record<string, { items: Deal[]; nextCursor: string | null }>) {
  return fakeTransport((channel, i) => {
    switch (channel) {
      case 'deals.list': return { ok: true, value: pages[String(i.cursor ?? i.kind ?? '')] ?? { items: [], nextCursor: null } };
      case 'flights.get': return { ok: true, value: flight };
      case 'flights.search': return { ok: true, value: { items: [flight], nextCursor: null } };
      case 'hotels.search': return { ok: true, value: { items: i.city ? [hotelOffer(30, 'Denver')] : [hotelOffer(12, 'Boulder'), hotelOffer(30, 'Denver')] } };
      default: return undefined;
    }
  });
}

const flush = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });

afterEach(() => {
  cleanup();
  setTransport(null);
  useDeals.setState({ kind: '', items: [], nextCursor: null, loading: false, error: null, arrived: 0 });
});

describe('deals feed', () => {
  it('lists deals newest first with the usual price struck through, the saving and the source', async () => {
    const core = fakeCore({ '': { items: [deal(2), deal(1, { source: 'kafka', discountPct: 33.3, referenceCents: 15_000 })], nextCursor: null } });
    setTransport(core.t);
    render(<DealsPage />);
    await flush();
    const rows = within(screen.getByRole('table', { name: 'Deals' })).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByRole('rowheader').textContent).toBe('DL 402 JFK → LAX');
    expect(within(rows[0]!).getByText('$200.00').tagName).toBe('S');
    expect(within(rows[0]!).getByText('−51%')).toBeTruthy();
    expect(within(rows[0]!).getByText('Price drop')).toBeTruthy();
    expect(within(rows[1]!).getByText('Deals feed')).toBeTruthy();
    expect(within(rows[1]!).getByText('−33%')).toBeTruthy();
  });

  it('filters by kind and loads more with the cursor', async () => {
    const core = fakeCore({
      '': { items: [deal(1)], nextCursor: 'c1' },
      c1: { items: [deal(2)], nextCursor: null },
      hotel: { items: [deal(3, { kind: 'hotel', title: 'Harbor Inn, Denver — Queen' })], nextCursor: null },
    });
    setTransport(core.t);
    render(<DealsPage />);
    await flush();
    fireEvent.click(screen.getByRole('button', { name: 'Load more deals' }));
    await flush();
    expect(core.calls.filter((c) => c.channel === 'deals.list').at(-1)!.input).toMatchObject({ cursor: 'c1', limit: 50 });
    expect(screen.getAllByRole('button', { name: /^Book this/ })).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Load more deals' })).toBeNull();

    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'hotel' } });
    await flush();
    expect(core.calls.filter((c) => c.channel === 'deals.list').at(-1)!.input).toMatchObject({ kind: 'hotel' });
    expect(screen.getByRole('rowheader').textContent).toBe('Harbor Inn, Denver — Queen');
  });

  it('reloads when the core announces new deals', async () => {
    const pages = { '': { items: [deal(1)], nextCursor: null } };
    const core = fakeCore(pages);
    setTransport(core.t);
    render(<DealsPage />);
    await flush();
    pages[''] = { items: [deal(5), deal(1)], nextCursor: null };
    core.emit('deals.new', { count: 1 });
    await flush();
    expect(screen.getAllByRole('button', { name: /^Book this/ })).toHaveLength(2);
    expect(screen.getByRole('status').textContent).toContain('1 new deal just arrived');
  });

  it('"Book this" on a flight opens its route and day in the flight search, cheapest first', async () => {
    const core = fakeCore({ '': { items: [deal(1, { day: '2030-03-02' })], nextCursor: null } });
    setTransport(core.t);
    render(<DealsPage />);
    await flush();
    fireEvent.click(screen.getByRole('button', { name: /^Book this: DL 401/ }));
    await flush();
    expect(core.calls.find((c) => c.channel === 'flights.get')!.input).toMatchObject({ flightId: 1 });
    expect(core.calls.find((c) => c.channel === 'flights.search')!.input).toMatchObject({ from: 'JFK', to: 'LAX', date: '2030-03-02', sort: 'price' });
    expect(useRoute.getState().path).toBe('/search/flights');
    expect(useSearch.getState().flights.rows.map((f) => f.id)).toEqual([1]);
  });

  it('"Book this" on a room searches that day in the hotel\'s city, one night', async () => {
    const core = fakeCore({ '': { items: [deal(4, { kind: 'hotel', targetId: 30, day: '2030-03-05', title: 'Harbor Inn, Denver — Queen' })], nextCursor: null } });
    setTransport(core.t);
    render(<DealsPage />);
    await flush();
    fireEvent.click(screen.getByRole('button', { name: /^Book this: Harbor Inn/ }));
    await flush();
    const searches = core.calls.filter((c) => c.channel === 'hotels.search');
    expect(searches.at(-1)!.input).toMatchObject({ city: 'Denver', stateCode: 'CO', checkIn: '2030-03-05', checkOut: '2030-03-06' });
    expect(useRoute.getState().path).toBe('/search/hotels');
  });
});
