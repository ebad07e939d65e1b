import { verifyAuditChains } from '../audit/verify-chain.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';

/** Verifies every audit chain; exits 1 and names the first broken row when tampering is found. */
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const report = await verifyAuditChains(database.db);
  if (report.ok) {
    process.stdout.write(`Audit trail intact: ${report.checked} events in ${report.chains} chains verified.\n`);
  } else {
    const b = report.brokenAt!;
    process.stdout.write(
      `Audit trail BROKEN at chain ${b.chain}, sequence ${b.seq} (event ${b.id}): ${b.reason}. ${report.checked - 1} events before it verified.\n`,
    );
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
