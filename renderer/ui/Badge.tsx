import type { ReactNode } from 'react';

export function Badge({ tone = 'neutral', children, title }: { tone?: 'neutral' | 'good' | 'warn' | 'bad' | 'info'; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}

/** Written offline and not yet confirmed by the central servers. */
export function ProvisionalBadge({ show }: { show: boolean }) {
  if (!show) return null;
  return (
    <Badge tone="warn" title="Saved on this device; it becomes final when TripDesk syncs with the servers.">
      provisional
    </Badge>
  );
}

const STATUS_TONE: Record<string, 'neutral' | 'good' | 'warn' | 'bad' | 'info'> = {
  confirmed: 'good', active: 'good', captured: 'good', authorized: 'info', applied: 'good',
  partially_cancelled: 'warn', pending: 'info', applying: 'info', conflict: 'bad', expired: 'bad',
  cancelled: 'neutral', refunded: 'neutral', released: 'neutral', converted: 'good', voided: 'neutral',
  failed: 'bad', payment_failed: 'bad', discarded: 'neutral',
};

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONE[status] ?? 'neutral'}>{status.replace(/_/g, ' ')}</Badge>;
}
