import { verifyPassword } from 'better-auth/crypto';
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { account } from '../db/schema.ts';
import { AppError } from '../http/errors.ts';

/**
 * Confirms the acting user's password before a signature (signing a note, co-signing, an in-app consent
 * signature, signing a supervision session). Throws 401 REAUTH_FAILED when the password does not match or the
 * user has no password sign-in. The session stays valid either way.
 */
export const reauthenticate = async (db: Db | Tx, userId: string, password: string): Promise<void> => {
  if (!(await passwordMatches(db, userId, password))) throw reauthFailed();
};

export const reauthFailed = () => new AppError(401, 'REAUTH_FAILED', 'Password does not match');

/**
 * The password check alone (~100 ms of scrypt CPU). Callers that sign inside a transaction run it before opening
 * the transaction and throw `reauthFailed()` at the point the check belongs, so no pooled connection is held
 * while scrypt runs.
 */
export const passwordMatches = async (db: Db | Tx, userId: string, password: string): Promise<boolean> => {
  const [row] = await db
    .select({ hash: account.password })
    .from(account)
    .where(and(eq(account.userId, userId), eq(account.providerId, 'credential')))
    .limit(1);
  return row?.hash && password ? verifyPassword({ hash: row.hash, password }) : false;
};
