import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { TRole } from '@mentorbridge/core';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { createPasswordUser } from '../auth/accounts.ts';
import { type Config, loadConfig } from '../config.ts';
import { type Database, openPglite, openPostgres } from '../db/client.ts';
import { organization, program } from '../db/schema.ts';
import { buildApp } from '../http/app.ts';
import type { Clock } from '../jobs/clock.ts';
import { addMembership } from '../modules/members/members-service.ts';

export const TEST_PASSWORD = 'correct-horse-battery-staple';

let dbCounter = 0;

/** A fresh copy of the migrated template database, on PGlite or (with TEST_DATABASE_URL) PostgreSQL. */
export const openTestDatabase = async (): Promise<Database> => {
  const pg = inject('postgresTemplate');
  if (pg) {
    const name = `mb_t_${process.pid}_${Date.now()}_${dbCounter++}`;
    const admin = await openPostgres(pg.adminUrl, 1);
    await admin.pool!.query(`create database ${name} template ${pg.template}`);
    await admin.close();
    const url = new URL(pg.adminUrl);
    url.pathname = `/${name}`;
    const database = await openPostgres(url.toString(), 5);
    const close = database.close;
    return {
      ...database,
      close: async () => {
        await close();
        const a = await openPostgres(pg.adminUrl, 1);
        await a.pool!.query(`drop database if exists ${name} with (force)`);
        await a.close();
      },
    };
  }
  const buf = readFileSync(inject('pgliteTemplate'));
  return openPglite({ loadDataDir: new Blob([buf]) });
};

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  config: Config;
  /** Every log line written by the app, as text. */
  logs: string[];
  close: () => Promise<void>;
};

export const createTestApp = async (
  env: Record<string, string> = {},
  opts: { clock?: Clock; jobPollingSeconds?: number } = {},
): Promise<TestApp> => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mb-app-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
    PUBLIC_URL: 'http://localhost:3000',
    LOG_LEVEL: 'info',
    SEED_DEMO: 'never',
    ...env,
  });
  const database = await openTestDatabase();
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(chunk.toString());
      cb();
    },
  });
  const app = await buildApp({ config, database, logStream, ...opts });
  await app.ready();
  return {
    app,
    database,
    config,
    logs,
    close: async () => {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

export type Client = {
  userId: string;
  email: string;
  cookie: string;
  orgId: string | null;
  request: (opts: InjectOptions & { headers?: Record<string, string> }) => Promise<LightMyRequestResponse>;
  get: (url: string) => Promise<LightMyRequestResponse>;
  post: (url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  patch: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  del: (url: string) => Promise<LightMyRequestResponse>;
};

export const cookieFrom = (setCookie: string | string[] | undefined): string =>
  (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [])
    .map((c) => c.split(';')[0]!)
    .filter((c) => !c.endsWith('='))
    .join('; ');

export const clientFor = (
  app: FastifyInstance,
  who: { userId: string; email: string; cookie: string; orgId: string | null },
): Client => {
  const request: Client['request'] = (opts) =>
    app.inject({
      ...opts,
      headers: {
        cookie: who.cookie,
        'x-requested-with': 'mentorbridge',
        ...(who.orgId ? { 'x-organization-id': who.orgId } : {}),
        ...(opts.headers ?? {}),
      },
    });
  return {
    ...who,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, body, headers) => request({ method: 'POST', url, payload: body as object, headers }),
    patch: (url, body) => request({ method: 'PATCH', url, payload: body as object }),
    del: (url) => request({ method: 'DELETE', url }),
  };
};

export const signIn = async (app: FastifyInstance, email: string, password = TEST_PASSWORD) => {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in/email',
    headers: { origin: 'http://localhost:3000' },
    payload: { email, password },
  });
  return { res, cookie: cookieFrom(res.headers['set-cookie']) };
};

export const createOrganization = async (t: TestApp, opts: { name?: string; twoFactorRoles?: TRole[] } = {}) => {
  const slug = `org-${randomUUID().slice(0, 8)}`;
  const [org] = await t.database.db
    .insert(organization)
    .values({ name: opts.name ?? slug, slug, twoFactorRoles: opts.twoFactorRoles ?? [] })
    .returning();
  const [tm, community] = await t.database.db
    .insert(program)
    .values([
      { organizationId: org!.id, name: 'TM', kind: 'therapeutic_mentoring' },
      { organizationId: org!.id, name: 'Community', kind: 'community' },
    ])
    .returning();
  return { id: org!.id, tmProgramId: tm!.id, communityProgramId: community!.id };
};

/** A user with roles in an organization, signed in through the real sign-in endpoint. */
export const createUserClient = async (
  t: TestApp,
  orgId: string,
  roles: { role: TRole; programId?: string | null }[],
  opts: { email?: string; name?: string } = {},
): Promise<Client> => {
  const email = opts.email ?? `${roles[0]?.role ?? 'user'}-${randomUUID().slice(0, 8)}@test.mentorbridge.org`;
  const userId = await createPasswordUser(t.database.db, { email, name: opts.name ?? email, password: TEST_PASSWORD });
  for (const r of roles) await addMembership(t.database.db, orgId, userId, r.role, r.programId ?? null);
  const { res, cookie } = await signIn(t.app, email);
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  return clientFor(t.app, { userId, email, cookie, orgId });
};
