import type { CsvLine, ProblemLog } from './csvLines';

/**
 * Readers for one cell each: the value, or undefined after logging why the cell is wrong in the
 * words a supervisor fixes a spreadsheet by. Money never passes through a float: dollars are
 * read digit by digit into cents.
 */

const ID = /^[1-9]\d{0,14}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DOLLARS = /^\$?(\d{1,7})(?:\.(\d{1,2}))?$/;
const CENTS = /^\d{1,9}$/;
const COUNT = /^\d{1,5}$/;

export function readId(l: CsvLine, field: string, log: ProblemLog): number | undefined {
  const text = l.cell(field);
  if (ID.test(text)) return Number(text);
  log.add(l.line, field, text === '' ? 'missing' : `"${text}" is not an id (a whole number such as 211)`);
  return undefined;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * YYYY-MM-DD naming a real day of the (proleptic Gregorian) calendar, as Date does. Counted, not
 * parsed through Date: an import checks two per line, and the round trip through an ISO string
 * was the biggest cost of checking a 100,000-line file.
 */
export function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] ?? 0));
}

export function readDate(l: CsvLine, field: string, log: ProblemLog): string | undefined {
  const text = l.cell(field);
  if (isCalendarDate(text)) return text;
  log.add(l.line, field, text === '' ? 'missing' : `"${text}" is not a date as YYYY-MM-DD (such as 2026-07-01)`);
  return undefined;
}

/** The price from whichever column the header chose: `<stem>_usd` (dollars and cents) or `<stem>_cents`. */
export function readPrice(l: CsvLine, stem: string, inDollars: boolean, log: ProblemLog): number | undefined {
  const field = `${stem}_${inDollars ? 'usd' : 'cents'}`;
  const text = l.cell(field);
  if (inDollars) {
    const m = DOLLARS.exec(text);
    if (m) return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
    log.add(l.line, field, text === '' ? 'missing' : `"${text}" is not a price in dollars (such as 189.00)`);
    return undefined;
  }
  if (CENTS.test(text)) return Number(text);
  log.add(l.line, field, text === '' ? 'missing' : `"${text}" is not a price in whole cents (such as 18900)`);
  return undefined;
}

/** A count (rooms, cars, seats): absent is undefined when `optional`, else a problem. */
export function readCount(l: CsvLine, field: string, max: number, log: ProblemLog, optional: boolean): number | null | undefined {
  const text = l.cell(field);
  if (text === '' && optional) return null;
  if (COUNT.test(text) && Number(text) <= max) return Number(text);
  log.add(l.line, field, text === '' ? 'missing' : `"${text}" is not a whole number from 0 to ${max}`);
  return undefined;
}
