import { describe, expect, it } from 'vitest';
import {
  anyZoneDayUtcWindow, dayDifference, isTimeZone, localDate, localDayUtcWindow, offsetMinutes, toLocalIso, zoneAbbreviation,
} from '../../shared/localTime';

const iso = (ms: number) => new Date(ms).toISOString();

describe('local time at an airport', () => {
  it('reads a UTC instant on the wall clock at the airport, with the offset in force', () => {
    expect(toLocalIso('2026-12-03T13:15:00Z', 'America/New_York')).toBe('2026-12-03T08:15:00-05:00');
    expect(toLocalIso('2026-07-03T12:15:00Z', 'America/New_York')).toBe('2026-07-03T08:15:00-04:00');
    expect(toLocalIso('2026-12-04T07:30:00Z', 'America/Los_Angeles')).toBe('2026-12-03T23:30:00-08:00');
    expect(toLocalIso('2026-12-03T18:00:00Z', 'America/Anchorage')).toBe('2026-12-03T09:00:00-09:00');
    expect(zoneAbbreviation('2026-12-03T13:15:00Z', 'America/New_York')).toBe('EST');
    expect(zoneAbbreviation('2026-07-03T12:15:00Z', 'America/New_York')).toBe('EDT');
    expect(zoneAbbreviation('2026-12-03T18:00:00Z', 'America/Anchorage')).toBe('AKST');
  });

  it('gives 01:30 twice on the fall-back night, and the right name each time', () => {
    const first = Date.parse('2026-11-01T05:30:00Z');
    const second = Date.parse('2026-11-01T06:30:00Z');
    expect([toLocalIso(first, 'America/New_York'), toLocalIso(second, 'America/New_York')])
      .toEqual(['2026-11-01T01:30:00-04:00', '2026-11-01T01:30:00-05:00']);
    expect([zoneAbbreviation(first, 'America/New_York'), zoneAbbreviation(second, 'America/New_York')]).toEqual(['EDT', 'EST']);
    const day = localDayUtcWindow('2026-11-01', 'America/New_York');
    expect([iso(day.startMs), iso(day.endMs)]).toEqual(['2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z']);
    expect((day.endMs - day.startMs) / 3_600_000).toBe(25);
  });

  it('skips from 01:59 to 03:00 on the spring-forward night; that day has 23 hours', () => {
    expect(toLocalIso('2026-03-08T06:59:00Z', 'America/New_York')).toBe('2026-03-08T01:59:00-05:00');
    expect(toLocalIso('2026-03-08T07:00:00Z', 'America/New_York')).toBe('2026-03-08T03:00:00-04:00');
    const day = localDayUtcWindow('2026-03-08', 'America/New_York');
    expect([iso(day.startMs), iso(day.endMs)]).toEqual(['2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
    expect((day.endMs - day.startMs) / 3_600_000).toBe(23);
  });

  it('keeps a flight crossing the change to its two offsets: 6 h 10 min in the air, 3 h 10 min on the clocks', () => {
    // Leaves JFK 01:00 EDT on the fall-back night, lands at LAX after both zones went back.
    const departs = toLocalIso('2026-11-01T05:00:00Z', 'America/New_York');
    const arrives = toLocalIso('2026-11-01T11:10:00Z', 'America/Los_Angeles');
    expect([departs, arrives]).toEqual(['2026-11-01T01:00:00-04:00', '2026-11-01T03:10:00-08:00']);
    expect(dayDifference(departs, arrives)).toBe(0);
  });

  it('leaves Phoenix on MST all year and Honolulu on HST', () => {
    for (const at of ['2026-01-15T19:00:00Z', '2026-07-15T19:00:00Z', '2026-03-08T12:00:00Z', '2026-11-01T12:00:00Z']) {
      expect(offsetMinutes(at, 'America/Phoenix')).toBe(-420);
      expect(zoneAbbreviation(at, 'America/Phoenix')).toBe('MST');
      expect(offsetMinutes(at, 'Pacific/Honolulu')).toBe(-600);
      expect(zoneAbbreviation(at, 'Pacific/Honolulu')).toBe('HST');
    }
    // Denver moved on 8 March; Phoenix did not.
    expect(localDayUtcWindow('2026-07-01', 'America/Phoenix').startMs).toBe(Date.parse('2026-07-01T07:00:00Z'));
    expect(localDayUtcWindow('2026-07-01', 'America/Denver').startMs).toBe(Date.parse('2026-07-01T06:00:00Z'));
  });

  it('counts the local days between departure and arrival for the "+1"', () => {
    // LAX 23:30 PST red-eye into JFK 07:45 EST.
    expect(dayDifference(toLocalIso('2026-12-04T07:30:00Z', 'America/Los_Angeles'), toLocalIso('2026-12-04T12:45:00Z', 'America/New_York'))).toBe(1);
    // HNL 22:00 HST into LAX 05:30 PST.
    expect(dayDifference('2026-12-03T22:00:00-10:00', '2026-12-04T05:30:00-08:00')).toBe(1);
    expect(dayDifference('2026-12-03T08:15:00-05:00', '2026-12-03T11:30:00-08:00')).toBe(0);
    // Westbound across the date line the clocks can go back a day.
    expect(dayDifference('2026-12-03T01:00:00+12:00', '2026-12-02T08:00:00-10:00')).toBe(-1);
  });

  it('gives the local calendar date, and a UTC window that holds a date in every zone', () => {
    expect(localDate('2026-12-04T07:30:00Z', 'America/Los_Angeles')).toBe('2026-12-03');
    expect(localDate('2026-12-04T07:30:00Z', 'America/New_York')).toBe('2026-12-04');
    const wide = anyZoneDayUtcWindow('2026-12-03');
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Honolulu', 'America/Anchorage', 'America/New_York', 'Etc/GMT+12']) {
      const day = localDayUtcWindow('2026-12-03', zone);
      expect(day.startMs).toBeGreaterThanOrEqual(wide.startMs);
      expect(day.endMs).toBeLessThanOrEqual(wide.endMs);
    }
  });

  it('knows a real zone from a made-up one', () => {
    expect(isTimeZone('America/Boise')).toBe(true);
    expect(isTimeZone('America/Springfield')).toBe(false);
  });
});
