import { formatCents } from '../../ui/format';
import type { DayCell, NightRules } from './inventoryStore';
import { monthEnd } from './inventoryStore';

const DOW = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const monthName = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const dayPrefix = new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', timeZone: 'UTC' });

export function monthLabel(first: string): string {
  return monthName.format(new Date(`${first}T00:00:00Z`));
}

/** The markers a night's rate rules get on the calendar, short on screen and in full for screen readers. */
function ruleMarks(r: NightRules | undefined): Array<{ key: string; short: string; long: string }> {
  if (!r) return [];
  return [
    r.minStayNights > 1 ? { key: 'min', short: `Min ${r.minStayNights}`, long: `minimum stay ${r.minStayNights} nights from this day` } : null,
    r.closedToArrival ? { key: 'cta', short: 'CTA', long: 'closed to arrival' } : null,
    r.closedToDeparture ? { key: 'ctd', short: 'CTD', long: 'closed to departure' } : null,
  ].filter((m): m is { key: string; short: string; long: string } => m !== null);
}

/** What the rule markers mean, under a room type's calendar. */
export function RulesLegend() {
  return (
    <p className="rule-legend muted" aria-label="Rate rule markers">
      <span className="rule-mark">Min 3</span> minimum stay (nights) for stays arriving that day ·{' '}
      <span className="rule-mark">CTA</span> closed to arrival ·{' '}
      <span className="rule-mark">CTD</span> closed to departure
    </p>
  );
}

/**
 * One month, a button per day with availability and price. Click a day, then another to select
 * the range between them (Shift+click extends); problem days from a failed edit are outlined.
 */
export function MonthCalendar({ month, days, unit, selection, problems, onSelect }: {
  month: string;
  days: DayCell[];
  unit: string;
  selection: { from: string; to: string } | null;
  problems: Record<string, string>;
  onSelect: (day: string, extend: boolean) => void;
}) {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const last = Number(monthEnd(month).slice(8, 10));
  const firstDow = (new Date(`${month}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday first
  const dates = Array.from({ length: last }, (_, i) => `${month.slice(0, 8)}${String(i + 1).padStart(2, '0')}`);
  const single = selection && selection.from === selection.to ? selection.from : null;
  return (
    <div className="calendar" role="group" aria-label={`${monthLabel(month)} availability`}>
      {DOW.map((d) => <div key={d} className="calendar-dow" aria-hidden="true">{d}</div>)}
      {Array.from({ length: firstDow }, (_, i) => <div key={`f${i}`} className="day-filler" aria-hidden="true" />)}
      {dates.map((date) => {
        const d = byDate.get(date);
        const left = d ? d.total - d.booked : 0;
        const selected = !!selection && date >= selection.from && date <= selection.to;
        const problem = problems[date];
        const cls = ['day', d && left === 0 ? 'full' : '', d && left > 0 && left <= Math.max(1, d.total * 0.1) ? 'low' : '', problem ? 'conflict' : ''].filter(Boolean).join(' ');
        return (
          <button
            key={date}
            type="button"
            data-date={date}
            className={cls}
            aria-pressed={selected}
            title={problem ?? undefined}
            onClick={(e) => onSelect(date, e.shiftKey || (single !== null && single !== date))}
          >
            {/* The button's name is its text: the weekday and month are there for screen readers only. */}
            <span className="sr-only">{dayPrefix.format(new Date(`${date}T00:00:00Z`))} </span>
            <span className="day-num">{Number(date.slice(8))}</span>
            {d ? (
              <>
                <span className="day-avail">{left}/{d.total}<span className="sr-only"> {unit}</span> left<span className="sr-only">, {d.booked} booked,</span></span>
                <span className="day-price">{formatCents(d.priceCents)}</span>
                {ruleMarks(d.rules).length > 0 && (
                  <span className="day-rules">
                    {ruleMarks(d.rules).map((m) => (
                      <span key={m.key} className={`rule-mark rule-${m.key}`} title={m.long}>
                        <span aria-hidden="true">{m.short}</span><span className="sr-only">, {m.long}</span>
                      </span>
                    ))}
                  </span>
                )}
              </>
            ) : (
              <span className="day-avail muted">—<span className="sr-only">no inventory</span></span>
            )}
            {problem && <span className="day-avail text-bad"><span className="sr-only">Problem: </span>{problem}</span>}
          </button>
        );
      })}
    </div>
  );
}
