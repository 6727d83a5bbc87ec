import type { Mode, OfflineCopy } from '../../../shared/contract';
import { navigate } from '../../client/router';
import { useSession } from '../../client/sessionStore';
import { useSync } from '../../client/syncStore';
import { formatInstant } from '../../ui/format';

const MODE_WORDS = {
  standalone: { label: 'Standalone', help: 'This device is the store of record; nothing to sync.' },
  online: { label: 'Online', help: 'Connected to the central servers; changes are final.' },
  offline: { label: 'Offline', help: 'Servers unreachable: changes are saved here and sent when they return.' },
} as const;

const CATCHING_UP = {
  label: 'Offline',
  help: 'Catching up with the central servers: until it is done, changes are saved here and sent after.',
} as const;

/**
 * The mode's words with the offline copy's state where it is not whole: online while it downloads
 * (a new console works at once), offline when the download stopped short (searches may miss some).
 */
function modeWords(mode: Mode | null, copy: OfflineCopy | null, catchingUp: boolean): { label: string; help: string } | null {
  if (!mode) return null;
  if (mode === 'online' && copy?.state === 'downloading') {
    return { label: `Online — preparing offline copy ${copy.percent}%`, help: 'Connected to the central servers; changes are final. The copy for working offline is downloading.' };
  }
  if (mode === 'offline' && catchingUp) return CATCHING_UP;
  if (mode === 'offline' && copy && copy.state !== 'complete') {
    return { label: `Offline — offline copy ${copy.percent}%`, help: 'Servers unreachable, and this device had not finished its offline copy: searches may miss some results.' };
  }
  return MODE_WORDS[mode];
}

/** The top banner: the mode in words, what is waiting to sync, and sync progress. */
export function ModeBanner() {
  const sync = useSync();
  const sessionMode = useSession((s) => s.mode);
  const mode = sync.mode ?? sessionMode;
  const p = sync.progress;
  // Offline while a sync runs means the servers answered and this device is catching up (its
  // first download, or the outbox and changes after a cut): not that they are unreachable.
  const words = modeWords(mode, sync.offlineCopy, p !== null);
  return (
    <div className={`mode-banner mode-${mode ?? 'unknown'}`} role="region" aria-label="Connection and sync status">
      <span className="mode-pill" data-testid="mode" title={words?.help}>
        <span className="mode-dot" aria-hidden="true" />
        {words?.label ?? 'Connecting…'}
      </span>
      {words && <span className="mode-help">{words.help}</span>}
      <span className="sync-count" aria-live="polite">
        {sync.pending} pending sync
        {sync.conflicts > 0 && (
          <>
            {' · '}
            <button type="button" className="link" onClick={() => navigate('/attention')}>
              {sync.conflicts} need attention
            </button>
          </>
        )}
      </span>
      {sync.lastSyncUtc && <span className="muted">Last sync {formatInstant(sync.lastSyncUtc)}</span>}
      {mode && mode !== 'standalone' && (
        <button type="button" className="btn btn-small" onClick={() => void sync.syncNow()} disabled={sync.syncing}>
          {sync.syncing ? 'Syncing…' : 'Sync now'}
        </button>
      )}
      {!sync.eventsUp && <span className="badge badge-bad" role="status">Live updates disconnected — reconnecting</span>}
      {p && (
        <span className="sync-progress">
          <span className="muted">{p.phase}</span>{' '}
            {p.total ? (
              <progress max={p.total} value={Math.min(p.done, p.total)} aria-label={`Sync progress: ${p.phase}`} />
            ) : (
              <progress aria-label={`Sync progress: ${p.phase}`} />
            )}{' '}
            <span className="muted">{p.total ? `${p.done} / ${p.total}` : p.done}</span>
        </span>
      )}
    </div>
  );
}
