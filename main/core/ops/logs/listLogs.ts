import { decodeKeyset, keysetPage } from '../keysetCursor';
import { operation } from '../operation';

/** The supervisors' log viewer: application logs and audit entries, newest first, filtered. */
export const listLogs = operation('logs.list', async (ctx, input) => {
  const docs = await ctx.engine.docs.logs.listLogs({
    level: input.level, q: input.q ? input.q : undefined, operatorId: input.operatorId,
    from: input.from ? new Date(input.from) : undefined, to: input.to ? new Date(input.to) : undefined,
    before: input.cursor ? decodeKeyset(input.cursor) : undefined, limit: input.limit + 1,
  });
  return keysetPage(docs, input.limit, (d) => d, (d) => ({
    id: d.id, atUtc: d.ts.toISOString(), level: d.level, source: d.source, message: d.message, operatorId: d.operatorId,
    opId: d.opId, entity: d.entity, entityId: d.entityId,
  }));
});
