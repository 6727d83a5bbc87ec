/**
 * The agent's own clock for when things happened on a record (a history line, a remark): the core
 * keeps UTC; "who did what when" reads best in the time the agent lives in.
 */
const localFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function localTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : localFmt.format(d);
}
