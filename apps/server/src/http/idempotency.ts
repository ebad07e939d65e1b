import { createHmac } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { canonicalJson } from '../audit/hash.ts';
import type { Db } from '../db/client.ts';
import { idempotencyKey } from '../db/schema.ts';
import { pathOnly } from '../logger.ts';
import { AppError, sqlState } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { userId: string; key: string } | null;
  }
}

const KEY_PATTERN = /^[A-Za-z0-9_\-:.]{8,200}$/;

/**
 * A POST with an Idempotency-Key is done once per user and key: a retry with the same body gets the first answer
 * again; the same key with another body is refused. A 5xx answer is not kept, so the client can retry it.
 */
/**
 * Bodies that carry a password (signing, re-authentication) must not leave a crackable digest behind: passwords are
 * left out of the fingerprint, and the fingerprint is keyed with the server secret.
 */
const fingerprint = (body: unknown, secret: string) => {
  const withoutPasswords = JSON.parse(JSON.stringify(body ?? null), (k, v) => (/password/i.test(k) ? undefined : v));
  return createHmac('sha256', secret).update(canonicalJson(withoutPasswords)).digest('hex');
};

export const registerIdempotency = (app: FastifyInstance, db: Db, secret: string) => {
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (req, reply) => {
    const key = req.headers['idempotency-key'];
    if (req.method !== 'POST' || typeof key !== 'string' || !req.url.startsWith('/api/v1') || !req.user) return;
    if (!KEY_PATTERN.test(key)) {
      throw new AppError(400, 'VALIDATION_ERROR', 'Idempotency-Key must be 8–200 letters, digits or -_:.', {
        fields: { 'idempotency-key': 'Invalid format' },
      });
    }
    const userId = req.user.id;
    const path = pathOnly(req.url);
    const requestHash = fingerprint(req.body, secret);
    const [existing] = await db
      .select()
      .from(idempotencyKey)
      .where(and(eq(idempotencyKey.userId, userId), eq(idempotencyKey.key, key)));
    if (existing) {
      if (existing.requestHash !== requestHash || existing.path !== path || existing.method !== req.method) {
        throw new AppError(422, 'IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was used for a different request');
      }
      if (existing.statusCode === null) {
        throw new AppError(409, 'CONFLICT', 'The first request with this Idempotency-Key is still in progress');
      }
      reply.header('idempotent-replayed', 'true');
      return reply.status(existing.statusCode).send(existing.response);
    }
    try {
      await db.insert(idempotencyKey).values({ userId, key, method: req.method, path, requestHash });
    } catch (err) {
      if (sqlState(err) === '23505') {
        throw new AppError(409, 'CONFLICT', 'The first request with this Idempotency-Key is still in progress');
      }
      throw err;
    }
    req.idempotency = { userId, key };
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const idem = req.idempotency;
    if (!idem) return payload;
    req.idempotency = null;
    const where = and(eq(idempotencyKey.userId, idem.userId), eq(idempotencyKey.key, idem.key));
    if (reply.statusCode >= 500) {
      await db.delete(idempotencyKey).where(where);
      return payload;
    }
    let response: unknown = null;
    if (typeof payload === 'string' && payload.length) {
      try {
        response = JSON.parse(payload);
      } catch {
        response = payload;
      }
    }
    await db.update(idempotencyKey).set({ statusCode: reply.statusCode, response }).where(where);
    return payload;
  });
};
