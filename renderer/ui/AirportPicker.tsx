import { useId } from 'react';
import type { AirportT } from '../client/referenceStore';

/**
 * What a typed airport means: '' (any airport), a known IATA code, or null when it names no
 * airport. Agents type a code (jfk), a city (Denver), or pick "JFK — New York…" from the list.
 */
export function resolveAirport(text: string, airports: AirportT[]): string | null {
  const t = text.trim();
  if (t === '') return '';
  const code = /^([A-Za-z]{3})(\b|$)/.exec(t)?.[1]?.toUpperCase();
  if (code && airports.some((a) => a.iata === code)) return code;
  if (airports.length === 0 && /^[A-Za-z]{3}$/.test(t)) return t.toUpperCase();
  const byCity = airports.filter((a) => a.city.toLowerCase() === t.toLowerCase());
  return byCity.length === 1 ? byCity[0]!.iata : null;
}

export function AirportPicker({ label, value, onChange, airports, name }: {
  label: string;
  value: string;
  onChange: (text: string) => void;
  airports: AirportT[];
  name: string;
}) {
  const listId = useId();
  const code = resolveAirport(value, airports);
  const match = code ? airports.find((a) => a.iata === code) : undefined;
  return (
    <div className="field">
      <label htmlFor={`${listId}-input`}>{label}</label>
      <input
        id={`${listId}-input`}
        name={name}
        list={listId}
        value={value}
        placeholder="Any airport"
        autoComplete="off"
        spellCheck={false}
        aria-invalid={code === null}
        aria-describedby={`${listId}-hint`}
        onChange={(e) => onChange(e.target.value)}
      />
      <datalist id={listId}>
        {airports.map((a) => (
          <option key={a.iata} value={`${a.iata} — ${a.city}, ${a.stateCode}`}>{a.name}</option>
        ))}
      </datalist>
      <small id={`${listId}-hint`} className={code === null ? 'field-error' : 'muted'}>
        {match ? `${match.iata}: ${match.name}` : code === null ? 'Not an airport TripDesk knows' : 'Code or city'}
      </small>
    </div>
  );
}
