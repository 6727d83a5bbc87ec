import { z } from 'zod';
import { Cents, Cursor, Id, IsoDate, OpId, Page, PageLimit, UtcInstant } from './primitives';
import { query } from './spec';

export const AnalyticsGroupBy = z.enum(['day', 'kind', 'route', 'hotel', 'state', 'operator']);
export type AnalyticsGroupBy = z.infer<typeof AnalyticsGroupBy>;

/** One group's figures over the asked window, from the daily rollups. */
export const AnalyticsRow = z.object({
  key: z.string(),
  label: z.string(),
  bookings: z.number().int().nonnegative(),
  revenueCents: Cents,
  cancellations: z.number().int().nonnegative(),
  refundCents: Cents,
});
export type AnalyticsRow = z.infer<typeof AnalyticsRow>;

export const AnalyticsSummary = z.object({
  from: IsoDate,
  to: IsoDate,
  groupBy: AnalyticsGroupBy,
  rows: z.array(AnalyticsRow),
  totals: AnalyticsRow.omit({ key: true, label: true }),
  /** When the rollup job last brought the aggregates up to date; null before its first run. */
  rolledUpAtUtc: UtcInstant.nullable(),
});
export type AnalyticsSummary = z.infer<typeof AnalyticsSummary>;

export const LogLevel = z.enum(['debug', 'info', 'warn', 'error', 'audit']);
export type LogLevel = z.infer<typeof LogLevel>;

/** An application log line or an audit entry (level `audit`), as the supervisors' log viewer shows it. */
export const LogEntry = z.object({
  id: z.string(),
  atUtc: UtcInstant,
  level: LogLevel,
  /** The channel for audit entries; the component (sync, deals, jobs…) for application logs. */
  source: z.string(),
  message: z.string(),
  operatorId: Id.nullable(),
  opId: OpId.nullable(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
});
export type LogEntry = z.infer<typeof LogEntry>;

export const ReportChannels = {
  'analytics.summary': query('supervisor', z.object({
    from: IsoDate,
    to: IsoDate,
    groupBy: AnalyticsGroupBy.default('day'),
  }).refine((r) => r.from <= r.to, { message: 'to must not be before from', path: ['to'] }), AnalyticsSummary),
  'logs.list': query('supervisor', z.object({
    level: LogLevel.optional(),
    /** Words to find in the message or source. */
    q: z.string().trim().max(120).optional(),
    operatorId: Id.optional(),
    from: UtcInstant.optional(),
    to: UtcInstant.optional(),
    cursor: Cursor.optional(),
    limit: PageLimit.default(100),
  }), Page(LogEntry)),
};
