import { ContractError } from '../../../../shared/contract';
import { toDbInstant } from '../../../../shared/time';
import { writeAudit } from '../audit/audit';
import { requireOperator, type ServiceContext } from '../context';
import { runMutation } from '../runMutation';
import { operation } from '../operation';
import {
  loadCredentials, newRecoveryCodes, recoveryCodesLeft, takeSecondFactor, twoFactorOn, twoFactorRequired, type CredentialRow,
} from './credentials';
import { matchTotp, newTotpSecret, otpauthUri } from './totp';

async function myCredentials(ctx: ServiceContext): Promise<CredentialRow> {
  const me = requireOperator(ctx);
  const row = await loadCredentials(ctx, { id: me.id });
  if (!row) throw new ContractError('NOT_FOUND', `No operator ${me.id}.`);
  return row;
}

function statusOf(ctx: ServiceContext, row: CredentialRow) {
  return {
    enabled: twoFactorOn(row),
    pending: row.totp_secret !== null && Number(row.totp_enabled) !== 1,
    recoveryCodesLeft: twoFactorOn(row) ? recoveryCodesLeft(row) : 0,
    required: twoFactorRequired(ctx, row.role),
  };
}

export const twoFactorStatus = operation('auth.totp.status', async (ctx) => statusOf(ctx, await myCredentials(ctx)));

/**
 * A new secret for the operator's own account, pending until a code confirms it. The store keeps
 * it as its engine keeps secrets (sealed with the device's key in SQLite); the answer is the only
 * place the secret is shown, which is why this is no mutation (applied_ops would keep the answer).
 */
export const enrollTwoFactor = operation('auth.totp.enroll', async (ctx) => {
  const row = await myCredentials(ctx);
  if (twoFactorOn(row)) throw new ContractError('CONFLICT', 'Two-factor is already on; turn it off first to move it to another app.');
  const secret = newTotpSecret();
  await ctx.engine.sql.run(
    'UPDATE admins SET totp_secret = ?, totp_enabled = 0, totp_recovery_hashes = NULL, totp_last_step = NULL, updated_at_utc = ?, row_version = row_version + 1 WHERE id = ?',
    [ctx.engine.secrets.seal(secret), toDbInstant(ctx.now()), row.id]);
  await writeAudit(ctx, 'operator', String(row.id), 'started setting up two-factor sign-in');
  return { secret, otpauthUri: otpauthUri(secret, row.email) };
});

/**
 * The first code from the app turns two-factor on and answers ten recovery codes, shown this once
 * (kept hashed). A session that had to set it up may now do everything its role allows.
 */
export const confirmTwoFactor = operation('auth.totp.confirm', async (ctx, input, token) => {
  const row = await myCredentials(ctx);
  if (twoFactorOn(row)) throw new ContractError('CONFLICT', 'Two-factor is already on.');
  if (row.totp_secret === null) throw new ContractError('CONFLICT', 'Start setting up two-factor first (auth.totp.enroll).');
  const step = matchTotp(ctx.engine.secrets.open(row.totp_secret), input.code, ctx.now());
  if (step === null) throw new ContractError('VALIDATION', 'code: that is not the code your app shows now; check the app and the clock, and try the next one.', { field: 'code' });
  const { codes, hashesJson } = await newRecoveryCodes(ctx);
  const res = await ctx.engine.sql.run(
    'UPDATE admins SET totp_enabled = 1, totp_recovery_hashes = ?, totp_last_step = ?, updated_at_utc = ?, row_version = row_version + 1 WHERE id = ? AND totp_secret = ? AND totp_enabled = 0',
    [hashesJson, step, toDbInstant(ctx.now()), row.id, row.totp_secret]);
  if (res.affectedRows === 0) throw new ContractError('CONFLICT', 'Two-factor was set up elsewhere meanwhile; start again.');
  await writeAudit(ctx, 'operator', String(row.id), 'turned two-factor sign-in on');
  if (token && ctx.sessions.restrictionOf(token) === 'enrollTwoFactor') ctx.sessions.setRestriction(token, null);
  return { recoveryCodes: codes };
});

/** Off, given a current code or a recovery code. An admin who must have it is asked to set it up again before anything else. */
export const disableTwoFactor = operation('auth.totp.disable', async (ctx, input, token) => {
  const row = await myCredentials(ctx);
  if (!twoFactorOn(row)) throw new ContractError('CONFLICT', 'Two-factor is not on.');
  if (!(await takeSecondFactor(ctx, row, input.code))) {
    throw new ContractError('VALIDATION', 'code: that is not a current code from your app or an unused recovery code.', { field: 'code' });
  }
  const after = await runMutation(ctx, async (tx) => {
    await tx.run(
      'UPDATE admins SET totp_secret = NULL, totp_enabled = 0, totp_recovery_hashes = NULL, totp_last_step = NULL, updated_at_utc = ?, row_version = row_version + 1 WHERE id = ?',
      [toDbInstant(ctx.now()), row.id]);
    return statusOf(ctx, { ...row, totp_secret: null, totp_enabled: 0, totp_recovery_hashes: null });
  }, () => ({ entity: 'operator', entityId: String(row.id), summary: 'turned two-factor sign-in off' }));
  if (token && after.required) ctx.sessions.setRestriction(token, 'enrollTwoFactor');
  return after;
});
