import { describe, expect, it } from 'vitest';
import { lookupOnce } from '../../../renderer/client/lookupOnce';

function store() {
  const state: { byId: Record<number, string | null> } = { byId: {} };
  const asked: number[] = [];
  const slice = { get: () => state.byId, set: (byId: Record<number, string | null>) => { state.byId = byId; } };
  const fetch = async (id: number) => {
    asked.push(id);
    await Promise.resolve();
    if (id < 0) throw new Error('not found');
    return `#${id}`;
  };
  return { state, asked, slice, fetch };
}

describe('names for ids on screen, looked up once each', () => {
  it('asks once per id, even when the screen asks again while the first lookup is on its way', async () => {
    const s = store();
    const ensure = lookupOnce(s.slice, s.fetch);
    await Promise.all([ensure([1, 2, 1]), ensure([2, 3])]);
    expect(s.asked.sort()).toEqual([1, 2, 3]);
    expect(s.state.byId).toEqual({ 1: '#1', 2: '#2', 3: '#3' });
    await ensure([1, 2, 3]);
    expect(s.asked).toHaveLength(3);
  });

  it('a failed lookup is remembered as null and not asked for again', async () => {
    const s = store();
    const ensure = lookupOnce(s.slice, s.fetch);
    await ensure([-1]);
    expect(s.state.byId).toEqual({ [-1]: null });
    await ensure([-1]);
    expect(s.asked).toEqual([-1]);
  });

  it('with retryFailed, a failed lookup is tried again on the next ask', async () => {
    const s = store();
    const ensure = lookupOnce(s.slice, s.fetch, { retryFailed: true });
    await ensure([-1]);
    await ensure([-1]);
    expect(s.asked).toEqual([-1, -1]);
    expect(s.state.byId).toEqual({ [-1]: null });
  });
});
