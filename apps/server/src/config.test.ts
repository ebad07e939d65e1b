import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { acquireDirLock, DataDirLockedError } from './db/dir-lock.ts';

describe('configuration', () => {
  it('names every invalid setting at once', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/DATABASE_URL/);
      expect((e as Error).message).toMatch(/LOG_LEVEL/);
    }
  });

  it('requires a secret and a public URL in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET[\s\S]*PUBLIC_URL/);
  });

  it('generates the embedded-mode secret once and keeps it in the data folder', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mb-cfg-'));
    try {
      const a = loadConfig({ DATA_DIR: dir });
      const b = loadConfig({ DATA_DIR: dir });
      expect(a.authSecret).toHaveLength(43);
      expect(b.authSecret).toBe(a.authSecret);
      expect(readFileSync(path.join(dir, 'auth-secret'), 'utf8')).toBe(a.authSecret);
      expect(a.sessionIdleTimeoutMinutes).toBe(15);
      expect(a.port).toBe(3000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets one process at a time open an embedded data folder', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mb-lock-'));
    try {
      const release = acquireDirLock(dir);
      // A live process (this one's parent) holding the lock blocks the next opener.
      const { writeFileSync } = await import('node:fs');
      writeFileSync(path.join(dir, 'mentorbridge.lock'), String(process.ppid));
      expect(() => acquireDirLock(dir)).toThrow(DataDirLockedError);
      // A lock left by a process that is gone is taken over.
      writeFileSync(path.join(dir, 'mentorbridge.lock'), '999999999');
      const again = acquireDirLock(dir);
      await again();
      await release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
