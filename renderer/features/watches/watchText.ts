import type { Watch, WatchCondition, WatchTarget } from '../../../shared/contract';
import { formatCents, formatDay } from '../../ui/format';

const dates = (from: string, to: string) => (from === to ? formatDay(from) : `${formatDay(from)} – ${formatDay(to)}`);

/** "JFK → LAX, Mon, Dec 1, 2025 – Fri, Dec 5, 2025"; hotels and cars by name when known. */
export function targetWords(t: WatchTarget, name?: string): string {
  if (t.kind === 'route') return `${t.from} → ${t.to}, ${dates(t.dateFrom, t.dateTo)}`;
  const what = name ?? (t.kind === 'hotel' ? `hotel #${t.hotelId}` : `car #${t.carId}`);
  return `${what}, ${dates(t.dateFrom, t.dateTo)}`;
}

export function conditionWords(c: WatchCondition): string {
  return c.kind === 'price_below' ? `price at or under ${formatCents(c.priceCents)}` : 'seats, rooms or cars free again';
}

/** "Price alert: DL 401 JFK → LAX on Mon, Dec 1, 2025 now $99.00 — customer Ada Lovelace". */
export function alertWords(w: Watch, customer: string): string {
  const head = w.condition.kind === 'price_below' ? 'Price alert' : 'Available again';
  if (!w.hit) return `${head}: ${targetWords(w.target)} — ${customer}`;
  return `${head}: ${w.hit.label} on ${formatDay(w.hit.day)} now ${formatCents(w.hit.priceCents)} — ${customer}`;
}
