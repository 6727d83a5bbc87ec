import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../shared/uuidv7';
import { loadConfig } from '../../../../main/core/config';
import { startCore, type Core } from '../../../../main/core/host/core';
import { GOOD_CARD, loadFixture } from '../../../support/fixture';
import { MAIL_FROM, startTestSmtp, type TestSmtp } from '../../../support/smtpServer';
import { MODES, ok, OPERATORS, PASSWORD, startTestCore, type TestCore } from '../../../support/testCore';
import { passengers } from '../../../support/travellers';
import { openDeviceDatabase } from '../../../../main/core/engine/sqlite/deviceDatabase';
import { MysqlDb } from '../../../../main/core/engine/mysql/mysqlDb';

/** The message's state in the store of record, read past the (closed) console. */
async function recordedState(t: TestCore, opId: string): Promise<string | undefined> {
  if (t.mysqlUrl) {
    const db = MysqlDb.fromUrl(t.mysqlUrl, 1);
    try {
      return (await db.get<{ state: string }>('SELECT state FROM messages WHERE op_id = ?', [opId]))?.state;
    } finally {
      await db.close();
    }
  }
  const raw = openDeviceDatabase(t.dir);
  try {
    return (raw.prepare('SELECT state FROM messages WHERE op_id = ?').get(opId) as { state: string } | undefined)?.state;
  } finally {
    raw.close();
  }
}

const CHILD = path.join(path.dirname(new URL(import.meta.url).pathname), 'mailProcess.ts');

async function until<T>(read: () => Promise<T>, good: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (good(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The crash window: the SMTP server has accepted the message (250 to DATA) but the console dies
 * before it records 'sent'. The console's process is stopped (SIGSTOP) the moment the server has
 * read the message, the server answers 250, and the process is killed (SIGKILL): it never hears
 * the answer. Restarted, the console sends the queued message again with the same Message-ID: the
 * server has it at most twice under one Message-ID, and the record shows one message, sent.
 */
describe.each(MODES)('a console killed between the SMTP server accepting a message and recording it, %s', (_name, mode) => {
  let smtp: TestSmtp;
  let t: TestCore;
  let restarted: Core | null = null;
  afterAll(async () => {
    await restarted?.close();
    if (t) fs.rmSync(t.dir, { recursive: true, force: true });
    await smtp?.close();
  });

  it('is sent again after the restart with the same Message-ID, and listed once as sent', async () => {
    smtp = await startTestSmtp();
    t = await startTestCore(mode, { env: { ...smtp.env(), TRIPDESK_CONSOLE_NAME: 'Crash desk' } });
    const fx = await loadFixture(t.engine);
    const b = await ok(t, t.tokens.agent, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: 2 * fx.flightPriceCents,
      items: [{ kind: 'flight', flightId: fx.flightId, seats: 2, travellers: passengers(2) }], payment: { kind: 'card', card: GOOD_CARD },
    });
    // The console's data dir is the child's now.
    await t.core.close();

    const opId = uuidv7();
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, t.dir, t.mysqlUrl ?? '-', t.mongoUrl ?? '-', smtp.url(), MAIL_FROM,
      OPERATORS.agent.email, PASSWORD, String(b.id), opId], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    const exited = new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(String(signal ?? code))));
    smtp.hooks.beforeAccept = () => { child.kill('SIGSTOP'); };
    smtp.hooks.afterAccept = async () => {
      // Let the 250 reach the stopped process's socket, then kill it before it can read it.
      await new Promise((r) => setTimeout(r, 100));
      child.kill('SIGKILL');
    };
    expect(await exited, out).toBe('SIGKILL');
    expect(out).not.toContain('answered');
    smtp.hooks.beforeAccept = undefined;
    smtp.hooks.afterAccept = undefined;
    expect(smtp.received.map((m) => m.messageId)).toEqual([`<${opId}@tripdesk>`]);
    expect(await recordedState(t, opId)).toBe('queued');

    restarted = await startCore(loadConfig({
      TRIPDESK_DATA_DIR: t.dir, TRIPDESK_PASSWORD_COST: 'test', TRIPDESK_CONSOLE_NAME: 'Crash desk', ...smtp.env(),
      ...(t.mysqlUrl && t.mongoUrl ? { TRIPDESK_MYSQL_URL: t.mysqlUrl, TRIPDESK_MONGO_URL: t.mongoUrl } : {}),
    }), { jobs: false, log: () => undefined });
    const login = await restarted.call('auth.login', { email: OPERATORS.agent.email, password: PASSWORD }, null);
    if (!login.ok) throw new Error(login.error.message);
    const token = (login.value as { sessionToken: string }).sessionToken;
    const core = restarted;
    const listed = await until(() => ok(core, token, 'messages.list', { bookingId: b.id }), (l) => l[0]?.state === 'sent');
    expect(listed.map((m) => [m.messageId, m.state, m.attempts])).toEqual([[`<${opId}@tripdesk>`, 'sent', 2]]);
    const ids = smtp.received.map((m) => m.messageId);
    expect(ids).toEqual([`<${opId}@tripdesk>`, `<${opId}@tripdesk>`]);

    // The same op sent again by a client that never got its answer: answered from the record, not mailed a third time.
    const again = await ok(core, token, 'messages.sendItinerary', { bookingId: b.id, opId });
    expect(again).toMatchObject({ state: 'sent', attempts: 2 });
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.received).toHaveLength(2);
  }, 60_000);
});
