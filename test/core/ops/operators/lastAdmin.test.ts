import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fails, MODES, ok, send, signInAs, startTestCore, type CoreMode, type TestCore } from '../../../support/testCore';

/**
 * TripDesk always keeps an active admin: no role change and no deactivation may leave none, even
 * when two admins change each other at the same moment (the check runs in the change's
 * transaction, with the admins' rows locked on MySQL).
 */
function describeLastAdmin(mode: CoreMode): void {
  let t: TestCore;
  let admin: string;

  beforeEach(async () => {
    t = await startTestCore(mode, { log: () => undefined, env: { TRIPDESK_DEMO_DATA: '0' } });
    admin = t.tokens.admin;
  });
  afterEach(async () => { await t?.close(); });

  const activeAdmins = async () =>
    (await t.db.all<{ id: number }>("SELECT id FROM admins WHERE role = 'admin' AND active = 1 ORDER BY id")).map((r) => Number(r.id));
  const secondAdmin = async () => {
    const token = await signInAs(t, 'admin', 'second.admin@test.tripdesk');
    const id = Number((await t.db.get<{ id: number }>("SELECT id FROM admins WHERE email = 'second.admin@test.tripdesk'"))?.id);
    return { token, id };
  };

  it('the only admin may not demote themselves: CONFLICT, and they stay admin', async () => {
    for (const role of ['supervisor', 'agent'] as const) {
      const refused = await fails(t, admin, 'operators.setRole', { operatorId: 3, role }, 'CONFLICT');
      expect(refused.message).toMatch(/last active admin/);
      expect(refused.details).toMatchObject({ operatorId: 3 });
    }
    expect(await activeAdmins()).toEqual([3]);
    // The refusal left the session alone: the admin still works.
    expect((await ok(t, admin, 'operators.list', {})).find((o) => o.id === 3)).toMatchObject({ role: 'admin', active: true });
  });

  it('with another admin there, an admin may step down; the one left may not', async () => {
    const second = await secondAdmin();
    expect(await ok(t, admin, 'operators.setRole', { operatorId: 3, role: 'supervisor' })).toMatchObject({ role: 'supervisor' });
    expect(await activeAdmins()).toEqual([second.id]);
    await fails(t, second.token, 'operators.setRole', { operatorId: second.id, role: 'agent' }, 'CONFLICT');
    expect(await activeAdmins()).toEqual([second.id]);
    // Making someone else admin is always allowed, and then the step down is too.
    await ok(t, second.token, 'operators.setRole', { operatorId: 2, role: 'admin' });
    await ok(t, second.token, 'operators.setRole', { operatorId: second.id, role: 'agent' });
    expect(await activeAdmins()).toEqual([2]);
  });

  it('a deactivated admin does not count: the one active admin left may not step down', async () => {
    const second = await secondAdmin();
    // Admin 3 is deactivated by the second admin, who is then the only active admin.
    await ok(t, second.token, 'operators.deactivate', { operatorId: 3 });
    expect(await activeAdmins()).toEqual([second.id]);
    // An inactive admin row does not count: making it a supervisor or agent is fine, the active admin stays.
    await ok(t, second.token, 'operators.setRole', { operatorId: 3, role: 'agent' });
    const refused = await fails(t, second.token, 'operators.setRole', { operatorId: second.id, role: 'supervisor' }, 'CONFLICT');
    expect(refused.message).toMatch(/last active admin/);
    expect(await activeAdmins()).toEqual([second.id]);
  });

  it('two admins deactivating each other at the same moment: one wins, one active admin is left', async () => {
    let survivor = { token: admin, id: 3 };
    for (let round = 0; round < 3; round++) {
      const email = `racer.${round}@test.tripdesk`;
      const rival = { token: await signInAs(t, 'admin', email), id: Number((await t.db.get<{ id: number }>('SELECT id FROM admins WHERE email = ?', [email]))?.id) };
      expect(await activeAdmins()).toEqual([survivor.id, rival.id].sort((x, y) => x - y));
      const [a, b] = await Promise.all([
        send(t, survivor.token, 'operators.deactivate', { operatorId: rival.id }),
        send(t, rival.token, 'operators.deactivate', { operatorId: survivor.id }),
      ]);
      expect([a, b].map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['CONFLICT', 'ok']);
      if (!a.ok) survivor = rival;
      expect(await activeAdmins()).toEqual([survivor.id]);
    }
  });

  it('two admins demoting each other at the same moment: one wins, one active admin is left', async () => {
    const second = await secondAdmin();
    const [a, b] = await Promise.all([
      send(t, admin, 'operators.setRole', { operatorId: second.id, role: 'agent' }),
      send(t, second.token, 'operators.setRole', { operatorId: 3, role: 'agent' }),
    ]);
    expect([a, b].map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['CONFLICT', 'ok']);
    expect(await activeAdmins()).toHaveLength(1);
  });
}

for (const [name, mode] of MODES) {
  describe(`an active admin always remains on ${name}`, () => describeLastAdmin(mode));
}
