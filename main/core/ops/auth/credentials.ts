import { randomBytes } from 'node:crypto';
import { ContractError, RECOVERY_CODE_COUNT, type Role, type SessionUser, type SignedIn } from '../../../../shared/contract';
import type { ServiceContext } from '../context';
import { hashPassword, verifyPassword } from './passwords';
import type { Restriction } from './sessions';
import { matchTotp } from './totp';

/** An operator's row with what signing in and two-factor need. */
export interface CredentialRow {
  id: number; email: string; name: string; role: Role; password_hash: string; active: number;
  must_change_password: number; totp_secret: string | null; totp_enabled: number; totp_recovery_hashes: string | null; totp_last_step: number | null;
}

export const CREDENTIAL_COLUMNS = 'id, email, name, role, password_hash, active, must_change_password, totp_secret, totp_enabled, totp_recovery_hashes, totp_last_step';

export async function loadCredentials(ctx: ServiceContext, where: { id: number } | { email: string }): Promise<CredentialRow | undefined> {
  return 'id' in where
    ? ctx.engine.sql.get<CredentialRow>(`SELECT ${CREDENTIAL_COLUMNS} FROM admins WHERE id = ?`, [where.id])
    : ctx.engine.sql.get<CredentialRow>(`SELECT ${CREDENTIAL_COLUMNS} FROM admins WHERE email = ?`, [where.email]);
}

export const twoFactorOn = (row: CredentialRow): boolean => Number(row.totp_enabled) === 1 && row.totp_secret !== null;

/** Whether this operator must have two-factor: admins, unless the installation says otherwise. */
export const twoFactorRequired = (ctx: ServiceContext, role: Role): boolean => role === 'admin' && ctx.config.adminTwoFactor === 'required';

/** What a new session of this operator must do before anything else. */
export function restrictionFor(ctx: ServiceContext, row: CredentialRow): Restriction | null {
  if (Number(row.must_change_password) === 1) return 'changePassword';
  if (twoFactorRequired(ctx, row.role) && !twoFactorOn(row)) return 'enrollTwoFactor';
  return null;
}

export function openSession(ctx: ServiceContext, row: CredentialRow): SignedIn {
  const user: SessionUser = { id: Number(row.id), email: row.email, name: row.name, role: row.role };
  const restriction = restrictionFor(ctx, row);
  const { token, expiresAt } = ctx.sessions.open(user, restriction, ctx.origin === 'bridge' ? 'browser' : 'window');
  return {
    status: 'signedIn', sessionToken: token, user, expiresAtUtc: new Date(expiresAt).toISOString(),
    mustChangePassword: restriction === 'changePassword', mustEnrollTwoFactor: restriction === 'enrollTwoFactor',
  };
}

const recoveryHashes = (row: CredentialRow): string[] => {
  if (!row.totp_recovery_hashes) return [];
  const parsed: unknown = JSON.parse(row.totp_recovery_hashes);
  return Array.isArray(parsed) ? parsed.filter((h): h is string => typeof h === 'string') : [];
};

export const recoveryCodesLeft = (row: CredentialRow): number => recoveryHashes(row).length;

// No 0/O or 1/I/L: read off paper and typed back.
const RECOVERY_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** `XXXX-XXXX-XXXX`: 12 characters of 31, about 59 bits each. */
function newRecoveryCode(): string {
  const bytes = randomBytes(12);
  let out = '';
  for (let i = 0; i < 12; i++) {
    out += RECOVERY_ALPHABET[(bytes[i] ?? 0) % RECOVERY_ALPHABET.length];
    if (i === 3 || i === 7) out += '-';
  }
  return out;
}

const normaliseRecovery = (code: string): string => code.toUpperCase().replace(/[^0-9A-Z]/g, '');

/** Ten new codes and their hashes (scrypt, as passwords: a stolen copy of the table gives no code). */
export async function newRecoveryCodes(ctx: ServiceContext): Promise<{ codes: string[]; hashesJson: string }> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const hashes = await Promise.all(codes.map((c) => hashPassword(normaliseRecovery(c), ctx.config.passwordCost)));
  return { codes, hashesJson: JSON.stringify(hashes) };
}

/**
 * Whether `code` is this operator's second factor now: a code from the app (within a step either
 * side, never a step already used), or an unused recovery code, which is used up. The use is
 * written on the engine that answered, only if nobody else used it meanwhile (the WHERE compares
 * what was read), so two consoles taking the same code at once cannot both succeed.
 * Recovery codes are burnt on the store of record only: offline a device could not tell the others.
 */
export async function takeSecondFactor(ctx: ServiceContext, row: CredentialRow, code: string): Promise<boolean> {
  if (!row.totp_secret) return false;
  const typed = code.trim();
  if (/^\d{6}$/.test(typed.replace(/\s/g, ''))) {
    const secret = ctx.engine.secrets.open(row.totp_secret);
    const step = matchTotp(secret, typed, ctx.now(), row.totp_last_step === null ? null : Number(row.totp_last_step));
    if (step === null) return false;
    const res = await ctx.engine.sql.run(
      'UPDATE admins SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)', [step, row.id, step]);
    return res.affectedRows === 1;
  }
  const hashes = recoveryHashes(row);
  if (hashes.length === 0) return false;
  if (ctx.mode === 'offline') {
    throw new ContractError('OFFLINE', 'Recovery codes need the central servers, which cannot be reached; use the code from your app.');
  }
  const typedCode = normaliseRecovery(typed);
  let used = -1;
  // Each is checked (no early exit): the time taken does not say which code it was.
  for (let i = 0; i < hashes.length; i++) {
    if (await verifyPassword(typedCode, hashes[i] ?? '') && used < 0) used = i;
  }
  if (used < 0) return false;
  const left = JSON.stringify(hashes.filter((_, i) => i !== used));
  const res = await ctx.engine.sql.run(
    'UPDATE admins SET totp_recovery_hashes = ? WHERE id = ? AND totp_recovery_hashes = ?', [left, row.id, row.totp_recovery_hashes]);
  return res.affectedRows === 1;
}
