import fs from 'node:fs';
import path from 'node:path';
import nodeLog from 'electron-log/node';
import { describe, expect, it } from 'vitest';
import { configureLogging, Redactor, rotateLogFile } from '../../main/electron-main/logging';
import { tempDir } from './coreFixture';

const PASSWORD = 'Tr1pD3sk-Hunter2';
const TOKEN = 'k3Jd9s0aP2mZ8qL1xV7bN4cR6tY5wE0uI9oA3sD2fG1';
const CARD = '4242 4242 4242 4242';

describe('the redactor', () => {
  const r = new Redactor();
  r.remember(PASSWORD);

  it('removes known secrets wherever they appear, plain or URL-encoded', () => {
    expect(r.text(`connecting with ${PASSWORD}`)).toBe('connecting with [redacted]');
    r.remember('a b/c');
    expect(r.text(`url mysql://db/?x=${encodeURIComponent('a b/c')}`)).toBe('url mysql://db/?x=[redacted]');
  });

  it('removes things shaped like secrets', () => {
    const line = [
      'mysql://tripdesk:hunter2@db.example:3306/tripdesk',
      'mongodb://ops:p%40ss@a:27017,b:27017/x',
      'password=letmein',
      '"password":"letmein2"',
      "cvc: '123'",
      '{"cvc":"9876"}',
      `card ${CARD} and 4000-0566-5566-5556 and 378282246310005`,
      `sessionToken=${TOKEN}`,
      `Authorization: Bearer ${TOKEN}`,
      `token ${TOKEN}`,
    ].join(' | ');
    const out = r.text(line);
    for (const secret of ['hunter2', 'p%40ss', 'letmein', 'letmein2', "'123'", '9876', '4242', '4000-0566', '378282246310005', TOKEN]) {
      expect(out, secret).not.toContain(secret);
    }
    expect(out).toContain('mysql://tripdesk:[redacted]@db.example:3306/tripdesk');
    expect(out).toContain('[card]');
  });

  it('keeps what is not secret: ids, UUIDs, dates, words', () => {
    const text = 'booking 1234 op 0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b at 2025-11-25 10:00:00.000 for flight UA123';
    expect(r.text(text)).toBe(text);
  });

  it('walks objects: secret keys lose their values, strings are cleaned, errors too', () => {
    const out = r.value({
      email: 'ann@example.com',
      password: 'plain',
      card: { number: CARD, cvc: '123', expMonth: 12 },
      nested: [{ sessionToken: TOKEN, note: `url mysql://u:pw@h/db` }],
      hasMysqlPassword: true,
      error: new Error(`login failed for mysql://u:${PASSWORD}@db`),
    }) as Record<string, unknown>;
    const text = JSON.stringify(out);
    for (const secret of ['plain', '4242', '"123"', TOKEN, ':pw@', PASSWORD]) expect(text, secret).not.toContain(secret);
    expect(out.email).toBe('ann@example.com');
    expect(out.hasMysqlPassword).toBe(true);
    expect((out.card as Record<string, unknown>).expMonth).toBe(12);
  });
});

describe('the log file', () => {
  it('is written under the log folder, readable by the user only, with secrets removed', () => {
    const logsDir = path.join(tempDir('logs'), 'logs');
    const redactor = new Redactor();
    redactor.remember(PASSWORD);
    const logger = nodeLog.create({ logId: `test-${Date.now()}` });
    const { log, file } = configureLogging(logger, { logsDir, redactor, console: false });
    expect(file).toBe(path.join(logsDir, 'main.log'));
    log('info', `core started with mysql://tripdesk:${PASSWORD}@db/tripdesk`);
    log('error', 'unexpected failure in bookings.create', { input: { payment: { kind: 'card', card: { number: CARD, cvc: '737' } } }, token: TOKEN });
    log('warn', `login with password=${PASSWORD} failed; Bearer ${TOKEN}`);
    logger.info('raw electron-log call', { password: 'pw-raw', cardNumber: '5555555555554444' });
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('core started with mysql://tripdesk:[redacted]@db/tripdesk');
    expect(text).toContain('unexpected failure in bookings.create');
    for (const secret of [PASSWORD, CARD, '4242424242424242', '737', TOKEN, 'pw-raw', '5555555555554444']) {
      expect(text, secret).not.toContain(secret);
    }
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o077).toBe(0);
  });

  it('rotates at the size limit and keeps three old files', () => {
    const logsDir = path.join(tempDir('rotate'), 'logs');
    const logger = nodeLog.create({ logId: `rotate-${Date.now()}` });
    const { log, file } = configureLogging(logger, { logsDir, redactor: new Redactor(), console: false, maxSize: 2000 });
    expect(logger.transports.file.maxSize).toBe(2000);
    for (let i = 0; i < 200; i++) log('info', `line ${i} ${'x'.repeat(80)}`);
    const files = fs.readdirSync(logsDir).sort();
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.3.log', 'main.log']);
    expect(fs.statSync(file).size).toBeLessThanOrEqual(2200);
  });

  it('uses 5 MB files by default', () => {
    const logger = nodeLog.create({ logId: `default-${Date.now()}` });
    configureLogging(logger, { logsDir: path.join(tempDir('default'), 'logs'), redactor: new Redactor(), console: false });
    expect(logger.transports.file.maxSize).toBe(5 * 1024 * 1024);
  });

  it('rotation shifts older files along', () => {
    const dir = tempDir('shift');
    const f = path.join(dir, 'main.log');
    for (const [name, body] of [['main.log', 'now'], ['main.1.log', 'one'], ['main.2.log', 'two']] as const) fs.writeFileSync(path.join(dir, name), body);
    rotateLogFile(f, 2);
    expect(fs.readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log']);
    expect(fs.readFileSync(path.join(dir, 'main.1.log'), 'utf8')).toBe('now');
    expect(fs.readFileSync(path.join(dir, 'main.2.log'), 'utf8')).toBe('one');
  });
});
