import { ContractError, type WatchTarget } from '../../../../shared/contract';
import type { SqlSession } from '../../engine/sql';
import { requireOpId } from '../reviews/reviewShape';
import { runMutation } from '../runMutation';
import { fireIfSatisfied } from './evaluateWatches';
import { toWatch } from './watchShape';
import { operation } from '../operation';
import { recordWatchMessage } from '../messages/recordWatchMessage';

async function requireWatchTarget(db: SqlSession, t: WatchTarget): Promise<void> {
  if (t.kind === 'route') {
    for (const [field, iata] of [['target.from', t.from], ['target.to', t.to]] as const) {
      if (!(await db.get('SELECT iata FROM airports WHERE iata = ?', [iata]))) throw new ContractError('NOT_FOUND', `No airport ${iata}.`, { field });
    }
    if (t.from === t.to) throw new ContractError('VALIDATION', 'target.to: the route must end somewhere else than it starts', { field: 'target.to' });
    return;
  }
  const [table, id] = t.kind === 'hotel' ? ['hotels', t.hotelId] : ['cars', t.carId];
  if (!(await db.get(`SELECT id FROM ${table} WHERE id = ?`, [id]))) throw new ContractError('NOT_FOUND', `No ${t.kind} ${id}.`, { field: `target.${t.kind}Id` });
}

/**
 * A watch lives in the document store; its id is the opId, so a second run finds the first.
 * It is checked at once, after it is stored: a price already under the line is news the agent
 * wants now.
 */
export const createWatch = operation('watches.create', async (ctx, input) => {
  const id = requireOpId(ctx.opId, ctx.channel);
  const watch = await runMutation(ctx, async (tx) => {
    if (!(await tx.get('SELECT id FROM users WHERE id = ?', [input.customerId]))) {
      throw new ContractError('NOT_FOUND', `No customer ${input.customerId}.`, { field: 'customerId' });
    }
    await requireWatchTarget(tx, input.target);
    const stored = await ctx.engine.docs.within(tx).watches.insertWatch({
      id, userId: input.customerId, target: input.target, condition: input.condition, status: 'active', createdAt: new Date(ctx.now()),
      createdBy: ctx.operator?.id ?? null, triggeredAt: null, hit: null, notifyCustomer: input.notifyCustomer, provisional: ctx.engine.provisional,
    });
    return toWatch(stored);
  }, (w) => ({ entity: 'watch', entityId: w.id, summary: `watch for customer ${w.customerId} on ${describeTarget(w.target)}` }));
  if (watch.status !== 'active') return watch;
  const stored = await ctx.engine.docs.watches.getWatch(watch.id);
  const fired = stored?.status === 'active' ? await fireIfSatisfied(ctx.engine, stored, ctx.now()) : null;
  if (!fired) return watch;
  ctx.emit('watches.triggered', { watch: fired });
  // In a replay the row joins the replayed group and is sent by the sweep after the sync.
  const mailId = await recordWatchMessage(ctx.engine, fired, ctx.config.agency.name, ctx.now());
  if (mailId !== null && ctx.postman && ctx.origin !== 'replay') await ctx.postman.deliver(ctx.engine, mailId);
  return fired;
});

export function describeTarget(t: WatchTarget): string {
  const dates = `${t.dateFrom}..${t.dateTo}`;
  if (t.kind === 'route') return `${t.from} → ${t.to}, ${dates}`;
  return t.kind === 'hotel' ? `hotel ${t.hotelId}, ${dates}` : `car ${t.carId}, ${dates}`;
}
