import { channels, isChannel, type ChannelSpec } from '../../../shared/contract';

const mintedOf = (kind: string) => (isChannel(kind) ? (channels[kind] as ChannelSpec).policy?.mintedOffline : undefined) ?? {};

function answerOf(json: string | null): Record<string, unknown> {
  try {
    const v = json ? (JSON.parse(json) as unknown) : null;
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * What the device made for the agent to pass on at once (its contract row's `mintedOffline`, such
 * as a booking's record locator), sent with the change so the server keeps it when it can. A field
 * the input names itself wins.
 */
export function withMintedValues(kind: string, input: Record<string, unknown>, offlineAnswer: string | null): Record<string, unknown> {
  const fields = Object.keys(mintedOf(kind));
  if (fields.length === 0) return input;
  const offline = answerOf(offlineAnswer);
  const out = { ...input };
  for (const f of fields) if (out[f] === undefined && typeof offline[f] === 'string') out[f] = offline[f];
  return out;
}

/** Words for Needs attention when the server gave something other than what the agent was shown offline. */
export function mintedNotice(kind: string, offlineAnswer: string | null, answer: unknown): string | null {
  const offline = answerOf(offlineAnswer);
  const server = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};
  const lines: string[] = [];
  for (const [field, label] of Object.entries(mintedOf(kind))) {
    const was = offline[field];
    const now = server[field];
    if (typeof was === 'string' && typeof now === 'string' && was !== now) {
      lines.push(`The ${label} ${was} given offline was already taken on the server, which gave ${now} instead: tell the customer ${now}.`);
    }
  }
  return lines.length > 0 ? lines.join(' ') : null;
}
