import type { SqlSession, SqlValue } from '../../engine/sql';
import { customerColumns, fieldError, toCustomer, type CustomerRow } from './customerRows';
import { operation } from '../operation';

/** Where a page ended: the last row's sort key (last_name, first_name, id). */
type SortKey = { last: string; first: string; id: number };

const MAX_TOKENS = 6;
const MAX_CURSOR = 200;

/**
 * The cursor is base64url of the last row's sort key. Two 80-character names do not fit the
 * contract's 200-character cursor, so a long key is sent as the id alone and looked up again.
 */
function encodeCursor(key: SortKey): string {
  const full = Buffer.from(JSON.stringify([key.last, key.first, key.id])).toString('base64url');
  return full.length <= MAX_CURSOR ? full : Buffer.from(JSON.stringify([key.id])).toString('base64url');
}

async function decodeCursor(db: SqlSession, cursor: string): Promise<SortKey> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw fieldError('cursor', 'not a cursor this search gave out');
  }
  if (Array.isArray(parsed) && parsed.length === 3 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string' && Number.isInteger(parsed[2])) {
    return { last: parsed[0], first: parsed[1], id: parsed[2] as number };
  }
  if (Array.isArray(parsed) && parsed.length === 1 && Number.isInteger(parsed[0])) {
    const id = parsed[0] as number;
    const row = await db.get<{ last_name: string; first_name: string }>('SELECT last_name, first_name FROM users WHERE id = ?', [id]);
    if (!row) throw fieldError('cursor', 'the customer this page ended at is gone; search again');
    return { last: row.last_name, first: row.first_name, id };
  }
  throw fieldError('cursor', 'not a cursor this search gave out');
}

/** `%` and `_` in what the agent typed are literal; `!` is the escape (a backslash means different things in MySQL and SQLite). */
const likeContains = (text: string) => `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;

/** Phone numbers are stored as typed ("+1 (555) 010-2000"); compare digits with digits. */
const PHONE_DIGITS = "REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(phone, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')";

/**
 * Each word the agent types must match the first name, last name, email or phone somewhere
 * (contains, case-insensitive), so "ada love" finds Ada Lovelace.
 */
function matchWords(q: string): { sql: string[]; params: SqlValue[] } {
  const sql: string[] = [];
  const params: SqlValue[] = [];
  const words = q.trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, MAX_TOKENS);
  for (const word of words) {
    const pattern = likeContains(word);
    const alternatives = [
      "LOWER(first_name) LIKE ? ESCAPE '!'",
      "LOWER(last_name) LIKE ? ESCAPE '!'",
      "LOWER(email) LIKE ? ESCAPE '!'",
      "LOWER(phone) LIKE ? ESCAPE '!'",
    ];
    params.push(pattern, pattern, pattern, pattern);
    const digits = word.replace(/\D/g, '');
    if (digits.length >= 3 && /^\+?[\d\s().-]+$/.test(word)) {
      alternatives.push(`${PHONE_DIGITS} LIKE ? ESCAPE '!'`);
      params.push(likeContains(digits));
    }
    sql.push(`(${alternatives.join(' OR ')})`);
  }
  return { sql, params };
}

export const searchCustomers = operation('customers.search', async (ctx, input) => {
  const db = ctx.engine.sql;
  const { sql: where, params } = matchWords(input.q);
  // A merged record lives on in the kept one; an erased one has no name left to find.
  where.push('merged_into_id IS NULL', 'erased_at_utc IS NULL');
  if (input.cursor) {
    const after = await decodeCursor(db, input.cursor);
    where.push('(last_name > ? OR (last_name = ? AND (first_name > ? OR (first_name = ? AND id > ?))))');
    params.push(after.last, after.last, after.first, after.first, after.id);
  }
  const rows = await db.all<CustomerRow>(
    `SELECT ${customerColumns(db)} FROM users ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY last_name, first_name, id LIMIT ?`,
    [...params, input.limit + 1]);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > input.limit && last
    ? encodeCursor({ last: last.last_name, first: last.first_name, id: Number(last.id) })
    : null;
  return { items: page.map(toCustomer), nextCursor };
});
