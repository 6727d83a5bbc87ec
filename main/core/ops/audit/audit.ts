import { uuidv7 } from '../../../../shared/uuidv7';
import type { AuditEntry } from '../../../../shared/contract';
import type { AuditDoc } from '../../engine/documents';
import type { ServiceContext } from '../context';

/** What one audit entry says: the record a mutation touched and how. */
export interface AuditNote {
  entity: string | null;
  entityId: string | null;
  summary: string;
}

/** The entry's id derives from the opId, so a replayed op does not write a second entry. */
export function auditEntry(ctx: ServiceContext, note: AuditNote): AuditDoc {
  const id = ctx.opId ? `${ctx.opId}:${ctx.channel}` : uuidv7();
  return {
    id, ts: new Date(ctx.now()), operatorId: ctx.operator?.id ?? null, channel: ctx.channel, opId: ctx.opId,
    entity: note.entity, entityId: note.entityId, summary: note.summary,
  };
}

/**
 * Every mutation leaves an audit entry (use cases inside runMutation pass their note to it instead,
 * so SQLite writes it in the mutation's transaction). An audit write that fails never undoes the
 * booking it describes.
 */
export async function writeAudit(ctx: ServiceContext, entity: string | null, entityId: string | null, summary: string): Promise<void> {
  await ctx.engine.docs.appendAudit(auditEntry(ctx, { entity, entityId, summary })).catch(() => undefined);
}

export async function listAudit(ctx: ServiceContext, input: { entity?: string; entityId?: string; operatorId?: number; from?: string; to?: string; limit: number }): Promise<AuditEntry[]> {
  const docs = await ctx.engine.docs.listAudit({
    entity: input.entity, entityId: input.entityId, operatorId: input.operatorId,
    from: input.from ? new Date(input.from) : undefined, to: input.to ? new Date(input.to) : undefined, limit: input.limit,
  });
  return docs.map((d) => ({
    id: d.id, atUtc: d.ts.toISOString(), operatorId: d.operatorId, channel: d.channel, opId: d.opId, entity: d.entity, entityId: d.entityId, summary: d.summary,
  }));
}
