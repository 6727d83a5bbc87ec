// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope, Mode } from '../../../shared/contract';
import { setTransport } from '../../../renderer/client/contractClient';
import { ModeBanner } from '../../../renderer/features/sync/ModeBanner';
import { useSync } from '../../../renderer/client/syncStore';
import { fakeTransport } from '../support/fakeTransport';

const flush = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });

/**
 * The banner on a fake core whose sync.status read answers `status`, started from the mode auth.me
 * gave; `push` delivers a push event as the core would.
 */
async function mountBanner(status: Envelope<unknown>, initialMode: Mode) {
  const core = fakeTransport(() => status);
  setTransport(core.t);
  const stop = useSync.getState().start(initialMode);
  render(<ModeBanner />);
  await flush();
  return { stop, push: (event: string, payload: unknown) => act(() => core.emit(event, payload)) };
}

afterEach(() => {
  cleanup();
  setTransport(null);
  useSync.setState({ mode: null, pending: 0, conflicts: 0, progress: null, lastSyncUtc: null, offlineCopy: null });
});

describe('mode banner', () => {
  it('says the mode in words and the pending count, and follows sync.status pushes', async () => {
    const { stop, push } = await mountBanner({ ok: true, value: { mode: 'online', pending: 0, conflicts: 0, lastSyncUtc: null, progress: null, offlineCopy: { state: 'complete', percent: 100 } } }, 'standalone');
    expect(screen.getByTestId('mode').textContent).toBe('Online');
    expect(screen.getByText('0 pending sync')).toBeTruthy();

    push('sync.status', { mode: 'offline', pending: 3, conflicts: 1, lastSyncUtc: '2030-01-01T10:00:00.000Z', progress: null, offlineCopy: { state: 'complete', percent: 100 } });
    expect(screen.getByTestId('mode').textContent).toBe('Offline');
    expect(screen.getByText(/3 pending sync/)).toBeTruthy();
    expect(screen.getByRole('button', { name: '1 need attention' })).toBeTruthy();
    // A payload that breaks the contract is ignored, not shown.
    push('sync.status', { mode: 'sideways' });
    expect(screen.getByTestId('mode').textContent).toBe('Offline');
    stop();
  });

  it('offline during a sync says the device is catching up, not that the servers are unreachable', async () => {
    const { stop, push } = await mountBanner({ ok: true, value: { mode: 'offline', pending: 0, conflicts: 0, lastSyncUtc: null, progress: null, offlineCopy: { state: 'complete', percent: 100 } } }, 'offline');
    expect(screen.getByText(/^Servers unreachable/)).toBeTruthy();
    push('sync.progress', { phase: 'Downloading flights', done: 5000, total: 20000 });
    expect(screen.getByTestId('mode').textContent).toBe('Offline');
    expect(screen.getByText(/^Catching up with the central servers/)).toBeTruthy();
    expect(screen.queryByText(/^Servers unreachable/)).toBeNull();
    // The run stopped without reaching them: unreachable again.
    push('sync.status', { mode: 'offline', pending: 0, conflicts: 0, lastSyncUtc: null, progress: null, offlineCopy: { state: 'complete', percent: 100 } });
    expect(screen.getByText(/^Servers unreachable/)).toBeTruthy();
    push('sync.progress', { phase: 'Sending offline changes', done: 0, total: 2 });
    push('sync.status', { mode: 'online', pending: 0, conflicts: 0, lastSyncUtc: '2030-01-01T10:00:00.000Z', progress: null, offlineCopy: { state: 'complete', percent: 100 } });
    expect(screen.getByTestId('mode').textContent).toBe('Online');
    stop();
  });

  it('a new console online while its copy downloads says so with the percent; offline on a partial copy says what it means', async () => {
    const status = (mode: Mode, state: 'complete' | 'downloading' | 'partial', percent: number) =>
      ({ mode, pending: 0, conflicts: 0, lastSyncUtc: null, progress: null, offlineCopy: { state, percent } });
    const { stop, push } = await mountBanner({ ok: true, value: status('online', 'downloading', 43) }, 'offline');
    expect(screen.getByTestId('mode').textContent).toBe('Online — preparing offline copy 43%');
    push('sync.status', status('online', 'downloading', 71));
    expect(screen.getByTestId('mode').textContent).toBe('Online — preparing offline copy 71%');
    // The line dropped before the end: offline on what it has, and searches may miss some.
    push('sync.status', status('offline', 'partial', 71));
    expect(screen.getByTestId('mode').textContent).toBe('Offline — offline copy 71%');
    expect(screen.getByText(/searches may miss some results/)).toBeTruthy();
    push('sync.status', status('online', 'complete', 100));
    expect(screen.getByTestId('mode').textContent).toBe('Online');
    stop();
  });

  it('shows a progress bar while sync.progress events arrive', async () => {
    const { stop, push } = await mountBanner({ ok: false, error: { code: 'NOT_FOUND', message: 'sync.status is not available yet.' } }, 'standalone');
    // Without a sync service the mode from auth.me stands.
    expect(screen.getByTestId('mode').textContent).toBe('Standalone');
    expect(screen.queryByRole('progressbar')).toBeNull();
    push('sync.progress', { phase: 'replaying outbox', done: 2, total: 5 });
    const bar = screen.getByRole('progressbar', { name: 'Sync progress: replaying outbox' }) as HTMLProgressElement;
    expect(bar.value).toBe(2);
    expect(bar.max).toBe(5);
    expect(screen.getByText('2 / 5')).toBeTruthy();
    stop();
  });
});
