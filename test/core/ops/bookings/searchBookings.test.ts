import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_CARD, loadFixture, type Fixture } from '../../../support/fixture';
import { MODES, ok, startTestCore, type TestCore } from '../../../support/testCore';
import { passengers } from '../../../support/travellers';

/** Customers whose names and emails hold LIKE's special characters, and look-alikes a wildcard would catch. */
const PEOPLE = {
  underscore: { email: 'under_score@example.com', firstName: 'Una', lastName: 'Under_Score' },
  underLookAlike: { email: 'underxscore@example.com', firstName: 'Ulla', lastName: 'UnderXScore' },
  percent: { email: 'pc@example.com', firstName: 'Per%Cent', lastName: 'Sign' },
  percentLookAlike: { email: 'pv@example.com', firstName: 'Peregrine', lastName: 'Vincent' },
  backslash: { email: 'bs@example.com', firstName: 'Bea', lastName: 'Back\\Slash' },
  backLookAlike: { email: 'bsl@example.com', firstName: 'Bo', lastName: 'BackSlash' },
  bang: { email: 'bang@example.com', firstName: 'Bang!Bang', lastName: 'Boom' },
} as const;
type Who = keyof typeof PEOPLE | 'ada';

/**
 * `q` is what the agent typed: `%`, `_` (and the escape character itself) match only themselves,
 * on SQLite and on MariaDB alike.
 */
describe.each(MODES)('bookings.search takes q literally, %s', (_name, mode) => {
  let t: TestCore;
  let fx: Fixture;
  const customerOf = new Map<number, Who>();

  beforeAll(async () => {
    t = await startTestCore(mode);
    fx = await loadFixture(t.engine);
    const book = async (customerId: number) => ok(t, t.tokens.agent, 'bookings.create', {
      customerId, expectedTotalCents: 19_900, items: [{ kind: 'flight', flightId: fx.cheapFlightId, seats: 1, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD },
    });
    customerOf.set(fx.customerId, 'ada');
    await book(fx.customerId);
    for (const [who, person] of Object.entries(PEOPLE) as Array<[keyof typeof PEOPLE, (typeof PEOPLE)[keyof typeof PEOPLE]]>) {
      const customer = await ok(t, t.tokens.agent, 'customers.create', person);
      customerOf.set(customer.id, who);
      await book(customer.id);
    }
  });
  afterAll(async () => t?.close());

  const found = async (q: string): Promise<Who[]> => {
    const page = await ok(t, t.tokens.agent, 'bookings.search', { q, limit: 100 });
    return page.items.map((b) => customerOf.get(b.customerId) ?? ('?' as Who)).sort();
  };

  it('an underscore matches an underscore, not any one character', async () => {
    expect(await found('under_score')).toEqual(['underscore']);
    expect(await found('_')).toEqual(['underscore']);
    expect(await found('r_s')).toEqual(['underscore']);
  });

  it('a percent sign matches a percent sign, not any run of characters', async () => {
    expect(await found('%')).toEqual(['percent']);
    expect(await found('per%cent')).toEqual(['percent']);
    expect(await found('%%')).toEqual([]);
  });

  it('the escape character and a backslash are plain characters too', async () => {
    expect(await found('!')).toEqual(['bang']);
    expect(await found('bang!bang')).toEqual(['bang']);
    expect(await found('back\\slash')).toEqual(['backslash']);
    expect(await found('\\')).toEqual(['backslash']);
  });

  it('ordinary searches still match names, full names and emails, case-insensitively', async () => {
    expect(await found('ada')).toEqual(['ada']);
    expect(await found('LOVELACE')).toEqual(['ada']);
    expect(await found('ada lovelace')).toEqual(['ada']);
    expect(await found('under')).toEqual(['underLookAlike', 'underscore']);
    expect(await found('una under_score')).toEqual(['underscore']);
    expect(await found('@example.com')).toHaveLength(Object.keys(PEOPLE).length + 1);
  });
});
