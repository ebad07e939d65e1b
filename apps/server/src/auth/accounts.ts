import { randomUUID } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { account, user } from '../db/schema.ts';

/** Creates a user who signs in with email and password, in the caller's transaction. */
export const createPasswordUser = async (
  tx: Db | Tx,
  input: { email: string; name: string; password: string; id?: string },
): Promise<string> => {
  const id = input.id ?? randomUUID();
  const passwordHash = await hashPassword(input.password);
  await tx.insert(user).values({ id, email: input.email.toLowerCase(), name: input.name, emailVerified: true });
  await tx.insert(account).values({
    id: randomUUID(),
    accountId: id,
    providerId: 'credential',
    userId: id,
    password: passwordHash,
  });
  return id;
};

export const findUserByEmail = async (db: Db | Tx, email: string) => {
  const [u] = await db.select().from(user).where(eq(user.email, email.toLowerCase()));
  return u;
};
