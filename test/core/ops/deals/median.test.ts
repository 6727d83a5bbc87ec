import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median, SortedPrices } from '../../../../main/core/ops/deals/median';

describe('SortedPrices', () => {
  it('gives the median of the prices it holds, as median() does, however they come and go', () => {
    // Each step adds a price, or (negative) takes out the one added that many steps back, if still in.
    fc.assert(fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: -20, max: -1 })), { maxLength: 200 }), (steps) => {
      const window = new SortedPrices();
      const held: number[] = [];
      const added: number[] = [];
      for (const step of steps) {
        if (step >= 0) {
          window.add(step);
          held.push(step);
          added.push(step);
        } else {
          const price = added[added.length + step];
          const at = price === undefined ? -1 : held.indexOf(price);
          if (price === undefined || at < 0) continue;
          window.remove(price);
          held.splice(at, 1);
        }
        expect(window.size).toBe(held.length);
        expect(window.median()).toBe(median(held));
      }
    }), { numRuns: 300 });
  });
});
