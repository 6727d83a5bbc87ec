import type { ChannelArgs, ChannelOutput } from '../../../../shared/contract';
import type { ServiceContext } from '../context';
import { loadCustomer } from './customerRows';

export async function getCustomer(ctx: ServiceContext, input: ChannelArgs<'customers.get'>): Promise<ChannelOutput<'customers.get'>> {
  return loadCustomer(ctx.engine.sql, input.customerId);
}
