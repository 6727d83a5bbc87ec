import { stringify } from 'csv-stringify/sync';

/**
 * OWASP's CSV injection guard: a spreadsheet runs a cell that starts with = + - @ (or a tab or
 * carriage return before one) as a formula, so such a cell is given a leading single quote, which
 * spreadsheets show as text. Customers type their own names and notes: nothing they typed may
 * run on a supervisor's machine.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export type Cell = string | number | null;

export function defuse(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Money as the file shows it: dollars with two decimals beside whole cents. */
export function usd(cents: number): string {
  const abs = Math.abs(Math.trunc(cents));
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** RFC 4180: CRLF after every record, fields quoted when they hold a comma, a quote or a line break. */
export function csvRows(rows: Cell[][]): string {
  return stringify(rows.map((r) => r.map(defuse)), { record_delimiter: 'windows', quoted_match: /^'/ });
}
