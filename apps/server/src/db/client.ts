import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Pool } from 'pg';
import { acquireDirLock } from './dir-lock.ts';
import * as schema from './schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** Either the database or a transaction on it: service functions take this so callers can compose writes. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type Database = {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** Run plain SQL text (several statements allowed); used by migrations' advisory lock and maintenance. */
  close: () => Promise<void>;
  pglite?: PGlite;
  pool?: Pool;
};

export const MIGRATIONS_FOLDER = path.resolve(import.meta.dirname, '../../drizzle');

export const openPostgres = async (url: string, poolSize: number): Promise<Database> => {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  // DATE columns stay 'yyyy-mm-dd' strings: converting to Date would shift birthdays across time zones.
  pg.types.setTypeParser(1082, (v) => v);
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  const db = drizzle({ client: pool, schema, casing: 'snake_case' }) as unknown as Db;
  return { db, engine: 'postgres', pool, close: () => pool.end() };
};

/** Embedded PostgreSQL in a folder (or `memory://`); one process at a time may open a folder. */
export const openPglite = async (dataDir: string | { loadDataDir: Blob | File }): Promise<Database> => {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  let release = async () => {};
  let client: PGlite;
  if (typeof dataDir === 'string') {
    if (!dataDir.startsWith('memory://')) release = acquireDirLock(dataDir);
    try {
      client = await PGlite.create(dataDir === 'memory://' ? undefined : path.join(dataDir, 'pglite'));
    } catch (err) {
      await release();
      throw err;
    }
  } else {
    client = await PGlite.create({ loadDataDir: dataDir.loadDataDir });
  }
  const db = drizzle({ client, schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    engine: 'pglite',
    pglite: client,
    close: async () => {
      await client.close();
      await release();
    },
  };
};

export const migrateDatabase = async (database: Database): Promise<void> => {
  if (database.engine === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator wants the driver-specific database type
    await migrate(database.db as any, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const client = await database.pool!.connect();
  try {
    // Several servers may start at once; one migrates while the others wait, then find nothing to do.
    await client.query('select pg_advisory_lock(727001)');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.query('select pg_advisory_unlock(727001)').catch(() => {});
    client.release();
  }
};

export const openDatabase = async (cfg: { databaseUrl?: string; dataDir: string; poolSize?: number }) =>
  cfg.databaseUrl ? openPostgres(cfg.databaseUrl, cfg.poolSize ?? 10) : openPglite(cfg.dataDir);

/** The rows of a raw `db.execute()` result, whichever driver produced it. */
export const rowsOf = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
