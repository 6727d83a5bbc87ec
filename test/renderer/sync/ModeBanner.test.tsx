// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/contract';
import { setTransport, type Transport } from '../../../renderer/client/contractClient';
import { ModeBanner } from '../../../renderer/features/sync/ModeBanner';
import { useSync } from '../../../renderer/features/sync/syncStore';

function fakeCore(status: Envelope<unknown>) {
  const listeners = new Map<string, (p: unknown) => void>();
  const t: Transport = {
    kind: 'electron',
    invoke: async () => status,
    subscribe(event, cb) {
      listeners.set(event, cb);
      return () => listeners.delete(event);
    },
  };
  return { t, push: (event: string, payload: unknown) => act(() => listeners.get(event)?.(payload)) };
}

const flush = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });

afterEach(() => {
  cleanup();
  setTransport(null);
  useSync.setState({ mode: null, pending: 0, conflicts: 0, progress: null, lastSyncUtc: null });
});

describe('mode banner', () => {
  it('says the mode in words and the pending count, and follows sync.status pushes', async () => {
    const core = fakeCore({ ok: true, value: { mode: 'online', pending: 0, conflicts: 0, lastSyncUtc: null, progress: null } });
    setTransport(core.t);
    const stop = useSync.getState().start('standalone');
    render(<ModeBanner />);
    await flush();
    expect(screen.getByTestId('mode').textContent).toBe('Online');
    expect(screen.getByText('0 pending sync')).toBeTruthy();

    core.push('sync.status', { mode: 'offline', pending: 3, conflicts: 1, lastSyncUtc: '2030-01-01T10:00:00.000Z', progress: null });
    expect(screen.getByTestId('mode').textContent).toBe('Offline');
    expect(screen.getByText(/3 pending sync/)).toBeTruthy();
    expect(screen.getByRole('button', { name: '1 need attention' })).toBeTruthy();
    // A payload that breaks the contract is ignored, not shown.
    core.push('sync.status', { mode: 'sideways' });
    expect(screen.getByTestId('mode').textContent).toBe('Offline');
    stop();
  });

  it('offline during a sync says the device is catching up, not that the servers are unreachable', async () => {
    const core = fakeCore({ ok: true, value: { mode: 'offline', pending: 0, conflicts: 0, lastSyncUtc: null, progress: null } });
    setTransport(core.t);
    const stop = useSync.getState().start('offline');
    render(<ModeBanner />);
    await flush();
    expect(screen.getByText(/^Servers unreachable/)).toBeTruthy();
    core.push('sync.progress', { phase: 'Downloading flights', done: 5000, total: 20000 });
    expect(screen.getByTestId('mode').textContent).toBe('Offline');
    expect(screen.getByText(/^Catching up with the central servers/)).toBeTruthy();
    expect(screen.queryByText(/^Servers unreachable/)).toBeNull();
    // The run stopped without reaching them: unreachable again.
    core.push('sync.status', { mode: 'offline', pending: 0, conflicts: 0, lastSyncUtc: null, progress: null });
    expect(screen.getByText(/^Servers unreachable/)).toBeTruthy();
    core.push('sync.progress', { phase: 'Sending offline changes', done: 0, total: 2 });
    core.push('sync.status', { mode: 'online', pending: 0, conflicts: 0, lastSyncUtc: '2030-01-01T10:00:00.000Z', progress: null });
    expect(screen.getByTestId('mode').textContent).toBe('Online');
    stop();
  });

  it('shows a progress bar while sync.progress events arrive', async () => {
    const core = fakeCore({ ok: false, error: { code: 'NOT_FOUND', message: 'sync.status is not available yet.' } });
    setTransport(core.t);
    const stop = useSync.getState().start('standalone');
    render(<ModeBanner />);
    await flush();
    // Without a sync service the mode from auth.me stands.
    expect(screen.getByTestId('mode').textContent).toBe('Standalone');
    expect(screen.queryByRole('progressbar')).toBeNull();
    core.push('sync.progress', { phase: 'replaying outbox', done: 2, total: 5 });
    const bar = screen.getByRole('progressbar', { name: 'Sync progress: replaying outbox' }) as HTMLProgressElement;
    expect(bar.value).toBe(2);
    expect(bar.max).toBe(5);
    expect(screen.getByText('2 / 5')).toBeTruthy();
    stop();
  });
});
