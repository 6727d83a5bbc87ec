// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlightOffer, SavedTraveller } from '../../../shared/contract';
import { setTransport } from '../../../renderer/client/contractClient';
import { useSavedTravellers } from '../../../renderer/client/travellersStore';
import { useTrip } from '../../../renderer/client/tripStore';
import { BookingFlow } from '../../../renderer/features/booking/BookingFlow';
import { useTravellerDrafts } from '../../../renderer/features/booking/travellerDrafts';
import { fakeTransport } from '../support/fakeTransport';

const ada = { id: 12, email: 'ada@example.test', firstName: 'Ada', lastName: 'Lovelace', phone: null, stateCode: null, createdAtUtc: '2030-01-01T00:00:00.000Z', provisional: false };
const flight: FlightOffer = {
  id: 77, flightNumber: 'DL401', airline: 'Delta', from: 'JFK', to: 'LAX', departUtc: '2030-03-02T14:00:00.000Z', arriveUtc: '2030-03-02T20:00:00.000Z',
  departureLocal: '2030-03-02T09:00:00-05:00', arrivalLocal: '2030-03-02T12:00:00-08:00', departureTimeZone: 'America/New_York', arrivalTimeZone: 'America/Los_Angeles',
  priceCents: 12_900, seatsAvailable: 5, seatsTotal: 180,
};
const savedAda: SavedTraveller = {
  id: 40, customerId: 12, givenNames: 'Ada', familyName: 'Lovelace', dateOfBirth: '1985-12-10', gender: 'female', knownTravellerNumber: null,
  passport: { last4: '5678', country: 'GBR', expiry: '2034-05-01' }, provisional: false,
};

function fakeCore() {
  return fakeTransport((channel) => {
    switch (channel) {
      case 'customers.travellers.list': return { ok: true, value: [savedAda] };
      case 'paymentMethods.list': return { ok: true, value: [] };
      case 'bookings.create': return { ok: false, error: { code: 'VALIDATION', message: 'stop here' } };
      default: return undefined;
    }
  });
}

const flush = (ms = 0) => act(async () => { await new Promise((r) => setTimeout(r, ms)); });

afterEach(() => {
  cleanup();
  setTransport(null);
  useTrip.setState({ customer: null, items: [] });
  useTravellerDrafts.getState().clear();
  useSavedTravellers.setState({ byCustomer: {}, error: null });
});

function startTrip() {
  useTrip.setState({
    customer: ada,
    items: [{ key: 'f1', kind: 'flight', flight, seats: 2, holdId: 'hold-1', expiresAtUtc: '2099-01-01T00:00:00.000Z', totalCents: 25_800, provisional: false, expired: false }],
  });
}
function payByCard() {
  fireEvent.change(screen.getByLabelText('Card number'), { target: { value: '4242 4242 4242 4242' } });
  fireEvent.change(screen.getByLabelText(/^Expiry/), { target: { value: '12/35' } });
  fireEvent.change(screen.getByLabelText('CVC'), { target: { value: '123' } });
}

