import { create } from 'zustand';
import { ContractError, JobStatus } from '../../shared/contract';
import { call } from './contractClient';

interface JobsState {
  jobs: JobStatus[] | null;
  loading: boolean;
  /** Why the last read failed. */
  error: unknown;
  load(): Promise<void>;
}

/** Who runs each shared background job (jobs.status, supervisors only): the Settings page's "Background jobs" card. */
export const useJobs = create<JobsState>((set) => ({
  jobs: null,
  loading: false,
  error: null,
  async load() {
    set({ loading: true, error: null });
    try {
      // An older core (or a stand-in) may answer something else: said so, not drawn half.
      const answer = JobStatus.array().safeParse(await call('jobs.status', {}));
      if (!answer.success) throw new ContractError('INTERNAL', 'The console answered jobs.status with something this window cannot show.');
      set({ jobs: answer.data, loading: false });
    } catch (error) {
      set({ error, loading: false });
    }
  },
}));
