import { operation } from '../operation';

/**
 * Which console runs each shared background job, and when it last ran and runs next: from the
 * job leases on the central server (standalone, this console runs them all). A host without a job
 * runner (a tool) has none to tell of.
 */
export const jobsStatus = operation('jobs.status', async (ctx) => (ctx.jobs ? ctx.jobs.status() : []));
