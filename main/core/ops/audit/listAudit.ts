import { operation } from '../operation';

/** The trail, newest first, narrowed by record, operator and time. */
export const listAudit = operation('audit.list', async (ctx, input) => {
  const docs = await ctx.engine.docs.listAudit({
    entity: input.entity, entityId: input.entityId, operatorId: input.operatorId,
    from: input.from ? new Date(input.from) : undefined, to: input.to ? new Date(input.to) : undefined, limit: input.limit,
  });
  return docs.map((d) => ({
    id: d.id, atUtc: d.ts.toISOString(), operatorId: d.operatorId, channel: d.channel, opId: d.opId, entity: d.entity, entityId: d.entityId, summary: d.summary,
  }));
});
