import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, channels, roleAllows } from '../../shared/contract';
import { badInput, fails, ok, ROLES, send, signInAs, startTestCore, type TestCore } from '../support/testCore';
import { loadFixture } from '../support/fixture';

describe('the contract guards every channel', () => {
  let t: TestCore;

  beforeAll(async () => {
    t = await startTestCore('standalone');
    await loadFixture(t.engine);
  });
  afterAll(async () => t?.close());

  it('role × channel: every channel refuses the roles below it with FORBIDDEN, and serves the rest', async () => {
    const matrix: string[] = [];
    for (const channel of channelNames) {
      const spec = channels[channel];
      if (spec.access === 'public' || channel === 'auth.logout') continue;
      for (const role of ROLES) {
        const res = await send(t, t.tokens[role], channel, badInput({}));
        const code = res.ok ? 'OK' : res.error.code;
        const allowed = roleAllows(role, spec.access);
        if (allowed ? code === 'FORBIDDEN' || code === 'UNAUTHENTICATED' : code !== 'FORBIDDEN') matrix.push(`${channel} as ${role}: ${code}`);
      }
    }
    expect(matrix).toEqual([]);
  });

  it('every channel but sign-in refuses a caller without a session', async () => {
    for (const channel of channelNames) {
      // Sign-in is public: without a session, empty input is only a VALIDATION error.
      if (channels[channel].access === 'public') await fails(t, null, channel, badInput({}), 'VALIDATION');
      else await fails(t, null, channel, badInput({}), 'UNAUTHENTICATED');
    }
  });

  it('signing out ends the session', async () => {
    const token = await signInAs(t, 'agent', 'leaving@test.tripdesk');
    await ok(t, token, 'auth.logout', {});
    await fails(t, token, 'auth.me', {}, 'UNAUTHENTICATED');
  });

  it('generated bad input on every channel: VALIDATION naming the field, never INTERNAL', async () => {
    const surprises: string[] = [];
    for (const channel of channelNames) {
      if (channel === 'auth.logout') continue;
      const schema = channels[channel].input;
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue())), async (input) => {
          const res = await send(t, t.tokens.admin, channel, badInput(input));
          const valid = schema.safeParse(input ?? {}).success;
          if (!res.ok && res.error.code === 'INTERNAL') surprises.push(`${channel} ${JSON.stringify(input)}: INTERNAL`);
          if (!valid) {
            if (res.ok || res.error.code !== 'VALIDATION') surprises.push(`${channel} ${JSON.stringify(input)}: ${res.ok ? 'OK' : res.error.code}`);
            else if (!/^[\w.()]+: /.test(res.error.message)) surprises.push(`${channel}: message names no field: ${res.error.message}`);
          }
        }),
        { numRuns: 25, seed: 20261125 },
      );
    }
    expect(surprises).toEqual([]);
  });
});
