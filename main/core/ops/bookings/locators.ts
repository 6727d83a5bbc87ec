import { newLocator } from '../../../../shared/locator';
import type { SqlSession, SqlValue } from '../../engine/sql';
import type { ServiceContext } from '../context';
import { insertRow } from '../insertRow';

/** A billion locators and a look before each: a second miss in a row would mean a broken generator. */
const TRIES = 8;

/** `proposed` when no booking has it yet (a console's offline pick), else a fresh one nobody has. */
async function freeLocator(tx: SqlSession, proposed: string | undefined): Promise<string> {
  for (let i = 0; i < TRIES; i++) {
    const candidate = i === 0 && proposed ? proposed : newLocator();
    if (!(await tx.get('SELECT id FROM bookings WHERE locator = ?', [candidate]))) return candidate;
  }
  throw new Error(`no free record locator after ${TRIES} tries`);
}

/**
 * Inserts a booking row with a locator no other booking has. A locator the console proposes (made
 * offline and told to the customer) is looked for first, so that a taken one is replaced, not
 * refused; a fresh one goes straight in, since one in a billion is taken and the unique key says
 * so. The look is a plain read (a locking one would make racing bookings wait on each other's
 * gaps): another booking may still take the locator between the look and the insert, and then the
 * unique key refuses ours, so it is tried once more with a looked-for fresh locator. If that is
 * refused too, the key was the opId's (this op's twin committed first) and runMutation answers
 * with the twin's result.
 */
export async function insertBookingWithLocator(
  // The row comes without a locator: the one chosen here goes in first, and a row's own would override it.
  tx: SqlSession, ctx: Pick<ServiceContext, 'engine' | 'opId'>, row: Record<string, SqlValue> & { locator?: never }, proposed: string | undefined,
): Promise<{ id: number; locator: string }> {
  const locator = proposed ? await freeLocator(tx, proposed) : newLocator();
  try {
    return { id: await insertRow(tx, ctx, 'bookings', { locator, ...row }), locator };
  } catch (err) {
    if (!tx.isDuplicate(err)) throw err;
    const again = await freeLocator(tx, undefined);
    return { id: await insertRow(tx, ctx, 'bookings', { locator: again, ...row }), locator: again };
  }
}
