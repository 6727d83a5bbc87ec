import { useState, type FormEvent } from 'react';
import { transportKind, transportToken } from '../../client/contractClient';
import { useSession } from '../../client/sessionStore';
import { errorMessage } from '../../ui/ErrorNote';
import { DemoLoading } from './DemoLoading';
import { useDemoLoading } from './demoLoadingStore';

export function SignIn() {
  const { status, error, notice, signIn, submitCode, signOut } = useSession();
  const [code, setCode] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const busy = status === 'signingIn';
  // The demo operators are among what is loading: a sign-in now would only wait for them.
  const demoLoading = useDemoLoading((s) => s.progress !== null);
  const missingToken = transportKind() === 'bridge' && !transportToken();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (demoLoading) return;
    const pw = password;
    setPassword('');
    void signIn(email.trim(), pw);
  };

  if (status === 'secondFactor') {
    const verify = (e: FormEvent) => {
      e.preventDefault();
      const typed = code;
      setCode('');
      void submitCode(typed.trim());
    };
    return (
      <main className="signin" aria-labelledby="signin-title">
        <form className="card signin-card" onSubmit={verify} aria-describedby={error !== null ? 'signin-error' : undefined}>
          <div className="brand brand-large" aria-hidden="true">
            <span className="brand-mark">✈</span> TripDesk
          </div>
          <h1 id="signin-title">Two-factor code</h1>
          <p>Enter the 6-digit code your authenticator app shows for TripDesk, or one of your recovery codes.</p>
          <label className="field">
            <span>Code</span>
            <input name="code" inputMode="numeric" autoComplete="one-time-code" required value={code} onChange={(e) => setCode(e.target.value)} autoFocus />
          </label>
          {error !== null && (
            <p id="signin-error" className="error-note" role="alert">
              {errorMessage(error)}
            </p>
          )}
          <button type="submit" className="btn btn-primary btn-block">Verify</button>
          <button type="button" className="btn btn-ghost btn-block" onClick={() => void signOut()}>Start again</button>
        </form>
      </main>
    );
  }

  return (
    <main className="signin" aria-labelledby="signin-title">
      <form className="card signin-card" onSubmit={submit} aria-describedby={error !== null ? 'signin-error' : undefined}>
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">✈</span> TripDesk
        </div>
        <h1 id="signin-title">Sign in</h1>
        {missingToken && (
          <p className="error-note" role="alert">
            This window has no access token. Open TripDesk with the link the server printed (it ends in <code>#token=…</code>).
          </p>
        )}
        {notice && <p className="notice" role="status">{notice}</p>}
        <DemoLoading />
        <label className="field">
          <span>Email</span>
          <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        </label>
        <label className="field">
          <span>Password</span>
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error !== null && (
          <p id="signin-error" className="error-note" role="alert">
            {errorMessage(error)}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy || demoLoading}>
          {busy ? 'Signing in…' : demoLoading ? 'Sign in (once the demo data is loaded)' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
