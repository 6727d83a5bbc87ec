import nodemailer from 'nodemailer';
import type { SmtpSettings } from '../../config';
import { MailFailure, NO_MAIL, type MailSender, type OutgoingMail } from '../../ops/messages/mailSender';

/** nodemailer's error fields we read (its SMTPError). */
interface SmtpError { code?: string; responseCode?: number; response?: string; message?: string }

/**
 * What went wrong, in words an agent can act on. 535 (and nodemailer's EAUTH) is the password;
 * no connection, a timeout or a dropped line is the server out of reach; a 5xx on the envelope is
 * the server refusing this message (its address, usually).
 */
export function failureOf(err: unknown, settings: Pick<SmtpSettings, 'host' | 'port'>): MailFailure {
  const e = (err ?? {}) as SmtpError;
  const said = (e.response ?? e.message ?? String(err)).trim().slice(0, 300);
  if (e.code === 'EAUTH' || e.responseCode === 535) {
    return new MailFailure('auth', `The SMTP server refused the user name or password (${said}).`);
  }
  if (['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(e.code ?? '') || (e.responseCode !== undefined && e.responseCode >= 400 && e.responseCode < 500)) {
    return new MailFailure('unreachable', `The SMTP server ${settings.host}:${settings.port} could not take the message now: ${said}`);
  }
  return new MailFailure('refused', `The SMTP server refused the message: ${said}`);
}

/**
 * nodemailer: the most used Node SMTP client, maintained since 2010 with no runtime dependencies,
 * which speaks STARTTLS, implicit TLS, AUTH PLAIN/LOGIN, and lets us set the Message-ID header.
 * (emailjs and smtp-client see far less use and fewer fixes.) One connection per message: sends
 * are rare, and a pooled connection would only sit open against the server's idle timeout.
 */
export function createSmtpSender(settings: SmtpSettings | null): MailSender {
  if (!settings) return NO_MAIL;
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    from: settings.from,
    async send(mail: OutgoingMail): Promise<void> {
      try {
        await transport.sendMail({
          from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId,
          attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
        });
      } catch (err) {
        throw failureOf(err, settings);
      }
    },
  };
}
