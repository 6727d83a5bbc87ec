import type { PushEventName, Watch } from '../../../../shared/contract';
import type { Engine } from '../context';
import { detectDeals } from '../deals/detectDeals';
import { mergeChanges, type InventoryChange } from '../inventory/inventoryChange';
import type { LogFn } from '../../engine/logs';
import { evaluateWatches } from './evaluateWatches';

export interface MarketDeps {
  dealDropPct: number;
  now: () => number;
  emit: (event: PushEventName, payload: unknown) => void;
  log: LogFn;
  /** A fired watch whose agent asked for it: its customer is emailed (see recordWatchMessage). */
  mailFiredWatch?: (engine: Engine, watch: Watch) => Promise<void>;
}

/**
 * What happens after a price or capacity moved: the detector looks for a deal and the watches on
 * those listings are checked. The change has already committed, so a failure here is logged and
 * the agent's operation still succeeds.
 */
export function reactToInventory(deps: MarketDeps): (engine: Engine, changes: InventoryChange[]) => Promise<void> {
  return async (engine, changes) => {
    if (changes.length === 0) return;
    const merged = mergeChanges(changes);
    const now = deps.now();
    // Each step on its own: a failed deal check must not keep a customer's watch from firing.
    try {
      const added = await detectDeals(engine, merged, { dropPct: deps.dealDropPct, now });
      if (added > 0) deps.emit('deals.new', { count: added });
    } catch (err) {
      deps.log('warn', 'deal detection failed after an inventory change', { source: 'deals', error: String(err) });
    }
    try {
      for (const watch of await evaluateWatches(engine, merged, now)) {
        deps.log('info', `watch ${watch.id} fired for customer ${watch.customerId}: ${watch.hit?.label ?? ''}`, { source: 'watches' });
        deps.emit('watches.triggered', { watch });
        if (watch.notifyCustomer && deps.mailFiredWatch) {
          await deps.mailFiredWatch(engine, watch).catch((err: unknown) =>
            deps.log('warn', `the email of watch ${watch.id} was not recorded`, { source: 'mail', error: String(err) }));
        }
      }
    } catch (err) {
      deps.log('warn', 'watch check failed after an inventory change', { source: 'watches', error: String(err) });
    }
  };
}
