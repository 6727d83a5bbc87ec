// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContractError, type Envelope } from '../../../shared/contract';
import { checkKafkaBrokers } from '../../../main/electron-main/settings';
import { setTransport } from '../../../renderer/client/contractClient';
import type { SettingsInput, SettingsView, TripdeskPreload } from '../../../renderer/client/preloadApi';
import { SettingsPage } from '../../../renderer/features/settings/SettingsPage';
import { useSession } from '../../../renderer/client/sessionStore';

const view: SettingsView = {
  mysqlUrl: 'mysql://td@db.example.com:3306/tripdesk', mongoUrl: 'mongodb://td@docs.example.com/tripdesk',
  hasMysqlPassword: true, hasMongoPassword: false, updateChannel: 'stable',
  kafkaBrokers: 'kafka1.example.com:9092', kafkaTopic: 'deals', kafkaEnvOverride: false,
  smtp: { host: 'mail.agency.example', port: 587, security: 'starttls', user: 'bookings@agency.example', mailFrom: null }, hasSmtpPassword: true, smtpEnvOverride: false,
  encryptionAvailable: true, encryptionProblem: null, envOverride: false,
  core: { mode: 'online', problem: null },
  dataDir: '/home/ops/.config/TripDesk', dataFile: '/home/ops/.config/TripDesk/tripdesk.sqlite',
  logDir: '/home/ops/.config/TripDesk/logs', settingsFile: '/home/ops/.config/TripDesk/settings.json',
  restartRequired: false,
};

/** Settings that repoint the databases are an admin's (main enforces it too). */
function signedInAs(role: 'agent' | 'supervisor' | 'admin') {
  useSession.setState({ status: 'signedIn', user: { id: 1, email: `${role}@tripdesk.test`, name: `Test ${role}`, role } });
}

function installPreload(role: 'agent' | 'supervisor' | 'admin' = 'admin') {
  signedInAs(role);
  const set = vi.fn(async (values: SettingsInput): Promise<Envelope<SettingsView>> => ({ ok: true as const, value: { ...view, mysqlUrl: values.mysqlUrl ?? null, restartRequired: true } }));
  const api: TripdeskPreload = {
    host: 'electron',
    // The page's Background jobs and Sessions cards ask for lists; nothing else here reads its answer.
    invoke: async (channel: string) => ({ ok: true, value: channel === 'jobs.status' || channel === 'auth.sessions.list' ? [] : {} }),
    subscribe: () => () => undefined,
    settings: {
      get: async () => ({ ok: true, value: view }),
      set,
      testConnection: async () => ({ ok: true, value: { ok: true, mysql: { ok: true, message: '' }, mongo: { ok: false, message: 'timed out' } } }),
      restart: async () => ({ ok: true, value: { restarting: true } }),
    },
  };
  window.tripdesk = api;
  setTransport(null);
  return { set };
}

afterEach(() => {
  cleanup();
  useSession.setState({ status: 'restoring', user: null });
  delete window.tripdesk;
  setTransport(null);
});

const flush = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });

