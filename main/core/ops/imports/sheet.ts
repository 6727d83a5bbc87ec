import type { SqlSession } from '../../engine/sql';
import type { InventoryChange } from '../inventory/inventoryChange';
import type { CsvLine, HeaderRule, ProblemLog, Progress } from './csvLines';

/** What an import will write once every line is good, and what that moves for deals and watches. */
export interface Plan {
  readonly rows: readonly unknown[];
  readonly created: number;
  readonly updated: number;
  readonly changes: InventoryChange[];
}

/**
 * One kind of file: its header, how one line reads (without the database), how the lines are
 * checked against the database (`lock` is the session's row-lock clause in the real run, '' in a
 * dry run), and how the plan is written.
 */
export interface Sheet<L> {
  readonly header: HeaderRule;
  line(l: CsvLine, log: ProblemLog): L | undefined;
  check(db: SqlSession, lines: L[], log: ProblemLog, lock: string): Promise<Plan>;
  /**
   * `nowMs`: the console's clock, for the rows' updated-at times. Answers what the plan could not
   * know before writing: the changes of rows it created (a new flight's id), for deals and watches.
   */
  apply(db: SqlSession, plan: Plan, progress: Progress, nowMs: number): Promise<InventoryChange[]>;
}

export function* inBatches<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let at = 0; at < items.length; at += size) yield items.slice(at, at + size);
}

/**
 * SQLite answers synchronously, so a long import would hold the event loop from its first batch
 * to its COMMIT: after each batch it lets the loop run, so progress reaches the window (other
 * calls wait for the transaction as they would anyway). A turn of the loop costs microseconds.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
