import { useEffect, useState, type FormEvent } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import { call } from '../../client/contractClient';
import { useSession } from '../../client/sessionStore';
import { ErrorNote } from '../../ui/ErrorNote';
import { SessionsPanel } from './SessionsPanel';

type Status = ChannelOutput<'auth.totp.status'>;
type Enrolment = ChannelOutput<'auth.totp.enroll'>;

/** The operator's own password, shown wherever the session must change it first too. */
function ChangePassword() {
  const [current, setCurrent] = useState('');
  const [fresh, setFresh] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const refresh = useSession((s) => s.refresh);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(false);
    try {
      await call('auth.changePassword', { currentPassword: current, newPassword: fresh });
      setCurrent('');
      setFresh('');
      setDone(true);
      await refresh();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="password-title">
      <h3 id="password-title">Password</h3>
      <label className="field">
        <span>Current password</span>
        <input type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
      </label>
      <label className="field">
        <span>New password (8 characters or more)</span>
        <input type="password" autoComplete="new-password" required minLength={8} value={fresh} onChange={(e) => setFresh(e.target.value)} />
      </label>
      <ErrorNote error={error} />
      {done && <p className="notice" role="status">Password changed. Your other sessions on this console have ended.</p>}
      <button type="submit" className="btn">Change password</button>
    </form>
  );
}

/** Two-factor: set up with the secret (as text and as an otpauth URI), confirmed with a code; recovery codes shown once. */
/** `setup`: on the setup screen, which gives way to the console once two-factor is on: it waits until the codes are saved. */
function TwoFactor({ setup = false }: { setup?: boolean }) {
  const [status, setStatus] = useState<Status | null>(null);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const refresh = useSession((s) => s.refresh);
  const load = async () => {
    try {
      setStatus(await call('auth.totp.status', {}));
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    let gone = false;
    call('auth.totp.status', {}).then((s) => { if (!gone) setStatus(s); }, (err: unknown) => { if (!gone) setError(err); });
    return () => { gone = true; };
  }, []);
  const act = (work: () => Promise<void>) => async (e?: FormEvent) => {
    e?.preventDefault();
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err);
    }
  };
  const enroll = act(async () => {
    setRecoveryCodes(null);
    setEnrolment(await call('auth.totp.enroll', {}));
  });
  const confirm = act(async () => {
    const res = await call('auth.totp.confirm', { code });
    setCode('');
    setEnrolment(null);
    setRecoveryCodes(res.recoveryCodes);
    await load();
    if (!setup) await refresh();
  });
  const disable = act(async () => {
    setStatus(await call('auth.totp.disable', { code }));
    setCode('');
    setRecoveryCodes(null);
    await refresh();
  });

  return (
    <section aria-labelledby="two-factor-title">
      <h3 id="two-factor-title">Two-factor sign-in</h3>
      {status && (
        <p>
          {status.enabled
            ? `On. Sign-in asks for a code from your authenticator app. Recovery codes left: ${status.recoveryCodesLeft}.`
            : 'Off. Sign-in asks only for your password.'}
          {status.required && !status.enabled && ' Admins must turn it on before anything else.'}
        </p>
      )}
      {recoveryCodes && (
        <div className="notice" role="status" aria-labelledby="recovery-title">
          <h4 id="recovery-title">Recovery codes</h4>
          <p>Two-factor is on. Keep these somewhere safe: each signs in once without your phone. They are not shown again.</p>
          <ol className="recovery-codes" aria-label="Recovery codes">
            {recoveryCodes.map((c) => <li key={c}><code>{c}</code></li>)}
          </ol>
          {setup && <button type="button" className="btn btn-primary" onClick={() => void refresh()}>I have saved them: continue</button>}
        </div>
      )}
      {status && !status.enabled && !enrolment && (
        <button type="button" className="btn btn-primary" onClick={() => void enroll()}>Set up two-factor</button>
      )}
      {enrolment && (
        <form onSubmit={(e) => void confirm(e)} aria-label="Confirm two-factor">
          <p>Add TripDesk to your authenticator app with this secret (or paste the link into an app that takes one), then enter the code it shows.</p>
          <dl className="secret">
            <dt>Secret</dt>
            <dd><code data-testid="totp-secret">{enrolment.secret}</code></dd>
            <dt>Link</dt>
            <dd><code className="wrap" data-testid="totp-uri">{enrolment.otpauthUri}</code></dd>
          </dl>
          <label className="field">
            <span>Code from the app</span>
            <input inputMode="numeric" autoComplete="one-time-code" required pattern="[0-9 ]{6,7}" value={code} onChange={(e) => setCode(e.target.value)} />
          </label>
          <button type="submit" className="btn btn-primary">Turn on two-factor</button>
        </form>
      )}
      {status?.enabled && (
        <form onSubmit={(e) => void disable(e)} aria-label="Turn off two-factor">
          <label className="field">
            <span>Code from the app, or a recovery code</span>
            <input autoComplete="one-time-code" required value={code} onChange={(e) => setCode(e.target.value)} />
          </label>
          <button type="submit" className="btn">Turn off two-factor</button>
        </form>
      )}
      <ErrorNote error={error} />
    </section>
  );
}

export function SecurityPanel() {
  return (
    <section className="card" aria-labelledby="security-title">
      <h2 id="security-title">Security</h2>
      <ChangePassword />
      <TwoFactor />
      <SessionsPanel />
    </section>
  );
}

/**
 * What a session that must fix its credentials sees instead of the console: after an admin's
 * reset, the password; for an admin without two-factor, setting it up. The core refuses every
 * other channel to that session meanwhile.
 */
export function CredentialSetup() {
  const { mustChangePassword, signOut } = useSession();
  return (
    <main className="signin" aria-labelledby="setup-title">
      <div className="card signin-card setup-card">
        <h1 id="setup-title">{mustChangePassword ? 'Choose a new password' : 'Set up two-factor sign-in'}</h1>
        <p>
          {mustChangePassword
            ? 'An admin reset your password. Choose your own before you continue.'
            : 'Admins sign in with a code from an authenticator app as well as their password. Set it up to continue.'}
        </p>
        {mustChangePassword ? <ChangePassword /> : <TwoFactor setup />}
        <button type="button" className="btn btn-ghost" onClick={() => void signOut()}>Sign out</button>
      </div>
    </main>
  );
}
