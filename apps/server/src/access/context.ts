import type { TMembershipRole, TRole } from '@mentorbridge/core';

/** Who is acting, in which organization, from where: built once per request, passed to every service call. */
export type Actor = {
  userId: string;
  organizationId: string;
  roles: TMembershipRole[];
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  /** The organization's time zone, read with the session at the start of the request (saves a query per clock). */
  timeZone?: string;
};

export const hasRole = (actor: Actor, role: TRole) => actor.roles.some((r) => r.role === role);