describe('settings in the desktop app', () => {
  it('sends the password to main once and keeps no copy in the form', async () => {
    const { set } = installPreload();
    render(<SettingsPage />);
    await flush();
    const url = screen.getByLabelText('MySQL server URL') as HTMLInputElement;
    expect(url.value).toBe(view.mysqlUrl);
    expect(screen.getByText('/home/ops/.config/TripDesk/tripdesk.sqlite')).toBeTruthy();
    const password = screen.getByLabelText(/^MySQL password/) as HTMLInputElement;
    expect(password.value).toBe('');

    fireEvent.change(url, { target: { value: 'mysql://td@db2.example.com/tripdesk' } });
    fireEvent.change(password, { target: { value: 's3cret-pw' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await flush();

    expect(set).toHaveBeenCalledTimes(1);
    expect(set.mock.calls[0]![0]).toMatchObject({ mysqlUrl: 'mysql://td@db2.example.com/tripdesk', mysqlPassword: 's3cret-pw' });
    expect(set.mock.calls[0]![0]).not.toHaveProperty('mongoPassword');
    expect((screen.getByLabelText(/^MySQL password/) as HTMLInputElement).value).toBe('');
    expect(document.body.innerHTML).not.toContain('s3cret-pw');
    expect(screen.getByRole('button', { name: 'Restart TripDesk to apply' })).toBeTruthy();
  });

  it('shows and saves the deals pipeline brokers and topic, with a hint', async () => {
    const { set } = installPreload();
    render(<SettingsPage />);
    await flush();
    const brokers = screen.getByLabelText('Kafka brokers') as HTMLInputElement;
    const topic = screen.getByLabelText('Deals topic') as HTMLInputElement;
    expect(brokers.value).toBe('kafka1.example.com:9092');
    expect(topic.value).toBe('deals');
    expect(screen.getByText(/Leave the brokers empty to turn the deals pipeline off.*restart/i)).toBeTruthy();

    fireEvent.change(brokers, { target: { value: ' kafka1.example.com:9092,kafka2.example.com:9093 ' } });
    fireEvent.change(topic, { target: { value: 'deals-eu' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await flush();

    expect(set).toHaveBeenCalledTimes(1);
    expect(set.mock.calls[0]![0]).toMatchObject({ kafkaBrokers: 'kafka1.example.com:9092,kafka2.example.com:9093', kafkaTopic: 'deals-eu' });
    expect(screen.getByRole('button', { name: 'Restart TripDesk to apply' })).toBeTruthy();
  });

  it('shows the saved SMTP server, and sends a new SMTP password to main once, keeping no copy', async () => {
    const { set } = installPreload();
    render(<SettingsPage />);
    await flush();
    expect((screen.getByLabelText('SMTP server') as HTMLInputElement).value).toBe('mail.agency.example');
    expect((screen.getByLabelText('SMTP security') as HTMLSelectElement).value).toBe('starttls');
    expect(screen.getByLabelText(/^SMTP password \(one is stored; empty keeps it\)/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Port'), { target: { value: '465' } });
    fireEvent.change(screen.getByLabelText('SMTP security'), { target: { value: 'tls' } });
    fireEvent.change(screen.getByLabelText(/^SMTP password/), { target: { value: 'mail-pw-9' } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: 'Hopper Travel <bookings@agency.example>' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await flush();
    expect(set).toHaveBeenCalledTimes(1);
    expect(set.mock.calls[0]![0]).toMatchObject({
      smtpHost: 'mail.agency.example', smtpPort: 465, smtpSecurity: 'tls', smtpUser: 'bookings@agency.example',
      smtpPassword: 'mail-pw-9', mailFrom: 'Hopper Travel <bookings@agency.example>',
    });
    expect((screen.getByLabelText(/^SMTP password/) as HTMLInputElement).value).toBe('');
    expect(document.body.innerHTML).not.toContain('mail-pw-9');
  });

  it('shows an error naming the field for a bad broker list', async () => {
    const { set } = installPreload();
    // main's own validation, as the IPC envelope carries it
    set.mockImplementationOnce(async (values) => {
      try {
        checkKafkaBrokers(values.kafkaBrokers ?? '');
      } catch (err) {
        if (err instanceof ContractError) return { ok: false, error: err.toShape() };
        throw err;
      }
      throw new Error('expected the broker list to be refused');
    });
    render(<SettingsPage />);
    await flush();
    fireEvent.change(screen.getByLabelText('Kafka brokers'), { target: { value: 'kafka1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await flush();
    expect(set.mock.calls[0]![0]).toMatchObject({ kafkaBrokers: 'kafka1' });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Check the form');
    expect(alert.textContent).toContain('Kafka brokers: "kafka1" is not host:port');
    expect((screen.getByLabelText('Kafka brokers') as HTMLInputElement).value).toBe('kafka1');
  });

  it('says when TRIPDESK_KAFKA_BROKERS wins over the saved pipeline', async () => {
    installPreload();
    view.kafkaEnvOverride = true;
    try {
      render(<SettingsPage />);
      await flush();
      expect(screen.getByText(/TRIPDESK_KAFKA_BROKERS is set in the environment/)).toBeTruthy();
    } finally {
      view.kafkaEnvOverride = false;
    }
  });

  it('reports each server of a connection test', async () => {
    installPreload();
    render(<SettingsPage />);
    await flush();
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await flush();
    expect(screen.getByRole('status').textContent).toBe('MySQL: reachable · MongoDB: failed (timed out)');
  });

  it('shows the servers to a supervisor without letting them change anything, and nothing to an agent', async () => {
    installPreload('supervisor');
    render(<SettingsPage />);
    await flush();
    expect(screen.getByText(/Only an administrator can change the servers/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save' }).matches(':disabled')).toBe(true);
    expect(screen.getByLabelText('MySQL server URL').matches(':disabled')).toBe(true);
    cleanup();

    installPreload('agent');
    render(<SettingsPage />);
    await flush();
    expect(screen.getByText(/managed by a supervisor or an administrator/)).toBeTruthy();
    expect(screen.queryByLabelText('MySQL server URL')).toBeNull();
  });

  it('in a browser, says the server environment manages the settings', () => {
    render(<SettingsPage />);
    expect(screen.getByText(/managed by the\s+server's environment/)).toBeTruthy();
    expect(screen.queryByLabelText('MySQL server URL')).toBeNull();
  });
});
