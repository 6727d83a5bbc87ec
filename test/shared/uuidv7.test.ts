import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/uuidv7';

describe('uuidv7 (opIds and entry ids)', () => {
  it('makes valid, unique version-7 ids that sort in the order they were made', () => {
    const before = Date.now();
    // More ids than one draw of the random pool (256), and many within one millisecond.
    const ids = Array.from({ length: 5000 }, () => uuidv7());
    const after = Date.now();
    expect(ids.every((id) => validate(id) && version(id) === 7)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    const first = parseInt((ids[0] ?? '').replace(/-/g, '').slice(0, 12), 16);
    expect(first).toBeGreaterThanOrEqual(before);
    expect(first).toBeLessThanOrEqual(after);
  });
});
