import { z } from 'zod';

export const ROLES = [
  'org_admin',
  'program_manager',
  'supervisor',
  'mentor',
  'hub_clinician',
  'guardian',
  'youth',
] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

/** Roles whose members work with records of many youth; organizations may require two-factor for them. */
export const STAFF_ROLES: readonly TRole[] = ['org_admin', 'program_manager', 'supervisor', 'mentor', 'hub_clinician'];
