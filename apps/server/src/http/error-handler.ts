import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, sqlState } from './errors.ts';

/** Stack frames without the first line: database errors put the query's parameters (personal data) in the message. */
const safeStack = (err: unknown) => (err instanceof Error ? (err.stack ?? '').split('\n').slice(1, 8).join('\n') : '');

/** `spa`: unknown GET paths outside /api answer the web app's index.html, so client-side routes survive a reload. */
export const registerErrorHandler = (app: FastifyInstance, spa: boolean) => {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, ...err.extra } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: Record<string, string> = {};
      for (const issue of err.validation) {
        const key =
          String(issue.instancePath ?? '')
            .replace(/^\//, '')
            .replaceAll('/', '.') || String(err.validationContext ?? 'body');
        fields[key] ??= issue.message ?? 'Invalid value';
      }
      const where = err.validationContext === 'body' ? '' : ` in the ${err.validationContext}`;
      return reply.status(400).send({
        error: { code: 'VALIDATION_ERROR', message: `Some fields need attention${where}`, fields },
      });
    }
    const state = sqlState(err);
    if (state === '23505') {
      return reply
        .status(409)
        .send({ error: { code: 'CONFLICT', message: 'A record with this identifier already exists' } });
    }
    if (state === '22P02' || state === '22007' || state === '22008') {
      return reply.status(400).send({ error: { code: 'VALIDATION_ERROR', message: 'A value has the wrong format' } });
    }
    if (isResponseSerializationError(err)) {
      req.log.error(
        { err: { type: 'ResponseSerializationError', stack: safeStack(err) } },
        'response did not match its schema',
      );
      return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Something went wrong on our side' } });
    }
    const status = err.statusCode ?? 500;
    if (status < 500) {
      const code = status === 429 ? 'RATE_LIMITED' : status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST';
      return reply.status(status).send({ error: { code, message: err.message } });
    }
    req.log.error({ err: { type: err.name, code: err.code ?? state, stack: safeStack(err) } }, 'request failed');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Something went wrong on our side' } });
  });
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes get the app; a missing file (an old build's asset) is a real 404.
    const path = req.url.split('?')[0]!;
    if (spa && req.method === 'GET' && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path)) {
      return reply.sendFile('index.html');
    }
    return reply
      .status(404)
      .send({ error: { code: 'NOT_FOUND', message: `No route ${req.method} ${req.url.split('?')[0]}` } });
  });
};
