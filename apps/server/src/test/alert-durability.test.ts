import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findEmbeddedInstrument } from '@mentorbridge/core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { migrateDatabase, openPglite } from '../db/client.ts';
import { buildApp } from '../http/app.ts';
import { buildNotesWorld, documentSession } from '../modules/notes/notes-fixtures.ts';
import { TEST_PASSWORD, type TestApp } from './test-app.ts';

/**
 * Killing the server right after it answers that a teen PHQ-9 with question 9 = 2 is saved (a youth's self-report
 * link), or that a note with a safety concern is signed, loses no alert. The real server runs as a child process on
 * an embedded database in a temp folder; it is SIGKILLed as soon as the answer arrives, restarted on the same
 * folder, and the alerts must be there with every notice delivered.
 */
const ROOT = path.resolve(import.meta.dirname, '../../../..');
const SECRET = 'durability-secret-durability-secret-0123';
const dataDir = mkdtempSync(path.join(tmpdir(), 'mb-durability-'));
let child: ChildProcess | null = null;

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });

/** Polls until `check` returns a value, or fails with what it last saw once the deadline passes. */
const eventually = async <T>(what: string, ms: number, check: () => Promise<T | undefined>): Promise<T> => {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const got = await check();
      if (got !== undefined) return got;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not happen within ${ms / 1000} s${last ? `: ${String(last)}` : ''}`);
};

const startServer = async (port: number) => {
  let log = '';
  const proc = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      AUTH_SECRET: SECRET,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      SEED_DEMO: 'never',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-10_000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  child = proc;
  const base = `http://127.0.0.1:${port}`;
  await eventually('server start', 150_000, async () => {
    if (proc.exitCode !== null) throw new Error(`server exited (${proc.exitCode}): ${log}`);
    const res = await fetch(`${base}/api/ready`);
    return res.status === 200 ? true : undefined;
  });
  return { proc, base, log: () => log };
};

const kill = async (proc: ChildProcess) => {
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGKILL');
  await exited;
};

/** A signed-in caller of the child server, as the browser would be. */
const session = async (base: string, email: string, orgId: string) => {
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
  const headers = { cookie, 'x-requested-with': 'mentorbridge', 'x-organization-id': orgId, origin: base };
  return {
    get: (url: string) => fetch(`${base}${url}`, { headers }),
    post: (url: string, body: unknown) =>
      fetch(`${base}${url}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
  };
};

describe('alert durability across a server crash', () => {
  it('a self-report answer with question 9 = 2 and a signed safety concern survive SIGKILL; after restart their notices are delivered', async () => {
    // The world is built in this process on the folder the server will use, then the folder is let go.
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      AUTH_SECRET: SECRET,
      PUBLIC_URL: 'http://localhost:3000',
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'never',
    });
    const database = await openPglite(dataDir);
    let world: Awaited<ReturnType<typeof buildNotesWorld>>;
    let contact: { id: string; version: number };
    try {
      await migrateDatabase(database);
      const app = await buildApp({ config, database });
      await app.ready();
      const t = { app, database, config, logs: [], close: async () => {} } satisfies TestApp;
      world = await buildNotesWorld(t);
      contact = await documentSession(world.users.m1, world.youth.y1.id, [world.goals.g1.id], {
        safetyConcern: true,
        safetyDetail: 'Said they did not feel safe going home',
      });
      await app.close();
    } finally {
      await database.close();
    }

    const port = await freePort();
    const first = await startServer(port);
    const mentor = await session(first.base, world.users.m1.email, world.orgA.id);
    const signed = await mentor.post(`/api/v1/contacts/${contact.id}/sign`, {
      password: TEST_PASSWORD,
      version: contact.version,
    });
    expect(signed.status).toBe(200);
    const link = await mentor.post(`/api/v1/youth/${world.youth.y1.id}/administrations`, {
      instrumentId: 'phq9_teen',
      respondent: 'youth',
      mode: 'link',
      language: 'en',
      expiresInHours: 24,
    });
    expect(link.status).toBe(201);
    const { token } = (await link.json()) as { token: string };
    const answers = Object.fromEntries(
      findEmbeddedInstrument('phq9_teen')!.items.map((item) => [
        item.id,
        item.id === 'self_harm_thoughts' ? 2 : item.scored ? 1 : item.options.some((o) => o.value === 'no') ? 'no' : item.options[0]!.value,
      ]),
    );
    // The youth answers through the link, without an account; the server dies as soon as it has answered.
    const answered = await fetch(`${first.base}/api/v1/self-report/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'mentorbridge', origin: first.base },
      body: JSON.stringify({ answers }),
    });
    await kill(first.proc);
    expect(answered.status).toBe(200);

    const second = await startServer(port);
    const supervisor = await session(second.base, world.users.s1.email, world.orgA.id);
    const alert = await eventually('the alert is listed', 30_000, async () => {
      const page = (await (await supervisor.get('/api/v1/alerts?status=open')).json()) as {
        items: { id: string; sourceId: string | null; source: string }[];
      };
      return page.items.find((a) => a.sourceId === contact.id);
    });
    expect(alert.source).toBe('contact_note');
    const acute = await eventually('the questionnaire alert is listed', 30_000, async () => {
      const page = (await (await supervisor.get('/api/v1/alerts?status=open&severity=acute')).json()) as {
        items: { id: string; youthId: string; source: string; reasons: string[] }[];
      };
      return page.items.find((a) => a.source === 'measure_response' && a.youthId === world.youth.y1.id);
    });
    expect(acute.reasons).toEqual(['phq9_teen.item9_self_harm_thoughts']);

    type Notice = { userId: string; channel: string; status: string };
    const notices = await eventually('every notice is delivered', 90_000, async () => {
      const detail = (await (await supervisor.get(`/api/v1/alerts/${alert.id}`)).json()) as { notices: Notice[] };
      return detail.notices.length > 0 && detail.notices.every((n) => n.status !== 'pending') ? detail.notices : undefined;
    });
    const s1 = notices.filter((n) => n.userId === world.users.s1.userId);
    expect(Object.fromEntries(s1.map((n) => [n.channel, n.status]))).toEqual({
      in_app: 'delivered',
      email: 'delivered',
      // The supervisor has no phone number on file.
      sms: 'skipped',
    });
    const acuteNotices = await eventually('every notice of the acute alert is delivered', 90_000, async () => {
      const detail = (await (await supervisor.get(`/api/v1/alerts/${acute.id}`)).json()) as { notices: Notice[] };
      return detail.notices.length > 0 && detail.notices.every((n) => n.status !== 'pending') ? detail.notices : undefined;
    });
    // The acute alert reaches the mentor and the supervisor (and managers), each in the app and by email.
    for (const userId of [world.users.m1.userId, world.users.s1.userId]) {
      const mine = acuteNotices.filter((n) => n.userId === userId);
      expect(mine.find((n) => n.channel === 'in_app')?.status).toBe('delivered');
      expect(mine.find((n) => n.channel === 'email')?.status).toBe('delivered');
    }
    const inbox = (await (await supervisor.get('/api/v1/me/notifications?unread=true')).json()) as {
      items: { alertId: string }[];
    };
    expect(inbox.items.map((n) => n.alertId)).toEqual(expect.arrayContaining([alert.id, acute.id]));
    await kill(second.proc);
  }, 480_000);
});
