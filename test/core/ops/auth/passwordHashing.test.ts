import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as NodeCrypto from 'node:crypto';
import { toDbInstant } from '../../../../shared/time';
import { loadConfig, passwordCostFrom, PRODUCTION_PASSWORD_COST, TEST_PASSWORD_COST } from '../../../../main/core/config';
import {
  dummyHash, hashPassword, MAX_PARALLEL_HASHES, meetsCost, needsRehash, scryptMemory, verifyPassword,
} from '../../../../main/core/ops/auth/passwords';
import { fails, ok, OPERATORS, PASSWORD, send, startTestCore, type TestCore } from '../../../support/testCore';

/**
 * Every scrypt the code runs goes through this wrapper around node:crypto's own: it records the
 * call (async or sync, and its parameters) and, while `hold` is on, keeps the finished result back
 * until the test releases it, so a test can look at the world while hashes are in flight without
 * racing them. The work itself is node:crypto's, on libuv's threadpool.
 */
const hasher = vi.hoisted(() => ({
  calls: [] as Array<{ sync: boolean; N: number; r: number; p: number; maxmem: number | undefined }>,
  hold: false,
  held: [] as Array<() => void>,
  release() {
    this.hold = false;
    for (const deliver of this.held.splice(0)) deliver();
  },
  reset() {
    this.calls.length = 0;
    this.release();
  },
}));

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof NodeCrypto>();
  type Opts = NodeCrypto.ScryptOptions;
  const record = (sync: boolean, o: Opts | undefined) =>
    hasher.calls.push({ sync, N: o?.N ?? o?.cost ?? 16384, r: o?.r ?? o?.blockSize ?? 8, p: o?.p ?? o?.parallelization ?? 1, maxmem: o?.maxmem });
  function scrypt(password: NodeCrypto.BinaryLike, salt: NodeCrypto.BinaryLike, keylen: number, ...rest: unknown[]): void {
    const cb = rest.pop() as (err: Error | null, key: Buffer) => void;
    const options = rest[0] as Opts | undefined;
    record(false, options);
    actual.scrypt(password, salt, keylen, options ?? {}, (err, key) => {
      if (hasher.hold) hasher.held.push(() => cb(err, key));
      else cb(err, key);
    });
  }
  function scryptSync(password: NodeCrypto.BinaryLike, salt: NodeCrypto.BinaryLike, keylen: number, options?: Opts): Buffer {
    record(true, options);
    return actual.scryptSync(password, salt, keylen, options);
  }
  return { ...actual, scrypt, scryptSync, default: { ...actual, scrypt, scryptSync } };
});

const WRONG = 'not the password';
const costOf = (hash: string) => hash.split('$').slice(1, 4).map(Number);
const work = () => hasher.calls.map((c) => ({ sync: c.sync, N: c.N, r: c.r, p: c.p }));

