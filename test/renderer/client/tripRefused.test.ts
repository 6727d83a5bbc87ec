import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/contract';
import { setTransport, type Transport } from '../../../renderer/client/contractClient';
import { useTrip, type FlightLine } from '../../../renderer/client/tripStore';

const HOLD = '0190f3a2-7c1e-7000-8000-00000000000a';
const line = (holdId: string): FlightLine => ({
  key: holdId, kind: 'flight', holdId, seats: 1, expiresAtUtc: '2030-01-01T10:00:00.000Z', totalCents: 25_000, provisional: true, expired: false,
  flight: { id: 7, flightNumber: 'DL 401', airline: 'Delta', from: 'JFK', to: 'LAX', departUtc: '2030-12-05T14:00:00.000Z', arriveUtc: '2030-12-05T20:00:00.000Z',
    departureLocal: '2030-12-05T09:00:00-05:00', arrivalLocal: '2030-12-05T12:00:00-08:00', departureTimeZone: 'America/New_York', arrivalTimeZone: 'America/Los_Angeles', priceCents: 25_000, seatsAvailable: 0, seatsTotal: 1 },
});

afterEach(() => {
  setTransport(null);
  useTrip.setState({ items: [], customer: null });
});

describe('current booking', () => {
  it('flags a line whose offline hold the servers refused', async () => {
    const t: Transport = {
      kind: 'electron',
      invoke: async (): Promise<Envelope<unknown>> => ({ ok: true, value: [{ opId: HOLD, seq: 1, kind: 'holds.create', state: 'conflict', code: 'SOLD_OUT', reason: 'sold', payload: {}, createdAtUtc: '2030-01-01T09:00:00.000Z', attempts: 1 }] }),
      subscribe: () => () => undefined,
    };
    setTransport(t);
    useTrip.setState({ items: [line(HOLD), line('other-hold')] });
    await useTrip.getState().checkRefused();
    const items = useTrip.getState().items as FlightLine[];
    expect(items.map((i) => [i.holdId, Boolean(i.refused)])).toEqual([[HOLD, true], ['other-hold', false]]);
    expect(useTrip.getState().refusedCount()).toBe(1);
  });
});
