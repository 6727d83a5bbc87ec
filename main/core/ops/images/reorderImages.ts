import { ContractError } from '../../../../shared/contract';
import { requireTarget } from '../reviews/reviewShape';
import { runMutation } from '../runMutation';
import { operation } from '../operation';

/**
 * Puts a gallery in the supervisor's order. The list must name each of its photos exactly once: a
 * gallery that changed since the screen read it (another supervisor added or removed one) is
 * CONFLICT, so nobody's photo is silently pushed to the end or dropped.
 */
export const reorderImages = operation('images.reorder', async (ctx, input) => {
  return runMutation(ctx, async (tx) => {
    await requireTarget(tx, input.targetKind, input.targetId);
    const docs = ctx.engine.docs.within(tx);
    const current = await docs.listImages(input.targetKind, input.targetId);
    const have = new Set(current.map((i) => i.id));
    const given = new Set(input.imageIds);
    if (given.size !== input.imageIds.length || given.size !== have.size || input.imageIds.some((id) => !have.has(id))) {
      throw new ContractError('CONFLICT', 'The gallery changed since it was shown; reload it and order it again.', {
        targetKind: input.targetKind, targetId: input.targetId, imageIds: current.map((i) => i.id),
      });
    }
    await docs.setImagePositions(input.targetKind, input.targetId, input.imageIds);
    const byId = new Map(current.map((i) => [i.id, i]));
    return input.imageIds.map((id) => {
      const d = byId.get(id);
      if (!d) throw new Error(`image ${id} vanished`);
      return { id: d.id, targetKind: d.entityType, targetId: d.entityId, url: d.url, caption: d.caption };
    });
  }, (list) => ({ entity: input.targetKind, entityId: String(input.targetId), summary: `gallery reordered: ${list.map((i) => i.id).join(', ')}` }));
});
