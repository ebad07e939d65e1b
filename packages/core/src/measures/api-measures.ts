import { z } from 'zod';
import { ZIsoDate, ZUuid } from '../common.ts';
import { ZResponseRespondent } from '../safety/enums.ts';
import { ZAnswerValue, ZBand, ZBandRef, ZFlag, ZLanguage, ZLocalizedText, ZRespondent, ZScoreResult } from './definition.ts';
import { ZMeasureForm } from './form.ts';
import { ZScoreEntryField } from './licensed-instruments.ts';
import { ZProgramSurveyDefinition } from './program-survey.ts';

/**
 * API shapes of the measures area: the instrument catalogue and scoring preview, program surveys, stored
 * responses, self-report invitations (links and kiosk codes), schedules and change over time.
 */

export const INSTRUMENT_KINDS = ['embedded', 'score_entry', 'program_survey'] as const;
export const ZInstrumentKind = z.enum(INSTRUMENT_KINDS);
export type TInstrumentKind = z.infer<typeof ZInstrumentKind>;

const ZInstrumentId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower_snake_case instrument id').max(80);

export const ZInstrumentCatalogItem = z.object({
  key: z.string(),
  id: z.string(),
  version: z.number().int(),
  kind: ZInstrumentKind,
  title: ZLocalizedText,
  shortTitle: ZLocalizedText,
  respondent: ZRespondent,
  languages: z.array(ZLanguage),
  /** Required credit line; null for a program's own survey. */
  attribution: z.string().nullable(),
  licenceNote: z.string().nullable(),
  /** Program surveys: the program it belongs to (null: every program). */
  programId: ZUuid.nullable(),
});
export type TInstrumentCatalogItem = z.infer<typeof ZInstrumentCatalogItem>;

export const ZInstrumentDetail = z.object({
  summary: ZInstrumentCatalogItem,
  /** What to render for answering; null for licensed forms (only their scores are entered). */
  form: ZMeasureForm.nullable(),
  /** Licensed forms: the score fields to enter from the licensed scoring. */
  scoreEntryFields: z.array(ZScoreEntryField).nullable(),
  bands: z.array(ZBand),
  citation: z.string().nullable(),
  ageNote: z.string().nullable(),
  scoringNotes: z.array(z.string()),
});
export type TInstrumentDetail = z.infer<typeof ZInstrumentDetail>;

export const ZInstrumentParam = z.object({ instrumentId: ZInstrumentId });
export const ZInstrumentQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

/** Item answers by content id (or, for a licensed form, entered scores by field id); null is a blank. */
export const ZAnswersInput = z.record(z.string().max(80), z.union([ZAnswerValue, z.number()]).nullable());

export const ZScorePreviewBody = z.object({ answers: ZAnswersInput });
export const ZScorePreview = ZScoreResult;
export type TScorePreview = z.infer<typeof ZScorePreview>;

// ---------------------------------------------------------------------------------------------------------------
// Program surveys

export const ZCreateProgramSurvey = z.object({
  /** null: every program of the organization. */
  programId: ZUuid.nullable(),
  /** The survey; `id` is a slug kept across versions. The server assigns the version (the one sent is replaced). */
  definition: ZProgramSurveyDefinition,
});

export const ZProgramSurvey = z.object({
  id: ZUuid,
  instrumentId: z.string(),
  version: z.number().int(),
  programId: ZUuid.nullable(),
  active: z.boolean(),
  definition: ZProgramSurveyDefinition,
  createdAt: z.string(),
});
export type TProgramSurvey = z.infer<typeof ZProgramSurvey>;

// ---------------------------------------------------------------------------------------------------------------
// Stored responses

export const ZCreateMeasureResponse = z.object({
  id: ZUuid.optional(),
  instrumentId: ZInstrumentId,
  /** Defaults to the latest version. */
  instrumentVersion: z.number().int().min(1).optional(),
  /** Who answered; defaults from the instrument (youth, parent → guardian, staff/teacher → staff). */
  respondent: ZResponseRespondent.optional(),
  /** Defaults to the organization's today; required for a licensed form's scores. */
  administeredOn: ZIsoDate.optional(),
  language: ZLanguage.default('en'),
  answers: ZAnswersInput,
  scheduleKey: z.string().regex(/^[a-z][a-z0-9_]*$/).max(40).optional(),
});
export type TCreateMeasureResponse = z.input<typeof ZCreateMeasureResponse>;

export const ZSubscaleResult = z.object({ score: z.number().nullable(), band: ZBandRef.nullable() });

