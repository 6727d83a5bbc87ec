import { operation } from '../operation';
import { savedTravellerColumns, toSavedTraveller, type SavedTravellerRow } from './travellerRows';

/** The customer's saved travellers, oldest first; removed ones are left out. */
export const listTravellers = operation('customers.travellers.list', async (ctx, input) => {
  const db = ctx.engine.sql;
  const rows = await db.all<SavedTravellerRow>(
    `SELECT ${savedTravellerColumns(db)} FROM customer_travellers WHERE user_id = ? AND removed = 0 ORDER BY id`, [input.customerId]);
  return rows.map(toSavedTraveller);
});
