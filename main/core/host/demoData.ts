import type { PushEventName } from '../../../shared/contract';
import type { SqliteDb } from '../engine/sqlite/sqliteDb';
import type { CoreConfig } from '../config';
import type { LogFn } from '../engine/logs';

export interface DemoProgress { phase: string; done: number; total: number }
export type DemoSeeder = (db: SqliteDb, report: (p: DemoProgress) => void, config: CoreConfig, signal?: AbortSignal) => Promise<void>;

/** A phase still running after this long gets another terminal line. */
const QUIET_MS = 5_000;
/**
 * The last progress is told again this often: a window that connects mid-phase (the password
 * hashing is one long step) learns within this time that the demo is loading.
 */
export const DEMO_STATUS_REPEAT_MS = 500;

/**
 * The first standalone start's demo load, told three ways: the terminal or log file gets a line
 * per phase (and one every few seconds in a long phase) ending with "Demo data ready in N s";
 * the window gets each step as `sync.progress` and as a standalone `sync.status` whose progress
 * is set — standalone has no sync, so that status means the demo is loading, and the same status
 * with no progress means it is ready.
 */
export async function loadDemoData(deps: {
  sql: SqliteDb;
  seed: DemoSeeder;
  config: CoreConfig;
  emit: (event: PushEventName, payload: unknown) => void;
  log: LogFn;
  signal?: AbortSignal;
  /** Milliseconds on a steady clock, for the line that says how long it took. */
  clock?: () => number;
}): Promise<void> {
  const clock = deps.clock ?? (() => performance.now());
  const started = clock();
  const status = (progress: DemoProgress | null) =>
    deps.emit('sync.status', { mode: 'standalone', pending: 0, conflicts: 0, lastSyncUtc: null, progress, offlineCopy: { state: 'complete', percent: 100 } });
  let phase = '';
  let lastLine = started;
  let last: DemoProgress = { phase: 'starting', done: 0, total: 0 };
  const report = (p: DemoProgress) => {
    last = p;
    deps.emit('sync.progress', p);
    status(p);
    const finished = p.done >= p.total;
    const at = clock();
    if ((finished && p.total > 0) || (p.phase === phase && at - lastLine >= QUIET_MS)) {
      deps.log('info', `Loading demo data: ${p.phase} ${p.done}/${p.total}`);
      lastLine = at;
    } else if (p.phase !== phase) {
      lastLine = at;
    }
    phase = p.phase;
  };
  status(last);
  const repeat = setInterval(() => status(last), DEMO_STATUS_REPEAT_MS);
  repeat.unref?.();
  try {
    await deps.seed(deps.sql, report, deps.config, deps.signal);
  } catch (err) {
    // The window stops waiting: a sign-in then says what is wrong instead of a bar that never ends.
    status(null);
    throw err;
  } finally {
    clearInterval(repeat);
  }
  const seconds = (clock() - started) / 1000;
  deps.log('info', `Demo data ready in ${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`);
  status(null);
}
