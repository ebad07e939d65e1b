import { z } from 'zod';
import { ZPayer } from '../people.ts';

/** How often something must happen, in days (weekly = 7). */
const ZIntervalDays = z.number().int().min(1).max(366);

export const ZMeasurementSchedule = z.object({
  baseline: z.boolean(),
  everyWeeks: z.number().int().min(1).max(52).nullable(),
  atDischarge: z.boolean(),
  /** Instruments due at each point; rule sets stored before this field existed get the default. */
  instruments: z
    .array(z.string().regex(/^[a-z][a-z0-9_]*$/))
    .max(10)
    .default(['phq9_teen', 'psc17']),
});

/**
 * The rules a program runs under. Versioned: a change applies from its effective date and records made
 * before keep the version they were made under.
 */
export const ZRuleSet = z.object({
  /** Youth must be younger than this on the day of the check (MassHealth: under 21). null: no age limit. */
  eligibilityAgeLimit: z.number().int().min(1).max(99).nullable(),
  /** Coverage types that qualify; empty: any coverage, or none. */
  eligibleCoverage: z.array(ZPayer),
  hubRequired: z.boolean(),
  hubContactIntervalDays: ZIntervalDays.nullable(),
  supervisionIntervalDays: ZIntervalDays.nullable(),
  supervisionMinMinutes: z.number().int().min(0).max(600),
  noteSigningDeadlineHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  billable: z.boolean(),
  serviceCode: z.string().trim().max(10).nullable(),
  modifiers: z.array(z.string().trim().min(1).max(4)).max(4),
  unitMinutes: z.number().int().min(1).max(240),
  /** A partial unit counts once it reaches this many minutes (15-minute units: 8). Equal to unitMinutes: whole units only. */
  partialUnitFromMinutes: z.number().int().min(1).max(240),
  maxUnitsPerDay: z.number().int().min(1).max(96).nullable(),
  measurementSchedule: ZMeasurementSchedule,
  matchSupportIntervalDays: ZIntervalDays.nullable(),
});
export type TRuleSet = z.infer<typeof ZRuleSet>;

export const RULE_SET_PRESETS = {
  masshealth_cbhi_tm: {
    label: 'MassHealth CBHI Therapeutic Mentoring',
    rules: {
      eligibilityAgeLimit: 21,
      eligibleCoverage: ['masshealth_standard', 'masshealth_commonhealth'],
      hubRequired: true,
      hubContactIntervalDays: 7,
      supervisionIntervalDays: 7,
      supervisionMinMinutes: 60,
      noteSigningDeadlineHours: 48,
      billable: true,
      serviceCode: 'H2019',
      modifiers: ['HN'],
      unitMinutes: 15,
      partialUnitFromMinutes: 8,
      maxUnitsPerDay: 16,
      measurementSchedule: { baseline: true, everyWeeks: 12, atDischarge: true, instruments: ['phq9_teen', 'psc17'] },
      matchSupportIntervalDays: 30,
    },
  },
  community_tm: {
    label: 'Community therapeutic mentoring',
    rules: {
      eligibilityAgeLimit: null,
      eligibleCoverage: [],
      hubRequired: false,
      hubContactIntervalDays: null,
      supervisionIntervalDays: 30,
      supervisionMinMinutes: 60,
      noteSigningDeadlineHours: 72,
      billable: false,
      serviceCode: null,
      modifiers: [],
      unitMinutes: 15,
      partialUnitFromMinutes: 8,
      maxUnitsPerDay: null,
      measurementSchedule: { baseline: true, everyWeeks: 12, atDischarge: true, instruments: ['phq9_teen', 'psc17'] },
      matchSupportIntervalDays: 30,
    },
  },
} as const satisfies Record<string, { label: string; rules: TRuleSet }>;
export type TRuleSetPreset = keyof typeof RULE_SET_PRESETS;
export const ZRuleSetPreset = z.enum(Object.keys(RULE_SET_PRESETS) as [TRuleSetPreset, ...TRuleSetPreset[]]);

/** The version of a program's rules in force on a day: the latest whose effective date is on or before it. */
export const ruleSetOn = <T extends { effectiveFrom: string }>(versions: readonly T[], day: string): T | undefined =>
  versions
    .filter((v) => v.effectiveFrom <= day)
    .reduce<T | undefined>((best, v) => (!best || v.effectiveFrom > best.effectiveFrom ? v : best), undefined);
