import { act } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/contract';
import { setTransport, type Transport } from '../../../renderer/client/contractClient';
import { useSync } from '../../../renderer/client/syncStore';

function fakeCore(statusRead: () => Promise<unknown> = async () => ({ mode: 'online', pending: 2, conflicts: 0, lastSyncUtc: null, progress: null, offlineCopy: { state: 'complete', percent: 100 } })) {
  const listeners = new Map<string, (p: unknown) => void>();
  const t: Transport = {
    kind: 'electron',
    invoke: async (): Promise<Envelope<unknown>> => ({ ok: true, value: await statusRead() }),
    subscribe(event, cb) {
      listeners.set(event, cb as (p: unknown) => void);
      return () => listeners.delete(event);
    },
  };
  return { t, push: (event: string, payload: unknown) => act(() => listeners.get(event)?.(payload)) };
}

afterEach(() => {
  setTransport(null);
  useSync.setState({ mode: null, pending: 0, conflicts: 0, progress: null, lastSyncUtc: null, offlineCopy: null });
});

describe('sync progress', () => {
  it('clears the bar as soon as a sync.status push says progress: null', async () => {
    const core = fakeCore();
    setTransport(core.t);
    const stop = useSync.getState().start('online');
    await act(async () => { await new Promise((r) => setTimeout(r, 0)); });
    core.push('sync.progress', { phase: 'Sending changes', done: 1, total: null });
    expect(useSync.getState().progress).toMatchObject({ phase: 'Sending changes' });
    core.push('sync.status', { mode: 'online', pending: 0, conflicts: 0, lastSyncUtc: '2030-01-01T10:00:00.000Z', progress: null, offlineCopy: { state: 'complete', percent: 100 } });
    expect(useSync.getState().progress).toBeNull();
    expect(useSync.getState().pending).toBe(0);
    stop();
  });

  it('keeps Offline when the push overtakes a status read that was already on its way', async () => {
    let answer: (v: unknown) => void = () => undefined;
    const core = fakeCore(() => new Promise((resolve) => { answer = resolve; }));
    setTransport(core.t);
    const stop = useSync.getState().start('online');
    // The read at start is in flight when the core switches to offline and says so.
    core.push('sync.status', { mode: 'offline', pending: 0, conflicts: 0, lastSyncUtc: null, progress: null, offlineCopy: { state: 'complete', percent: 100 } });
    await act(async () => {
      answer({ mode: 'online', pending: 0, conflicts: 0, lastSyncUtc: null, progress: null, offlineCopy: { state: 'complete', percent: 100 } });
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(useSync.getState().mode).toBe('offline');
    stop();
  });
});
