import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, newTotpSecret, otpauthUri, stepAt, totpAt } from '../../../../main/core/ops/auth/totp';

/** RFC 6238 appendix B: the 20-byte ASCII key "12345678901234567890", 8 digits, SHA-1 column. */
const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');
const RFC_6238_SHA1: ReadonlyArray<readonly [seconds: number, code: string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];
/** RFC 4226 appendix D: HOTP for counters 0–9 with the same key, 6 digits. */
const RFC_4226 = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];

describe('TOTP (RFC 6238 on node:crypto)', () => {
  it('gives RFC 6238\'s SHA-1 test vectors', () => {
    for (const [seconds, code] of RFC_6238_SHA1) expect(hotp(RFC_KEY, stepAt(seconds * 1000), 8)).toBe(code);
  });

  it('gives RFC 4226\'s HOTP test vectors', () => {
    RFC_4226.forEach((code, counter) => expect(hotp(RFC_KEY, counter)).toBe(code));
  });

  it('round-trips base32 as authenticator apps write it (RFC 4648 vectors)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('mzxw 6ytb oi======').toString()).toBe('foobar');
    expect(base32Encode(RFC_KEY)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(() => base32Decode('not base32!')).toThrow();
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
  });

  it('takes a code one step either side of now, not two, and never a step already used', () => {
    const secret = base32Encode(RFC_KEY);
    const at = 1_234_567_890_000;
    const step = stepAt(at);
    expect(matchTotp(secret, totpAt(secret, at), at)).toBe(step);
    expect(matchTotp(secret, totpAt(secret, at - 30_000), at)).toBe(step - 1);
    expect(matchTotp(secret, totpAt(secret, at + 30_000), at)).toBe(step + 1);
    expect(matchTotp(secret, totpAt(secret, at - 60_000), at)).toBeNull();
    expect(matchTotp(secret, totpAt(secret, at + 60_000), at)).toBeNull();
    expect(matchTotp(secret, totpAt(secret, at), at, step)).toBeNull();
    expect(matchTotp(secret, '12345', at)).toBeNull();
    expect(matchTotp(secret, 'abcdef', at)).toBeNull();
  });

  it('writes the otpauth URI apps read', () => {
    expect(otpauthUri('JBSWY3DPEHPK3PXP', 'admin@tripdesk.test'))
      .toBe('otpauth://totp/TripDesk:admin%40tripdesk.test?secret=JBSWY3DPEHPK3PXP&issuer=TripDesk&algorithm=SHA1&digits=6&period=30');
  });
});
