import { useEffect } from 'react';
import type { JobName, JobStatus } from '../../../shared/contract';
import { useJobs } from '../../client/jobsStore';
import { useSession } from '../../client/sessionStore';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatInstant } from '../../ui/format';

const LABELS: Record<JobName, string> = {
  'holds.sweep': 'Expired holds released',
  'analytics.rollup': 'Analytics rolled up',
  'deals.scan': 'Deals looked for',
  'changeLog.prune': 'Old sync history pruned',
  'logs.retention': 'Old logs removed',
};

/** A lease holder is `console name#instance`: people know consoles by name. */
const consoleName = (holder: string) => holder.replace(/#[0-9a-f]+$/, '');

function runsOn(j: JobStatus): string {
  if (j.runsHere) return 'This console';
  return j.leader ? consoleName(j.leader) : 'No console yet (another takes it over within 30 s)';
}

/**
 * Shared jobs run on one console of the agency at a time (centrally, the one holding the job's
 * lease); a supervisor sees which, and when each last ran. Agents may not ask, so they see nothing.
 */
export function BackgroundJobs() {
  const isSupervisor = useSession((s) => s.can('supervisor'));
  const { jobs, loading, error, load } = useJobs();
  useEffect(() => {
    if (isSupervisor) void load();
  }, [isSupervisor, load]);
  if (!isSupervisor) return null;
  return (
    <section className="card" aria-labelledby="jobs-title">
      <h2 id="jobs-title">Background jobs</h2>
      <ErrorNote error={error} onRetry={() => void load()} />
      {jobs && (
        <table className="table compact" aria-label="Background jobs">
          <thead>
            <tr><th scope="col">Job</th><th scope="col">Runs on</th><th scope="col">Last run</th><th scope="col">Next run</th></tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.job} data-testid="background-job">
                <th scope="row">{LABELS[j.job]}</th>
                <td title={j.leader ?? undefined}>{runsOn(j)}</td>
                <td>{j.lastRunUtc ? formatInstant(j.lastRunUtc) : 'Not yet'}</td>
                <td>{formatInstant(j.nextRunUtc)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" onClick={() => void load()} disabled={loading}>{loading ? 'Refreshing…' : 'Refresh'}</button>
    </section>
  );
}
