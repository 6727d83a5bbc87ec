import type { Envelope } from '../../../shared/contract';
import type { Transport } from '../../../renderer/client/contractClient';

/** One call the renderer made through the fake transport. */
export interface FakeCall { channel: string; input: Record<string, unknown> }

/** The core's answer for a channel it does not serve. */
export const notFound = (message: string): Envelope<unknown> => ({ ok: false, error: { code: 'NOT_FOUND', message } });

/**
 * A fake core behind the renderer's Transport: records every call, answers with `answer` (a
 * NOT_FOUND "… is not available." when it returns undefined), and keeps push-event listeners like
 * the real transports do, so a test can `emit` an event to everyone subscribed to it.
 */
export function fakeTransport(answer: (channel: string, input: Record<string, unknown>) => Envelope<unknown> | undefined) {
  const calls: FakeCall[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const t: Transport = {
    kind: 'electron',
    async invoke(channel, input): Promise<Envelope<unknown>> {
      const i = input as Record<string, unknown>;
      calls.push({ channel, input: i });
      return answer(channel, i) ?? notFound(`${channel} is not available.`);
    },
    subscribe(event, cb) {
      const set = listeners.get(event) ?? new Set();
      set.add(cb);
      listeners.set(event, set);
      return () => { set.delete(cb); };
    },
  };
  return {
    t, calls,
    emit: (event: string, payload: unknown) => listeners.get(event)?.forEach((cb) => cb(payload)),
  };
}
