import { z } from 'zod';
import { UtcInstant } from './primitives';
import { query } from './spec';

/**
 * The background jobs whose work is shared by every console of one central tier. Centrally one
 * console (the leader, holding the job's lease) runs each; standalone runs them all itself.
 * `changeLog.prune` is central only (a standalone database has no change log to prune).
 */
export const JobName = z.enum(['holds.sweep', 'analytics.rollup', 'deals.scan', 'changeLog.prune', 'logs.retention']);
export type JobName = z.infer<typeof JobName>;

export const JobStatus = z.object({
  job: JobName,
  /** This console runs the job now (it holds the lease, or it is standalone). */
  runsHere: z.boolean(),
  /** The console holding the job's lease (`name#instance`), or null when no lease is live. */
  leader: z.string().nullable(),
  lastRunUtc: UtcInstant.nullable(),
  nextRunUtc: UtcInstant.nullable(),
});
export type JobStatus = z.infer<typeof JobStatus>;

export const JobChannels = {
  /** Who runs which shared job and when it last and next runs: the supervisors' "Background jobs" card. */
  'jobs.status': query('supervisor', z.object({}), z.array(JobStatus)),
};
