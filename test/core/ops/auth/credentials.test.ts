import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../../../shared/contract';
import { RECOVERY_CODE_COUNT } from '../../../../shared/contract';
import { totpAt } from '../../../../main/core/ops/auth/totp';
import type { MysqlDb } from '../../../../main/core/engine/mysql/mysqlDb';
import { startFaultProxy, type FaultProxy } from '../../../support/faultProxy';
import {
  addServerOperator, fails, freshCentralServer, manualClock, MODES, ok, OPERATORS, PASSWORD, send, signedInAs, signInAs, startDeviceCore, startTestCore,
  type DeviceCore, type TestCore,
} from '../../../support/testCore';

const NEW_PASSWORD = 'a brand new passphrase';

/** Issue 18 part 7, on both engines: passwords, two-factor with recovery codes, sessions. */
describe.each(MODES)('operators\' credentials on %s', (_name, mode) => {
  let t: TestCore;
  const clock = manualClock(Date.parse('2026-06-01T09:00:00.000Z'));
  let serial = 0;
  /** A fresh operator of `role`, signed in; its email. */
  const someone = async (role: 'agent' | 'supervisor' | 'admin') => {
    serial += 1;
    const email = `${role}.${serial}@creds.tripdesk.test`;
    const token = await signInAs(t, role, email);
    const me = await ok(t, token, 'auth.me', {});
    return { email, token, id: me.user.id };
  };
  const login = (email: string, password = PASSWORD) => ok(t, null, 'auth.login', { email, password });
  /** Enrolls and confirms two-factor for a signed-in operator; the secret and the recovery codes. */
  const turnOn = async (token: string) => {
    const { secret, otpauthUri } = await ok(t, token, 'auth.totp.enroll', {});
    expect(otpauthUri).toContain(`secret=${secret}`);
    const { recoveryCodes } = await ok(t, token, 'auth.totp.confirm', { code: totpAt(secret, clock.now()) });
    clock.advance(30_000);
    return { secret, recoveryCodes };
  };
  const secondStep = async (email: string, code: string) => {
    const first = await login(email);
    if (first.status !== 'secondFactor') throw new Error('expected a second step');
    return send(t, null, 'auth.loginSecondFactor', { challenge: first.challenge, code });
  };

  beforeAll(async () => {
    t = await startTestCore(mode, { now: clock.now });
  });
  afterAll(async () => t?.close());

  it('an operator changes their own password: the old one stops working, their other sessions end, the change is audited', async () => {
    const agent = await someone('agent');
    const other = signedInAs(await login(agent.email)).sessionToken;
    const wrong = await fails(t, agent.token, 'auth.changePassword', { currentPassword: 'not my password', newPassword: NEW_PASSWORD }, 'VALIDATION');
    expect(wrong.message).toMatch(/current password/);
    await ok(t, agent.token, 'auth.changePassword', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    await ok(t, agent.token, 'auth.me', {});
    await fails(t, other, 'auth.me', {}, 'UNAUTHENTICATED');
    await fails(t, null, 'auth.login', { email: agent.email, password: PASSWORD }, 'UNAUTHENTICATED');
    expect(signedInAs(await login(agent.email, NEW_PASSWORD)).mustChangePassword).toBe(false);
    const trail = await ok(t, t.tokens.supervisor, 'audit.list', { entity: 'operator', entityId: String(agent.id) });
    expect(trail.map((e) => e.summary)).toContain('changed their password');
    expect(JSON.stringify(trail)).not.toContain(NEW_PASSWORD);
  });

  it('an admin resets a password: the operator\'s sessions end, and the next sign-in may only change it', async () => {
    const agent = await someone('agent');
    await fails(t, agent.token, 'operators.resetPassword', { operatorId: agent.id, temporaryPassword: 'temporary 1234' }, 'FORBIDDEN');
    await ok(t, t.tokens.admin, 'operators.resetPassword', { operatorId: agent.id, temporaryPassword: 'temporary 1234' });
    await fails(t, agent.token, 'auth.me', {}, 'UNAUTHENTICATED');
    await fails(t, null, 'auth.login', { email: agent.email, password: PASSWORD }, 'UNAUTHENTICATED');
    const session = signedInAs(await login(agent.email, 'temporary 1234'));
    expect(session.mustChangePassword).toBe(true);
    expect((await ok(t, session.sessionToken, 'auth.me', {})).mustChangePassword).toBe(true);
    const refused = await fails(t, session.sessionToken, 'customers.search', {}, 'FORBIDDEN');
    expect(refused.message).toMatch(/Change your password first/);
    await fails(t, session.sessionToken, 'auth.totp.enroll', {}, 'FORBIDDEN');
    await ok(t, session.sessionToken, 'auth.changePassword', { currentPassword: 'temporary 1234', newPassword: NEW_PASSWORD });
    expect((await ok(t, session.sessionToken, 'auth.me', {})).mustChangePassword).toBe(false);
    await ok(t, session.sessionToken, 'customers.search', {});
    expect(signedInAs(await login(agent.email, NEW_PASSWORD)).mustChangePassword).toBe(false);
    const trail = await ok(t, t.tokens.supervisor, 'audit.list', { entity: 'operator', entityId: String(agent.id) });
    expect(trail.map((e) => e.summary)).toEqual(expect.arrayContaining([
      'password reset by an admin (change required at next sign-in)', 'changed their password after a reset']));
  });

  it('two-factor: the secret and its otpauth URI, a code turns it on with 10 recovery codes, then sign-in asks for a code', async () => {
    const agent = await someone('agent');
    expect(await ok(t, agent.token, 'auth.totp.status', {})).toEqual({ enabled: false, pending: false, recoveryCodesLeft: 0, required: false });
    const { secret } = await ok(t, agent.token, 'auth.totp.enroll', {});
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect((await ok(t, agent.token, 'auth.totp.status', {})).pending).toBe(true);
    await fails(t, agent.token, 'auth.totp.confirm', { code: totpAt(secret, clock.now() + 120_000) }, 'VALIDATION');
    const { recoveryCodes } = await ok(t, agent.token, 'auth.totp.confirm', { code: totpAt(secret, clock.now()) });
    expect(recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(recoveryCodes).size).toBe(RECOVERY_CODE_COUNT);
    for (const c of recoveryCodes) expect(c).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(await ok(t, agent.token, 'auth.totp.status', {})).toEqual({ enabled: true, pending: false, recoveryCodesLeft: 10, required: false });

    // The store keeps no recovery code, only hashes; the code used to confirm is spent.
    const stored = await t.db.get<{ totp_recovery_hashes: string; totp_secret: string }>('SELECT totp_recovery_hashes, totp_secret FROM admins WHERE id = ?', [agent.id]);
    for (const c of recoveryCodes) expect(stored?.totp_recovery_hashes).not.toContain(c.replace(/-/g, ''));
    expect((await secondStep(agent.email, totpAt(secret, clock.now()))).ok).toBe(false);
    // The device's store of record keeps the secret sealed with its key; MySQL, shared by every console, as it is.
    if (mode === 'standalone') {
      expect(stored?.totp_secret).toMatch(/^sealed1:/);
      expect(stored?.totp_secret).not.toContain(secret);
    } else {
      expect(stored?.totp_secret).toBe(secret);
    }

    clock.advance(30_000);
    const first = await login(agent.email);
    expect(first.status).toBe('secondFactor');
    if (first.status !== 'secondFactor') return;
    await fails(t, null, 'auth.loginSecondFactor', { challenge: first.challenge, code: '000000' === totpAt(secret, clock.now()) ? '111111' : '000000' }, 'UNAUTHENTICATED');
    const code = totpAt(secret, clock.now());
    const signedIn = await ok(t, null, 'auth.loginSecondFactor', { challenge: first.challenge, code });
    expect(signedIn.user.email).toBe(agent.email);
    await ok(t, signedIn.sessionToken, 'customers.search', {});
    // A challenge is good for one session, and a code for one sign-in.
    await fails(t, null, 'auth.loginSecondFactor', { challenge: first.challenge, code }, 'UNAUTHENTICATED');
    const again = await secondStep(agent.email, code);
    expect(again.ok ? 'OK' : again.error.code).toBe('UNAUTHENTICATED');

    // A recovery code signs in once, and there is one fewer.
    const recovery = await secondStep(agent.email, recoveryCodes[3] ?? '');
    expect(recovery.ok).toBe(true);
    const twice = await secondStep(agent.email, recoveryCodes[3] ?? '');
    expect(twice.ok ? 'OK' : twice.error.code).toBe('UNAUTHENTICATED');
    expect((await ok(t, agent.token, 'auth.totp.status', {})).recoveryCodesLeft).toBe(9);

    // Off again with a code; the next sign-in needs none.
    clock.advance(30_000);
    await fails(t, agent.token, 'auth.totp.disable', { code: '12345x' }, 'VALIDATION');
    expect((await ok(t, agent.token, 'auth.totp.disable', { code: totpAt(secret, clock.now()) })).enabled).toBe(false);
    expect((await login(agent.email)).status).toBe('signedIn');
    const trail = (await ok(t, t.tokens.supervisor, 'audit.list', { entity: 'operator', entityId: String(agent.id) })).map((e) => e.summary);
    expect(trail).toEqual(expect.arrayContaining(['started setting up two-factor sign-in', 'turned two-factor sign-in on', 'turned two-factor sign-in off']));
    expect(JSON.stringify(trail)).not.toContain(secret);
  });

  it('guessing codes is throttled like guessing passwords', async () => {
    const agent = await someone('agent');
    const { secret } = await turnOn(agent.token);
    const first = await login(agent.email);
    if (first.status !== 'secondFactor') throw new Error('expected a second step');
    const wrong = totpAt(secret, clock.now()) === '999999' ? '999998' : '999999';
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await send(t, null, 'auth.loginSecondFactor', { challenge: first.challenge, code: wrong });
      codes.push(res.ok ? 'OK' : res.error.code);
    }
    expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED', 'RATE_LIMITED']);
    clock.advance(2_000);
    expect((await send(t, null, 'auth.loginSecondFactor', { challenge: first.challenge, code: totpAt(secret, clock.now()) })).ok).toBe(true);
  });

  it('sessions: an agent sees and ends their own; an admin sees everyone\'s and ends another\'s', async () => {
    const agent = await someone('agent');
    // The second from the console's own window: each session says where it was signed in.
    const viaBrowser = signedInAs(await login(agent.email)).sessionToken;
    const fromWindow = await t.core.call('auth.login', { email: agent.email, password: PASSWORD }, null, 'ipc');
    if (!fromWindow.ok) throw new Error(fromWindow.error.message);
    const viaWindow = signedInAs(fromWindow.value as ChannelOutput<'auth.login'>).sessionToken;
    const mine = (await ok(t, agent.token, 'auth.sessions.list', {})).filter((s) => s.operator.email === agent.email);
    expect(mine.map((s) => s.operator.email)).toEqual([agent.email, agent.email, agent.email]);
    expect(mine.map((s) => s.signedInVia)).toEqual(['browser', 'browser', 'window']);
    expect(mine.every((s) => s.consoleName === t.core.config.consoleName && s.consoleName.length > 0)).toBe(true);
    expect(mine.filter((s) => s.current)).toHaveLength(1);
    expect(JSON.stringify(mine)).not.toContain(agent.token);
    const all = await ok(t, t.tokens.admin, 'auth.sessions.list', {});
    expect(all.map((s) => s.operator.email)).toEqual(expect.arrayContaining([OPERATORS.agent.email, OPERATORS.admin.email, agent.email]));

    const other = mine.find((s) => s.signedInVia === 'window');
    if (!other) throw new Error('no second session');
    const someoneElse = all.find((s) => s.operator.email === OPERATORS.supervisor.email);
    await fails(t, agent.token, 'auth.sessions.revoke', { sessionId: someoneElse?.sessionId ?? 'x' }, 'NOT_FOUND');
    await ok(t, agent.token, 'auth.sessions.revoke', { sessionId: other.sessionId });
    expect((await fails(t, viaWindow, 'auth.me', {}, 'UNAUTHENTICATED')).message).toMatch(/^This session was signed out at \d\d:\d\d UTC by you, from another session\. Sign in again/);
    // Signing out is not a revocation: that token just has no session.
    const leaving = signedInAs(await login(agent.email)).sessionToken;
    await ok(t, leaving, 'auth.logout', {});
    expect((await fails(t, leaving, 'auth.me', {}, 'UNAUTHENTICATED')).message).toMatch(/^Sign in first/);
    await ok(t, viaBrowser, 'auth.logout', {});

    const mineNow = (await ok(t, agent.token, 'auth.sessions.list', {}))[0];
    await ok(t, t.tokens.admin, 'auth.sessions.revoke', { sessionId: mineNow?.sessionId ?? 'x' });
    const ended = await fails(t, agent.token, 'auth.me', {}, 'UNAUTHENTICATED');
    expect(ended.message).toContain(`UTC by ${OPERATORS.admin.email}. Sign in again to continue.`);
    expect(ended.details).toMatchObject({ revokedBy: OPERATORS.admin.email });
    const trail = (await ok(t, t.tokens.supervisor, 'audit.list', { entity: 'operator', entityId: String(agent.id) })).map((e) => e.summary);
    expect(trail).toEqual(expect.arrayContaining(['ended one of their sessions', `session of ${agent.email} ended by ${OPERATORS.admin.email}`]));
  });

  it('an admin who lost their phone: another admin resets the password and turns two-factor off', async () => {
    const agent = await someone('agent');
    await turnOn(agent.token);
    await ok(t, t.tokens.admin, 'operators.resetPassword', { operatorId: agent.id, temporaryPassword: 'temporary 1234', clearTwoFactor: true });
    const session = await login(agent.email, 'temporary 1234');
    expect(session.status === 'signedIn' && session.mustChangePassword).toBe(true);
  });
});

