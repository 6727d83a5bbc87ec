import { useEffect, useState, type FormEvent } from 'react';
import type { SettingsInput, SettingsView, SmtpSecurity, UpdateChannel, UpdateStatus } from '../../client/preloadApi';
import { ErrorNote } from '../../ui/ErrorNote';
import { useDesktopSettings } from './settingsStore';

const modeWord = (m: string | null) => (m === 'standalone' ? 'Standalone' : m === 'online' ? 'Online' : m === 'offline' ? 'Offline' : 'not running');

/**
 * Server connection, desktop app only. Passwords go straight to the main process, which keeps
 * them encrypted with the OS keychain (safeStorage); this form forgets them once sent, and the
 * settings view never carries them back — only whether one is stored.
 */
export function ConnectionSettings({ editable }: { editable: boolean }) {
  const desktop = useDesktopSettings.getState();
  const offered = desktop.offered();
  const [view, setView] = useState<SettingsView | null>(null);
  const [mysqlUrl, setMysqlUrl] = useState('');
  const [mongoUrl, setMongoUrl] = useState('');
  const [mysqlPassword, setMysqlPassword] = useState('');
  const [mongoPassword, setMongoPassword] = useState('');
  const [forget, setForget] = useState<{ mysql: boolean; mongo: boolean }>({ mysql: false, mongo: false });
  const [kafkaBrokers, setKafkaBrokers] = useState('');
  const [kafkaTopic, setKafkaTopic] = useState('deals');
  const [smtp, setSmtp] = useState({ host: '', port: '587', security: 'starttls' as SmtpSecurity, user: '', mailFrom: '' });
  const [smtpPassword, setSmtpPassword] = useState('');
  const [forgetSmtp, setForgetSmtp] = useState(false);
  const [channel, setChannel] = useState<UpdateChannel>('stable');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<string | null>(null);
  const [update, setUpdate] = useState<UpdateStatus | null>(null);

  const show = (v: SettingsView) => {
    setView(v);
    setMysqlUrl(v.mysqlUrl ?? '');
    setMongoUrl(v.mongoUrl ?? '');
    setKafkaBrokers(v.kafkaBrokers ?? '');
    setKafkaTopic(v.kafkaTopic);
    setSmtp({ host: v.smtp?.host ?? '', port: String(v.smtp?.port ?? 587), security: v.smtp?.security ?? 'starttls', user: v.smtp?.user ?? '', mailFrom: v.smtp?.mailFrom ?? '' });
    setChannel(v.updateChannel);
  };

  useEffect(() => {
    if (!offered.settings) return;
    const { load, updateStatus, onUpdateStatus } = useDesktopSettings.getState();
    load().then(show, setError);
    if (offered.updates) updateStatus().then(setUpdate, () => undefined);
    return onUpdateStatus(setUpdate);
  }, [offered.settings, offered.updates]);

  if (!offered.settings) return <p className="muted">This build of TripDesk does not expose connection settings.</p>;

  const values = (): SettingsInput => ({
    mysqlUrl: mysqlUrl.trim(),
    mongoUrl: mongoUrl.trim(),
    kafkaBrokers: kafkaBrokers.trim(),
    kafkaTopic: kafkaTopic.trim(),
    updateChannel: channel,
    smtpHost: smtp.host.trim(),
    smtpPort: Number(smtp.port) || 587,
    smtpSecurity: smtp.security,
    smtpUser: smtp.user.trim(),
    mailFrom: smtp.mailFrom.trim(),
    ...(forgetSmtp ? { smtpPassword: null } : smtpPassword ? { smtpPassword } : {}),
    ...(forget.mysql ? { mysqlPassword: null } : mysqlPassword ? { mysqlPassword } : {}),
    ...(forget.mongo ? { mongoPassword: null } : mongoPassword ? { mongoPassword } : {}),
  });
  const forgetSecrets = () => {
    setMysqlPassword('');
    setMongoPassword('');
    setSmtpPassword('');
    setForget({ mysql: false, mongo: false });
    setForgetSmtp(false);
  };
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      await fn();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const test = () => run(async () => {
    const r = await desktop.testConnection(values());
    setResult(`MySQL: ${r.mysql.ok ? 'reachable' : 'failed'}${r.mysql.message ? ` (${r.mysql.message})` : ''} · MongoDB: ${r.mongo.ok ? 'reachable' : 'failed'}${r.mongo.message ? ` (${r.mongo.message})` : ''}`);
  });
  const save = (e: FormEvent) => {
    e.preventDefault();
    const input = values();
    forgetSecrets();
    void run(async () => {
      const v = await desktop.save(input);
      show(v);
      setResult(v.restartRequired ? 'Saved. Restart TripDesk to connect with the new settings.' : 'Saved.');
    });
  };

  return (
    <>
      {view && (
        <p>
          The running core: <strong>{modeWord(view.core.mode)}</strong>
          {view.core.problem && <span className="text-bad"> — {view.core.problem}</span>}
        </p>
      )}
      {view?.envOverride && <p className="notice">TRIPDESK_MYSQL_URL / TRIPDESK_MONGO_URL are set in the environment; they win over what is saved here.</p>}
      {view?.kafkaEnvOverride && <p className="notice">TRIPDESK_KAFKA_BROKERS is set in the environment; it wins over the deals pipeline settings saved here.</p>}
      {view && !view.encryptionAvailable && (
        <p className="error-note" role="alert">Passwords cannot be stored on this computer{view.encryptionProblem ? `: ${view.encryptionProblem}` : ''}.</p>
      )}
      {!editable && <p className="muted">Only an administrator can change the servers and the deals pipeline.</p>}
      <form className="grid-form" onSubmit={save} aria-label="Server connection">
        <fieldset disabled={!editable} className="contents">
        <label className="field" style={{ gridColumn: '1 / -1' }}>
          <span>MySQL server URL</span>
          <input value={mysqlUrl} onChange={(e) => setMysqlUrl(e.target.value)} placeholder="mysql://user@db.example.com:3306/tripdesk" spellCheck={false} autoComplete="off" />
        </label>
        <label className="field">
          <span>MySQL password {view?.hasMysqlPassword ? '(one is stored; empty keeps it)' : ''}</span>
          <input type="password" value={mysqlPassword} disabled={forget.mysql} onChange={(e) => setMysqlPassword(e.target.value)} autoComplete="new-password" />
        </label>
        {view?.hasMysqlPassword && (
          <label className="checkbox">
            <input type="checkbox" checked={forget.mysql} onChange={(e) => setForget({ ...forget, mysql: e.target.checked })} />
            <span>Forget the stored MySQL password</span>
          </label>
        )}
        <label className="field" style={{ gridColumn: '1 / -1' }}>
          <span>MongoDB server URL</span>
          <input value={mongoUrl} onChange={(e) => setMongoUrl(e.target.value)} placeholder="mongodb://user@docs.example.com:27017/tripdesk" spellCheck={false} autoComplete="off" />
        </label>
        <label className="field">
          <span>MongoDB password {view?.hasMongoPassword ? '(one is stored; empty keeps it)' : ''}</span>
          <input type="password" value={mongoPassword} disabled={forget.mongo} onChange={(e) => setMongoPassword(e.target.value)} autoComplete="new-password" />
        </label>
        {view?.hasMongoPassword && (
          <label className="checkbox">
            <input type="checkbox" checked={forget.mongo} onChange={(e) => setForget({ ...forget, mongo: e.target.checked })} />
            <span>Forget the stored MongoDB password</span>
          </label>
        )}
        <h3 style={{ gridColumn: '1 / -1' }}>Deals pipeline (Kafka)</h3>
        <label className="field">
          <span>Kafka brokers</span>
          <input value={kafkaBrokers} onChange={(e) => setKafkaBrokers(e.target.value)} placeholder="kafka1.example.com:9092,kafka2.example.com:9092" spellCheck={false} autoComplete="off" />
        </label>
        <label className="field field-narrow">
          <span>Deals topic</span>
          <input value={kafkaTopic} onChange={(e) => setKafkaTopic(e.target.value)} placeholder="deals" spellCheck={false} autoComplete="off" />
        </label>
        <p className="muted" style={{ gridColumn: '1 / -1' }}>Leave the brokers empty to turn the deals pipeline off. Changes apply when TripDesk restarts.</p>
        <h3 style={{ gridColumn: '1 / -1' }}>Customers&apos; email (SMTP)</h3>
        {view?.smtpEnvOverride && <p className="notice" style={{ gridColumn: '1 / -1' }}>TRIPDESK_SMTP_URL is set in the environment; it wins over the email settings saved here.</p>}
        <label className="field">
          <span>SMTP server</span>
          <input value={smtp.host} onChange={(e) => setSmtp({ ...smtp, host: e.target.value })} placeholder="mail.example.com" spellCheck={false} autoComplete="off" />
        </label>
        <label className="field field-narrow">
          <span>Port</span>
          <input inputMode="numeric" value={smtp.port} onChange={(e) => setSmtp({ ...smtp, port: e.target.value.replace(/\D/g, '').slice(0, 5) })} />
        </label>
        <label className="field field-narrow">
          <span>SMTP security</span>
          <select value={smtp.security} onChange={(e) => setSmtp({ ...smtp, security: e.target.value as SmtpSecurity })}>
            <option value="starttls">STARTTLS (required)</option>
            <option value="tls">TLS</option>
            <option value="opportunistic">STARTTLS when offered</option>
          </select>
        </label>
        <label className="field">
          <span>SMTP user</span>
          <input value={smtp.user} onChange={(e) => setSmtp({ ...smtp, user: e.target.value })} placeholder="bookings@agency.example" spellCheck={false} autoComplete="off" />
        </label>
        <label className="field">
          <span>SMTP password {view?.hasSmtpPassword ? '(one is stored; empty keeps it)' : ''}</span>
          <input type="password" value={smtpPassword} disabled={forgetSmtp} onChange={(e) => setSmtpPassword(e.target.value)} autoComplete="new-password" />
        </label>
        {view?.hasSmtpPassword && (
          <label className="checkbox">
            <input type="checkbox" checked={forgetSmtp} onChange={(e) => setForgetSmtp(e.target.checked)} />
            <span>Forget the stored SMTP password</span>
          </label>
        )}
        <label className="field">
          <span>From</span>
          <input value={smtp.mailFrom} onChange={(e) => setSmtp({ ...smtp, mailFrom: e.target.value })} placeholder="TripDesk Travel <bookings@agency.example>" spellCheck={false} autoComplete="off" />
        </label>
        <p className="muted" style={{ gridColumn: '1 / -1' }}>Leave the server empty to turn email off. The password is kept encrypted with this computer&apos;s keychain. Changes apply when TripDesk restarts.</p>
        <label className="field field-narrow">
          <span>Updates</span>
          <select value={channel} onChange={(e) => setChannel(e.target.value as UpdateChannel)}>
            <option value="stable">Stable</option>
            <option value="beta">Beta</option>
          </select>
        </label>
        <div className="form-actions" style={{ gridColumn: '1 / -1' }}>
          <button type="button" className="btn" disabled={busy} onClick={() => void test()}>Test connection</button>
          <button type="submit" className="btn btn-primary" disabled={busy}>Save</button>
          {view?.restartRequired && (
            <button type="button" className="btn btn-accent" disabled={busy} onClick={() => void run(() => desktop.restart())}>
              Restart TripDesk to apply
            </button>
          )}
        </div>
        <p className="muted" style={{ gridColumn: '1 / -1' }}>Leave both URLs empty to work standalone on this computer.</p>
        {result && <p className="notice" role="status" style={{ gridColumn: '1 / -1' }}>{result}</p>}
        <div style={{ gridColumn: '1 / -1' }}><ErrorNote error={error} /></div>
        </fieldset>
      </form>
      {view && (
        <dl className="facts">
          <div><dt>Data folder</dt><dd><code>{view.dataDir}</code></dd></div>
          <div><dt>Local database</dt><dd><code>{view.dataFile}</code></dd></div>
          <div><dt>Logs</dt><dd><code>{view.logDir}</code></dd></div>
          <div><dt>Settings file</dt><dd><code>{view.settingsFile}</code></dd></div>
        </dl>
      )}
      {offered.updates && (
        <div className="row">
          <span>
            Updates: <strong>{update?.state ?? 'unknown'}</strong>
            {update?.version ? ` (${update.version})` : ''}{update?.percent !== null && update?.percent !== undefined ? ` ${Math.round(update.percent)}%` : ''}
            {update?.message ? ` — ${update.message}` : ''}
          </span>
          <button type="button" className="btn btn-small" onClick={() => { desktop.checkForUpdates().then(setUpdate, setError); }}>Check for updates</button>
          {update?.state === 'downloaded' && (
            <button type="button" className="btn btn-small btn-primary" onClick={() => { void desktop.installUpdate().catch(setError); }}>Install and restart</button>
          )}
        </div>
      )}
    </>
  );
}
