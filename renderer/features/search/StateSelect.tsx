import type { UsStateT } from '../../client/referenceStore';

export function StateSelect({ states, value, onChange, label = 'State' }: {
  states: UsStateT[];
  value: string;
  onChange: (code: string) => void;
  label?: string;
}) {
  return (
    <label className="field field-narrow">
      <span>{label}</span>
      <select name="stateCode" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any state</option>
        {states.map((s) => (
          <option key={s.code} value={s.code}>{s.code} — {s.name}</option>
        ))}
      </select>
    </label>
  );
}
