import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../../support/fixture';
import { MODES, ok, startTestCore, tickingClock, type CoreMode, type TestCore } from '../../../support/testCore';

function describeReferenceSuite(mode: CoreMode): void {
  let t: TestCore;
  let agent: string;

  beforeAll(async () => {
    t = await startTestCore(mode, { now: tickingClock(), log: () => undefined, env: { TRIPDESK_DEMO_DATA: '0' } });
    await seedCatalog(t.db);
    agent = t.tokens.agent;
  });
  afterAll(async () => { await t?.close(); });

  it('lists airports by IATA code and states by code', async () => {
    const airports = await ok(t, agent, 'airports.list', {});
    expect(airports.map((a) => a.iata)).toEqual(['BOS', 'JFK', 'LAX', 'ORD']);
    expect(airports[1]).toEqual({ iata: 'JFK', name: 'John F. Kennedy International', city: 'New York', stateCode: 'NY', timeZone: 'America/New_York' });
    expect(airports[3]?.timeZone).toBe('America/Chicago');
    const states = await ok(t, agent, 'states.list', {});
    expect(states.map((s) => s.code)).toEqual(['CA', 'IL', 'MA', 'NY']);
  });
}

for (const [name, mode] of MODES) {
  describe(`reference lists on ${name}`, () => describeReferenceSuite(mode));
}
