import type { ChannelOutput } from '../../../../shared/contract';
import type { ServiceContext } from '../context';

export async function listStates(ctx: ServiceContext): Promise<ChannelOutput<'states.list'>> {
  return ctx.engine.sql.all<{ code: string; name: string }>('SELECT code, name FROM us_states ORDER BY code');
}
