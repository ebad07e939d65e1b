import { z } from 'zod';
import { optionalText, pageOf, requiredText, ZIsoDate, ZPageQuery, ZUuid } from './common.ts';

/** OMB 1997 minimum race categories (multiple allowed) plus the two non-answers programs must record. */
export const OMB_RACES = [
  'american_indian_or_alaska_native',
  'asian',
  'black_or_african_american',
  'native_hawaiian_or_other_pacific_islander',
  'white',
] as const;
export const ZRace = z.enum(OMB_RACES);
export const ETHNICITIES = ['hispanic_or_latino', 'not_hispanic_or_latino', 'unknown', 'declined'] as const;
export const ZEthnicity = z.enum(ETHNICITIES);

export const YOUTH_STATUSES = ['referred', 'active', 'discharged', 'inactive'] as const;
export const ZYouthStatus = z.enum(YOUTH_STATUSES);
export type TYouthStatus = z.infer<typeof ZYouthStatus>;

export const PAYERS = [
  'masshealth_standard',
  'masshealth_commonhealth',
  'masshealth_other',
  'private',
  'uninsured',
  'other',
] as const;
export const ZPayer = z.enum(PAYERS);

// Defaults belong to creates only: an update's missing field means "unchanged", never "reset to the default".
const ZYouthFields = z.object({
  programId: ZUuid,
  firstName: requiredText(100),
  lastName: requiredText(100),
  preferredName: optionalText(100),
  pronouns: optionalText(40),
  dateOfBirth: ZIsoDate,
  genderIdentity: optionalText(60),
  races: z.array(ZRace).max(5),
  raceDeclined: z.boolean(),
  ethnicity: ZEthnicity,
  primaryLanguage: optionalText(60),
  interpreterNeeded: z.boolean(),
  school: optionalText(200),
  grade: optionalText(20),
  payer: ZPayer.nullable().optional(),
  memberId: optionalText(60),
  phone: optionalText(40),
  address: optionalText(300),
});

export const ZCreateYouth = ZYouthFields.extend({
  id: ZUuid.optional(),
  races: ZYouthFields.shape.races.default([]),
  raceDeclined: ZYouthFields.shape.raceDeclined.default(false),
  ethnicity: ZYouthFields.shape.ethnicity.default('unknown'),
  interpreterNeeded: ZYouthFields.shape.interpreterNeeded.default(false),
});
export type TCreateYouth = z.input<typeof ZCreateYouth>;
export const ZUpdateYouth = ZYouthFields.partial().extend({ version: z.number().int().min(1) });
export type TUpdateYouth = z.input<typeof ZUpdateYouth>;

export const ZYouth = z.object({
  id: ZUuid,
  organizationId: ZUuid,
  programId: ZUuid,
  firstName: z.string(),
  lastName: z.string(),
  preferredName: z.string().nullable(),
  pronouns: z.string().nullable(),
  dateOfBirth: z.string(),
  genderIdentity: z.string().nullable(),
  races: z.array(ZRace),
  raceDeclined: z.boolean(),
  ethnicity: ZEthnicity,
  primaryLanguage: z.string().nullable(),
  interpreterNeeded: z.boolean(),
  school: z.string().nullable(),
  grade: z.string().nullable(),
  payer: ZPayer.nullable(),
  memberId: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  status: ZYouthStatus,
  deactivatedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TYouth = z.infer<typeof ZYouth>;

export const ZYouthSummary = ZYouth.pick({
  id: true,
  programId: true,
  firstName: true,
  lastName: true,
  preferredName: true,
  pronouns: true,
  dateOfBirth: true,
  status: true,
});
export type TYouthSummary = z.infer<typeof ZYouthSummary>;

export const ZYouthListQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional(),
  dateOfBirth: ZIsoDate.optional(),
  status: ZYouthStatus.optional(),
  programId: ZUuid.optional(),
});
export const ZYouthPage = pageOf(ZYouthSummary);

export const LEGAL_AUTHORITIES = ['parent', 'guardian', 'dcf', 'other'] as const;
export const ZLegalAuthority = z.enum(LEGAL_AUTHORITIES);

const ZGuardianFields = z.object({
  firstName: requiredText(100),
  lastName: requiredText(100),
  relationship: requiredText(60),
  legalAuthority: ZLegalAuthority,
  phone: optionalText(40),
  email: z
    .email()
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
  preferredLanguage: optionalText(60),
  livesWithYouth: z.boolean(),
});
export const ZCreateGuardian = ZGuardianFields.extend({
  id: ZUuid.optional(),
  livesWithYouth: ZGuardianFields.shape.livesWithYouth.default(true),
});
export type TCreateGuardian = z.input<typeof ZCreateGuardian>;
export const ZUpdateGuardian = ZGuardianFields.partial().extend({ version: z.number().int().min(1) });
export const ZGuardian = z.object({
  id: ZUuid,
  youthId: ZUuid,
  firstName: z.string(),
  lastName: z.string(),
  relationship: z.string(),
  legalAuthority: ZLegalAuthority,
  phone: z.string().nullable(),
  email: z.string().nullable(),
  preferredLanguage: z.string().nullable(),
  livesWithYouth: z.boolean(),
  version: z.number().int(),
});
export type TGuardian = z.infer<typeof ZGuardian>;

const ZEmergencyContactFields = z.object({
  name: requiredText(200),
  relationship: requiredText(60),
  phone: requiredText(40),
  notes: optionalText(500),
});
export const ZCreateEmergencyContact = ZEmergencyContactFields.extend({ id: ZUuid.optional() });
export const ZUpdateEmergencyContact = ZEmergencyContactFields.partial().extend({ version: z.number().int().min(1) });
export const ZEmergencyContact = z.object({
  id: ZUuid,
  youthId: ZUuid,
  name: z.string(),
  relationship: z.string(),
  phone: z.string(),
  notes: z.string().nullable(),
  version: z.number().int(),
});
export type TEmergencyContact = z.infer<typeof ZEmergencyContact>;

export const DEGREE_LEVELS = ['high_school', 'some_college', 'associate', 'bachelor', 'master', 'doctorate'] as const;
export const ZDegreeLevel = z.enum(DEGREE_LEVELS);

export const ZStaffProfile = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.string()),
  title: z.string().nullable(),
  languages: z.array(z.string()),
  degreeLevel: ZDegreeLevel.nullable(),
  capacity: z.number().int().nullable(),
  licenceType: z.string().nullable(),
  licenceNumber: z.string().nullable(),
  licenceState: z.string().nullable(),
  licenceExpiresOn: z.string().nullable(),
  /** True when the staff member holds a licence whose expiry date has passed. */
  licenceExpired: z.boolean(),
  /** Designated mandated reporter. */
  mandatedReporter: z.boolean(),
  version: z.number().int(),
});
export type TStaffProfile = z.infer<typeof ZStaffProfile>;
export const ZUpdateStaffProfile = z.object({
  title: optionalText(100),
  languages: z.array(z.string().trim().min(1).max(60)).max(20).optional(),
  degreeLevel: ZDegreeLevel.nullable().optional(),
  capacity: z.number().int().min(0).max(60).nullable().optional(),
  licenceType: optionalText(40),
  licenceNumber: optionalText(40),
  licenceState: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}$/, 'Use the two-letter state code')
    .nullable()
    .optional(),
  licenceExpiresOn: ZIsoDate.nullable().optional(),
  mandatedReporter: z.boolean().optional(),
  version: z.number().int().min(1),
});
