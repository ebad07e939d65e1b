import { base32 } from '@better-auth/utils/base32';
import { createOTP } from '@better-auth/utils/otp';

/** The current six-digit TOTP code for a base32 secret (RFC 6238, 30-second steps), as an authenticator app shows it. */
export const totpCode = (base32Secret: string, at: number = Date.now()): Promise<string> =>
  createOTP(base32.decode(base32Secret.replace(/\s+/g, '').toUpperCase()), { digits: 6, period: 30 }).hotp(
    Math.floor(at / 30_000),
  );
