import type { WatchCondition, WatchTarget } from '../../../shared/contract';

/** A watch's target and condition as flat fields, the way both stores index them. */
export interface FlatWatch {
  target_kind: WatchTarget['kind'];
  target_id: number | null;
  route_from: string | null;
  route_to: string | null;
  date_from: string;
  date_to: string;
  condition_kind: WatchCondition['kind'];
  threshold_cents: number | null;
}

export function flattenWatch(target: WatchTarget, condition: WatchCondition): FlatWatch {
  return {
    target_kind: target.kind,
    target_id: target.kind === 'hotel' ? target.hotelId : target.kind === 'car' ? target.carId : null,
    route_from: target.kind === 'route' ? target.from : null,
    route_to: target.kind === 'route' ? target.to : null,
    date_from: target.dateFrom,
    date_to: target.dateTo,
    condition_kind: condition.kind,
    threshold_cents: condition.kind === 'price_below' ? condition.priceCents : null,
  };
}

export function unflattenWatch(f: FlatWatch): { target: WatchTarget; condition: WatchCondition } {
  const dates = { dateFrom: f.date_from, dateTo: f.date_to };
  const target: WatchTarget = f.target_kind === 'route'
    ? { kind: 'route', from: f.route_from ?? '', to: f.route_to ?? '', ...dates }
    : f.target_kind === 'hotel' ? { kind: 'hotel', hotelId: f.target_id ?? 0, ...dates } : { kind: 'car', carId: f.target_id ?? 0, ...dates };
  const condition: WatchCondition = f.condition_kind === 'price_below' ? { kind: 'price_below', priceCents: f.threshold_cents ?? 0 } : { kind: 'available' };
  return { target, condition };
}
