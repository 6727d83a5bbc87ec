import type { z } from 'zod';
import type { Access } from './roles';
import { OpId } from './primitives';

/** Tables whose rows a device may make offline; their negative local ids map to server ids at replay. */
export type LocalTable = 'users' | 'bookings' | 'booking_items' | 'payment_methods' | 'booking_remarks' | 'customer_remarks'
  | 'customer_travellers' | 'booking_travellers' | 'messages' | 'refund_requests';

/**
 * How a mutation behaves, declared once on its contract row. Everything generic about an
 * operation — queueing it offline, the row version it is based on, local ids in its input, the
 * ids the server gives back, card numbers swapped for tokens — is read from here, never from a
 * table keyed by channel name elsewhere.
 *
 * Paths name fields of the input (or, for `serverIds`, of the answer): `customerId`,
 * `payment.paymentMethodId`, `itemIds[]` (every element), `items[].id`.
 */
export interface MutationPolicy {
  /**
   * 'queued': offline, the change is applied to the device's copy as provisional and queued in the
   * outbox (one SQLite transaction); replay sends it later. 'online-only': offline it answers
   * OFFLINE, because it needs the store of record at once (who may sign in, say).
   */
  readonly offline: 'queued' | 'online-only';
  /**
   * The row the agent's change is based on: the queued change remembers the row_version the
   * device had, and replay answers CONFLICT when the server's row has moved on since.
   */
  readonly basedOn?: { readonly table: 'users' | 'bookings'; readonly idField: string };
  /** Input fields that may name a record made offline (a negative local id), and its table. */
  readonly localIds?: Readonly<Record<string, LocalTable>>;
  /** Ids the server assigns to what the op creates, by path in the answer, and their tables. */
  readonly serverIds?: Readonly<Record<string, LocalTable>>;
  /**
   * Input paths holding card details (`CardInput`): swapped for the gateway's token (at the
   * sibling field `token`; a `kind: 'card'` union member becomes `kind: 'token'`) as soon as the
   * input is valid, before any use case, audit entry or outbox row sees them.
   */
  readonly secrets?: readonly string[];
  /**
   * The document the op makes, whose id is the opId: offline it is provisional until replay
   * confirms it, and a discarded op removes it.
   */
  readonly makesDocument?: 'reviews' | 'watches' | 'images';
  /**
   * Values the device makes for the agent to pass on at once (a booking's record locator), by
   * answer field → what to call it: replay sends the offline answer's value as the input field of
   * the same name, and when the server had to give another one, Needs attention names the new one.
   */
  readonly mintedOffline?: Readonly<Record<string, string>>;
}

/**
 * What a session that must first fix its credentials may still call (signed in after a password
 * reset, or an admin who has not set up two-factor): 'any' under either restriction (who am I,
 * sign out, change the password), 'twoFactor' only while two-factor is what is missing (enrolling).
 * Every other channel answers FORBIDDEN to such a session.
 */
export type DuringSetup = 'any' | 'twoFactor';

export type ChannelSpec = {
  input: z.ZodTypeAny;
  output: z.ZodTypeAny;
  access: Access;
  /** Mutations carry an opId: the same opId twice returns the first result. */
  mutation: boolean;
  /** Mutations only: how the operation behaves offline and what generic code does around it. */
  policy?: MutationPolicy;
  /** Queries only: true when the answer needs the central servers (offline it is OFFLINE). */
  needsServer?: boolean;
  duringSetup?: DuringSetup;
  /** The largest input (its JSON, in bytes) a host of the contract reads for this channel; its default otherwise. */
  maxInputBytes?: number;
};

type ChannelOptions = { duringSetup?: DuringSetup; maxInputBytes?: number };
const options = (opts: ChannelOptions) => ({
  ...(opts.duringSetup ? { duringSetup: opts.duringSetup } : {}),
  ...(opts.maxInputBytes ? { maxInputBytes: opts.maxInputBytes } : {}),
});

export const query = <I extends z.ZodTypeAny, O extends z.ZodTypeAny>(access: Access, input: I, output: O, opts: ChannelOptions & { needsServer?: boolean } = {}) =>
  ({ input, output, access, mutation: false as const, needsServer: opts.needsServer ?? false, ...options(opts) });
export const mutation = <S extends z.core.$ZodShape, O extends z.ZodTypeAny>(access: Access, input: z.ZodObject<S>, output: O, policy: MutationPolicy, opts: ChannelOptions = {}) =>
  ({ input: input.extend({ opId: OpId.optional() }), output, access, mutation: true as const, policy, ...options(opts) });
