import { transportKind } from '../../client/contractClient';
import { useSession } from '../../client/sessionStore';
import { useSync } from '../../client/syncStore';
import { useTheme, type ThemeChoice } from '../../ui/theme';
import { BackgroundJobs } from './BackgroundJobs';
import { SecurityPanel } from './SecurityPanel';
import { ConnectionSettings } from './ConnectionSettings';

export function SettingsPage() {
  const theme = useTheme();
  const mode = useSync((s) => s.mode) ?? useSession.getState().mode;
  const electron = transportKind() === 'electron';
  // Main enforces it too: supervisors may read where the data lives, only admins repoint it.
  const canSee = useSession((s) => s.can('supervisor'));
  const canEdit = useSession((s) => s.can('admin'));
  return (
    <section className="page">
      <h1 tabIndex={-1}>Settings</h1>
      <section className="card" aria-labelledby="appearance-title">
        <h2 id="appearance-title">Appearance</h2>
        <fieldset>
          <legend>Theme</legend>
          {(['system', 'light', 'dark'] as ThemeChoice[]).map((c) => (
            <label key={c} className="radio">
              <input type="radio" name="theme" checked={theme.choice === c} onChange={() => theme.set(c)} />
              <span>{c === 'system' ? 'Follow the system' : c === 'light' ? 'Light' : 'Dark'}</span>
            </label>
          ))}
        </fieldset>
      </section>
      <section className="card" aria-labelledby="connection-title">
        <h2 id="connection-title">Servers and data</h2>
        <p>Mode now: <strong>{mode === 'standalone' ? 'Standalone' : mode === 'online' ? 'Online' : mode === 'offline' ? 'Offline' : 'unknown'}</strong>.</p>
        {electron && !canSee && <p>Server connections and the data folder are managed by a supervisor or an administrator.</p>}
        {electron && canSee ? (
          <ConnectionSettings editable={canEdit} />
        ) : electron ? null : (
          <p>
            This window runs in a browser against the TripDesk web bridge. Server connections and the data folder are managed by the
            server's environment (<code>TRIPDESK_MYSQL_URL</code>, <code>TRIPDESK_MONGO_URL</code>, <code>TRIPDESK_DATA_DIR</code>) where it was started.
          </p>
        )}
      </section>
      <SecurityPanel />
      <BackgroundJobs />
      <section className="card" aria-labelledby="keys-title">
        <h2 id="keys-title">Keyboard shortcuts</h2>
        <table className="table compact">
          <tbody>
            <tr><th scope="row"><kbd>Ctrl</kbd>/<kbd>⌘</kbd> + <kbd>K</kbd></th><td>Command palette</td></tr>
            <tr><th scope="row"><kbd>Alt</kbd> + <kbd>1</kbd>…<kbd>8</kbd></th><td>Search, Bookings, Customers, Inventory, Reviews, Needs attention, Operators, Settings</td></tr>
            <tr><th scope="row"><kbd>Alt</kbd> + <kbd>N</kbd></th><td>New booking</td></tr>
            <tr><th scope="row"><kbd>Alt</kbd> + <kbd>T</kbd></th><td>Switch light / dark theme</td></tr>
            <tr><th scope="row"><kbd>Esc</kbd></th><td>Close a dialog</td></tr>
          </tbody>
        </table>
      </section>
    </section>
  );
}
