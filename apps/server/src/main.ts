import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './db/dir-lock.ts';
import { demoSignInText } from './seed/seed-demo.ts';
import { prepareServer } from './server.ts';

const fail = (message: string) => {
  console.error(message);
  process.exit(1);
};

const main = async () => {
  const config = loadConfig();
  const { app, database, seeded } = await prepareServer(config);
  let mailTimer: NodeJS.Timeout | undefined;
  if (config.mail.transport === 'smtp') {
    mailTimer = setInterval(() => void app.deps.mailer.flush().catch(() => {}), 10_000);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    clearInterval(mailTimer);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close();
      await database.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  // Alert delivery and escalation (and their first sweep of anything left pending) start once the app is up.
  await app.deps.jobs.start();
  const where = database.engine === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL server';
  app.log.info({ engine: database.engine }, 'Mentorbridge ready');
  process.stdout.write(`\nMentorbridge is running at ${config.publicUrl} on the ${where}.\n`);
  if (config.seedDemo) {
    process.stdout.write(`${seeded ? 'Seeded the demo organization.\n' : ''}${demoSignInText(config.publicUrl)}\n\n`);
  }
};

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) fail(err.message);
  console.error('Mentorbridge failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
