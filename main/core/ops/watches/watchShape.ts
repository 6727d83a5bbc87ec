import type { Watch } from '../../../../shared/contract';
import type { WatchDoc } from '../../engine/watches';

export const toWatch = (w: WatchDoc): Watch => ({
  id: w.id, customerId: w.userId, target: w.target, condition: w.condition, status: w.status, createdAtUtc: w.createdAt.toISOString(),
  createdBy: w.createdBy, triggeredAtUtc: w.triggeredAt ? w.triggeredAt.toISOString() : null, hit: w.hit, notifyCustomer: w.notifyCustomer, provisional: w.provisional,
});
