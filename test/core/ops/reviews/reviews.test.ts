import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Review } from '../../../../shared/contract';
import { seedCatalog } from '../../../support/fixture';
import { fails, MODES, ok, startTestCore, tickingClock, type CoreMode, type TestCore } from '../../../support/testCore';

const HOTEL = 201;
const FLIGHT = 102;

function describeReviewSuite(mode: CoreMode): void {
  let t: TestCore;
  let agent: string;
  let supervisor: string;
  let customerId: number;

  beforeAll(async () => {
    t = await startTestCore(mode, { now: tickingClock(), log: () => undefined, env: { TRIPDESK_DEMO_DATA: '0' } });
    await seedCatalog(t.db);
    agent = t.tokens.agent;
    supervisor = t.tokens.supervisor;
    customerId = (await ok(t, agent, 'customers.create', { email: 'reviewer@example.com', firstName: 'Rae', lastName: 'Viewer' })).id;
  });
  afterAll(async () => { await t?.close(); });

  const review = (input: { targetKind?: 'hotel' | 'flight' | 'car'; targetId?: number; rating: number; text: string; title?: string; opId?: string }) =>
    ok(t, agent, 'reviews.create', { targetKind: 'hotel', targetId: HOTEL, customerId, ...input });

  async function everyPage(targetKind: 'hotel' | 'flight', targetId: number, limit: number, token = agent, includeHidden = false): Promise<Review[]> {
    const seen: Review[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await ok(t, token, 'reviews.list', { targetKind, targetId, limit, includeHidden, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items);
      if (!page.nextCursor) return seen;
      cursor = page.nextCursor;
    }
    throw new Error('paging did not end');
  }

  it('a review created twice with the same opId is one review', async () => {
    const opId = uuidv7();
    const first = await ok(t, agent, 'reviews.create', { targetKind: 'flight', targetId: FLIGHT, customerId, rating: 4, title: 'On time', text: 'Smooth flight.', opId });
    const again = await ok(t, agent, 'reviews.create', { targetKind: 'flight', targetId: FLIGHT, customerId, rating: 4, title: 'On time', text: 'Smooth flight.', opId });
    expect(first).toMatchObject({ id: opId, targetKind: 'flight', targetId: FLIGHT, customerId, rating: 4, title: 'On time', text: 'Smooth flight.', reply: null, hidden: false, hiddenReason: null, provisional: false });
    expect(again).toEqual(first);
    const list = await ok(t, agent, 'reviews.list', { targetKind: 'flight', targetId: FLIGHT });
    expect(list.items.map((r) => r.id)).toEqual([opId]);
    expect(list.summary).toEqual({ count: 1, average: 4, byStars: [0, 0, 0, 1, 0] });
  });

  it('a review of something that does not exist, or by an unknown customer, is NOT_FOUND', async () => {
    await fails(t, agent, 'reviews.create', { targetKind: 'car', targetId: 9999, customerId, rating: 3, text: 'Where is it?' }, 'NOT_FOUND');
    await fails(t, agent, 'reviews.create', { targetKind: 'hotel', targetId: HOTEL, customerId: 999_999, rating: 3, text: 'Who am I?' }, 'NOT_FOUND');
    await fails(t, agent, 'reviews.list', { targetKind: 'hotel', targetId: 9999 }, 'NOT_FOUND');
  });

  describe('on one hotel', () => {
    const made: Review[] = [];
    beforeAll(async () => {
      for (const [i, rating] of [5, 4, 4, 2, 1, 5, 3].entries()) made.push(await review({ rating, text: `Stay number ${i}` }));
    });

    it('lists newest first, and the pages cover every review exactly once', async () => {
      const all = await everyPage('hotel', HOTEL, 3);
      expect(all.map((r) => r.id)).toEqual([...made].reverse().map((r) => r.id));
      const times = all.map((r) => r.createdAtUtc);
      expect([...times].sort().reverse()).toEqual(times);
    });

    it('summarises the visible ratings', async () => {
      const { summary } = await ok(t, agent, 'reviews.list', { targetKind: 'hotel', targetId: HOTEL, limit: 1 });
      expect(summary).toEqual({ count: 7, average: 3.4, byStars: [1, 1, 1, 2, 2] });
    });

    it('a hidden review leaves the list and the summary; a supervisor still sees it on request', async () => {
      const oneStar = made[4]!;
      const hidden = await ok(t, supervisor, 'reviews.moderate', { reviewId: oneStar.id, hidden: true, reason: 'Abusive language' });
      expect(hidden).toMatchObject({ id: oneStar.id, hidden: true, hiddenReason: 'Abusive language' });

      const forAgent = await ok(t, agent, 'reviews.list', { targetKind: 'hotel', targetId: HOTEL, limit: 50 });
      expect(forAgent.items.map((r) => r.id)).not.toContain(oneStar.id);
      expect(forAgent.items).toHaveLength(6);
      expect(forAgent.summary).toEqual({ count: 6, average: 3.8, byStars: [0, 1, 1, 2, 2] });

      const forSupervisor = await everyPage('hotel', HOTEL, 2, supervisor, true);
      expect(forSupervisor).toHaveLength(7);
      expect(forSupervisor.find((r) => r.id === oneStar.id)).toMatchObject({ hidden: true, hiddenReason: 'Abusive language' });
    });

    it('an agent asking for hidden reviews is FORBIDDEN, and may not moderate', async () => {
      await fails(t, agent, 'reviews.list', { targetKind: 'hotel', targetId: HOTEL, includeHidden: true }, 'FORBIDDEN');
      await fails(t, agent, 'reviews.moderate', { reviewId: made[0]!.id, hidden: true, reason: 'x' }, 'FORBIDDEN');
    });

    it('unhiding brings the review back into the summary', async () => {
      const shown = await ok(t, supervisor, 'reviews.moderate', { reviewId: made[4]!.id, hidden: false, reason: 'Reviewed again: acceptable' });
      expect(shown).toMatchObject({ hidden: false, hiddenReason: null });
      expect((await ok(t, agent, 'reviews.list', { targetKind: 'hotel', targetId: HOTEL })).summary.count).toBe(7);
    });

    it('a reply by any agent shows up on the review, with who and when', async () => {
      const target = made[3]!;
      const replied = await ok(t, agent, 'reviews.reply', { reviewId: target.id, text: 'Sorry about the noise; we have fixed the window.' });
      expect(replied.reply).toMatchObject({ text: 'Sorry about the noise; we have fixed the window.', byOperatorId: 1 });
      expect(replied.reply!.atUtc).toMatch(/Z$/);
      const listed = (await everyPage('hotel', HOTEL, 50)).find((r) => r.id === target.id);
      expect(listed?.reply).toEqual(replied.reply);
    });

    it('moderating or replying to an unknown review is NOT_FOUND', async () => {
      await fails(t, agent, 'reviews.reply', { reviewId: 'no-such-review', text: 'Hello' }, 'NOT_FOUND');
      await fails(t, supervisor, 'reviews.moderate', { reviewId: 'no-such-review', hidden: true, reason: 'x' }, 'NOT_FOUND');
    });

    it('refuses a cursor it did not give out', async () => {
      await fails(t, agent, 'reviews.list', { targetKind: 'hotel', targetId: HOTEL, cursor: 'garbage' }, 'VALIDATION');
    });

    it('every review mutation leaves an audit entry', async () => {
      const audit = await ok(t, supervisor, 'audit.list', { entity: 'review', limit: 100 });
      const channels = new Set(audit.map((a) => a.channel));
      expect(channels).toEqual(new Set(['reviews.create', 'reviews.moderate', 'reviews.reply']));
      expect(audit.filter((a) => a.entityId === made[4]!.id && a.channel === 'reviews.moderate').map((a) => a.summary))
        .toEqual(expect.arrayContaining([expect.stringContaining('Abusive language'), expect.stringContaining('acceptable')]));
    });
  });
}

for (const [name, mode] of MODES) {
  describe(`reviews on ${name}`, () => describeReviewSuite(mode));
}
