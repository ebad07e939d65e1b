import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { twoFactor } from 'better-auth/plugins';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import * as schema from '../db/schema.ts';

export const PASSWORD_MIN_LENGTH = 12;

export const createAuth = (db: Db, config: Config, log: Logger) =>
  betterAuth({
    appName: 'Mentorbridge',
    baseURL: config.publicUrl,
    basePath: '/api/auth',
    secret: config.authSecret,
    trustedOrigins: config.trustedOrigins,
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: {
        user: schema.user,
        session: schema.session,
        account: schema.account,
        verification: schema.verification,
        twoFactor: schema.twoFactor,
      },
    }),
    emailAndPassword: {
      enabled: true,
      // Accounts come from invitations only.
      disableSignUp: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: 128,
      revokeSessionsOnPasswordReset: true,
    },
    session: {
      // A sliding window: every request inside it moves expiry forward, so this is the idle timeout.
      expiresIn: config.sessionIdleTimeoutMinutes * 60,
      updateAge: Math.min(60, Math.floor((config.sessionIdleTimeoutMinutes * 60) / 3)),
    },
    rateLimit: {
      enabled: config.env !== 'test',
      window: 60,
      max: 200,
      customRules: {
        '/sign-in/email': { window: 60, max: 20 },
        '/two-factor/verify-totp': { window: 60, max: 20 },
        '/two-factor/verify-backup-code': { window: 60, max: 10 },
      },
    },
    advanced: {
      useSecureCookies: config.publicUrl.startsWith('https://'),
      ipAddress: { ipAddressHeaders: ['x-forwarded-for'] },
    },
    telemetry: { enabled: false },
    logger: {
      level: 'error',
      // Only the message: better-auth's extra arguments can hold emails.
      log: (level, message) => log[level]({ component: 'auth' }, message),
    },
    plugins: [
      twoFactor({
        issuer: 'Mentorbridge',
        backupCodeOptions: { storeBackupCodes: 'encrypted', amount: 10 },
      }),
    ],
  });

export type Auth = ReturnType<typeof createAuth>;
