import { z } from 'zod';
import { OpId, UtcInstant } from './primitives';
import { query } from './spec';
import { WatchTriggered } from './deals';
import { ImportProgress } from './imports';

export const Mode = z.enum(['standalone', 'online', 'offline']);
export type Mode = z.infer<typeof Mode>;

export const SyncProgress = z.object({ phase: z.string(), done: z.number().int(), total: z.number().int().nullable() });
/**
 * The device's offline copy: complete; downloading (online meanwhile, or catching up); or partial,
 * its download stopped before the end (the line dropped): searches beyond it say they are incomplete.
 */
export const OfflineCopy = z.object({
  state: z.enum(['complete', 'downloading', 'partial']),
  percent: z.number().int().min(0).max(100),
});
export type OfflineCopy = z.infer<typeof OfflineCopy>;
export const SyncStatus = z.object({
  mode: Mode,
  pending: z.number().int(),
  conflicts: z.number().int(),
  lastSyncUtc: UtcInstant.nullable(),
  progress: SyncProgress.nullable(),
  offlineCopy: OfflineCopy,
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const OutboxState = z.enum(['pending', 'applying', 'applied', 'conflict', 'failed', 'discarded']);
export const InboxItem = z.object({
  opId: OpId,
  seq: z.number().int(),
  kind: z.string(),
  state: OutboxState,
  /** SOLD_OUT, PRICE_CHANGED, HOLD_EXPIRED, NOT_FOUND, CONFLICT… when the server refused the op. */
  code: z.string().nullable(),
  reason: z.string().nullable(),
  details: z.unknown().optional(),
  payload: z.unknown(),
  createdAtUtc: UtcInstant,
  attempts: z.number().int(),
  /** Applied, but with something the agent must pass on (a new record locator); cleared by 'dismiss'. */
  notice: z.string().nullable().optional(),
});


export const SyncChannels = {
  'sync.status': query('agent', z.object({}), SyncStatus),
  'sync.now': query('agent', z.object({}), SyncStatus),
  'sync.rehydrate': query('supervisor', z.object({}), SyncStatus, { needsServer: true }),
  'sync.inbox.list': query('agent', z.object({}), z.array(InboxItem)),
  'sync.inbox.resolve': query('agent', z.object({
    opId: OpId,
    action: z.enum(['accept_new_price', 'retry', 'edit', 'discard', 'dismiss']),
    input: z.record(z.string(), z.unknown()).optional(),
    reason: z.string().trim().min(1).max(500).optional(),
  }), InboxItem),
};

/** Events pushed from main to the renderer (WebSocket /events or IPC). */
export const PushEvents = {
  'sync.status': SyncStatus,
  'sync.progress': SyncProgress,
  'holds.expired': z.object({ holdIds: z.array(z.string()) }),
  'watches.triggered': WatchTriggered,
  'deals.new': z.object({ count: z.number().int().positive() }),
  'imports.progress': ImportProgress,
};
export type PushEventName = keyof typeof PushEvents;
