import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, channels, roleAllows, type Role } from '../../shared/contract';
import { makeCore, signInAs, type TestCore } from '../support/cores';
import { loadFixture } from '../support/fixture';

const ROLES: Role[] = ['agent', 'supervisor', 'admin'];

describe('the contract guards every channel', () => {
  let t: TestCore;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    t = await makeCore('sqlite');
    await loadFixture(t.engine);
    for (const role of ROLES) tokens[role] = await signInAs(t, role);
  });
  afterAll(async () => t?.close());

  it('role × channel: every channel refuses the roles below it with FORBIDDEN, and serves the rest', async () => {
    const matrix: string[] = [];
    for (const channel of channelNames) {
      const spec = channels[channel];
      if (spec.access === 'public' || channel === 'auth.logout') continue;
      for (const role of ROLES) {
        const res = await t.core.call(channel, {}, tokens[role]);
        const code = res.ok ? 'OK' : res.error.code;
        const allowed = roleAllows(role, spec.access);
        if (allowed ? code === 'FORBIDDEN' || code === 'UNAUTHENTICATED' : code !== 'FORBIDDEN') matrix.push(`${channel} as ${role}: ${code}`);
      }
    }
    expect(matrix).toEqual([]);
  });

  it('every channel but sign-in refuses a caller without a session', async () => {
    for (const channel of channelNames) {
      const res = await t.core.call(channel, {}, null);
      if (channels[channel].access === 'public') continue;
      expect(res.ok ? 'OK' : res.error.code, channel).toBe('UNAUTHENTICATED');
    }
  });

  it('signing out ends the session', async () => {
    const token = await signInAs(t, 'agent', 'leaving@test.tripdesk');
    expect((await t.core.call('auth.logout', {}, token)).ok).toBe(true);
    const after = await t.core.call('auth.me', {}, token);
    expect(after.ok ? 'OK' : after.error.code).toBe('UNAUTHENTICATED');
  });

  it('generated bad input on every channel: VALIDATION naming the field, never INTERNAL', async () => {
    const surprises: string[] = [];
    for (const channel of channelNames) {
      if (channel === 'auth.logout') continue;
      const schema = channels[channel].input;
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue())), async (input) => {
          const res = await t.core.call(channel, input, tokens.admin);
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
