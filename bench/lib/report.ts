/**
 * The benchmark's result model: every figure sits beside the raw limit measured in the same run,
 * with their ratio, the goal and a verdict. Printed as a table and written to bench/results.json.
 */

export type Verdict = 'PASS' | 'MISS' | 'INFO' | 'ERROR';

/** A goal on the figure itself (`abs`) or on figure ÷ raw (`ratio`). */
export interface Goal {
  on: 'abs' | 'ratio';
  op: '<=' | '>=' | '==';
  value: number;
}

export interface Row {
  metric: string;
  unit: string;
  value: number | null;
  /** The raw limit measured in this run (same unit), or null when there is none. */
  raw: number | null;
  /** What the raw figure is, in a few words. */
  rawLabel: string;
  /** value ÷ raw. */
  ratio: number | null;
  better: 'higher' | 'lower';
  goals: Goal[];
  goalText: string;
  verdict: Verdict;
  note?: string;
}

export interface SectionResult {
  id: number;
  key: string;
  title: string;
  status: 'ok' | 'error';
  error?: string;
  ms: number;
  params: Record<string, unknown>;
  rows: Row[];
  notes: string[];
}

function check(g: Goal, value: number | null, ratio: number | null): boolean | null {
  const x = g.on === 'abs' ? value : ratio;
  if (x === null || !Number.isFinite(x)) return null;
  if (g.op === '<=') return x <= g.value;
  if (g.op === '>=') return x >= g.value;
  return x === g.value;
}

export function goalText(goals: Goal[], unit: string): string {
  if (goals.length === 0) return '—';
  return goals.map((g) => {
    const op = g.op === '<=' ? '≤' : g.op === '>=' ? '≥' : '=';
    if (g.on === 'ratio') return `${op} ${fmtRatioGoal(g.value)} of raw`;
    return `${op} ${fmtNum(g.value)} ${unit}`.trim();
  }).join(' & ');
}

function fmtRatioGoal(r: number): string {
  return r <= 1 ? `${Math.round(r * 100)}%` : `${r}×`;
}

export interface RowSpec {
  metric: string;
  unit: string;
  value: number | null;
  raw?: number | null;
  rawLabel?: string;
  better: 'higher' | 'lower';
  goals?: Goal[];
  note?: string;
}

export function row(spec: RowSpec): Row {
  const raw = spec.raw ?? null;
  const value = spec.value !== null && Number.isFinite(spec.value) ? spec.value : null;
  const ratio = value !== null && raw !== null && Number.isFinite(raw) && raw !== 0 ? value / raw : null;
  const goals = spec.goals ?? [];
  let verdict: Verdict = 'INFO';
  if (goals.length > 0) {
    const outcomes = goals.map((g) => check(g, value, ratio));
    verdict = outcomes.some((o) => o === null) ? 'ERROR' : outcomes.every(Boolean) ? 'PASS' : 'MISS';
  }
  return {
    metric: spec.metric, unit: spec.unit, value, raw, rawLabel: spec.rawLabel ?? '', ratio, better: spec.better,
    goals, goalText: goalText(goals, spec.unit), verdict, ...(spec.note ? { note: spec.note } : {}),
  };
}

// ---- formatting ---------------------------------------------------------------------------------

export function fmtNum(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a >= 10_000) return Math.round(x).toLocaleString('en-US');
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  if (a === 0) return '0';
  return x.toFixed(3);
}

export function fmtValue(x: number | null, unit: string): string {
  const n = fmtNum(x);
  return n === '—' ? n : `${n} ${unit}`.trim();
}

export function fmtRatio(r: Row): string {
  if (r.ratio === null) return '—';
  if (r.better === 'higher') return `${(r.ratio * 100).toFixed(r.ratio < 0.1 ? 1 : 0)}%`;
  return `${r.ratio.toFixed(2)}×`;
}

function pad(s: string, n: number): string {
  const len = [...s].length;
  return len >= n ? s : s + ' '.repeat(n - len);
}

export function renderTable(sections: SectionResult[]): string {
  const header = ['#', 'measurement', 'figure', 'raw limit (same run)', 'ratio', 'goal', 'result'];
  // A line is either table cells or free text (an error's reason), printed as it is.
  const lines: Array<string[] | string> = [];
  for (const s of sections) {
    if (s.status === 'error') {
      lines.push([String(s.id), s.title, '—', '—', '—', '—', 'ERROR']);
      lines.push(`      ↳ ${s.error ?? 'failed'}`);
      continue;
    }
    lines.push([String(s.id), s.title, '', '', '', '', '']);
    for (const r of s.rows) {
      const rawText = r.raw === null ? (r.rawLabel || '—') : `${fmtValue(r.raw, r.unit)}${r.rawLabel ? ` (${r.rawLabel})` : ''}`;
      lines.push(['', `  ${r.metric}`, fmtValue(r.value, r.unit), rawText, fmtRatio(r), r.goalText, r.verdict]);
    }
  }
  const cells = lines.filter((l): l is string[] => Array.isArray(l));
  const widths = header.map((h, c) => Math.max([...h].length, ...cells.map((l) => [...(l[c] ?? '')].length)));
  const fmtLine = (l: string[] | string) => (typeof l === 'string' ? l : l.map((c, i) => pad(c, widths[i] ?? 0)).join(' │ ').trimEnd());
  const sep = widths.map((w) => '─'.repeat(w)).join('─┼─');
  return [fmtLine(header), sep, ...lines.map(fmtLine)].join('\n');
}
