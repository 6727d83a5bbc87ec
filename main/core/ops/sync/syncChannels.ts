import { ContractError, type ChannelArgs, type ChannelOutput } from '../../../../shared/contract';
import { writeAudit } from '../audit/audit';
import type { ServiceContext } from '../context';

const STANDALONE_STATUS = { mode: 'standalone' as const, pending: 0, conflicts: 0, lastSyncUtc: null, progress: null };

export async function syncStatus(ctx: ServiceContext): Promise<ChannelOutput<'sync.status'>> {
  return ctx.sync ? ctx.sync.status() : STANDALONE_STATUS;
}

export async function syncNow(ctx: ServiceContext): Promise<ChannelOutput<'sync.now'>> {
  return ctx.sync ? ctx.sync.syncNow() : STANDALONE_STATUS;
}

export async function rehydrate(ctx: ServiceContext): Promise<ChannelOutput<'sync.rehydrate'>> {
  if (!ctx.sync) throw new ContractError('VALIDATION', 'mode: a standalone console has no server to download from.');
  return ctx.sync.rehydrate();
}

export async function listSyncInbox(ctx: ServiceContext): Promise<ChannelOutput<'sync.inbox.list'>> {
  return ctx.sync ? ctx.sync.inbox() : [];
}

export async function resolveSyncInbox(ctx: ServiceContext, input: ChannelArgs<'sync.inbox.resolve'>): Promise<ChannelOutput<'sync.inbox.resolve'>> {
  if (!ctx.sync) throw new ContractError('NOT_FOUND', `Nothing waiting with opId ${input.opId}.`);
  if (input.action === 'discard' && !input.reason) throw new ContractError('VALIDATION', 'reason: say why the change is dropped.');
  const item = await ctx.sync.resolve(input);
  await writeAudit(ctx, 'outbox', input.opId, input.action === 'discard' ? `discarded offline ${item.kind}: ${input.reason ?? ''}` : `${input.action} offline ${item.kind}`);
  return item;
}
