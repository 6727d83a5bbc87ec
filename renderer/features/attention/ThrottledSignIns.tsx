import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../../shared/contract';
import { call } from '../../client/contractClient';
import { useSession } from '../../client/sessionStore';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatInstant } from '../../ui/format';

/** How far back a supervisor is shown throttled accounts. */
const WINDOW_MS = 24 * 3_600_000;

/** The sign-in throttle's audit entries (ops/auth/signIn.ts recordThrottling) start so. */
const THROTTLED = /^sign-in throttled/;

interface Throttled {
  operatorId: string;
  latest: AuditEntry;
  times: number;
}

/** One row per account: the newest entry and how often it was throttled in the window. */
function byAccount(entries: AuditEntry[]): Throttled[] {
  const out = new Map<string, Throttled>();
  for (const e of entries) {
    if (!THROTTLED.test(e.summary)) continue;
    const key = e.entityId ?? '?';
    const seen = out.get(key);
    if (!seen) out.set(key, { operatorId: key, latest: e, times: 1 });
    else {
      seen.times += 1;
      if (e.atUtc > seen.latest.atUtc) seen.latest = e;
    }
  }
  return [...out.values()].sort((a, b) => b.latest.atUtc.localeCompare(a.latest.atUtc));
}

/**
 * Repeated sign-in throttling of one account is someone guessing its password (or a colleague
 * locked out): supervisors see it here, from the audit trail it is written to, without having to
 * search the trail. Agents may not read the trail, so they are not shown the section.
 */
export function ThrottledSignIns() {
  const isSupervisor = useSession((s) => s.can('supervisor'));
  const [rows, setRows] = useState<Throttled[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!isSupervisor) return;
    let live = true;
    call('audit.list', { entity: 'operator', from: new Date(Date.now() - WINDOW_MS).toISOString(), limit: 500 }).then(
      (entries) => { if (live) { setRows(byAccount(entries)); setError(null); } },
      (err: unknown) => { if (live) setError(err); },
    );
    return () => { live = false; };
  }, [isSupervisor, attempt]);
  if (!isSupervisor) return null;
  return (
    <section className="card" aria-labelledby="throttled-title">
      <h2 id="throttled-title">Sign-ins throttled {rows ? `(${rows.length})` : ''}</h2>
      <ErrorNote error={error} onRetry={() => setAttempt((n) => n + 1)} />
      {rows && rows.length === 0 && <p className="muted">No account was throttled for wrong passwords in the last 24 hours.</p>}
      {rows && rows.length > 0 && (
        <ul className="plain-list" aria-label="Accounts throttled">
          {rows.map((r) => (
            <li key={r.operatorId} data-testid="throttled-account">
              <strong>{formatInstant(r.latest.atUtc)}</strong>
              {r.times > 1 ? ` — throttled ${r.times} times in 24 hours` : ''}
              <p>{r.latest.summary}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
