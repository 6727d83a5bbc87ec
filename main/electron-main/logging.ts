import fs from 'node:fs';
import path from 'node:path';
import type { LogMessage, NodeLogger } from 'electron-log';
import type { LogFn } from '../core/host/core';

const REDACTED = '[redacted]';

/** Object keys whose values never reach a log, whatever they hold. */
const SECRET_KEY = /pass(word|wd|phrase)?|pwd|secret|token|api[-_]?key|authorization|cookie|cvc|cvv|card[-_]?number|^number$|^pan$/i;

/** `scheme://user:secret@host` — the secret part. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:@/?#]*):([^\s@/?#]*)@/gi;
/** `password=…`, `"sessionToken":"…"`, `cvc: 123` in free text. */
const KEY_VALUE =
  /(["']?)\b(pass(?:word|wd|phrase)?|pwd|secret|[a-z_]*token|api[-_]?key|cvc|cvv2?|authorization)\1(\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;&}\]]+)/gi;
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;
/**
 * 13 to 19 digits, maybe grouped by spaces or dashes: a card number. This also hides
 * millisecond timestamps (13 digits); a log that loses one is cheaper than one that keeps a PAN.
 */
const CARD_NUMBER = /(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)/g;
/** A long run of base64url with letters and digits: a session or API token (UUIDs are 36). */
const LONG_TOKEN = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{40,}(?![A-Za-z0-9_-])/g;

/**
 * Removes secrets from anything about to be logged: known secrets (the database passwords and
 * session tokens main holds) by value, and whatever looks like one by shape.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  remember(secret: string | null | undefined): void {
    if (!secret || secret.length < 4) return;
    this.secrets.add(secret);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) this.secrets.add(encoded);
  }

  forget(secret: string | null | undefined): void {
    if (!secret) return;
    this.secrets.delete(secret);
    this.secrets.delete(encodeURIComponent(secret));
  }

  text(input: string): string {
    let out = input;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    return out
      .replace(URL_CREDENTIALS, `$1$2:${REDACTED}@`)
      .replace(KEY_VALUE, `$1$2$1$3${REDACTED}`)
      .replace(AUTH_SCHEME, `$1 ${REDACTED}`)
      .replace(CARD_NUMBER, '[card]')
      .replace(LONG_TOKEN, (m) => (/\d/.test(m) && /[A-Za-z]/.test(m) ? '[token]' : m));
  }

  value(input: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
    if (typeof input === 'string') return this.text(input);
    if (input === null || typeof input !== 'object') return input;
    if (seen.has(input)) return '[circular]';
    if (depth > 6) return '[nested too deep]';
    seen.add(input);
    if (input instanceof Error) {
      return this.text(input.stack ?? `${input.name}: ${input.message}`);
    }
    if (Buffer.isBuffer(input) || ArrayBuffer.isView(input)) return '[binary]';
    if (input instanceof Date) return input;
    if (Array.isArray(input)) return input.map((v) => this.value(v, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(input)) {
      out[key] = SECRET_KEY.test(key) && v !== null && v !== undefined && typeof v !== 'boolean' ? REDACTED : this.value(v, depth + 1, seen);
    }
    return out;
  }
}

export interface AppLogging {
  log: LogFn;
  /** The current log file. */
  file: string;
}

/** Keeps `keep` older files beside the current one: main.1.log (newest) … main.N.log. */
export function rotateLogFile(file: string, keep: number): void {
  const ext = path.extname(file);
  const base = file.slice(0, file.length - ext.length);
  const nth = (n: number) => `${base}.${n}${ext}`;
  fs.rmSync(nth(keep), { force: true });
  for (let n = keep - 1; n >= 1; n--) {
    if (fs.existsSync(nth(n))) fs.renameSync(nth(n), nth(n + 1));
  }
  fs.renameSync(file, nth(1));
}

/**
 * Points electron-log at `<logsDir>/main.log` (5 MB, then rotated), readable by the user only,
 * with every message passed through the redactor before any transport sees it.
 */
export function configureLogging(
  logger: NodeLogger,
  opts: { logsDir: string; redactor: Redactor; maxSize?: number; keep?: number; console?: boolean },
): AppLogging {
  const file = path.join(opts.logsDir, 'main.log');
  fs.mkdirSync(opts.logsDir, { recursive: true, mode: 0o700 });
  const keep = opts.keep ?? 3;
  logger.transports.file.setAppName('TripDesk');
  logger.transports.file.resolvePathFn = () => file;
  logger.transports.file.maxSize = opts.maxSize ?? 5 * 1024 * 1024;
  logger.transports.file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  logger.transports.file.archiveLogFn = (old) => rotateLogFile(old.path, keep);
  if (opts.console === false) logger.transports.console.level = false;
  logger.hooks.push((message: LogMessage) => ({ ...message, data: message.data.map((d) => opts.redactor.value(d)) }));
  const log: LogFn = (level, msg, extra) => {
    if (extra === undefined) logger[level](msg);
    else logger[level](msg, extra);
  };
  return { log, file };
}
