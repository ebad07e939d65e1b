import { AppError } from '../../http/errors.ts';

/**
 * A fixed-window counter per key (the client's address), in memory: the public self-report routes need no account,
 * so this is what stops guessing. One server process; a restart forgets counts, which only loosens it for a window.
 */
export const createLimiter = (opts: { limit: number; windowMs: number; now?: () => number }) => {
  const now = opts.now ?? Date.now;
  const hits = new Map<string, { count: number; resetAt: number }>();
  const entry = (key: string) => {
    const t = now();
    let e = hits.get(key);
    if (!e || e.resetAt <= t) {
      if (hits.size > 10_000) for (const [k, v] of hits) if (v.resetAt <= t) hits.delete(k);
      e = { count: 0, resetAt: t + opts.windowMs };
      hits.set(key, e);
    }
    return e;
  };
  return {
    /** Counts one hit; false once the key is over its limit for this window. */
    hit: (key: string) => ++entry(key).count <= opts.limit,
    /** Whether the key has used up its allowance, without counting. */
    exhausted: (key: string) => entry(key).count >= opts.limit,
    retryAfterSeconds: (key: string) => Math.max(1, Math.ceil((entry(key).resetAt - now()) / 1000)),
  };
};

export type Limiter = ReturnType<typeof createLimiter>;

export const tooMany = (message = 'Too many requests; wait a few minutes and try again') => new AppError(429, 'RATE_LIMITED', message);
