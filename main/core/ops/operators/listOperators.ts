import { OPERATOR_COLUMNS, toOperator, type OperatorRow } from './operatorRows';
import { operation } from '../operation';

/** Every operator, deactivated ones included, by email. */
export const listOperators = operation('operators.list', async (ctx) => {
  const rows = await ctx.engine.sql.all<OperatorRow>(`SELECT ${OPERATOR_COLUMNS} FROM admins ORDER BY email`);
  return rows.map(toOperator);
});
