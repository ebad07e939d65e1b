import { useCallback, useRef } from 'react';

/** A random UUID; `crypto.randomUUID` needs a secure context, so fall back to `getRandomValues`. */
export const newId = (): string => {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/**
 * An Idempotency-Key per submitted body: retrying the same submit reuses the key (the server answers the first
 * result again, without doing the work twice); a changed body gets a new key (the server refuses a reused key
 * with another body).
 */
export const useIdempotencyKey = () => {
  const last = useRef<{ body: string; key: string } | null>(null);
  const keyFor = useCallback((body: unknown): string => {
    const json = JSON.stringify(body);
    if (last.current?.body !== json) last.current = { body: json, key: newId() };
    return last.current.key;
  }, []);
  const reset = useCallback(() => {
    last.current = null;
  }, []);
  return { keyFor, reset };
};
