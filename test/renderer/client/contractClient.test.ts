import { afterEach, describe, expect, it } from 'vitest';
import { ContractError, type Envelope } from '../../../shared/contract';
import { call, createAction, isNetworkError, setTransport, type Transport } from '../../../renderer/client/contractClient';
import { uuidv7 } from '../../../shared/uuidv7';

const unreachable: Envelope<unknown> = { ok: false, error: { code: 'OFFLINE', message: 'unreachable', details: { transport: 'unreachable' } } };

/** A transport that answers from a script and records what was sent. */
function scripted(answers: Envelope<unknown>[]): Transport & { sent: { channel: string; input: Record<string, unknown> }[] } {
  const sent: { channel: string; input: Record<string, unknown> }[] = [];
  return {
    kind: 'bridge',
    sent,
    async invoke(channel, input) {
      sent.push({ channel, input: input as Record<string, unknown> });
      return answers.shift() ?? { ok: true, value: { ok: true } };
    },
    subscribe: () => () => undefined,
  };
}

afterEach(() => setTransport(null));

describe('contract client', () => {
  it('makes time-ordered UUIDv7 ids', () => {
    const a = uuidv7();
    const b = uuidv7();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
  });

  it('gives every mutation an opId, and queries none', async () => {
    const t = scripted([{ ok: true, value: [] }, { ok: true, value: {} }]);
    setTransport(t);
    await call('airports.list', {});
    await call('holds.release', { holdId: 'h1' });
    expect(t.sent[0]!.input.opId).toBeUndefined();
    expect(typeof t.sent[1]!.input.opId).toBe('string');
  });

  it('turns ok:false into a ContractError with the code and details', async () => {
    setTransport(scripted([{ ok: false, error: { code: 'SOLD_OUT', message: 'Only 0 seat(s) left', details: { flightId: 7 } } }]));
    const err = await call('holds.create', { flightId: 7, seats: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContractError);
    expect((err as ContractError).code).toBe('SOLD_OUT');
    expect((err as ContractError).details).toEqual({ flightId: 7 });
  });

  it('retries an unreachable core with the same opId, so a booking that landed is not made twice', async () => {
    const t = scripted([unreachable, { ok: true, value: { holdId: 'x' } }]);
    setTransport(t);
    await call('holds.create', { flightId: 7, seats: 1 });
    expect(t.sent).toHaveLength(2);
    expect(t.sent[0]!.input.opId).toBe(t.sent[1]!.input.opId);
  });

  it('a user action keeps its opId across "Try again" after a network failure, and takes a new one after an answer', async () => {
    const t = scripted([unreachable, unreachable, unreachable, { ok: true, value: { holdId: 'a' } }, { ok: true, value: { holdId: 'b' } }]);
    setTransport(t);
    const action = createAction();
    const err = await action.run('holds.create', { flightId: 7, seats: 1 }).catch((e: unknown) => e);
    expect(isNetworkError(err)).toBe(true);
    const first = action.pendingOpId;
    expect(first).not.toBeNull();
    await action.run('holds.create', { flightId: 7, seats: 1 });
    expect(t.sent.map((s) => s.input.opId)).toEqual([first, first, first, first]);
    expect(action.pendingOpId).toBeNull();
    await action.run('holds.create', { flightId: 7, seats: 1 });
    expect(t.sent[4]!.input.opId).not.toBe(first);
  }, 10_000);

  it('a changed input is a new action with a new opId', async () => {
    const t = scripted([unreachable, unreachable, unreachable, { ok: true, value: {} }]);
    setTransport(t);
    const action = createAction();
    await action.run('holds.create', { flightId: 7, seats: 1 }).catch(() => undefined);
    await action.run('holds.create', { flightId: 7, seats: 2 });
    expect(t.sent[3]!.input.opId).not.toBe(t.sent[0]!.input.opId);
  }, 10_000);

  it('an action on a non-mutation passes an opId in its input through untouched (sync.inbox.resolve names its target op)', async () => {
    const t = scripted([{ ok: true, value: {} }]);
    setTransport(t);
    const target = '0190f3a2-7c1e-7000-8000-000000000001';
    await createAction().run('sync.inbox.resolve', { opId: target, action: 'retry' });
    expect(t.sent[0]!.input.opId).toBe(target);
  });
});