export const ZMeasureResponse = z.object({
  id: ZUuid,
  youthId: ZUuid,
  instrumentId: z.string(),
  instrumentVersion: z.number().int(),
  instrumentKind: ZInstrumentKind,
  instrumentTitle: ZLocalizedText,
  respondent: ZResponseRespondent,
  mode: z.enum(['visit', 'link', 'kiosk', 'score_entry']),
  administrationId: ZUuid.nullable(),
  language: ZLanguage,
  administeredOn: ZIsoDate,
  scheduleKey: z.string().nullable(),
  /** null when hidden from the reader (a guardian reading the youth's confidential answers). */
  answers: z.record(z.string(), z.union([z.number(), z.string()]).nullable()).nullable(),
  total: z.number().nullable(),
  subscales: z.record(z.string(), ZSubscaleResult),
  band: ZBandRef.nullable(),
  valid: z.boolean(),
  flags: z.array(ZFlag),
  confidential: z.boolean(),
  enteredBy: z.string().nullable(),
  enteredByName: z.string().nullable(),
  createdAt: z.string(),
  /** The safety alert this response raised, if any. */
  alertId: ZUuid.nullable(),
});
export type TMeasureResponse = z.infer<typeof ZMeasureResponse>;

export const ZMeasureResponseQuery = z.object({ instrument: ZInstrumentId.optional() });

export const ZMeasureResponseList = z.object({
  items: z.array(ZMeasureResponse),
  /** The youth's privacy setting: guardians see the youth's own answers only when it is on. */
  shareAnswersWithGuardian: z.boolean(),
});
export type TMeasureResponseList = z.infer<typeof ZMeasureResponseList>;

export const ZMeasurePrivacy = z.object({ shareAnswersWithGuardian: z.boolean() });
export type TMeasurePrivacy = z.infer<typeof ZMeasurePrivacy>;

// ---------------------------------------------------------------------------------------------------------------
// Self-report invitations

export const ADMINISTRATION_VIEW_STATUSES = ['open', 'completed', 'cancelled', 'expired'] as const;
export const KIOSK_MAX_HOURS = 4;
export const LINK_MAX_HOURS = 14 * 24;

export const ZCreateAdministration = z
  .object({
    id: ZUuid.optional(),
    instrumentId: ZInstrumentId,
    respondent: z.enum(['youth', 'guardian']),
    mode: z.enum(['link', 'kiosk']),
    language: ZLanguage.default('en'),
    /** Links up to 14 days; kiosk codes expire fast (at most 4 hours). */
    expiresInHours: z.number().int().min(1).max(LINK_MAX_HOURS),
    scheduleKey: z.string().regex(/^[a-z][a-z0-9_]*$/).max(40).optional(),
  })
  .refine((v) => v.mode !== 'kiosk' || v.expiresInHours <= KIOSK_MAX_HOURS, {
    message: `A kiosk code lasts at most ${KIOSK_MAX_HOURS} hours`,
    path: ['expiresInHours'],
  });
export type TCreateAdministration = z.input<typeof ZCreateAdministration>;

export const ZAdministration = z.object({
  id: ZUuid,
  youthId: ZUuid,
  instrumentId: z.string(),
  instrumentVersion: z.number().int(),
  instrumentTitle: ZLocalizedText,
  respondent: ZResponseRespondent,
  mode: z.enum(['visit', 'link', 'kiosk', 'score_entry']),
  language: ZLanguage,
  status: z.enum(ADMINISTRATION_VIEW_STATUSES),
  expiresAt: z.string(),
  completedAt: z.string().nullable(),
  scheduleKey: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type TAdministration = z.infer<typeof ZAdministration>;

export const ZCreatedAdministration = ZAdministration.extend({
  /** Shown once: only a hash is stored. */
  token: z.string().nullable(),
  /** The page to open (link mode). */
  url: z.string().nullable(),
  /** Shown once: the short code to type on the kiosk page (kiosk mode). */
  kioskCode: z.string().nullable(),
});
export type TCreatedAdministration = z.infer<typeof ZCreatedAdministration>;

export const ZAdministrationParam = z.object({ administrationId: ZUuid });

// Public (no account)

export const ZSelfReportToken = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });
export const ZSelfReportForm = z.object({
  /** The youth's first name only: the page reveals nothing else about them. */
  firstName: z.string(),
  respondent: z.enum(['youth', 'guardian']),
  requestedLanguage: ZLanguage,
  /** The language the form is shown in. */
  language: ZLanguage,
  /** The instrument has no official text in the requested language, so it is shown in English. */
  languageFallback: z.boolean(),
  expiresAt: z.string(),
  form: ZMeasureForm,
});
export type TSelfReportForm = z.infer<typeof ZSelfReportForm>;
export const ZSelfReportSubmit = z.object({ answers: ZAnswersInput });
export const ZSelfReportDone = z.object({ completed: z.literal(true) });