describe.each(MODES)('admins must have two-factor (TRIPDESK_ADMIN_TWO_FACTOR=required) on %s', (_name, mode) => {
  let t: TestCore;
  const clock = manualClock(Date.parse('2026-06-01T09:00:00.000Z'));
  beforeAll(async () => {
    t = await startTestCore(mode, { now: clock.now, env: { TRIPDESK_ADMIN_TWO_FACTOR: 'required' } });
  });
  afterAll(async () => t?.close());

  it('an admin without it may only set it up; once on, every admin channel works and sign-in asks for the code', async () => {
    const admin = t.tokens.admin;
    expect(await ok(t, admin, 'auth.me', {})).toMatchObject({ mustEnrollTwoFactor: true, mustChangePassword: false });
    const refused = await fails(t, admin, 'operators.list', {}, 'FORBIDDEN');
    expect(refused.message).toMatch(/Set up two-factor/);
    await fails(t, admin, 'customers.search', {}, 'FORBIDDEN');
    // Agents and supervisors are not asked.
    await ok(t, t.tokens.agent, 'customers.search', {});
    expect((await ok(t, admin, 'auth.totp.status', {})).required).toBe(true);

    const { secret } = await ok(t, admin, 'auth.totp.enroll', {});
    await ok(t, admin, 'auth.totp.confirm', { code: totpAt(secret, clock.now()) });
    expect((await ok(t, admin, 'auth.me', {})).mustEnrollTwoFactor).toBe(false);
    expect((await ok(t, admin, 'operators.list', {})).length).toBe(3);

    clock.advance(30_000);
    const first = await ok(t, null, 'auth.login', { email: OPERATORS.admin.email, password: PASSWORD });
    if (first.status !== 'secondFactor') throw new Error('expected a second step');
    const session: ChannelOutput<'auth.loginSecondFactor'> = await ok(t, null, 'auth.loginSecondFactor', { challenge: first.challenge, code: totpAt(secret, clock.now()) });
    expect(session.mustEnrollTwoFactor).toBe(false);
    await ok(t, session.sessionToken, 'operators.list', {});

    // Turning it off puts the session back to setting it up.
    clock.advance(30_000);
    await ok(t, session.sessionToken, 'auth.totp.disable', { code: totpAt(secret, clock.now()) });
    await fails(t, session.sessionToken, 'operators.list', {}, 'FORBIDDEN');
  });
});

