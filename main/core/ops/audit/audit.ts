import { uuidv7 } from '../../../../shared/uuidv7';
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
