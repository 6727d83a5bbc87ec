import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../../support/fixture';
import { fails, MODES, ok, startTestCore, tickingClock, type CoreMode, type TestCore } from '../../../support/testCore';

const HOTEL = 201;

function describeImageSuite(mode: CoreMode): void {
  let t: TestCore;
  let agent: string;
  let supervisor: string;

  beforeAll(async () => {
    t = await startTestCore(mode, { now: tickingClock(), log: () => undefined, env: { TRIPDESK_DEMO_DATA: '0' } });
    await seedCatalog(t.db);
    agent = t.tokens.agent;
    supervisor = t.tokens.supervisor;
  });
  afterAll(async () => { await t?.close(); });

  it('a supervisor adds an image (the same opId twice adds one) and agents see it', async () => {
    const opId = uuidv7();
    const input = { targetKind: 'hotel' as const, targetId: HOTEL, url: 'https://img.example.com/lobby.jpg', caption: 'Lobby', opId };
    const img = await ok(t, supervisor, 'images.add', input);
    expect(img).toEqual({ id: opId, targetKind: 'hotel', targetId: HOTEL, url: 'https://img.example.com/lobby.jpg', caption: 'Lobby' });
    await ok(t, supervisor, 'images.add', input);
    await ok(t, supervisor, 'images.add', { targetKind: 'hotel', targetId: HOTEL, url: 'https://img.example.com/room.jpg' });
    const list = await ok(t, agent, 'images.list', { targetKind: 'hotel', targetId: HOTEL });
    expect(list.map((i) => [i.url, i.caption])).toEqual([['https://img.example.com/lobby.jpg', 'Lobby'], ['https://img.example.com/room.jpg', null]]);
  });

  it('an image of something that does not exist is NOT_FOUND; agents may not add images; only https', async () => {
    await fails(t, supervisor, 'images.add', { targetKind: 'car', targetId: 9999, url: 'https://img.example.com/x.jpg' }, 'NOT_FOUND');
    await fails(t, agent, 'images.add', { targetKind: 'hotel', targetId: HOTEL, url: 'https://img.example.com/x.jpg' }, 'FORBIDDEN');
    await fails(t, supervisor, 'images.add', { targetKind: 'hotel', targetId: HOTEL, url: 'http://img.example.com/x.jpg' }, 'VALIDATION');
  });
}

for (const [name, mode] of MODES) {
  describe(`images on ${name}`, () => describeImageSuite(mode));
}
