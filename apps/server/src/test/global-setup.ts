import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openPglite, openPostgres } from '../db/client.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: { adminUrl: string; template: string } | null;
  }
}

/**
 * Tests run on real databases. Migrating once and copying the result per test file keeps each file isolated
 * and fast: a PGlite data-folder dump, or a PostgreSQL template database when TEST_DATABASE_URL is set.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'mentorbridge-test-'));
  const cleanups: (() => Promise<void>)[] = [async () => rmSync(dir, { recursive: true, force: true })];

  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = `mb_template_${process.pid}`;
    const admin = await openPostgres(url, 1);
    await admin.pool!.query(`drop database if exists ${template}`);
    await admin.pool!.query(`create database ${template}`);
    const tplUrl = new URL(url);
    tplUrl.pathname = `/${template}`;
    const tpl = await openPostgres(tplUrl.toString(), 1);
    await migrateDatabase(tpl);
    await tpl.close();
    project.provide('postgresTemplate', { adminUrl: url, template });
    project.provide('pgliteTemplate', '');
    cleanups.push(async () => {
      const leftovers = await admin.pool!.query<{ datname: string }>(
        `select datname from pg_database where datname like 'mb_t_${process.pid}_%' or datname = $1`,
        [template],
      );
      for (const { datname } of leftovers.rows) {
        await admin.pool!.query(`drop database if exists ${datname} with (force)`);
      }
      await admin.close();
    });
  } else {
    const tpl = await openPglite('memory://');
    await migrateDatabase(tpl);
    const dump = await tpl.pglite!.dumpDataDir('none');
    const file = path.join(dir, 'template.tar');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await tpl.close();
    project.provide('pgliteTemplate', file);
    project.provide('postgresTemplate', null);
  }
  return async () => {
    for (const c of cleanups.reverse()) await c();
  };
}
