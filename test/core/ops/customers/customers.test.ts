import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../../../shared/contract';
import { seedCatalog } from '../../../support/fixture';
import { fails, MODES, ok, startTestCore, tickingClock, type CoreMode, type TestCore } from '../../../support/testCore';

function describeCustomerSuite(mode: CoreMode): void {
  let t: TestCore;
  let agent: string;

  beforeAll(async () => {
    t = await startTestCore(mode, { now: tickingClock(), log: () => undefined, env: { TRIPDESK_DEMO_DATA: '0' } });
    await seedCatalog(t.db);
    agent = t.tokens.agent;
  });
  afterAll(async () => { await t?.close(); });

  const create = (input: { email: string; firstName: string; lastName: string; phone?: string | null; stateCode?: string | null; opId?: string }) =>
    ok(t, agent, 'customers.create', input);

  it('creates a customer with the email in lower case, final (not provisional)', async () => {
    const c = await create({ email: 'Ada.Lovelace@Example.COM', firstName: 'Ada', lastName: 'Lovelace', phone: '+44 20 7946 0018', stateCode: 'NY' });
    expect(c).toMatchObject({ email: 'ada.lovelace@example.com', firstName: 'Ada', lastName: 'Lovelace', phone: '+44 20 7946 0018', stateCode: 'NY', provisional: false });
    expect(c.createdAtUtc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(await ok(t, agent, 'customers.get', { customerId: c.id })).toEqual(c);
  });

  it('refuses a second customer with the same email, whatever its case: CONFLICT on email', async () => {
    const err = await fails(t, agent, 'customers.create', { email: 'ADA.LOVELACE@example.com', firstName: 'Other', lastName: 'Ada' }, 'CONFLICT');
    expect(err.details).toEqual({ field: 'email' });
    const rows = await t.db.all('SELECT id FROM users WHERE email = ?', ['ada.lovelace@example.com']);
    expect(rows).toHaveLength(1);
  });

  it('the same opId twice creates one customer and answers the same', async () => {
    const opId = uuidv7();
    const a = await create({ email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper', opId });
    const b = await create({ email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper', opId });
    expect(b).toEqual(a);
    expect(await t.db.all('SELECT id FROM users WHERE email = ?', ['grace@example.com'])).toHaveLength(1);
  });

  it('rejects a state that does not exist as VALIDATION on stateCode', async () => {
    const err = await fails(t, agent, 'customers.create', { email: 'zz@example.com', firstName: 'Zed', lastName: 'Zee', stateCode: 'ZZ' }, 'VALIDATION');
    expect(err.message).toMatch(/^stateCode:/);
  });

  it('updates only the fields given, bumping row_version and updated_at_utc', async () => {
    const c = await create({ email: 'alan@example.com', firstName: 'Alan', lastName: 'Turing', phone: '555-0100', stateCode: 'MA' });
    const before = await t.db.get<{ row_version: number; updated_at_utc: string }>('SELECT row_version, updated_at_utc FROM users WHERE id = ?', [c.id]);
    const u = await ok(t, agent, 'customers.update', { customerId: c.id, phone: '555-0199' });
    expect(u).toEqual({ ...c, phone: '555-0199' });
    const after = await t.db.get<{ row_version: number; updated_at_utc: string }>('SELECT row_version, updated_at_utc FROM users WHERE id = ?', [c.id]);
    expect(Number(after?.row_version)).toBe(Number(before?.row_version) + 1);
    expect(after!.updated_at_utc > before!.updated_at_utc).toBe(true);

    const cleared = await ok(t, agent, 'customers.update', { customerId: c.id, phone: null, stateCode: null, email: 'Alan.Turing@Example.com' });
    expect(cleared).toMatchObject({ phone: null, stateCode: null, email: 'alan.turing@example.com', firstName: 'Alan' });
  });

  it('an update to an email another customer has is a CONFLICT on email, and changes nothing', async () => {
    const c = await create({ email: 'kay@example.com', firstName: 'Kay', lastName: 'Nakamura' });
    const err = await fails(t, agent, 'customers.update', { customerId: c.id, email: 'grace@example.com', firstName: 'Changed' }, 'CONFLICT');
    expect(err).toMatchObject({ code: 'CONFLICT', details: { field: 'email' } });
    expect(await ok(t, agent, 'customers.get', { customerId: c.id })).toEqual(c);
  });

  it('an unknown customer is NOT_FOUND for get and update', async () => {
    await fails(t, agent, 'customers.get', { customerId: 999_999 }, 'NOT_FOUND');
    await fails(t, agent, 'customers.update', { customerId: 999_999, firstName: 'X' }, 'NOT_FOUND');
  });

  describe('search', () => {
    const made: Customer[] = [];
    beforeAll(async () => {
      // Shared surnames and first names, so the (last, first, id) order and its cursor are exercised.
      const lasts = ['Smith', 'Garcia', 'Smith', 'Okafor', 'Smith', 'Nguyen', 'Garcia'];
      const firsts = ['Maria', 'John', 'Maria', 'Chen'];
      for (let i = 0; i < 23; i++) {
        made.push(await create({
          email: `search${i}@findme.example`, firstName: firsts[i % firsts.length]!, lastName: lasts[i % lasts.length]!,
          phone: `+1 (415) 555-${String(1000 + i)}`,
        }));
      }
    });

    async function everyPage(q: string, limit: number): Promise<Customer[]> {
      const seen: Customer[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 100; pages++) {
        const page = await ok(t, agent, 'customers.search', { q, limit, ...(cursor ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items);
        if (!page.nextCursor) return seen;
        cursor = page.nextCursor;
      }
      throw new Error('paging did not end');
    }

    const sortKey = (c: Customer) => [c.lastName, c.firstName, c.id] as const;
    const byKey = (a: Customer, b: Customer) => {
      const [al, af, ai] = sortKey(a);
      const [bl, bf, bi] = sortKey(b);
      return al < bl ? -1 : al > bl ? 1 : af < bf ? -1 : af > bf ? 1 : ai - bi;
    };

    it('pages through every match exactly once, ordered by last name, first name, id', async () => {
      const all = await everyPage('findme', 5);
      expect(all.map((c) => c.id).sort((a, b) => a - b)).toEqual(made.map((c) => c.id).sort((a, b) => a - b));
      expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
      expect(all).toEqual([...made].sort(byKey));
    });

    it('the last page has no next cursor, also when it is exactly full', async () => {
      const all = await everyPage('findme', 23);
      expect(all).toHaveLength(23);
      const page = await ok(t, agent, 'customers.search', { q: 'findme', limit: 23 });
      expect(page.nextCursor).toBeNull();
    });

    it('pages through everyone when nothing is typed', async () => {
      const all = await everyPage('', 4);
      const count = await t.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM users');
      expect(all).toHaveLength(Number(count?.n));
    });

    it('finds by part of a name in any case', async () => {
      const hits = await everyPage('okaf', 50);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((c) => c.lastName === 'Okafor')).toBe(true);
      expect((await everyPage('OKAFOR', 50)).map((c) => c.id)).toEqual(hits.map((c) => c.id));
    });

    it('finds by first and last name together ("maria smith")', async () => {
      const hits = await everyPage('maria smith', 50);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((c) => c.firstName === 'Maria' && c.lastName === 'Smith')).toBe(true);
    });

    it('finds by email, prefix or contains', async () => {
      expect((await everyPage('search7@', 50)).map((c) => c.email)).toEqual(['search7@findme.example']);
      expect((await everyPage('ADA.LOVE', 50)).map((c) => c.email)).toEqual(['ada.lovelace@example.com']);
    });

    it('finds by phone as typed or as bare digits', async () => {
      expect((await everyPage('555-1012', 50)).map((c) => c.email)).toEqual(['search12@findme.example']);
      expect((await everyPage('4155551012', 50)).map((c) => c.email)).toEqual(['search12@findme.example']);
    });

    it('treats % and _ literally', async () => {
      expect(await everyPage('%', 50)).toEqual([]);
      expect(await everyPage('search_', 50)).toEqual([]);
    });

    it('refuses a cursor it did not give out', async () => {
      const err = await fails(t, agent, 'customers.search', { q: '', cursor: 'not-a-cursor' }, 'VALIDATION');
      expect(err.message).toMatch(/^cursor:/);
    });
  });
}

for (const [name, mode] of MODES) {
  describe(`customers on ${name}`, () => describeCustomerSuite(mode));
}
