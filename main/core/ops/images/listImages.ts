import { requireTarget } from '../reviews/reviewShape';
import { operation } from '../operation';

export const listImages = operation('images.list', async (ctx, input) => {
  await requireTarget(ctx.engine.sql, input.targetKind, input.targetId);
  const docs = await ctx.engine.docs.listImages(input.targetKind, input.targetId);
  return docs.map((d) => ({ id: d.id, targetKind: d.entityType, targetId: d.entityId, url: d.url, caption: d.caption }));
});
