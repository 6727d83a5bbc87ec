import { ContractError, type ChannelArgs, type ChannelOutput } from '../../../../shared/contract';
import type { ServiceContext } from '../context';

function parseCursor(cursor: string): { ts: Date; id: string } {
  const bar = cursor.indexOf('|');
  const ts = new Date(cursor.slice(0, bar));
  if (bar < 0 || Number.isNaN(ts.getTime())) throw new ContractError('VALIDATION', 'cursor: not a cursor this channel gave', { field: 'cursor' });
  return { ts, id: cursor.slice(bar + 1) };
}

/** The supervisors' log viewer: application logs and audit entries, newest first, filtered. */
export async function listLogs(ctx: ServiceContext, input: ChannelArgs<'logs.list'>): Promise<ChannelOutput<'logs.list'>> {
  const docs = await ctx.engine.docs.logs.listLogs({
    level: input.level, q: input.q ? input.q : undefined, operatorId: input.operatorId,
    from: input.from ? new Date(input.from) : undefined, to: input.to ? new Date(input.to) : undefined,
    before: input.cursor ? parseCursor(input.cursor) : undefined, limit: input.limit + 1,
  });
  const page = docs.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((d) => ({
      id: d.id, atUtc: d.ts.toISOString(), level: d.level, source: d.source, message: d.message, operatorId: d.operatorId,
      opId: d.opId, entity: d.entity, entityId: d.entityId,
    })),
    nextCursor: docs.length > input.limit && last ? `${last.ts.toISOString()}|${last.id}` : null,
  };
}
