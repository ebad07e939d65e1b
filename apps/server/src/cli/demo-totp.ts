import { totpCode } from '../auth/totp.ts';
import { DEMO_ACCOUNTS } from '../seed/demo-accounts.ts';

const email = process.argv[2]?.toLowerCase();
const account = DEMO_ACCOUNTS.find((a) => a.email === email);
if (!account?.totpSecret) {
  const withTotp = DEMO_ACCOUNTS.filter((a) => a.totpSecret).map((a) => a.email);
  process.stderr.write(`Usage: npm run demo:totp -- <email>\nDemo accounts with two-factor: ${withTotp.join(', ')}\n`);
  process.exit(2);
}
const now = Date.now();
process.stdout.write(
  `${await totpCode(account.totpSecret, now)}  (valid for ${30 - (Math.floor(now / 1000) % 30)} more seconds)\n`,
);
