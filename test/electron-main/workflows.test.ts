/**
 * The GitHub Actions workflows: actionlint finds nothing in them, and the release workflow refuses
 * to release without its signing secrets, tests every system before packaging, signs the Linux
 * checksums the way the app's updater verifies them, and builds unsigned packages only as a
 * development build that never publishes.
 */
import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { LINUX_SUMS_FILE, LINUX_SUMS_SIGNATURE_FILE, verifySignedUpdate } from '../../main/electron-main/updater';

const root = path.resolve(__dirname, '..', '..');
const workflowsDir = path.join(root, '.github', 'workflows');
const workflowFiles = fs.readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(workflowsDir, f));

// js-yaml comes with electron-builder (and electron-updater).
const yaml = createRequire(path.join(root, 'package.json'))('js-yaml') as { load(text: string): unknown };

interface Step { name?: string; uses?: string; run?: string; if?: string; shell?: string; env?: Record<string, string>; with?: Record<string, unknown> }
interface Job { name?: string; if?: string; needs?: string | string[]; 'runs-on'?: string; container?: unknown; strategy?: { matrix?: { os?: string[] } }; permissions?: Record<string, string>; env?: Record<string, string>; steps: Step[] }
interface Workflow { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> }

const releasePath = path.join(workflowsDir, 'release.yml');
const releaseText = fs.readFileSync(releasePath, 'utf8');
const release = yaml.load(releaseText) as Workflow;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
function tmp(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `tripdesk-workflow-${prefix}-`));
  dirs.push(d);
  return d;
}

function job(name: string): Job {
  const j = release.jobs[name];
  if (!j) throw new Error(`release.yml has no job ${name}`);
  return j;
}
function step(jobName: string, stepName: RegExp): Step {
  const s = job(jobName).steps.find((x) => x.name !== undefined && stepName.test(x.name));
  if (!s?.run) throw new Error(`release.yml job ${jobName} has no run step ${stepName}`);
  return s;
}
const needs = (j: Job) => (j.needs === undefined ? [] : Array.isArray(j.needs) ? j.needs : [j.needs]);
/** Every job `name` waits for, directly or not. */
function upstream(name: string, seen = new Set<string>()): Set<string> {
  for (const n of needs(job(name))) if (!seen.has(n)) { seen.add(n); upstream(n, seen); }
  return seen;
}