describe('offline, a device checks the code against its own sealed copy (MariaDB + FerretDB, one device cut off)', () => {
  let server: MysqlDb;
  let mysqlProxy: FaultProxy;
  let mongoProxy: FaultProxy;
  let device: DeviceCore;
  const clock = manualClock(Date.parse('2026-06-01T09:00:00.000Z'));
  afterAll(async () => {
    await device?.close();
    await mysqlProxy?.close();
    await mongoProxy?.close();
    await server?.close();
  });

  it('enrolled online, pulled sealed, signed in offline with a code; recovery codes wait for the servers', async () => {
    const central = await freshCentralServer('creds');
    server = central.server;
    await addServerOperator(server, { role: 'agent', email: 'field.agent@tripdesk.test', name: 'Field agent', password: PASSWORD });
    mysqlProxy = await startFaultProxy(central.mysqlUrl);
    mongoProxy = await startFaultProxy(central.mongoUrl);
    device = await startDeviceCore(central, { now: clock.now, proxies: { mysql: mysqlProxy, mongo: mongoProxy } });
    const token = await device.signIn('field.agent@tripdesk.test', PASSWORD);
    const { secret } = await ok(device, token, 'auth.totp.enroll', {});
    const { recoveryCodes } = await ok(device, token, 'auth.totp.confirm', { code: totpAt(secret, clock.now()) });
    await device.core.sync!.sync();
    const local = await device.core.local.sql.get<{ totp_secret: string; totp_enabled: number }>(
      "SELECT totp_secret, totp_enabled FROM admins WHERE email = 'field.agent@tripdesk.test'");
    expect(local?.totp_enabled).toBe(1);
    expect(local?.totp_secret).toMatch(/^sealed1:/);
    expect(local?.totp_secret).not.toContain(secret);

    await mysqlProxy.cut();
    await mongoProxy.cut();
    try {
      clock.advance(30_000);
      device.core.sync!.markOffline('cut by the test');
      expect(device.core.mode()).toBe('offline');
      // Setting it up needs the store of record.
      await fails(device, token, 'auth.totp.enroll', {}, 'OFFLINE');
      const first = await ok(device, null, 'auth.login', { email: 'field.agent@tripdesk.test', password: PASSWORD });
      if (first.status !== 'secondFactor') throw new Error('expected a second step offline');
      const recovery = await fails(device, null, 'auth.loginSecondFactor', { challenge: first.challenge, code: recoveryCodes[0] ?? '' }, 'OFFLINE');
      expect(recovery.message).toMatch(/Recovery codes need the central servers/);
      const session = await ok(device, null, 'auth.loginSecondFactor', { challenge: first.challenge, code: totpAt(secret, clock.now()) });
      expect((await ok(device, session.sessionToken, 'auth.me', {})).mode).toBe('offline');
    } finally {
      await mysqlProxy.restore();
      await mongoProxy.restore();
    }
  });
});
