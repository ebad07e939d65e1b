import type { Action } from '../access/policy.ts';

/**
 * Every API route declares who may call it:
 * - an Action from the access policy; with `record: true` the route acts on one record and its service decides
 *   404 (out of reach) or 403 (visible, not allowed) from the record's relationship to the actor;
 * - 'authenticated' — any signed-in user (their own account and memberships);
 * - 'public' — no session (sign-in, invitation acceptance, health).
 */
export type Permission = Action | 'authenticated' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: Permission;
    record?: boolean;
  }
}
