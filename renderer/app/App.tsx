import { lazy, Suspense, useEffect } from 'react';
import { DemoLoading } from '../features/session/DemoLoading';
import { useDemoLoading } from '../features/session/demoLoadingStore';
import { SignIn } from '../features/session/SignIn';
import { CredentialSetup } from '../features/settings/SecurityPanel';
import { useSession } from '../client/sessionStore';

// The sign-in screen is all the entry script holds: the frame and its screens (the charts
// library among them) come as their own chunks, fetched while the agent types.
const loadFrame = () => import('./Frame');
const Frame = lazy(() => loadFrame().then((m) => ({ default: m.Frame })));

function Starting() {
  return (
    <main className="signin" aria-busy="true">
      <div className="card signin-card">
        <p className="muted">Starting TripDesk…</p>
        <DemoLoading />
      </div>
    </main>
  );
}

export function App() {
  const status = useSession((s) => s.status);
  const restore = useSession((s) => s.restore);
  const mustFixCredentials = useSession((s) => s.mustChangePassword || s.mustEnrollTwoFactor);
  // Before anything else: the first start's demo load is announced before anyone can sign in.
  useEffect(() => useDemoLoading.getState().start(), []);
  useEffect(() => {
    void restore();
  }, [restore]);
  useEffect(() => {
    void loadFrame().catch(() => undefined);
  }, []);
  if (status === 'restoring') return <Starting />;
  if (status === 'signedIn' && mustFixCredentials) return <CredentialSetup />;
  return status === 'signedIn' ? (
    <Suspense fallback={<Starting />}>
      <Frame />
    </Suspense>
  ) : <SignIn />;
}
