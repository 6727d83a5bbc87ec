import { ContractError } from '../../../../shared/contract';
import { operation } from '../operation';

/*
 * The sync channels that only forward to the device's sync (SyncControl), kept as one table:
 * each is a line, and what they mean lives in device/. Resolving an inbox item has rules of its
 * own and is in resolveSyncInbox.ts.
 */

// A standalone console is its own store of record: nothing to download, its copy is whole.
const STANDALONE_STATUS = { mode: 'standalone' as const, pending: 0, conflicts: 0, lastSyncUtc: null, progress: null, offlineCopy: { state: 'complete' as const, percent: 100 } };

export const syncStatus = operation('sync.status', async (ctx) => {
  return ctx.sync ? ctx.sync.status() : STANDALONE_STATUS;
});

export const syncNow = operation('sync.now', async (ctx) => {
  return ctx.sync ? ctx.sync.syncNow() : STANDALONE_STATUS;
});

export const rehydrate = operation('sync.rehydrate', async (ctx) => {
  if (!ctx.sync) throw new ContractError('VALIDATION', 'mode: a standalone console has no server to download from.');
  return ctx.sync.rehydrate();
});

export const listSyncInbox = operation('sync.inbox.list', async (ctx) => {
  return ctx.sync ? ctx.sync.inbox() : [];
});
