import { describe, expect, it } from 'vitest';
import { fromDbInstant, toDbInstant } from '../../shared/time';

describe('toDbInstant (UTC text both engines store)', () => {
  it('formats a Date, epoch ms and ISO text alike, and each millisecond apart', () => {
    const at = Date.UTC(2026, 10, 26, 9, 5, 7, 42);
    expect(toDbInstant(at)).toBe('2026-11-26 09:05:07.042');
    expect(toDbInstant(new Date(at))).toBe('2026-11-26 09:05:07.042');
    expect(toDbInstant('2026-11-26T09:05:07.042Z')).toBe('2026-11-26 09:05:07.042');
    // The same instant again (the cached text), then the next millisecond.
    expect(toDbInstant(at)).toBe('2026-11-26 09:05:07.042');
    expect(toDbInstant(at + 1)).toBe('2026-11-26 09:05:07.043');
    expect(fromDbInstant(toDbInstant(at))).toBe('2026-11-26T09:05:07.042Z');
  });

  it('refuses what is not an instant', () => {
    expect(() => toDbInstant('next tuesday')).toThrow(RangeError);
    expect(() => toDbInstant(Number.NaN)).toThrow(RangeError);
  });
});
