import { operation } from '../operation';

export const listStates = operation('states.list', async (ctx) => {
  return ctx.engine.sql.all<{ code: string; name: string }>('SELECT code, name FROM us_states ORDER BY code');
});
