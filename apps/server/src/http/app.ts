import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import { type Auth, createAuth } from '../auth/auth.ts';
import { registerAuthRoutes } from '../auth/routes.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { type Clock, systemClock } from '../jobs/clock.ts';
import { registerJobs } from '../jobs/register.ts';
import { createJobRunner, type JobRunner } from '../jobs/runner.ts';
import { loggerOptions } from '../logger.ts';
import { createMailer, type Mailer } from '../mail/mailer.ts';
import { registerModules } from '../modules/index.ts';
import { registerActorResolution } from './actor.ts';
import { registerCsrf } from './csrf.ts';
import { registerErrorHandler } from './error-handler.ts';
import { registerIdempotency } from './idempotency.ts';
import './route-config.ts';

export type AppDeps = {
  config: Config;
  database: Database;
  logStream?: DestinationStream;
  /** The time alert code paths use; tests pass a clock they move by hand. */
  clock?: Clock;
  /** How often job workers poll (seconds); tests shorten it. */
  jobPollingSeconds?: number;
};

export type RouteRecord = { method: string; url: string; permission: string | undefined; record: boolean };

declare module 'fastify' {
  interface FastifyInstance {
    deps: { config: Config; database: Database; auth: Auth; mailer: Mailer; clock: Clock; jobs: JobRunner };
    routeRecords: RouteRecord[];
  }
}

const WEB_DIST = path.resolve(import.meta.dirname, '../../../web/dist');
const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

export const buildApp = async ({
  config,
  database,
  logStream,
  clock = systemClock,
  jobPollingSeconds,
}: AppDeps): Promise<FastifyInstance> => {
  const opts = loggerOptions(config.logLevel);
  const app = Fastify({
    logger: logStream ? { ...opts, stream: logStream } : opts,
    trustProxy: config.env === 'production',
    bodyLimit: 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const auth = createAuth(database.db, config, app.log);
  const mailer = createMailer(config, database.db, app.log);
  // Background jobs are registered here but started only by main.ts (or a test that needs them).
  const jobs = createJobRunner({ database, clock, log: app.log, pollingSeconds: jobPollingSeconds });
  registerJobs(jobs, { db: database.db, mailer, publicUrl: config.publicUrl });
  app.decorate('deps', { config, database, auth, mailer, clock, jobs });
  app.addHook('onClose', async () => jobs.stop());
  app.decorate('routeRecords', [] as RouteRecord[]);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      const permission = route.config?.permission;
      if (route.url.startsWith('/api/v1') && !permission) {
        throw new Error(`Route ${method} ${route.url} declares no permission`);
      }
      app.routeRecords.push({
        method,
        url: route.url,
        permission: permission ?? 'public',
        record: Boolean(route.config?.record),
      });
    }
  });
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ['\'self\''],
        scriptSrc: ['\'self\''],
        styleSrc: ['\'self\''],
        imgSrc: ['\'self\'', 'data:'],
        connectSrc: ['\'self\''],
        frameAncestors: ['\'none\''],
        formAction: ['\'self\''],
        upgradeInsecureRequests: config.publicUrl.startsWith('https://') ? [] : null,
      },
    },
    hsts: config.publicUrl.startsWith('https://'),
    crossOriginEmbedderPolicy: false,
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Mentorbridge API',
        version: '1.0.0',
        description:
          'The API of Mentorbridge, the platform therapeutic mentoring programs run on. Sign in through /api/auth ' +
          '(better-auth, cookie session). State-changing calls need `X-Requested-With: mentorbridge`; creates accept ' +
          '`Idempotency-Key`. Errors: `{ error: { code, message, fields? } }`.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'better-auth.session_token' } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());

  const spa = existsSync(path.join(WEB_DIST, 'index.html'));
  registerErrorHandler(app, spa);
  registerCsrf(app, config.trustedOrigins);
  registerActorResolution(app, { db: database.db, auth, config });
  registerIdempotency(app, database.db, config.authSecret);

  await registerAuthRoutes(app, { db: database.db, auth });
  await registerModules(app);

  if (spa) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: ['index.html'] });
  return app;
};
