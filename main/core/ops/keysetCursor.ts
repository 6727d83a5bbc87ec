import { ContractError } from '../../../shared/contract';

/** A position in a newest-first list: the last item's instant and id (ties broken by id). */
export interface Keyset { ts: Date; id: string }

/** Opaque to callers: base64url of `instant|id`. */
export function encodeKeyset(k: Keyset): string {
  return Buffer.from(`${k.ts.toISOString()}|${k.id}`).toString('base64url');
}

export function decodeKeyset(cursor: string): Keyset {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const bar = text.indexOf('|');
  const ts = new Date(text.slice(0, bar));
  if (bar < 0 || Number.isNaN(ts.getTime()) || bar === text.length - 1) {
    throw new ContractError('VALIDATION', 'cursor: not a cursor this list gave out', { fields: [{ field: 'cursor', message: 'not a cursor this list gave out' }] });
  }
  return { ts, id: text.slice(bar + 1) };
}

/** The page from one more row than it holds (which says whether there is a next page). */
export function keysetPage<D, T>(docs: D[], limit: number, keyOf: (d: D) => Keyset, toItem: (d: D) => T): { items: T[]; nextCursor: string | null } {
  const page = docs.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(toItem), nextCursor: docs.length > limit && last !== undefined ? encodeKeyset(keyOf(last)) : null };
}
