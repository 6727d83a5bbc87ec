import type { Booking } from '../../../shared/contract';
import { formatCents, formatInstant } from '../../ui/format';

/** Every charge and refund on the booking, oldest first, with who, why and which card; the totals under it. */
export function MoneyMovements({ booking }: { booking: Booking }) {
  const movements = booking.movements ?? [];
  const charged = movements.filter((m) => m.kind === 'charge').reduce((s, m) => s + m.amountCents, 0);
  const refunded = movements.filter((m) => m.kind === 'refund').reduce((s, m) => s + m.amountCents, 0);
  return (
    <section className="card" aria-labelledby="movements-title">
      <h2 id="movements-title">Money movements</h2>
      <table className="table" aria-labelledby="movements-title">
        <thead>
          <tr>
            <th scope="col">When</th><th scope="col">Movement</th><th scope="col" className="num">Amount</th><th scope="col">Reason</th>
            <th scope="col">Card</th><th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {movements.map((m) => (
            <tr key={m.id}>
              <td>{formatInstant(m.atUtc)}</td>
              <td>{m.kind === 'charge' ? 'Charge' : 'Refund'}{m.provisional ? <span className="badge badge-warn"> when synced</span> : null}</td>
              <td className="num">{m.kind === 'refund' ? `−${formatCents(m.amountCents)}` : formatCents(m.amountCents)}</td>
              <td>{m.reason}</td>
              <td>{m.paymentLabel ?? '—'}</td>
              <td>{m.operatorName ?? '—'}</td>
            </tr>
          ))}
          {movements.length === 0 && <tr><td colSpan={6} className="muted">No money has moved on this booking.</td></tr>}
        </tbody>
        {movements.length > 0 && (
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>Charged − refunded</th>
              <td className="num" data-testid="movements-net">{formatCents(charged - refunded)}</td>
              <td colSpan={3} className="muted">{formatCents(charged)} charged, {formatCents(refunded)} refunded</td>
            </tr>
          </tfoot>
        )}
      </table>
    </section>
  );
}
