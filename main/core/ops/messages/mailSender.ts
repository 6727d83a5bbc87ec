/**
 * The SMTP server as the use cases see it (a port: integrations/mail holds the nodemailer
 * adapter). A send either resolves (the server accepted the message for delivery: `250` after
 * DATA) or rejects with a MailFailure saying why in words an agent can act on.
 */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** `<opId@tripdesk>`: the same on every attempt of one message. */
  messageId: string;
  attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
}

export interface MailSender {
  send(mail: OutgoingMail): Promise<void>;
  /** The From header customers see; null when email is not set up. */
  readonly from: string | null;
}

/**
 * Why a message was not sent. `unreachable` and `not-configured` are the console's or the
 * server's trouble (retry later); `auth` the settings'; `refused` the server's verdict on this
 * message (its address, say).
 */
export type MailFailureKind = 'unreachable' | 'auth' | 'refused' | 'not-configured';

export class MailFailure extends Error {
  constructor(readonly kind: MailFailureKind, readonly reason: string) {
    super(reason);
  }
}

/** What a console without SMTP settings sends with: every message fails, with the reason, and waits. */
export const NO_MAIL: MailSender = {
  from: null,
  send: () => Promise.reject(new MailFailure('not-configured',
    'Email is not set up on this console: set the SMTP server in Settings (or TRIPDESK_SMTP_URL and TRIPDESK_MAIL_FROM).')),
};
