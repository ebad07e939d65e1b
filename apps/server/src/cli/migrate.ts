import { loadConfig } from '../config.ts';
import { migrateDatabase, openDatabase } from '../db/client.ts';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateDatabase(database);
  process.stdout.write(`Migrations applied (${database.engine}).\n`);
} finally {
  await database.close();
}
