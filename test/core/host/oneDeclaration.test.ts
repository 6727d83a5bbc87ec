import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelNames, channels, type ChannelSpec } from '../../../shared/contract';
import { operations } from '../../../main/core/host/handlers';

const root = path.resolve(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

const mutations = channelNames.filter((c) => channels[c].mutation);

/** The mutation channels a source text names without being the op module that binds them. */
function strayChannelNames(text: string): string[] {
  const own = new Set([...text.matchAll(/\boperation\(\s*'([^']+)'/g)].map((m) => m[1]));
  return mutations.filter((channel) => text.includes(`'${channel}'`) && !own.has(channel));
}

/**
 * An operation is one declaration (its contract row) and one use case (its op module, which binds
 * itself to the row with `operation('<channel>', …)`). Generic code reads the row; nothing else in
 * main/ or shared/ may single a mutation out by name.
 */
describe('one declared operation, one path', () => {
  it('every channel is served by exactly one bound operation', () => {
    const bound = operations.map((o) => o.channel);
    expect([...bound].sort()).toEqual([...channelNames].sort());
    expect(new Set(bound).size).toBe(bound.length);
  });

  it('every mutation declares its offline policy on its contract row', () => {
    for (const channel of mutations) {
      const policy = (channels[channel] as ChannelSpec).policy;
      expect(policy?.offline, channel).toMatch(/^(queued|online-only)$/);
    }
  });

  it('outside the contract and its own op module, no file under main/ or shared/ names a mutation channel', () => {
    const offenders: string[] = [];
    for (const file of [...sourceFiles('main'), ...sourceFiles('shared')]) {
      if (file.startsWith('shared/contract/')) continue;
      for (const channel of strayChannelNames(fs.readFileSync(path.join(root, file), 'utf8'))) offenders.push(`${file}: ${channel}`);
    }
    expect(offenders).toEqual([]);
  });

  it('the check above can fail: it finds a channel named in a file that does not bind it', () => {
    expect(new Set(strayChannelNames("const special = new Set(['bookings.create', 'holds.create']);"))).toEqual(new Set(['bookings.create', 'holds.create']));
    expect(strayChannelNames("export const bookTrip = operation('bookings.create', async () => ({}));")).toEqual([]);
  });
});
