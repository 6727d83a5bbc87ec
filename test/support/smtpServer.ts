/**
 * A real SMTP server for tests (the smtp-server package) on a free loopback port, keeping every
 * message it accepts, parsed by mailparser. It asks for a user name and password (USER / PASSWORD
 * below; anything else is refused with 535, as real servers do), can be stopped and started again
 * on the same port (an outage), and lets a test act just before and just after it answers 250 to
 * DATA (the crash window of a sender).
 *
 *   const smtp = await startTestSmtp();
 *   env: { TRIPDESK_SMTP_URL: smtp.url(), TRIPDESK_MAIL_FROM: 'TripDesk <desk@tripdesk.test>' }
 *   const [mail] = await smtp.waitFor(1);
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { getFreePort, LOOPBACK } from './ports';

export const SMTP_USER = 'tripdesk';
export const SMTP_PASSWORD = 'mail-secret';
export const MAIL_FROM = 'TripDesk Travel <desk@tripdesk.test>';

export interface ReceivedMail {
  parsed: ParsedMail;
  /** The Message-ID header, with its angle brackets. */
  messageId: string;
  /** The envelope's recipients (RCPT TO). */
  to: string[];
}

export interface TestSmtp {
  readonly port: number;
  /** TRIPDESK_SMTP_URL for this server (the right password unless another is given). */
  url(password?: string): string;
  /** The env a core needs to mail through this server. */
  env(password?: string): Record<string, string>;
  readonly received: ReceivedMail[];
  /** Resolves once at least `n` messages have arrived (rejects after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Called after a message's DATA is read, before the 250 answer; and just after it. */
  hooks: { beforeAccept?: (mail: ReceivedMail) => void | Promise<void>; afterAccept?: (mail: ReceivedMail) => void | Promise<void> };
  /** Stops listening (an outage): connections are refused until start(). */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const port = await getFreePort();
  const received: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  let server: SMTPServer | null = null;
  const hooks: TestSmtp['hooks'] = {};

  const make = () => new SMTPServer({
    // No TLS on a loopback test server: STARTTLS would need a certificate the client trusts.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(async (parsed) => {
        const mail: ReceivedMail = { parsed, messageId: parsed.messageId ?? '', to: session.envelope.rcptTo.map((r) => r.address) };
        received.push(mail);
        await hooks.beforeAccept?.(mail);
        callback();
        for (const w of waiters.splice(0)) w();
        await hooks.afterAccept?.(mail);
      }, (err: Error) => callback(err));
    },
  });

  const start = async () => {
    const s = make();
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, LOOPBACK, () => { s.off('error', reject); resolve(); });
    });
    s.on('error', () => undefined);
    server = s;
  };
  const stop = async () => {
    const s = server;
    server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await start();

  const url = (password = SMTP_PASSWORD) => `smtp://${SMTP_USER}:${encodeURIComponent(password)}@${LOOPBACK}:${port}`;
  return {
    port, received, hooks, stop, start,
    url,
    env: (password?: string) => ({ TRIPDESK_SMTP_URL: url(password), TRIPDESK_MAIL_FROM: MAIL_FROM }),
    waitFor(n, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`expected ${n} messages, the SMTP server has ${received.length}`)), timeoutMs);
        const check = () => {
          if (received.length >= n) {
            clearTimeout(timer);
            resolve(received.slice());
          } else waiters.push(check);
        };
        check();
      });
    },
    close: stop,
  };
}

/** The PDF attachments of a received mail, as documents.itinerary answers files (for pdfText). */
export function pdfAttachments(mail: ReceivedMail): Array<{ fileName: string; contentType: 'application/pdf'; base64: string }> {
  return mail.parsed.attachments
    .filter((a) => a.contentType === 'application/pdf')
    .map((a) => ({ fileName: a.filename ?? 'attachment.pdf', contentType: 'application/pdf' as const, base64: a.content.toString('base64') }));
}
