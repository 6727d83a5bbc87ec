import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../shared/uuidv7';
import type { ReviewDoc } from '../../../../main/core/engine/documents';
import { seedCatalog } from '../../../support/fixture';
import { fails, MODES, ok, signInAs, startTestCore, tickingClock, type CoreMode, type TestCore } from '../../../support/testCore';

const HOTEL = 201;
const REASON = 'Names a member of staff';

/**
 * A hidden review is for supervisors' eyes only, on every channel: an agent can neither answer it
 * (reviews.reply) nor read it back through reviews.create with its id as the opId, whether it was
 * written through the contract or seeded/imported into the document store (no applied_ops row).
 */
function describeHiddenReviews(mode: CoreMode): void {
  let t: TestCore;
  let agent: string;
  let otherAgent: string;
  let supervisor: string;
  let customerId: number;

  beforeAll(async () => {
    t = await startTestCore(mode, { now: tickingClock(), log: () => undefined, env: { TRIPDESK_DEMO_DATA: '0' } });
    await seedCatalog(t.db);
    agent = t.tokens.agent;
    supervisor = t.tokens.supervisor;
    otherAgent = await signInAs(t, 'agent', 'other.agent@test.tripdesk');
    customerId = (await ok(t, agent, 'customers.create', { email: 'hidden.reviewer@example.com', firstName: 'Hy', lastName: 'Dden' })).id;
  });
  afterAll(async () => { await t?.close(); });

  /** A review written straight into the document store, as the seed or an import does: no applied_ops row names its id. */
  async function seededReview(over: Partial<ReviewDoc> = {}): Promise<ReviewDoc> {
    const at = new Date('2026-01-02T10:00:00.000Z');
    const doc: ReviewDoc = {
      id: uuidv7(), entityType: 'hotel', entityId: HOTEL, userId: customerId, rating: 1, title: 'Awful', body: 'The night manager was rude.',
      createdAt: at, updatedAt: at, reply: null, hidden: false, hiddenReason: null, imageUrls: [], provisional: false, ...over,
    };
    await t.engine.docs.insertReview(doc);
    if (doc.hidden) await t.engine.docs.updateReview(doc.id, { hidden: true, hiddenReason: doc.hiddenReason });
    const stored = await t.engine.docs.getReview(doc.id);
    if (!stored) throw new Error('the seeded review was not stored');
    return stored;
  }

  async function hiddenThroughTheContract(): Promise<string> {
    const made = await ok(t, otherAgent, 'reviews.create', { targetKind: 'hotel', targetId: HOTEL, customerId, rating: 1, text: 'Staff were rude.' });
    await ok(t, supervisor, 'reviews.moderate', { reviewId: made.id, hidden: true, reason: REASON });
    return made.id;
  }

  it('an agent replying to a hidden review gets NOT_FOUND, as for one that does not exist, and nothing is written', async () => {
    const id = await hiddenThroughTheContract();
    const refused = await fails(t, agent, 'reviews.reply', { reviewId: id, text: 'We are sorry.' }, 'NOT_FOUND');
    const unknown = await fails(t, agent, 'reviews.reply', { reviewId: 'no-such-review', text: 'We are sorry.' }, 'NOT_FOUND');
    expect(JSON.stringify(refused)).not.toContain(REASON);
    expect(refused.message.replace(id, '<id>')).toBe(unknown.message.replace('no-such-review', '<id>'));
    expect(refused.details).toEqual({ reviewId: id });
    const stored = await t.engine.docs.getReview(id);
    expect(stored).toMatchObject({ reply: null, hidden: true, hiddenReason: REASON });
  });

  it('a hidden seeded review is NOT_FOUND for an agent replying too', async () => {
    const seeded = await seededReview({ hidden: true, hiddenReason: REASON });
    const refused = await fails(t, agent, 'reviews.reply', { reviewId: seeded.id, text: 'Hello' }, 'NOT_FOUND');
    expect(JSON.stringify(refused)).not.toContain(REASON);
    expect((await t.engine.docs.getReview(seeded.id))?.reply).toBeNull();
  });

  it('a supervisor may still answer a hidden review, and moderate it', async () => {
    const id = await hiddenThroughTheContract();
    const replied = await ok(t, supervisor, 'reviews.reply', { reviewId: id, text: 'We have spoken to the team.' });
    expect(replied).toMatchObject({ id, hidden: true, hiddenReason: REASON, reply: { text: 'We have spoken to the team.', byOperatorId: 2 } });
    expect(await ok(t, supervisor, 'reviews.moderate', { reviewId: id, hidden: false, reason: 'Fine after all' })).toMatchObject({ hidden: false });
    // Shown again, it is an agent's to answer like any other.
    expect(await ok(t, agent, 'reviews.reply', { reviewId: id, text: 'Thank you.' })).toMatchObject({ reply: { text: 'Thank you.', byOperatorId: 1 } });
  });

  it('reviews.create with a seeded hidden review\'s id as its opId is CONFLICT and writes nothing', async () => {
    const seeded = await seededReview({ hidden: true, hiddenReason: REASON });
    const refused = await fails(t, agent, 'reviews.create', {
      targetKind: 'hotel', targetId: HOTEL, customerId, rating: 5, text: 'Lovely stay.', opId: seeded.id,
    }, 'CONFLICT');
    expect(JSON.stringify(refused)).not.toContain(REASON);
    expect(JSON.stringify(refused)).not.toContain('night manager');
    expect(await t.engine.docs.getReview(seeded.id)).toEqual(seeded);
  });

  it('…even when the agent sends the hidden review\'s own words: it is still not theirs to read', async () => {
    const seeded = await seededReview({ hidden: true, hiddenReason: REASON });
    const refused = await fails(t, agent, 'reviews.create', {
      targetKind: 'hotel', targetId: HOTEL, customerId, rating: 1, title: 'Awful', text: 'The night manager was rude.', opId: seeded.id,
    }, 'CONFLICT');
    expect(JSON.stringify(refused)).not.toContain(REASON);
    expect(await t.engine.docs.getReview(seeded.id)).toEqual(seeded);
  });

  it('reviews.create with a seeded visible review\'s id never answers that review (CONFLICT, nothing written)', async () => {
    const seeded = await seededReview({ rating: 4, title: 'Good', body: 'Nice pool.' });
    await fails(t, agent, 'reviews.create', { targetKind: 'hotel', targetId: HOTEL, customerId, rating: 2, text: 'Something else.', opId: seeded.id }, 'CONFLICT');
    await fails(t, supervisor, 'reviews.create', { targetKind: 'flight', targetId: 102, customerId, rating: 4, title: 'Good', text: 'Nice pool.', opId: seeded.id }, 'CONFLICT');
    expect(await t.engine.docs.getReview(seeded.id)).toEqual(seeded);
  });

  it('reviews.create with another agent\'s hidden review id (written through the contract) is CONFLICT too', async () => {
    const id = await hiddenThroughTheContract();
    const before = await t.engine.docs.getReview(id);
    const refused = await fails(t, agent, 'reviews.create', { targetKind: 'hotel', targetId: HOTEL, customerId, rating: 5, text: 'Mine now.', opId: id }, 'CONFLICT');
    expect(JSON.stringify(refused)).not.toContain(REASON);
    expect(await t.engine.docs.getReview(id)).toEqual(before);
  });

  it('a review created again with its own opId is still one review, answered as first written', async () => {
    const opId = uuidv7();
    const input = { targetKind: 'hotel', targetId: HOTEL, customerId, rating: 3, text: 'Fine.', opId } as const;
    const first = await ok(t, agent, 'reviews.create', input);
    expect(await ok(t, agent, 'reviews.create', input)).toEqual(first);
    // Hidden since, the repeat is still answered from the op's stored answer: no moderator's reason in it.
    await ok(t, supervisor, 'reviews.moderate', { reviewId: opId, hidden: true, reason: REASON });
    expect(await ok(t, agent, 'reviews.create', input)).toEqual(first);
  });
}

for (const [name, mode] of MODES) {
  describe(`hidden reviews stay hidden on ${name}`, () => describeHiddenReviews(mode));
}
