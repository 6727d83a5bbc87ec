import type { Db, MongoClient } from 'mongodb';
import type { MysqlDb } from '../engine/mysql/mysqlDb';

/** The central servers a console in central mode talks to. */
export interface CentralLink {
  mysql: MysqlDb;
  mongoClient: MongoClient;
  mongoDb: Db;
}

export type Connectivity = 'online' | 'offline';

const PING_TIMEOUT_MS = 3_000;
const ONLINE_PING_MS = 5_000;
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms); }),
  ]);
}

/**
 * Asks both servers whether they are there; throws when either does not answer. A bounded wait:
 * a stalled network would otherwise hold the watch (and the switch to offline) indefinitely.
 */
export async function pingCentral(link: CentralLink): Promise<void> {
  await withTimeout(link.mysql.get('SELECT 1 AS up'), PING_TIMEOUT_MS, 'MySQL');
  await withTimeout(link.mongoDb.command({ ping: 1 }), PING_TIMEOUT_MS, 'MongoDB');
}

export interface ConnectivityHooks {
  /** Whether the servers are there and ready; false (never a throw) when they are not. */
  probe(): Promise<boolean>;
  /**
   * Online, instead of the probe: a pull of others' changes, which answers whether the servers
   * are there as well as a ping would, and keeps the copy current for when the line goes. An idle
   * console then costs the server one query per tick, not a ping and a pull. False (never a
   * throw) when the pull could not reach them.
   */
  refresh?(): Promise<boolean>;
  /** The servers answered while offline: catch up (a sync, which goes online when it gets through). */
  back(): Promise<void>;
  /** The mode changed (the window shows it). */
  changed(mode: Connectivity): void;
}

/**
 * Watches the central servers and says whether the console is online. Online it pulls (or pings) every 5 s;
 * offline it backs off (1 s, 2 s, 4 s … up to 30 s) so a console left offline for a day does not
 * knock on a dead server every second. It starts offline: online is earned by a sync.
 */
export class ConnectivityWatch {
  private current: Connectivity = 'offline';
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private closed = false;

  constructor(private readonly hooks: ConnectivityHooks) {}

  mode(): Connectivity {
    return this.current;
  }

  set(mode: Connectivity): void {
    if (this.current === mode) return;
    this.current = mode;
    this.hooks.changed(mode);
  }

  /** Begins the pings (the first check is the caller's: start-up waits for it). */
  start(): void {
    this.schedule();
  }

  private schedule(): void {
    if (this.closed) return;
    const delay = this.current === 'online' ? ONLINE_PING_MS : Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(this.failures, 5));
    this.timer = setTimeout(() => void this.tick(), delay);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    const up = this.current === 'online' && this.hooks.refresh ? await this.hooks.refresh() : await this.hooks.probe();
    if (up && this.current === 'offline') await this.hooks.back();
    if (!up) {
      this.failures++;
      this.set('offline');
    } else {
      this.failures = 0;
    }
    this.schedule();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
