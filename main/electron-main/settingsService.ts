import { ContractError } from '../../shared/contract';
import { testConnections, type Probe } from './connectionTest';
import type { CoreHost, SettingsService } from './ipc';
import type { Redactor } from './logging';
import { SettingsInput, type ConnectionTestResult, type SettingsView, type UpdateChannel } from '../../shared/desktop';
import { databaseUrls, insertUrlPassword, splitUrlPassword, type SettingsStore, type StoredSettings } from './settings';

export interface SettingsServiceDeps {
  store: SettingsStore;
  host: CoreHost;
  redactor: Redactor;
  paths: { dataDir: string; dataFile: string; logDir: string };
  /** TRIPDESK_MYSQL_URL / TRIPDESK_MONGO_URL were given: the saved URLs are not in use. */
  envOverride: boolean;
  env: NodeJS.ProcessEnv;
  /** What the running core was started with (see `serverFingerprint`). */
  startedWith: string;
  onUpdateChannel(channel: UpdateChannel): void;
  relaunch(): void;
  probes?: { mysql: Probe; mongo: Probe };
}

/** The saved server settings in one string, to tell whether the running core uses them. */
export function serverFingerprint(s: StoredSettings): string {
  return JSON.stringify({
    db: [s.mysqlUrl, s.mysqlPasswordEnc, s.mongoUrl, s.mongoPasswordEnc],
    kafka: [s.kafkaBrokers, s.kafkaTopic],
    smtp: [s.smtpHost, s.smtpPort, s.smtpSecurity, s.smtpUser, s.smtpPasswordEnc, s.mailFrom],
  });
}

/** Whether the saved databases / deals pipeline / SMTP server differ from those the core was started with. */
function changedSince(startedWith: string, s: StoredSettings): { db: boolean; kafka: boolean; smtp: boolean } {
  const now = JSON.parse(serverFingerprint(s)) as { db: unknown; kafka: unknown; smtp: unknown };
  let then: { db?: unknown; kafka?: unknown; smtp?: unknown } = {};
  try {
    then = (JSON.parse(startedWith) ?? {}) as typeof then;
  } catch {
    // not a fingerprint: treat everything as changed
  }
  const differs = (k: 'db' | 'kafka' | 'smtp') => JSON.stringify(now[k]) !== JSON.stringify(then[k]);
  return { db: differs('db'), kafka: differs('kafka'), smtp: differs('smtp') };
}

export function createSettingsService(deps: SettingsServiceDeps): SettingsService {
  const view = (stored: StoredSettings = deps.store.read()): SettingsView => {
    const enc = deps.store.encryption();
    const core = deps.host.core();
    const kafkaEnvOverride = Boolean(deps.env.TRIPDESK_KAFKA_BROKERS);
    const smtpEnvOverride = Boolean(deps.env.TRIPDESK_SMTP_URL);
    const changed = changedSince(deps.startedWith, stored);
    return {
      mysqlUrl: stored.mysqlUrl,
      mongoUrl: stored.mongoUrl,
      hasMysqlPassword: stored.mysqlPasswordEnc !== null,
      hasMongoPassword: stored.mongoPasswordEnc !== null,
      updateChannel: stored.updateChannel,
      kafkaBrokers: stored.kafkaBrokers,
      kafkaTopic: stored.kafkaTopic,
      kafkaEnvOverride,
      smtp: stored.smtpHost
        ? { host: stored.smtpHost, port: stored.smtpPort, security: stored.smtpSecurity, user: stored.smtpUser, mailFrom: stored.mailFrom }
        : null,
      hasSmtpPassword: stored.smtpPasswordEnc !== null,
      smtpEnvOverride,
      encryptionAvailable: enc.available,
      encryptionProblem: enc.problem,
      envOverride: deps.envOverride,
      core: { mode: core ? core.mode() : null, problem: core ? null : deps.host.problem() },
      dataDir: deps.paths.dataDir,
      dataFile: deps.paths.dataFile,
      logDir: deps.paths.logDir,
      settingsFile: deps.store.file,
      restartRequired: (!deps.envOverride && changed.db) || (!kafkaEnvOverride && changed.kafka) || (!smtpEnvOverride && changed.smtp),
    };
  };

  return {
    view: () => view(),
    set(input) {
      const before = deps.store.read().updateChannel;
      const stored = deps.store.update(input);
      const secrets = deps.store.secrets(stored);
      deps.redactor.remember(secrets.mysqlPassword);
      deps.redactor.remember(secrets.mongoPassword);
      deps.redactor.remember(secrets.smtpPassword ?? null);
      if (stored.updateChannel !== before) deps.onUpdateChannel(stored.updateChannel);
      return view(stored);
    },
    async test(rawInput): Promise<ConnectionTestResult> {
      const parsed = SettingsInput.safeParse(rawInput ?? {});
      if (!parsed.success) throw new ContractError('VALIDATION', parsed.error.issues[0]?.message ?? 'invalid settings');
      const input = parsed.data;
      const clean = (t: string) => deps.redactor.text(t);
      const noInput = input.mysqlUrl === undefined && input.mongoUrl === undefined;
      if (deps.envOverride && noInput) {
        return testConnections({ mysqlUrl: deps.env.TRIPDESK_MYSQL_URL || null, mongoUrl: deps.env.TRIPDESK_MONGO_URL || null }, clean, deps.probes);
      }
      const stored = deps.store.read();
      const secrets = deps.store.secrets(stored);
      const pick = (given: string | undefined, typed: string | null | undefined, storedUrl: string | null, storedSecret: string | null) => {
        if (given === undefined) return databaseUrls({ mysqlUrl: storedUrl, mongoUrl: null }, { mysqlPassword: storedSecret, mongoPassword: null }).mysqlUrl;
        if (given === '') return null;
        const split = splitUrlPassword(given);
        const password = typed || split.password || storedSecret;
        if (password) deps.redactor.remember(password);
        return insertUrlPassword(split.url, password);
      };
      return testConnections({
        mysqlUrl: pick(input.mysqlUrl, input.mysqlPassword, stored.mysqlUrl, secrets.mysqlPassword),
        mongoUrl: pick(input.mongoUrl, input.mongoPassword, stored.mongoUrl, secrets.mongoPassword),
      }, clean, deps.probes);
    },
    restart: () => deps.relaunch(),
  };
}