/** Runs a step's bash script the way the runner does (`bash -e {0}`; our scripts set -euo pipefail). */
function runStep(s: Step, env: Record<string, string>, cwd = root) {
  const r = spawnSync('bash', ['-e', '-c', s.run!], { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const ed25519Pem = () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

// --- actionlint ----------------------------------------------------------------------------------

const actionlint = process.env.TRIPDESK_ACTIONLINT_BIN ?? path.join(os.homedir(), '.cache', 'tripdesk', 'bin', 'actionlint');
const haveActionlint = fs.existsSync(actionlint);
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const haveShellcheck = spawnSync('shellcheck', ['--version']).status === 0;

interface Finding { message: string; filepath: string; line: number; column: number; kind: string }
function lint(files: string[]): Finding[] {
  const r = spawnSync(actionlint, ['-no-color', '-format', '{{json .}}', ...files], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  // 0: nothing found, 1: findings, anything else: actionlint itself failed.
  if (r.status !== 0 && r.status !== 1) throw new Error(`actionlint exited ${r.status}: ${r.stderr}`);
  const out = r.stdout.trim();
  return out === '' || out === 'null' ? [] : (JSON.parse(out) as Finding[]);
}

describe('actionlint', () => {
  it('is installed in CI (scripts/install-test-servers.sh builds it), with ShellCheck for the run: scripts', () => {
    if (!inCi) return;
    expect(haveActionlint, `${actionlint} is missing: run scripts/install-test-servers.sh`).toBe(true);
    expect(haveShellcheck, 'shellcheck is missing: run scripts/install-test-servers.sh').toBe(true);
  });

  it.skipIf(!haveActionlint)('finds nothing in .github/workflows/*.yml', () => {
    expect(workflowFiles.length).toBeGreaterThan(0);
    const findings = lint(workflowFiles).map((f) => `${path.relative(root, f.filepath)}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
    expect(findings).toEqual([]);
  });

  it.skipIf(!haveActionlint)('does report a broken workflow (so a clean run means something)', () => {
    const dir = tmp('actionlint');
    const bad = path.join(dir, 'bad.yml');
    fs.writeFileSync(bad, [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    needs: no-such-job',
      '    steps:',
      '      - run: echo ${{ github.no_such_thing }} $unquoted',
      '',
    ].join('\n'));
    const kinds = lint([bad]).map((f) => f.kind);
    expect(kinds).toContain('job-needs');
    if (haveShellcheck) expect(kinds).toContain('shellcheck');
  });
});

// --- the release workflow --------------------------------------------------------------------------

const REQUIRED = [
  'CSC_LINK', 'CSC_KEY_PASSWORD', 'WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD',
  'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID',
  'TRIPDESK_UPDATE_SIGNING_KEY', 'TRIPDESK_RELEASE_OWNER', 'TRIPDESK_RELEASE_REPO',
];
const VARIABLES = ['TRIPDESK_RELEASE_OWNER', 'TRIPDESK_RELEASE_REPO'];

describe('release workflow: no release without signing', () => {
  const preflight = () => step('preflight', /signing secrets/);
  const everything = (): Record<string, string> => Object.fromEntries(REQUIRED.map((n) => [n, n === 'TRIPDESK_UPDATE_SIGNING_KEY' ? ed25519Pem() : `value-of-${n}`]));

  it('the preflight step reads each signing secret and the release target from the repository', () => {
    const env = preflight().env ?? {};
    for (const n of REQUIRED) {
      expect(env[n], n).toBe(VARIABLES.includes(n) ? `\${{ vars.${n} }}` : `\${{ secrets.${n} }}`);
    }
  });

  it('fails (exit 1) with no secrets, naming every missing one', () => {
    const r = runStep(preflight(), {});
    expect(r.code).toBe(1);
    for (const n of REQUIRED) expect(r.out).toContain(n);
    expect(r.out).toMatch(/::error title=Release refused::/);
  });

  it('fails when any single secret is missing or empty', () => {
    for (const n of REQUIRED) {
      const env = everything();
      env[n] = '';
      const r = runStep(preflight(), env);
      expect(r.code, n).toBe(1);
      expect(r.out, n).toContain(`not set: ${n}`);
    }
  });

  it('fails when the update-signing key is not an Ed25519 private key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    for (const key of [rsa, 'not a key', generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString()]) {
      const r = runStep(preflight(), { ...everything(), TRIPDESK_UPDATE_SIGNING_KEY: key });
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/not an Ed25519 private key/);
    }
  });

  it('passes with all of them', () => {
    const r = runStep(preflight(), everything());
    expect(r.out).toMatch(/releases go to value-of-TRIPDESK_RELEASE_OWNER\/value-of-TRIPDESK_RELEASE_REPO/);
    expect(r.code).toBe(0);
  });

  it('nothing is packaged or published without the preflight, lint, typecheck and the whole suite on every system', () => {
    expect(job('preflight').if).toMatch(/!inputs\.development_build/);
    for (const name of ['verify-linux', 'verify-macos-windows', 'package', 'publish']) {
      expect([...upstream(name)], name).toContain('preflight');
    }
    expect([...upstream('package')].sort()).toEqual(['preflight', 'verify-linux', 'verify-macos-windows']);
    expect([...upstream('publish')]).toContain('package');
    // Linux: .ci/run, our CI's own entry point (test servers, npm ci, lint, typecheck, npm test).
    expect(job('verify-linux').steps.map((s) => s.run ?? '')).toContain('bash .ci/run');
    const ciRun = fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8');
    for (const s of ['step lint npm run lint', 'step typecheck npm run typecheck', 'step test npm test']) expect(ciRun).toContain(s);
    // macOS and Windows: the same three, on each.
    expect(job('verify-macos-windows').strategy?.matrix?.os).toEqual(['macos-latest', 'windows-latest']);
    const runs = job('verify-macos-windows').steps.map((s) => s.run ?? '');
    for (const cmd of ['npm run lint', 'npm run typecheck', 'npm test']) expect(runs).toContain(cmd);
    expect(job('package').strategy?.matrix?.os?.sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
  });

  it('packages without publishing; one job publishes, to the configured repository, as a draft', () => {
    const pkg = step('package', /^Package, sign and notarise$/);
    expect(pkg.run).toMatch(/electron-builder --config electron-builder\.yml --publish never$/);
    expect(pkg.env).toMatchObject({ TRIPDESK_RELEASE_OWNER: '${{ vars.TRIPDESK_RELEASE_OWNER }}', TRIPDESK_RELEASE_REPO: '${{ vars.TRIPDESK_RELEASE_REPO }}' });
    const jobsThatPublish = Object.entries(release.jobs).filter(([, j]) => j.steps.some((s) => /gh release (create|upload)|--publish (always|onTag|onTagOrDraft)/.test(s.run ?? ''))).map(([n]) => n);
    expect(jobsThatPublish).toEqual(['publish']);
    const pub = step('publish', /draft release/);
    expect(pub.run).toMatch(/--draft/);
    expect(pub.run).toContain('repo="$TRIPDESK_RELEASE_OWNER/$TRIPDESK_RELEASE_REPO"');
    expect(pub.env).toMatchObject({ TRIPDESK_RELEASE_OWNER: '${{ vars.TRIPDESK_RELEASE_OWNER }}' });
    // Only the publish job may write.
    expect(release.permissions).toEqual({ contents: 'read' });
    for (const [n, j] of Object.entries(release.jobs)) if (n !== 'publish') expect(j.permissions?.contents ?? 'read', n).toBe('read');
    // No placeholder release target anywhere.
    expect(releaseText).not.toMatch(/tripdesk-org|owner\/repo|REPLACE|CHANGE_ME/i);
  });

  it('the publish step uploads a complete set to a draft, never to a published release, never a partial one', () => {
    const pub = step('publish', /draft release/);
    const setUp = (version: string, files: string[], view: 'none' | 'draft' | 'published') => {
      const work = tmp('publish');
      fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ version }));
      fs.mkdirSync(path.join(work, 'dist-release'));
      for (const f of files) fs.writeFileSync(path.join(work, 'dist-release', f), f);
      const bin = path.join(work, 'bin');
      fs.mkdirSync(bin);
      // A stand-in `gh` that records its calls.
      fs.writeFileSync(path.join(bin, 'gh'), [
        '#!/usr/bin/env bash',
        'echo "gh $*" >> "$GH_LOG"',
        'if [ "$1 $2" = "release view" ]; then',
        '  case "$FAKE_VIEW" in none) exit 1 ;; draft) echo true ;; published) echo false ;; esac',
        'fi',
        '',
      ].join('\n'), { mode: 0o755 });
      const log = path.join(work, 'gh.log');
      const r = runStep(pub, {
        PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, GH_LOG: log, FAKE_VIEW: view, GH_TOKEN: 't',
        TRIPDESK_RELEASE_OWNER: 'tripdesk-ops', TRIPDESK_RELEASE_REPO: 'tripdesk', GITHUB_REPOSITORY: 'tripdesk-ops/tripdesk', GITHUB_SHA: 'abc123',
      }, work);
      return { ...r, calls: fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [] };
    };
    const complete = (v: string) => [
      `TripDesk-Setup-${v}.exe`, `TripDesk-Setup-${v}.exe.blockmap`, 'latest.yml',
      `TripDesk-${v}-arm64.dmg`, `TripDesk-${v}-arm64-mac.zip`, 'latest-mac.yml',
      `TripDesk-${v}-x86_64.AppImage`, `TripDesk-${v}-amd64.deb`, `TripDesk-${v}-x86_64.rpm`, 'latest-linux.yml',
      'SHA256SUMS-Linux.txt', 'SHA256SUMS-Linux.txt.sig',
    ];

    const fresh = setUp('1.3.0', complete('1.3.0'), 'none');
    expect(fresh.code).toBe(0);
    expect(fresh.calls[1]).toBe('gh release create v1.3.0 --repo tripdesk-ops/tripdesk --draft --title 1.3.0 --notes TripDesk 1.3.0 --target abc123');
    expect(fresh.calls[2]).toMatch(/^gh release upload v1\.3\.0 .*SHA256SUMS-Linux\.txt\.sig.* --repo tripdesk-ops\/tripdesk --clobber$/);
    expect(fresh.calls[2]!.split(' ').filter((a) => a.startsWith('dist-release/'))).toHaveLength(12);

    const beta = setUp('1.4.0-beta.1', complete('1.4.0-beta.1').map((f) => f.replace(/^latest/, 'beta')), 'draft');
    expect(beta.code).toBe(0);
    expect(beta.calls.some((c) => c.startsWith('gh release create'))).toBe(false);
    expect(beta.calls.at(-1)).toMatch(/^gh release upload v1\.4\.0-beta\.1 /);

    const published = setUp('1.3.0', complete('1.3.0'), 'published');
    expect(published.code).toBe(1);
    expect(published.out).toMatch(/already published/);
    expect(published.calls.some((c) => /upload|create/.test(c))).toBe(false);

    for (const drop of ['SHA256SUMS-Linux.txt.sig', 'latest-mac.yml', 'TripDesk-Setup-1.3.0.exe']) {
      const partial = setUp('1.3.0', complete('1.3.0').filter((f) => f !== drop), 'none');
      expect(partial.code, drop).toBe(1);
      expect(partial.out, drop).toMatch(/not publishing/);
      expect(partial.calls, drop).toEqual([]);
    }
  });

  it('checks the Windows signer against the publisher name and the macOS app against Gatekeeper before uploading', () => {
    const win = step('package', /publisher the app checks/);
    expect(win.if).toBe("runner.os == 'Windows'");
    expect(win.run).toContain('release/win-unpacked/resources/app-update.yml');
    expect(win.run).toMatch(/Get-AuthenticodeSignature/);
    expect(win.run).toMatch(/-notcontains \$cn/);
    const mac = step('package', /Gatekeeper/);
    for (const cmd of ['codesign --verify --deep --strict', 'spctl --assess', 'xcrun stapler validate']) expect(mac.run).toContain(cmd);
    const steps = job('package').steps;
    const upload = steps.findIndex((s) => s.uses?.startsWith('actions/upload-artifact'));
    for (const s of [win, mac, step('package', /Signed checksums/), step('package', /own updater accepts/)]) expect(steps.indexOf(s)).toBeLessThan(upload);
  });

  it('documents every secret and variable it reads in docs/OPERATORS.md', () => {
    const ops = fs.readFileSync(path.join(root, 'docs', 'OPERATORS.md'), 'utf8');
    const used = new Set([...releaseText.matchAll(/\b(?:secrets|vars)\.([A-Z0-9_]+)/g)].map((m) => m[1]!));
    used.delete('GITHUB_TOKEN');
    expect([...used].sort()).toEqual(expect.arrayContaining(REQUIRED));
    for (const n of used) expect(ops, n).toContain(n);
  });
});

describe('release workflow: the Linux checksums are signed the way the app verifies them', () => {
  it('derives the shipped key from the secret, signs SHA256SUMS-Linux.txt, and the updater accepts the packages', () => {
    const version = '3.1.4';
    const work = tmp('linux-release');
    const runnerTemp = path.join(work, 'runner-temp');
    fs.mkdirSync(runnerTemp);
    fs.mkdirSync(path.join(work, 'build'));
    const releaseDir = path.join(work, 'release');
    fs.mkdirSync(path.join(releaseDir, 'linux-unpacked', 'resources'), { recursive: true });
    const names = [`TripDesk-${version}-x86_64.AppImage`, `TripDesk-${version}-amd64.deb`, `TripDesk-${version}-x86_64.rpm`];
    for (const n of names) fs.writeFileSync(path.join(releaseDir, n), `package ${n}`);
    const env = { RUNNER_TEMP: runnerTemp, TRIPDESK_UPDATE_SIGNING_KEY: ed25519Pem() };

    const derive = runStep(step('package', /Update-signing public key/), env, work);
    expect(derive.out).toContain('BEGIN PUBLIC KEY');
    expect(derive.code).toBe(0);
    const publicKeyPem = fs.readFileSync(path.join(work, 'build', 'update-signing-key.pem'), 'utf8');
    // electron-builder would copy it there (linux.extraResources).
    fs.copyFileSync(path.join(work, 'build', 'update-signing-key.pem'), path.join(releaseDir, 'linux-unpacked', 'resources', 'update-signing-key.pem'));

    const sign = runStep(step('package', /Signed checksums/), env, work);
    expect(sign.out).toContain('Signature Verified Successfully');
    expect(sign.code).toBe(0);
    const sums = fs.readFileSync(path.join(releaseDir, LINUX_SUMS_FILE));
    const signature = fs.readFileSync(path.join(releaseDir, LINUX_SUMS_SIGNATURE_FILE));
    expect(sums.toString().trim().split('\n')).toHaveLength(3);
    return Promise.all(names.map((n) => verifySignedUpdate({ file: path.join(releaseDir, n), version, sums, signature, publicKeyPem })));
  });

  it('refuses to sign a release that lacks a Linux package', () => {
    const work = tmp('linux-partial');
    fs.mkdirSync(path.join(work, 'release'), { recursive: true });
    fs.writeFileSync(path.join(work, 'release', 'TripDesk-1.0.0-x86_64.AppImage'), 'x');
    const r = runStep(step('package', /Signed checksums/), { RUNNER_TEMP: work }, work);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/no \.deb package/);
  });

  it("the workflow's own acceptance check runs the app's updater code, and fails on a tampered package", () => {
    const s = step('package', /own updater accepts/);
    expect(s.run).toContain("from './main/electron-main/updater.ts'");
    const version = '3.1.5';
    const dir = tmp('accept');
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const file = path.join(dir, `TripDesk-${version}-x86_64.AppImage`);
    fs.writeFileSync(file, 'appimage');
    const sums = Buffer.from(`${createHash('sha256').update('appimage').digest('hex')}  ${path.basename(file)}\n`);
    fs.writeFileSync(path.join(dir, LINUX_SUMS_FILE), sums);
    fs.writeFileSync(path.join(dir, LINUX_SUMS_SIGNATURE_FILE), sign(null, sums, privateKey));
    fs.writeFileSync(path.join(dir, 'key.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
    // The step's script, pointed at this folder instead of release/.
    const script = s.run!.replace('DIR=release KEY=build/update-signing-key.pem VERSION="$(node -p "require(\'./package.json\').version")"', `DIR='${dir}' KEY='${dir}/key.pem' VERSION='${version}'`);
    expect(script).not.toBe(s.run);
    const ok = runStep({ run: script }, {});
    expect(ok.out).toContain('the updater accepts');
    expect(ok.code).toBe(0);
    fs.appendFileSync(file, 'tampered');
    const bad = runStep({ run: script }, {});
    expect(bad.out).toMatch(/the updater refuses the release: .*SHA-256/);
    expect(bad.code).toBe(1);
  }, 60_000);
});

describe('release workflow: the development build', () => {
  const dev = () => job('development-build');

  it('runs only when asked for by name, needs no secret, and never publishes', () => {
    expect(release.on.workflow_dispatch).toMatchObject({ inputs: { development_build: { type: 'boolean', default: false } } });
    expect(dev().if).toBe("${{ github.event_name == 'workflow_dispatch' && inputs.development_build }}");
    expect(dev().name).toMatch(/UNSIGNED, never published/);
    expect(JSON.stringify(dev())).not.toMatch(/secrets\.|vars\./);
    expect(dev().permissions).toEqual({ contents: 'read' });
    const pkg = step('development-build', /UNSIGNED/);
    expect(pkg.run).toMatch(/--publish never$/m);
    const upload = dev().steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(upload?.with?.name).toMatch(/^UNSIGNED-DEVELOPMENT-/);
    // The only place signing is turned off.
    const offEverywhere = releaseText.match(/forceCodeSigning: false/g) ?? [];
    expect(offEverywhere).toHaveLength(1);
    expect(pkg.run).toContain('forceCodeSigning: false');
  });

  it('its electron-builder configuration is the release one, unsigned, with no update feed and marked file names', async () => {
    const run = step('development-build', /UNSIGNED/).run!;
    const body = /<<'DEVCONFIG'\n([\s\S]*?)\nDEVCONFIG\n/.exec(run)?.[1];
    expect(body).toBeDefined();
    const file = path.join(tmp('devconfig'), 'development-build.yml');
    fs.writeFileSync(file, body!);
    const config: Configuration = await getConfig(root, file, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.forceCodeSigning).toBe(false);
    // No publish configuration: electron-builder writes no app-update.yml, so the build never updates.
    expect(config.publish).toBeNull();
    expect(config.mac).toMatchObject({ identity: null, notarize: false, hardenedRuntime: true });
    expect(config.appId).toBe('com.tripdesk.console');
    for (const name of [config.nsis?.artifactName, config.dmg?.artifactName, config.linux?.artifactName]) expect(name).toMatch(/UNSIGNED-DEVELOPMENT/);
  });
});
