// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogCar, CatalogFlight, CatalogHotel } from '../../../shared/contract';
import { setTransport } from '../../../renderer/client/contractClient';
import { useSession } from '../../../renderer/client/sessionStore';
import { CatalogPage } from '../../../renderer/features/catalog/CatalogPage';
import { useCatalog } from '../../../renderer/features/catalog/catalogStore';
import { fakeTransport } from '../support/fakeTransport';

const flush = async () => { for (let i = 0; i < 5; i++) await act(async () => { await new Promise((r) => setTimeout(r, 0)); }); };

const lodge: CatalogHotel = {
  id: 4, name: 'Seaside Lodge', address: '12 Ocean Ave', city: 'Los Angeles', stateCode: 'CA', starRating: 4, amenities: ['pool'],
  checkInTime: '16:00', checkOutTime: '10:30', active: false, cancellationPolicy: null, appliedCancellationPolicy: { freeCancelHours: 24, lateFeePct: 20 },
  roomTypes: [{ id: 9, hotelId: 4, name: 'Ocean King', beds: '1 king', maxGuests: 2, basePriceCents: 18_900, active: false }],
};
const inn: CatalogHotel = { ...lodge, id: 5, name: 'Harbor Inn', active: true, roomTypes: [] };
const civic: CatalogCar = {
  id: 2, company: 'Budget', model: 'Civic', carClass: 'compact', seats: 5, transmission: 'automatic', airport: 'LAX', city: 'Los Angeles', stateCode: 'CA', basePriceCents: 4_200, active: false,
};
const td950: CatalogFlight = {
  id: 31, flightNumber: 'TD 950', airline: 'TripDesk Air', from: 'JFK', to: 'LAX', departUtc: '2030-05-01T11:05:00.000Z', arriveUtc: '2030-05-01T17:30:00.000Z',
  departureLocal: '2030-05-01T07:05:00', arrivalLocal: '2030-05-01T10:30:00', seatsTotal: 40, seatsAvailable: 40, priceCents: 19_900, active: false,
} as CatalogFlight;

/** A catalogue where a switch flips `active` in place, as the core would; lists honour includeInactive. */
function core() {
  const hotels = [structuredClone(lodge), structuredClone(inn)];
  const cars = [structuredClone(civic)];
  const flights = [structuredClone(td950)];
  const visible = <T extends { active: boolean }>(rows: T[], input: Record<string, unknown>) => rows.filter((r) => r.active || input.includeInactive === true);
  return fakeTransport((channel, input) => {
    switch (channel) {
      case 'catalog.hotels.list': return { ok: true, value: visible(hotels, input) };
      case 'catalog.cars.list': return { ok: true, value: visible(cars, input) };
      case 'catalog.flights.list': return { ok: true, value: visible(flights, input) };
      case 'airports.list': case 'states.list': return { ok: true, value: [] };
      case 'catalog.hotels.save': {
        const h = hotels.find((x) => x.id === input.hotelId)!;
        h.active = input.active as boolean;
        return { ok: true, value: h };
      }
      case 'catalog.roomTypes.save': {
        const r = hotels.flatMap((h) => h.roomTypes).find((x) => x.id === input.roomTypeId)!;
        r.active = input.active as boolean;
        return { ok: true, value: r };
      }
      case 'catalog.cars.save': {
        const c = cars.find((x) => x.id === input.carId)!;
        c.active = input.active as boolean;
        return { ok: true, value: c };
      }
      case 'catalog.flights.save': {
        const f = flights.find((x) => x.id === input.flightId)!;
        f.active = input.active as boolean;
        return { ok: true, value: { flight: f, affectedBookings: [] } };
      }
      default: return undefined;
    }
  });
}

beforeEach(() => {
  useSession.setState({ status: 'signedIn', user: { id: 2, email: 'supervisor@tripdesk.test', name: 'Test supervisor', role: 'supervisor' } });
});

afterEach(() => {
  cleanup();
  setTransport(null);
  useCatalog.setState({ hotels: null, cars: null, hotelsQuery: '', carsQuery: '', showInactive: false, error: null });
  useSession.setState({ status: 'restoring', user: null });
});

