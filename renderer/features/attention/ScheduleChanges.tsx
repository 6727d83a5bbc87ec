import { useCallback, useEffect, useState } from 'react';
import type { ScheduleChange } from '../../../shared/contract';
import { call, createAction } from '../../client/contractClient';
import { navigate } from '../../client/router';
import { ErrorNote } from '../../ui/ErrorNote';

const actions = createAction();
const clock = (local: string) => local.slice(0, 16).replace('T', ' ');

/**
 * Bookings whose flight a supervisor rescheduled: old and new times at each airport's clock, and
 * "Customer told" once the agent has passed it on. Nothing leaves the list any other way.
 */
export function ScheduleChanges() {
  const [changes, setChanges] = useState<ScheduleChange[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => { call('catalog.scheduleChanges.list', {}).then(setChanges, setError); }, []);
  useEffect(load, [load]);
  const acknowledge = (id: number) => {
    setError(null);
    actions.run('catalog.scheduleChanges.acknowledge', { scheduleChangeId: id }).then(load, setError);
  };
  return (
    <section className="card" aria-labelledby="schedule-changes-title">
      <h2 id="schedule-changes-title">Schedule changes {changes ? `(${changes.length})` : ''}</h2>
      <ErrorNote error={error} onRetry={load} />
      {changes?.length === 0 && <p className="muted">No booked flight has moved.</p>}
      <ul className="plain-list" aria-label="Schedule changes">
        {(changes ?? []).map((c) => (
          <li key={c.id} className="card" aria-label={`${c.flightNumber} for ${c.locator}`}>
            <p>
              <strong>{c.flightNumber} {c.from}→{c.to}</strong> for{' '}
              <a href={`#/bookings/${c.bookingId}`} onClick={(e) => { e.preventDefault(); navigate(`/bookings/${c.bookingId}`); }}>{c.locator}</a> ({c.customerName})
            </p>
            <p>Departs {clock(c.newDepartureLocal)} <span className="muted">(was {clock(c.oldDepartureLocal)})</span> · arrives {clock(c.newArrivalLocal)} <span className="muted">(was {clock(c.oldArrivalLocal)})</span></p>
            <p className="muted">Changed by {c.changedByName ?? 'TripDesk'}</p>
            <button type="button" className="btn btn-small" aria-label={`Customer told about ${c.flightNumber} for ${c.locator}`} onClick={() => acknowledge(c.id)}>Customer told</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
