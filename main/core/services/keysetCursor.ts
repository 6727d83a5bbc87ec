import { ContractError } from '../../../shared/contract';

/** A position in a newest-first list: the last item's instant and id (ties broken by id). */
export interface Keyset { ts: Date; id: string }

export function encodeKeyset(k: Keyset): string {
  return `${k.ts.toISOString()}|${k.id}`;
}

export function decodeKeyset(cursor: string): Keyset {
  const bar = cursor.indexOf('|');
  const ts = new Date(cursor.slice(0, bar));
  if (bar < 0 || Number.isNaN(ts.getTime())) throw new ContractError('VALIDATION', 'cursor: not a cursor this channel gave', { field: 'cursor' });
  return { ts, id: cursor.slice(bar + 1) };
}

/** Asks for one more than the page holds, so the answer knows whether there is a next page. */
export function keysetPage<T, D extends Keyset>(docs: D[], limit: number, toItem: (d: D) => T): { items: T[]; nextCursor: string | null } {
  const page = docs.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(toItem), nextCursor: docs.length > limit && last ? encodeKeyset(last) : null };
}
