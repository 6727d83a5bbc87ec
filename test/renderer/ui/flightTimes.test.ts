import { describe, expect, it } from 'vitest';
import { formatArrival, formatFlightTimes, formatItemWhen, formatLocalDateTime, formatLocalTime, zonedTimes } from '../../../renderer/ui/flightTimes';

/** What the agent reads to the traveller: each airport's own clock, with its zone, and "+1" on a next-day arrival. */
describe('flight times on screen', () => {
  it('shows the departure on the origin clock and the arrival on the destination clock', () => {
    const f = zonedTimes('2026-12-03T13:15:00.000Z', '2026-12-03T19:30:00.000Z', 'America/New_York', 'America/Los_Angeles');
    expect(formatLocalTime(f.departureLocal, f.departureTimeZone)).toBe('08:15 EST');
    expect(formatArrival(f)).toBe('11:30 PST');
    expect(formatFlightTimes(f)).toBe('Thu, Dec 3, 2026 08:15 EST → 11:30 PST');
  });

  it('marks a red-eye that lands the next local day with +1', () => {
    const redEye = zonedTimes('2026-12-04T07:30:00.000Z', '2026-12-04T12:45:00.000Z', 'America/Los_Angeles', 'America/New_York');
    expect(formatFlightTimes(redEye)).toBe('Thu, Dec 3, 2026 23:30 PST → 07:45 EST +1');
    const honolulu = zonedTimes('2026-12-04T08:00:00.000Z', '2026-12-04T13:30:00.000Z', 'Pacific/Honolulu', 'America/Los_Angeles');
    expect(formatFlightTimes(honolulu)).toBe('Thu, Dec 3, 2026 22:00 HST → 05:30 PST +1');
  });

  it('tells the two 01:30s of the fall-back night apart, and keeps Phoenix on MST in July', () => {
    expect(formatLocalDateTime('2026-11-01T01:30:00-04:00', 'America/New_York')).toBe('Sun, Nov 1, 2026 01:30 EDT');
    expect(formatLocalDateTime('2026-11-01T01:30:00-05:00', 'America/New_York')).toBe('Sun, Nov 1, 2026 01:30 EST');
    const phx = zonedTimes('2026-07-02T06:30:00.000Z', '2026-07-02T07:45:00.000Z', 'America/Phoenix', 'America/Los_Angeles');
    expect(formatFlightTimes(phx)).toBe('Wed, Jul 1, 2026 23:30 MST → 00:45 PDT +1');
  });

  it('shows a stay and a rental as calendar days, never as midnight UTC', () => {
    const stay = { kind: 'hotel' as const, startUtc: '2026-12-03T00:00:00.000Z', endUtc: '2026-12-06T00:00:00.000Z' };
    expect([formatItemWhen(stay, 'start'), formatItemWhen(stay, 'end')]).toEqual(['Thu, Dec 3, 2026', 'Sun, Dec 6, 2026']);
    const flight = { kind: 'flight' as const, startUtc: '2026-12-04T07:30:00.000Z', endUtc: '2026-12-04T12:45:00.000Z', startTimeZone: 'America/Los_Angeles', endTimeZone: 'America/New_York' };
    expect([formatItemWhen(flight, 'start'), formatItemWhen(flight, 'end')]).toEqual(['Thu, Dec 3, 2026 23:30 PST', 'Fri, Dec 4, 2026 07:45 EST']);
    // Without its zones (a long-past flight a device no longer mirrors) a flight stays in UTC, said so.
    expect(formatItemWhen({ kind: 'flight', startUtc: flight.startUtc, endUtc: flight.endUtc }, 'start')).toBe('Dec 4, 2026, 07:30 UTC');
  });
});
