import { z } from 'zod';
import { requiredText, ZUuid } from './common.ts';
import { ZRole } from './roles.ts';

export const PROGRAM_KINDS = ['therapeutic_mentoring', 'community'] as const;
export const ZProgramKind = z.enum(PROGRAM_KINDS);

export const ZProgram = z.object({
  id: ZUuid,
  organizationId: ZUuid,
  name: z.string(),
  kind: ZProgramKind,
  active: z.boolean(),
});
export type TProgram = z.infer<typeof ZProgram>;

export const ZMembershipRole = z.object({ role: ZRole, programId: ZUuid.nullable() });
export type TMembershipRole = z.infer<typeof ZMembershipRole>;

export const ZMeOrganization = z.object({
  id: ZUuid,
  name: z.string(),
  roles: z.array(ZMembershipRole),
  /** True when this organization requires two-factor for one of the user's roles. */
  twoFactorRequired: z.boolean(),
});

export const ZMe = z.object({
  user: z.object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    twoFactorEnabled: z.boolean(),
  }),
  organizations: z.array(ZMeOrganization),
  /** The organization this request acted in (from the X-Organization-Id header, or the only one). */
  activeOrganizationId: ZUuid.nullable(),
  /** Actions the user may take somewhere in the active organization, e.g. "youth.create". */
  permissions: z.array(z.string()),
  sessionExpiresAt: z.string(),
});
export type TMe = z.infer<typeof ZMe>;

export const ZInvite = z.object({
  id: ZUuid.optional(),
  email: z.email(),
  name: requiredText(200),
  role: ZRole,
  programId: ZUuid.nullable().optional(),
});
export type TInvite = z.input<typeof ZInvite>;

export const ZInvitation = z.object({
  id: ZUuid,
  email: z.string(),
  name: z.string(),
  role: ZRole,
  programId: ZUuid.nullable(),
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const ZAcceptInvitation = z.object({
  token: z.string().min(20).max(200),
  password: z.string().min(12, 'Use at least 12 characters').max(128),
});

export const ZMember = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(ZMembershipRole),
  twoFactorEnabled: z.boolean(),
});
export type TMember = z.infer<typeof ZMember>;