/** A hash as the code before this change stored it: scrypt N = 2^14 (scryptSync, 16-byte salt, 32-byte key), same string format. */
async function legacyHash(password: string): Promise<string> {
  const crypto = await vi.importActual<typeof NodeCrypto>('node:crypto');
  const salt = crypto.randomBytes(16);
  const key = crypto.scryptSync(password, salt, 32, { N: 16384, r: 8, p: 1 });
  return `scrypt$16384$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

async function addAdminRow(t: TestCore, email: string, hash: string, active = 1): Promise<number> {
  const at = toDbInstant(Date.now());
  const res = await t.db.run('INSERT INTO admins (email, name, role, password_hash, active, created_at_utc, updated_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [email, email, 'agent', hash, active, at, at]);
  return res.insertId;
}
const storedHash = async (t: TestCore, email: string) =>
  (await t.db.get<{ password_hash: string }>('SELECT password_hash FROM admins WHERE email = ?', [email]))!.password_hash;

afterEach(() => hasher.reset());

/**
 * Issue "Access that holds on every console", finding 6: sign-in timing told which emails exist
 * (40 ms for a real account, 3 ms for an unknown one), scrypt ran at N = 2^14 on the event loop.
 */
describe('password hashes: scrypt at current guidance, parameters in the hash, off the event loop', () => {
  it('production default is N = 2^17, r = 8, p = 1, with maxmem for its 128 MiB; tests and development may ask for less', async () => {
    expect(loadConfig({}).passwordCost).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(PRODUCTION_PASSWORD_COST).toEqual({ N: 131072, r: 8, p: 1 });
    expect(passwordCostFrom({ TRIPDESK_PASSWORD_COST: 'production' })).toEqual(PRODUCTION_PASSWORD_COST);
    expect(passwordCostFrom({ TRIPDESK_PASSWORD_COST: 'test' })).toEqual(TEST_PASSWORD_COST);
    expect(passwordCostFrom({ TRIPDESK_PASSWORD_COST: '16384' })).toEqual({ N: 16384, r: 8, p: 1 });
    for (const bad of ['fast', '1000', '512', '0', String(2 ** 21)]) expect(() => passwordCostFrom({ TRIPDESK_PASSWORD_COST: bad })).toThrow(/TRIPDESK_PASSWORD_COST/);
    // 128·N·r is exactly 128 MiB, and OpenSSL needs a little more than that.
    expect(scryptMemory(PRODUCTION_PASSWORD_COST)).toBeGreaterThan(128 * 2 ** 17 * 8 + 128 * 8);

    const hash = await hashPassword('s3cret enough', loadConfig({}).passwordCost);
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(work()).toEqual([{ sync: false, N: 131072, r: 8, p: 1 }]);
    expect(hasher.calls[0]!.maxmem).toBe(scryptMemory(PRODUCTION_PASSWORD_COST));
    expect(await verifyPassword('s3cret enough', hash)).toBe(true);
    expect(meetsCost(hash, PRODUCTION_PASSWORD_COST)).toBe(true);
    expect(needsRehash(hash, PRODUCTION_PASSWORD_COST)).toBe(false);
  });

  it('hashes made before (N = 2^14) and at a lower configured cost still verify, and count as below the production cost', async () => {
    const old = await legacyHash(PASSWORD);
    expect(await verifyPassword(PASSWORD, old)).toBe(true);
    expect(await verifyPassword(WRONG, old)).toBe(false);
    expect(needsRehash(old, PRODUCTION_PASSWORD_COST)).toBe(true);
    expect(needsRehash(old, { N: 16384, r: 8, p: 1 })).toBe(false);
    const cheap = await hashPassword(PASSWORD, TEST_PASSWORD_COST);
    expect(costOf(cheap)).toEqual([1024, 8, 1]);
    expect(await verifyPassword(PASSWORD, cheap)).toBe(true);
    expect(needsRehash(cheap, PRODUCTION_PASSWORD_COST)).toBe(true);
    // Never weakened: a stronger hash meets a lower configured cost.
    expect(needsRehash(old, TEST_PASSWORD_COST)).toBe(false);
  });

  it('what is no hash (or asks for absurd work) is false, not an exception, and runs no scrypt', async () => {
    const salt = Buffer.alloc(16, 1).toString('base64');
    const key = Buffer.alloc(32, 2).toString('base64');
    for (const stored of ['', 'plain', `bcrypt$12$8$1$${salt}$${key}`, `scrypt$16384$8$1$${salt}$`, `scrypt$16385$8$1$${salt}$${key}`,
      `scrypt$${2 ** 30}$8$1$${salt}$${key}`, `scrypt$${2 ** 20}$64$1$${salt}$${key}`, `scrypt$16384$8$1$${salt}$${key}$extra`]) {
      expect(await verifyPassword(PASSWORD, stored), stored).toBe(false);
      expect(needsRehash(stored, PRODUCTION_PASSWORD_COST), stored).toBe(false);
    }
    expect(hasher.calls).toHaveLength(0);
  });

  it(`runs on the threadpool, at most ${MAX_PARALLEL_HASHES} at a time, the rest waiting their turn`, async () => {
    hasher.hold = true;
    const done: number[] = [];
    const hashes = Array.from({ length: 5 }, (_, i) => hashPassword(`pw ${i}`, TEST_PASSWORD_COST).then((h) => { done.push(i); return h; }));
    await vi.waitFor(() => expect(hasher.held).toHaveLength(MAX_PARALLEL_HASHES));
    // The event loop turns while they are out: a timer fires, and nothing else was started.
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(hasher.calls.map((c) => c.sync)).toEqual([false, false]);
    expect(done).toEqual([]);
    hasher.release();
    const all = await Promise.all(hashes);
    expect(done).toHaveLength(5);
    expect(new Set(all).size).toBe(5);
    expect(hasher.calls).toHaveLength(5);
  });
});

describe('sign-in does the same scrypt work whether or not the account exists (standalone)', () => {
  let t: TestCore;
  const cost = TEST_PASSWORD_COST;

  beforeAll(async () => {
    t = await startTestCore('standalone');
    await addAdminRow(t, 'gone@tripdesk.test', await hashPassword(PASSWORD, cost), 0);
    await addAdminRow(t, 'legacy.wrong@tripdesk.test', await legacyHash(PASSWORD));
  });
  afterAll(async () => {
    await t?.close();
  });

  const workOf = async (email: string, password: string) => {
    hasher.reset();
    await fails(t, null, 'auth.login', { email, password }, 'UNAUTHENTICATED');
    return work();
  };

  it('a wrong password, an unknown email and a deactivated account: one async scrypt each, at the configured cost', async () => {
    expect(t.core.config.passwordCost).toEqual(cost);
    const one = [{ sync: false, ...cost }];
    // The unknown email first: no first-use extra (the dummy hash is not derived, just drawn).
    expect(await workOf('nobody@tripdesk.test', PASSWORD)).toEqual(one);
    expect(await workOf('nobody.else@tripdesk.test', WRONG)).toEqual(one);
    expect(await workOf(OPERATORS.agent.email, WRONG)).toEqual(one);
    expect(await workOf('gone@tripdesk.test', PASSWORD)).toEqual(one);
    expect(await workOf('gone@tripdesk.test', WRONG)).toEqual(one);
  });

  it('a wrong password against an older, cheaper hash also pays the configured cost', async () => {
    const cheaper = { N: 16384, r: 8, p: 1 };
    // Here the configured cost is the test one, below the legacy hash: nothing to add.
    expect(await workOf('legacy.wrong@tripdesk.test', WRONG)).toEqual([{ sync: false, ...cheaper }]);
    // A console configured above the stored hash pays its own cost on top.
    const strict = await startTestCore('standalone', { env: { TRIPDESK_PASSWORD_COST: '32768' } });
    try {
      await strict.db.run('UPDATE admins SET password_hash = ? WHERE email = ?', [await legacyHash(PASSWORD), OPERATORS.agent.email]);
      hasher.reset();
      await fails(strict, null, 'auth.login', { email: OPERATORS.agent.email, password: WRONG }, 'UNAUTHENTICATED');
      expect(work()).toEqual([{ sync: false, ...cheaper }, { sync: false, N: 32768, r: 8, p: 1 }]);
      hasher.reset();
      await fails(strict, null, 'auth.login', { email: 'nobody@tripdesk.test', password: WRONG }, 'UNAUTHENTICATED');
      expect(work()).toEqual([{ sync: false, N: 32768, r: 8, p: 1 }]);
    } finally {
      await strict.close();
    }
  });

  it('the dummy hash is well formed at the configured cost and no password matches it', async () => {
    const dummy = dummyHash(cost);
    expect(costOf(dummy)).toEqual([cost.N, cost.r, cost.p]);
    expect(meetsCost(dummy, cost)).toBe(true);
    expect(await verifyPassword('', dummy)).toBe(false);
    expect(await verifyPassword(PASSWORD, dummy)).toBe(false);
  });

  it('4 sign-ins in flight do not hold up an unrelated call: it answers while their hashes are still out', async () => {
    const order: string[] = [];
    hasher.reset();
    hasher.hold = true;
    const signIns = [
      ...(['agent', 'supervisor', 'admin'] as const).map((role) => ({ email: OPERATORS[role].email, password: PASSWORD })),
      { email: 'nobody@tripdesk.test', password: PASSWORD },
    ].map(({ email, password }) => send(t, null, 'auth.login', { email, password }).then((res) => {
      order.push(`${email}: ${res.ok ? 'OK' : res.error.code}`);
      return res;
    }));
    // The hashes are out on the threadpool (no more than MAX_PARALLEL_HASHES; the other sign-ins wait their turn)…
    await vi.waitFor(() => expect(hasher.held).toHaveLength(MAX_PARALLEL_HASHES));
    expect(hasher.calls.every((c) => !c.sync)).toBe(true);
    // …and the event loop is free: a timer fires and another channel answers before any sign-in does.
    await new Promise<void>((resolve) => setImmediate(resolve));
    await ok(t, t.tokens.agent, 'airports.list', {});
    order.push('airports.list');
    expect(order).toEqual(['airports.list']);

    hasher.release();
    const answers = await Promise.all(signIns);
    expect(answers.map((a) => (a.ok ? 'OK' : a.error.code))).toEqual(['OK', 'OK', 'OK', 'UNAUTHENTICATED']);
    expect(order[0]).toBe('airports.list');
    expect(order).toHaveLength(5);
  });
});

describe('a hash below the configured cost is raised at the next right sign-in, on the engine that answered', () => {
  it('standalone, production default: the operators\' test-cost hashes and a pre-change N = 2^14 hash are raised to N = 2^17', async () => {
    // The harness stores test-cost hashes and signs its three operators in: each was raised then.
    const t = await startTestCore('standalone', { env: { TRIPDESK_PASSWORD_COST: '' } });
    try {
      expect(t.core.config.passwordCost).toEqual({ N: 131072, r: 8, p: 1 });
      for (const role of ['agent', 'supervisor', 'admin'] as const) {
        expect(costOf(await storedHash(t, OPERATORS[role].email))).toEqual([131072, 8, 1]);
      }

      const email = 'old.timer@tripdesk.test';
      const old = await legacyHash(PASSWORD);
      const id = await addAdminRow(t, email, old);
      // A wrong password changes nothing.
      await fails(t, null, 'auth.login', { email, password: WRONG }, 'UNAUTHENTICATED');
      expect(await storedHash(t, email)).toBe(old);
      // The right one signs in and stores a fresh hash at the configured cost, in the same call.
      hasher.reset();
      const session = await ok(t, null, 'auth.login', { email, password: PASSWORD });
      expect(session.status === 'signedIn' && session.user.id).toBe(id);
      expect(work()).toEqual([{ sync: false, N: 16384, r: 8, p: 1 }, { sync: false, N: 131072, r: 8, p: 1 }]);
      const raised = await storedHash(t, email);
      expect(costOf(raised)).toEqual([131072, 8, 1]);
      expect(await t.db.get('SELECT row_version FROM admins WHERE id = ?', [id])).toEqual({ row_version: 1 });
      // The new hash signs in, once hashed: no re-hash on every sign-in.
      hasher.reset();
      await ok(t, null, 'auth.login', { email, password: PASSWORD });
      expect(work()).toEqual([{ sync: false, N: 131072, r: 8, p: 1 }]);
      expect(await storedHash(t, email)).toBe(raised);
    } finally {
      await t.close();
    }
  });

  it('central (MariaDB): raised in MySQL, where devices pull it from; a hash changed meanwhile is not overwritten', async () => {
    const t = await startTestCore('central', { env: { TRIPDESK_PASSWORD_COST: '4096' } });
    try {
      expect(costOf(await storedHash(t, OPERATORS.agent.email))).toEqual([4096, 8, 1]);
      const email = 'old.central@tripdesk.test';
      await addAdminRow(t, email, await hashPassword(PASSWORD, TEST_PASSWORD_COST));
      await ok(t, null, 'auth.login', { email, password: PASSWORD });
      expect(costOf(await storedHash(t, email))).toEqual([4096, 8, 1]);

      // The hash changes (a password reset elsewhere) while a sign-in with the old one is being checked.
      const racing = 'old.racing@tripdesk.test';
      await addAdminRow(t, racing, await hashPassword(PASSWORD, TEST_PASSWORD_COST));
      const reset = await hashPassword('a new password', { N: 2048, r: 8, p: 1 });
      hasher.reset();
      hasher.hold = true;
      const signingIn = send(t, null, 'auth.login', { email: racing, password: PASSWORD });
      await vi.waitFor(() => expect(hasher.held).toHaveLength(1));
      await t.db.run('UPDATE admins SET password_hash = ? WHERE email = ?', [reset, racing]);
      hasher.release();
      expect((await signingIn).ok).toBe(true);
      expect(hasher.calls.map((c) => c.N)).toEqual([1024, 4096]);
      expect(await storedHash(t, racing)).toBe(reset);
    } finally {
      await t.close();
    }
  });
});