describe('the catalogue: off-sale items', () => {
  it('hotels off sale are hidden until "Show off-sale"; then marked, and a hotel and its room type go back on sale', async () => {
    const c = core();
    setTransport(c.t);
    render(<CatalogPage tab="hotels" />);
    await flush();
    const table = () => screen.getByRole('table', { name: 'Hotels in the catalogue' });
    expect(within(table()).queryByRole('link', { name: 'Seaside Lodge' })).toBeNull();
    expect(within(table()).getByRole('link', { name: 'Harbor Inn' })).toBeTruthy();

    fireEvent.click(screen.getByLabelText('Show off-sale'));
    await flush();
    expect(c.calls.filter((x) => x.channel === 'catalog.hotels.list').at(-1)?.input).toMatchObject({ includeInactive: true });
    const lodgeRow = within(table()).getByRole('link', { name: 'Seaside Lodge' }).closest('tr')!;
    expect(within(lodgeRow).getByText('Off sale')).toBeTruthy();

    fireEvent.click(within(lodgeRow).getByRole('button', { name: 'Put back on sale Seaside Lodge' }));
    await flush();
    expect(c.calls.find((x) => x.channel === 'catalog.hotels.save')?.input).toMatchObject({
      hotelId: 4, name: 'Seaside Lodge', address: '12 Ocean Ave', starRating: 4, amenities: ['pool'], checkInTime: '16:00', active: true,
    });
    expect(screen.getByRole('status').textContent).toBe('Seaside Lodge is back on sale.');
    const again = within(table()).getByRole('link', { name: 'Seaside Lodge' }).closest('tr')!;
    expect(within(again).getByText('On sale')).toBeTruthy();

    fireEvent.click(within(again).getByRole('button', { name: 'Put back on sale Ocean King at Seaside Lodge' }));
    await flush();
    expect(c.calls.find((x) => x.channel === 'catalog.roomTypes.save')?.input).toMatchObject({ roomTypeId: 9, hotelId: 4, basePriceCents: 18_900, active: true });
    expect(screen.getByRole('status').textContent).toBe('Ocean King at Seaside Lodge is back on sale.');
    expect(within(table()).queryByRole('button', { name: /Put back on sale Ocean King/ })).toBeNull();
  });

  it('a car taken off sale can be put back, its pick-up desk unchanged', async () => {
    useCatalog.setState({ showInactive: true });
    const c = core();
    setTransport(c.t);
    render(<CatalogPage tab="cars" />);
    await flush();
    fireEvent.click(screen.getByRole('button', { name: 'Put back on sale Budget Civic' }));
    await flush();
    expect(c.calls.find((x) => x.channel === 'catalog.cars.save')?.input).toMatchObject({ carId: 2, pickUp: { kind: 'airport', airport: 'LAX' }, basePriceCents: 4_200, active: true });
    expect(screen.getByRole('status').textContent).toBe('Budget Civic is back on sale.');
    fireEvent.click(screen.getByRole('button', { name: 'Take off sale Budget Civic' }));
    await flush();
    expect(c.calls.filter((x) => x.channel === 'catalog.cars.save').at(-1)?.input).toMatchObject({ carId: 2, active: false });
    expect(screen.getByRole('status').textContent).toMatch(/^Budget Civic is off sale: searches skip it/);
  });

  it('flights: the catalogue\u2019s own list finds an off-sale flight with "Show off-sale", and it goes back on sale at the same local times', async () => {
    const c = core();
    setTransport(c.t);
    render(<CatalogPage tab="flights" />);
    await flush();
    fireEvent.click(screen.getByRole('button', { name: 'Find flights' }));
    await flush();
    expect(screen.getByText('No flights on sale match.')).toBeTruthy();

    fireEvent.click(screen.getByLabelText('Show off-sale'));
    fireEvent.click(screen.getByRole('button', { name: 'Find flights' }));
    await flush();
    expect(c.calls.filter((x) => x.channel === 'catalog.flights.list').at(-1)?.input).toEqual({ includeInactive: true });
    const row = within(screen.getByRole('table', { name: 'Flights to edit' })).getByText('TripDesk Air TD 950').closest('tr')!;
    expect(within(row).getByText('Off sale')).toBeTruthy();

    fireEvent.click(within(row).getByRole('button', { name: 'Put back on sale TD 950 on 2030-05-01' }));
    await flush();
    expect(c.calls.find((x) => x.channel === 'catalog.flights.save')?.input).toMatchObject({
      flightId: 31, departureLocal: '2030-05-01T07:05', arrivalLocal: '2030-05-01T10:30', seatsTotal: 40, priceCents: 19_900, active: true,
    });
    expect(screen.getByRole('status').textContent).toContain('Saved TripDesk Air TD 950 JFK→LAX, departs 2030-05-01 07:05, 40 seats at $199.00.');
    const after = within(screen.getByRole('table', { name: 'Flights to edit' })).getByText('TripDesk Air TD 950').closest('tr')!;
    expect(within(after).getByText('On sale')).toBeTruthy();
    expect(within(after).getByRole('button', { name: 'Take off sale TD 950 on 2030-05-01' })).toBeTruthy();
  });
});
