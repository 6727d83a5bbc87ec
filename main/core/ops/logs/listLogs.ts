import type { ChannelArgs, ChannelOutput } from '../../../../shared/contract';
import type { ServiceContext } from '../context';
import { decodeKeyset, keysetPage } from '../keysetCursor';

/** The supervisors' log viewer: application logs and audit entries, newest first, filtered. */
export async function listLogs(ctx: ServiceContext, input: ChannelArgs<'logs.list'>): Promise<ChannelOutput<'logs.list'>> {
  const docs = await ctx.engine.docs.logs.listLogs({
    level: input.level, q: input.q ? input.q : undefined, operatorId: input.operatorId,
    from: input.from ? new Date(input.from) : undefined, to: input.to ? new Date(input.to) : undefined,
    before: input.cursor ? decodeKeyset(input.cursor) : undefined, limit: input.limit + 1,
  });
  return keysetPage(docs, input.limit, (d) => d, (d) => ({
    id: d.id, atUtc: d.ts.toISOString(), level: d.level, source: d.source, message: d.message, operatorId: d.operatorId,
    opId: d.opId, entity: d.entity, entityId: d.entityId,
  }));
}
