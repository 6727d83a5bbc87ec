import { ContractError } from '../../../../shared/contract';
import { runMutation } from '../runMutation';
import { operation } from '../operation';

/** Takes a photo out of its gallery (the document goes; the audit entry says which link it was). */
export const removeImage = operation('images.remove', async (ctx, input) => {
  let removed: { url: string; target: string } | null = null;
  return runMutation(ctx, async (tx) => {
    const docs = ctx.engine.docs.within(tx);
    const img = await docs.getImage(input.imageId);
    if (!img) throw new ContractError('NOT_FOUND', `No image ${input.imageId}.`, { imageId: input.imageId });
    await docs.removeImage(img.id);
    removed = { url: img.url, target: `${img.entityType} ${img.entityId}` };
    return { ok: true as const };
  }, () => ({
    entity: 'image', entityId: input.imageId,
    // A repeated opId answers from applied_ops without reading the image again.
    summary: removed ? `image removed from ${removed.target}: ${removed.url}` : 'image removed',
  }));
});
