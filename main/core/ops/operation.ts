import type { ChannelArgs, ChannelName, ChannelOutput } from '../../../shared/contract';
import type { ServiceContext } from './context';

/**
 * A use case bound to its contract row. The row (shared/contract) says who may call it, what it
 * takes and gives and how it behaves offline; the op module says what it does. This binding, in
 * the op's own module, is the one place a channel's name meets its code.
 */
export interface Operation<C extends ChannelName = ChannelName> {
  readonly channel: C;
  // A method, not a function property: an operation of one channel then fits a list of all.
  run(ctx: ServiceContext, input: ChannelArgs<C>, sessionToken: string | null): Promise<ChannelOutput<C>>;
}

export function operation<C extends ChannelName>(
  channel: C,
  run: (ctx: ServiceContext, input: ChannelArgs<C>, sessionToken: string | null) => Promise<ChannelOutput<C>>,
): Operation<C> {
  return { channel, run };
}