describe('the booking flow asks who travels', () => {
  it('a two-seat flight asks for two passengers: one picked from the saved travellers, one typed; both go to bookings.create', async () => {
    const core = fakeCore();
    setTransport(core.t);
    startTrip();
    render(<BookingFlow />);
    await flush();
    const first = screen.getByRole('group', { name: /^Passenger 1, Delta DL401/ });
    const second = screen.getByRole('group', { name: /^Passenger 2, Delta DL401/ });
    fireEvent.change(within(first).getByLabelText(/^Saved traveller/), { target: { value: '40' } });
    expect((within(first).getByLabelText('Family name') as HTMLInputElement).value).toBe('Lovelace');
    expect(within(first).getByText(/saved: ending 5678/)).toBeTruthy();
    fireEvent.change(within(second).getByLabelText('Given names'), { target: { value: 'Anne Isabella' } });
    fireEvent.change(within(second).getByLabelText('Family name'), { target: { value: 'Noel-Byron' } });
    payByCard();

    // The second passenger has no date of birth yet: the agent is told which, and nothing is sent.
    fireEvent.click(screen.getByRole('button', { name: /^Confirm booking/ }));
    await flush();
    expect(screen.getByRole('alert').textContent).toMatch(/^Delta DL401 JFK → LAX, passenger 2: Date of birth/);
    expect(core.calls.some((c) => c.channel === 'bookings.create')).toBe(false);

    fireEvent.change(within(second).getByLabelText('Date of birth'), { target: { value: '1992-05-17' } });
    fireEvent.click(screen.getByRole('button', { name: /^Confirm booking/ }));
    await flush();
    const sent = core.calls.find((c) => c.channel === 'bookings.create');
    expect((sent?.input as { items: unknown[] }).items).toEqual([{
      kind: 'flight', holdId: 'hold-1', travellers: [
        // Picked: the passport stays the saved one (the screen only has its last four).
        { givenNames: 'Ada', familyName: 'Lovelace', dateOfBirth: '1985-12-10', gender: 'female', knownTravellerNumber: null, savedTravellerId: 40 },
        { givenNames: 'Anne Isabella', familyName: 'Noel-Byron', dateOfBirth: '1992-05-17', gender: null, knownTravellerNumber: null, passport: null },
      ],
    }]);
  });

  it('the second flight of a trip flies the same passengers: named once, sent on both; unticked, it asks for its own', async () => {
    const core = fakeCore();
    setTransport(core.t);
    const back: FlightOffer = { ...flight, id: 78, flightNumber: 'DL402', from: 'LAX', to: 'JFK', departUtc: '2030-03-09T15:00:00.000Z', arriveUtc: '2030-03-09T23:00:00.000Z',
      departureLocal: '2030-03-09T07:00:00-08:00', arrivalLocal: '2030-03-09T18:00:00-05:00', departureTimeZone: 'America/Los_Angeles', arrivalTimeZone: 'America/New_York' };
    useTrip.setState({
      customer: ada,
      items: [
        { key: 'f1', kind: 'flight', flight, seats: 1, holdId: 'hold-1', expiresAtUtc: '2099-01-01T00:00:00.000Z', totalCents: 12_900, provisional: false, expired: false },
        { key: 'f2', kind: 'flight', flight: back, seats: 1, holdId: 'hold-2', expiresAtUtc: '2099-01-01T00:00:00.000Z', totalCents: 12_900, provisional: false, expired: false },
      ],
    });
    render(<BookingFlow />);
    await flush();
    expect(screen.queryByRole('group', { name: /^Passenger 1, Delta DL402/ })).toBeNull();
    const same = screen.getByRole('checkbox', { name: /^Same passengers as an earlier flight of this trip \(Delta DL401/ }) as HTMLInputElement;
    expect(same.checked).toBe(true);
    const first = screen.getByRole('group', { name: /^Passenger 1, Delta DL401/ });
    fireEvent.change(within(first).getByLabelText('Given names'), { target: { value: 'Grace' } });
    fireEvent.change(within(first).getByLabelText('Family name'), { target: { value: 'Hopper' } });
    fireEvent.change(within(first).getByLabelText('Date of birth'), { target: { value: '1986-12-09' } });
    payByCard();
    fireEvent.click(screen.getByRole('button', { name: /^Confirm booking/ }));
    await flush();
    const sent = core.calls.find((c) => c.channel === 'bookings.create')?.input as { items: Array<{ holdId: string; travellers: Array<{ givenNames: string }> }> };
    expect(sent.items.map((i) => [i.holdId, i.travellers.map((t) => t.givenNames)])).toEqual([['hold-1', ['Grace']], ['hold-2', ['Grace']]]);

    // A traveller flying home alone on another's seat: the agent unticks and names them.
    fireEvent.click(same);
    expect(screen.getByRole('group', { name: /^Passenger 1, Delta DL402/ })).toBeTruthy();
  });
});
