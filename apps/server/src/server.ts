import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from './config.ts';
import { type Database, migrateDatabase, openDatabase } from './db/client.ts';
import { buildApp } from './http/app.ts';
import { type SeedResult, seedDemo } from './seed/seed-demo.ts';

export type Started = { app: FastifyInstance; database: Database; seeded: SeedResult | null };

/** Opens the database, applies migrations, seeds the demo organization when allowed, and builds the app. */
export const prepareServer = async (config: Config, logStream?: DestinationStream): Promise<Started> => {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
  });
  try {
    await migrateDatabase(database);
    const seeded = config.seedDemo
      ? await seedDemo(database.db, { authSecret: config.authSecret, env: config.env })
      : null;
    const app = await buildApp({ config, database, logStream });
    return { app, database, seeded };
  } catch (err) {
    await database.close();
    throw err;
  }
};