/** Unambiguous characters only (no 0/O, 1/I/L). */
export const KIOSK_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const KIOSK_CODE_LENGTH = 6;
export const ZKioskRedeem = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(new RegExp(`^[${KIOSK_CODE_ALPHABET}]{${KIOSK_CODE_LENGTH}}$`), 'A 6-character code')),
});
export const ZKioskToken = z.object({ token: z.string() });

// ---------------------------------------------------------------------------------------------------------------
// Schedules

export const ZOverdueMeasure = z.object({
  youthId: ZUuid,
  youthName: z.string(),
  programId: ZUuid,
  episodeId: ZUuid,
  instrumentId: z.string(),
  instrumentTitle: ZLocalizedText,
  scheduleKey: z.string(),
  kind: z.enum(['baseline', 'interval', 'discharge']),
  dueOn: ZIsoDate,
  status: z.enum(['due', 'overdue']),
  daysOverdue: z.number().int(),
});
export type TOverdueMeasure = z.infer<typeof ZOverdueMeasure>;
export const ZOverdueQuery = z.object({ includeDue: z.stringbool().default(false) });
export const ZOverdueList = z.object({ asOf: ZIsoDate, items: z.array(ZOverdueMeasure) });
export type TOverdueList = z.infer<typeof ZOverdueList>;

// ---------------------------------------------------------------------------------------------------------------
// Change over time

export const ZTrajectoryQuery = z.object({
  instrument: ZInstrumentId,
  /** Which score: 'total' (default) or a subscale id. */
  score: z.string().regex(/^[a-z][a-z0-9_]*$/).max(40).default('total'),
  /** A program-supplied SD and reliability, for instruments without a published preset (they are shown with the result). */
  sd: z.coerce.number().positive().optional(),
  reliability: z.coerce.number().min(0).lt(1).optional(),
});

export const ZTrajectoryPoint = z.object({
  responseId: ZUuid,
  administeredOn: ZIsoDate,
  score: z.number(),
  band: ZBandRef.nullable(),
  respondent: ZResponseRespondent,
  mode: z.enum(['visit', 'link', 'kiosk', 'score_entry']),
});

export const ZChangeResult = z.object({
  pre: z.number(),
  post: z.number(),
  preOn: ZIsoDate,
  postOn: ZIsoDate,
  change: z.number(),
  rci: z.number(),
  sdiff: z.number(),
  reliableChangeThreshold: z.number(),
  reliable: z.boolean(),
  category: z.enum(['recovered', 'improved', 'unchanged', 'deteriorated']),
  sd: z.number(),
  reliability: z.number(),
  reliabilityKind: z.enum(['cronbach_alpha', 'test_retest']),
  parametersSource: z.string(),
  cutoff: z.object({ value: z.number(), kind: z.string(), source: z.string() }).nullable(),
  preDysfunctional: z.boolean().nullable(),
  postDysfunctional: z.boolean().nullable(),
  method: z.string(),
});
export type TChangeResult = z.infer<typeof ZChangeResult>;

export const ZTrajectory = z.object({
  instrumentId: z.string(),
  title: ZLocalizedText,
  score: z.string(),
  direction: z.enum(['lower_is_better', 'higher_is_better']),
  /** For shading the chart. */
  bands: z.array(ZBand),
  range: z.object({ min: z.number(), max: z.number() }).nullable(),
  points: z.array(ZTrajectoryPoint),
  change: ZChangeResult.nullable(),
  /** Why no change statistic is shown (fewer than two valid scores, or no SD/reliability to use). */
  changeUnavailable: z.enum(['too_few_points', 'no_parameters']).nullable(),
  publishedAlternatives: z.array(z.string()),
});
export type TTrajectory = z.infer<typeof ZTrajectory>;

export const ZGasSummary = z.object({
  tScore: z.number().nullable(),
  rho: z.number(),
  formula: z.string(),
  weightedSum: z.number().nullable(),
  denominator: z.number().nullable(),
  goals: z.array(
    z.object({
      goalId: ZUuid,
      title: z.string(),
      weight: z.number(),
      attainment: z.number().int().nullable(),
      ratedOn: ZIsoDate.nullable(),
    }),
  ),
});
export type TGasSummary = z.infer<typeof ZGasSummary>;
