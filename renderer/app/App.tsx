import { useEffect } from 'react';
import { SignIn } from '../features/session/SignIn';
import { useSession } from '../client/sessionStore';
import { Frame } from './Frame';

export function App() {
  const status = useSession((s) => s.status);
  const restore = useSession((s) => s.restore);
  useEffect(() => {
    void restore();
  }, [restore]);
  if (status === 'restoring') {
    return (
      <main className="signin" aria-busy="true">
        <p className="muted">Starting TripDesk…</p>
      </main>
    );
  }
  return status === 'signedIn' ? <Frame /> : <SignIn />;
}
