import { z } from 'zod';
import { ZIsoDate, ZUuid } from '../common.ts';
import {
  bandFor,
  bandRef,
  type TBand,
  type TFlag,
  type TInvalidReason,
  type TScoreResult,
  ZBand,
  ZContentId,
  ZFlagSeverity,
  ZLanguage,
  ZLocalizedText,
  ZRespondent,
} from './definition.ts';

// Instruments whose licence forbids embedding their items (measures.md §0): the form is administered on the
// licensed paper or platform, and only its scores are recorded here — no item text, no item answers.

export const ZScoreEntryNumberField = z.object({
  kind: z.literal('number'),
  id: ZContentId,
  label: ZLocalizedText,
  min: z.number(),
  max: z.number(),
  /** Smallest difference the licensed scorer reports (1 for integers). */
  step: z.number().positive(),
  required: z.boolean(),
  bands: z.array(ZBand),
  note: z.string().optional(),
});

export const ZScoreEntryChoiceField = z.object({
  kind: z.literal('choice'),
  id: ZContentId,
  label: ZLocalizedText,
  required: z.boolean(),
  options: z
    .array(
      z.object({
        value: ZContentId,
        label: ZLocalizedText,
        /** A safety alert raised when this result is recorded (C-SSRS triage). */
        alert: z.object({ severity: ZFlagSeverity, message: z.string().min(1) }).optional(),
      }),
    )
    .min(2),
});

export const ZScoreEntryField = z.discriminatedUnion('kind', [ZScoreEntryNumberField, ZScoreEntryChoiceField]);
export type TScoreEntryField = z.infer<typeof ZScoreEntryField>;

export const ZScoreEntryDefinition = z.object({
  kind: z.literal('score_entry'),
  id: ZContentId,
  version: z.number().int().min(1),
  title: ZLocalizedText,
  shortTitle: ZLocalizedText,
  respondent: ZRespondent,
  languages: z.array(ZLanguage).min(1),
  attribution: z.string().min(1),
  citation: z.string().min(1),
  licence: z.object({ status: z.literal('score_entry_only'), note: z.string().min(1) }),
  ageNote: z.string().min(1),
  fields: z.array(ZScoreEntryField).min(1),
  /** The field reported as the total; null when the instrument has none (the C-SSRS screener). */
  totalFieldId: ZContentId.nullable(),
  /** The field whose band (or choice) is the result's band. */
  bandFieldId: ZContentId.nullable(),
  scoringNotes: z.array(z.string()),
});
export type TScoreEntryDefinition = z.infer<typeof ZScoreEntryDefinition>;

// ---------------------------------------------------------------------------------------------------------------
// Definitions

const num = (
  id: string,
  label: string,
  min: number,
  max: number,
  opts: { step?: number; required?: boolean; bands?: TBand[]; note?: string } = {},
): z.infer<typeof ZScoreEntryNumberField> => ({
  kind: 'number',
  id,
  label: { en: label },
  min,
  max,
  step: opts.step ?? 1,
  required: opts.required ?? false,
  bands: opts.bands ?? [],
  ...(opts.note ? { note: opts.note } : {}),
});

const SDQ_ATTRIBUTION = 'Strengths and Difficulties Questionnaire © Robert Goodman / youthinmind. Administered on the licensed form; items not reproduced.';
const SDQ_LICENCE =
  'measures.md §0, §10: copyright, not public domain; no electronic versions for any purpose without prior authorisation from youthinmind, and no modification or subsets. Only scores from the licensed form are recorded.';
const SDQ_TEACHER_BANDS_NOTE = 'sdqinfo four-band categorisation, teacher example (measures.md §10)';

const sdq = (id: string, who: 'youth' | 'parent' | 'teacher', title: string, ageNote: string, bands: TBand[]): TScoreEntryDefinition => ({
  kind: 'score_entry',
  id,
  version: 1,
  title: { en: `Strengths and Difficulties Questionnaire — ${title} (SDQ)` },
  shortTitle: { en: `SDQ (${title})` },
  respondent: who,
  languages: ['en'],
  attribution: SDQ_ATTRIBUTION,
  citation: 'Goodman R. The Strengths and Difficulties Questionnaire: a research note. J Child Psychol Psychiatry 1997;38:581-586.',
  licence: { status: 'score_entry_only', note: SDQ_LICENCE },
  ageNote,
  fields: [
    num('total_difficulties', 'Total difficulties (emotional + conduct + hyperactivity + peer)', 0, 40, { required: true, bands }),
    num('emotional', 'Emotional symptoms', 0, 10),
    num('conduct', 'Conduct problems', 0, 10),
    num('hyperactivity', 'Hyperactivity/inattention', 0, 10),
    num('peer', 'Peer relationship problems', 0, 10),
    num('prosocial', 'Prosocial behaviour (strength; not in the total)', 0, 10),
  ],
  totalFieldId: 'total_difficulties',
  bandFieldId: 'total_difficulties',
  scoringNotes: [
    'Enter the scores from the licensed scoring (youthinmind prorates a subscale when 3 of its 5 items are answered).',
    bands.length > 0 ? 'Bands: sdqinfo four-band teacher categorisation.' : 'No band: measures.md gives no verified bands for this informant (the self-report 3-band table is sample-specific ⚠).',
  ],
});

const SDQ_TEACHER_BANDS: TBand[] = [
  { id: 'close_to_average', min: 0, max: 11, label: { en: 'Close to average' }, note: SDQ_TEACHER_BANDS_NOTE },
  { id: 'slightly_raised', min: 12, max: 15, label: { en: 'Slightly raised' }, note: SDQ_TEACHER_BANDS_NOTE },
  { id: 'high', min: 16, max: 18, label: { en: 'High' }, note: SDQ_TEACHER_BANDS_NOTE },
  { id: 'very_high', min: 19, max: 40, label: { en: 'Very high' }, note: SDQ_TEACHER_BANDS_NOTE },
];

const RCADS_T_NOTE = 'Official RCADS scorer: T ≥65 borderline clinical, T ≥70 clinical; it shows T above 80 as ">80" — enter 80 (measures.md §9).';
const RCADS_T_BANDS: TBand[] = [
  { id: 'normal_range', min: 0, max: 64, label: { en: 'Below borderline (T < 65)' }, note: RCADS_T_NOTE },
  { id: 'borderline_clinical', min: 65, max: 69, label: { en: 'Borderline clinical (T 65–69)' }, note: RCADS_T_NOTE },
  { id: 'clinical', min: 70, max: 80, label: { en: 'Clinical (T 70 or more)' }, note: RCADS_T_NOTE },
];

const rcads = (id: string, who: 'youth' | 'parent', title: string): TScoreEntryDefinition => ({
  kind: 'score_entry',
  id,
  version: 1,
  title: { en: `Revised Child Anxiety and Depression Scale, 25-item — ${title} (RCADS-25)` },
  shortTitle: { en: `RCADS-25 (${title})` },
  respondent: who,
  languages: ['en'],
  attribution: 'RCADS © Bruce F. Chorpita & Susan H. Spence; distributed by UCLA Child FIRST. Administered on the licensed form; items not reproduced.',
  citation: 'Ebesutani C, Reise SP, Chorpita BF, et al. The Revised Child Anxiety and Depression Scale-Short Version. Psychol Assess 2012;24:833-845.',
  licence: {
    status: 'score_entry_only',
    note: 'measures.md §0, §9: only with written permission from the authors (DocuSign via rcads.ucla.edu); any change of wording, order or subset is a derivative needing permission; third-party commercial distribution prohibited.',
  },
  ageNote: 'Grades 3–12 (ages 8–18); T-scores normed by grade and gender.',
  fields: [
    num('total_raw', 'Total anxiety and depression, raw', 0, 75, { required: true }),
    num('anxiety_raw', 'Total anxiety, raw', 0, 45),
    num('depression_raw', 'Depression, raw', 0, 30),
    num('total_t', 'Total anxiety and depression, T-score', 0, 80, { bands: RCADS_T_BANDS, note: RCADS_T_NOTE }),
    num('anxiety_t', 'Total anxiety, T-score', 0, 80, { bands: RCADS_T_BANDS, note: RCADS_T_NOTE }),
    num('depression_t', 'Depression, T-score', 0, 80, { bands: RCADS_T_BANDS, note: RCADS_T_NOTE }),
  ],
  totalFieldId: 'total_raw',
  bandFieldId: 'total_t',
  scoringNotes: ['The band comes from the total T-score when it is entered; raw scores have no published bands.'],
});

const CSSRS: TScoreEntryDefinition = {
  kind: 'score_entry',
  id: 'cssrs_screener',
  version: 1,
  title: { en: 'Columbia-Suicide Severity Rating Scale — Screen Version (C-SSRS Screener)' },
  shortTitle: { en: 'C-SSRS Screener' },
  respondent: 'youth',
  languages: ['en'],
  attribution: 'Columbia-Suicide Severity Rating Scale © The Research Foundation for Mental Hygiene, Inc. Administered on the licensed form; items not reproduced.',
  citation: 'Posner K, Brown GK, Stanley B, et al. The Columbia-Suicide Severity Rating Scale. Am J Psychiatry 2011;168:1266-1277.',
  licence: {
    status: 'score_entry_only',
    note: 'measures.md §0, §8: free to use on paper, but electronic implementations are exclusively licensed through Clario (sublicence, certification of each version/language/platform, per-administration fees). Only the triage result of a paper administration is recorded.',
  },
  ageNote: 'Suitable for most children and adults; a separate very-young (4–5) version exists.',
  fields: [
    {
      kind: 'choice',
      id: 'form_version',
      label: { en: 'Form used' },
      required: true,
      options: [
        { value: 'recent', label: { en: 'Screen Version — Recent' } },
        { value: 'since_last_contact', label: { en: 'Screen Version — Since Last Contact' } },
      ],
    },
    {
      kind: 'choice',
      id: 'risk_level',
      label: { en: 'Triage result' },
      required: true,
      options: [
        { value: 'negative', label: { en: 'Negative — "No" to every screen question' } },
        {
          value: 'low',
          label: { en: 'Low — wish to be dead or non-specific suicidal thoughts only (items 1–2)' },
          alert: { severity: 'non_acute', message: 'C-SSRS screener positive (items 1–2): referral and clinician judgement (C-SSRS triage guidelines).' },
        },
        {
          value: 'moderate',
          label: { en: 'Moderate — suicidal thoughts with a method (item 3), or suicidal behaviour more than 3 months ago' },
          alert: { severity: 'non_acute', message: 'C-SSRS screener positive (item 3, or past behaviour more than 3 months ago): referral and clinician judgement.' },
        },
        {
          value: 'high',
          label: { en: 'High — intent (item 4) or intent with a plan (item 5) in the past month, or suicidal behaviour in the past 3 months' },
          alert: {
            severity: 'acute',
            message: 'C-SSRS screener high risk (item 4 or 5 in the past month, or behaviour in the past 3 months): safety precautions and immediate mental-health evaluation.',
          },
        },
      ],
    },
  ],
  totalFieldId: null,
  bandFieldId: 'risk_level',
  scoringNotes: [
    'The C-SSRS has no total score (measures.md §8): the triage result is recorded instead, per the Columbia triage guidance and its common low / moderate / high implementation.',
  ],
};

const SWEMWBS: TScoreEntryDefinition = {
  kind: 'score_entry',
  id: 'swemwbs',
  version: 1,
  title: { en: 'Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS)' },
  shortTitle: { en: 'SWEMWBS' },
  respondent: 'youth',
  languages: ['en'],
  attribution: '© NHS Health Scotland, University of Warwick and University of Edinburgh, 2008, all rights reserved.',
  citation: 'Stewart-Brown S, Tennant A, Tennant R, et al. Internal construct validity of the Warwick-Edinburgh Mental Well-being Scale (WEMWBS). Health Qual Life Outcomes 2009;7:15.',
  licence: {
    status: 'score_entry_only',
    note: 'measures.md §0, §11: free after registration for not-for-profit organisations; commercial use needs a Warwick Ventures licence; must not be altered; the © line must appear on every copy. Not embedded until the organisation has registered.',
  },
  ageNote: 'CORC: 13+; validated 15–21.',
  fields: [
    num('metric_score', 'Metric score (after the official Rasch conversion)', 7, 35, {
      step: 0.01,
      required: true,
      note: 'Warwick: the raw sum must be converted with the official table; the table in measures.md is from third-party code ⚠.',
    }),
    num('raw_score', 'Raw sum of the 7 items', 7, 35),
  ],
  totalFieldId: 'metric_score',
  bandFieldId: null,
  scoringNotes: ['No band: measures.md gives no cut-offs for the SWEMWBS.'],
};

const ORS_NOTE = 'Commonly 4 lines of 0–10 cm, total 0–40; unconfirmed in measures.md §13 ⚠ — no cut-off is applied.';
const ORS_LICENCE =
  'measures.md §0, §13: © 2000 Scott D. Miller & Barry L. Duncan; the free licence covers individual practitioners on paper only — agencies and organisations need a paid licence.';

const ors = (id: string, short: string, title: string, ageNote: string): TScoreEntryDefinition => ({
  kind: 'score_entry',
  id,
  version: 1,
  title: { en: title },
  shortTitle: { en: short },
  respondent: 'youth',
  languages: ['en'],
  attribution: `${short} © 2000 Scott D. Miller & Barry L. Duncan. Administered on the licensed form; not reproduced.`,
  citation: 'Duncan BL, Sparks JA, Miller SD, et al. Giving youth a voice: a preliminary study of the reliability and validity of a brief outcome measure for children, adolescents, and caretakers. J Brief Therapy 2006;5(2).',
  licence: { status: 'score_entry_only', note: ORS_LICENCE },
  ageNote,
  fields: [num('total', 'Total (sum of the four lines)', 0, 40, { step: 0.1, required: true, note: ORS_NOTE })],
  totalFieldId: 'total',
  bandFieldId: null,
  scoringNotes: [ORS_NOTE],
});

const BPM_T_NOTE = 'ASEBA-normed T-score (mean 50, SD 10) from the licensed scoring; measures.md gives no cut-offs, so no band.';

const bpm = (id: string, who: 'youth' | 'parent' | 'teacher', form: string): TScoreEntryDefinition => ({
  kind: 'score_entry',
  id,
  version: 1,
  title: { en: `ASEBA Brief Problem Monitor — ${form}` },
  shortTitle: { en: form },
  respondent: who,
  languages: ['en'],
  attribution: 'Brief Problem Monitor © 2011 & 2017 University of Vermont / ASEBA (Achenbach, McConaughy, Ivanova & Rescorla). Administered on the licensed form; items not reproduced.',
  citation: 'Achenbach TM, McConaughy SH, Ivanova MY, Rescorla LA. Manual for the ASEBA Brief Problem Monitor (BPM). Burlington, VT: University of Vermont; 2011.',
  licence: {
    status: 'score_entry_only',
    note: 'measures.md §0, §14: all ASEBA forms are copyrighted and must not be reproduced or altered without written permission; site and scoring licences are sold by ASEBA.',
  },
  ageNote: who === 'youth' ? 'Youth self-report 11–18.' : 'Ages 6–18.',
  fields: [
    num('total_problems_t', 'Total Problems, T-score', 0, 100, { required: true, note: BPM_T_NOTE }),
    num('internalizing_t', 'Internalizing, T-score', 0, 100, { note: BPM_T_NOTE }),
    num('attention_t', 'Attention Problems, T-score', 0, 100, { note: BPM_T_NOTE }),
    num('externalizing_t', 'Externalizing, T-score', 0, 100, { note: BPM_T_NOTE }),
  ],
  totalFieldId: 'total_problems_t',
  bandFieldId: null,
  scoringNotes: [BPM_T_NOTE],
});

export const LICENSED_SCORE_ENTRY_INSTRUMENTS: readonly TScoreEntryDefinition[] = [
  sdq('sdq_self', 'youth', 'self-report', 'Self-report 11–17 (CEBC) or 11–16 (other sources).', []),
  sdq('sdq_parent', 'parent', 'parent report', 'Parent report 2–17 (CEBC) or 3–16 (other sources).', []),
  sdq('sdq_teacher', 'teacher', 'teacher report', 'Teacher report 2–17 (CEBC) or 3–16 (other sources).', SDQ_TEACHER_BANDS),
  rcads('rcads25_youth', 'youth', 'youth report'),
  rcads('rcads25_parent', 'parent', 'parent report'),
  CSSRS,
  SWEMWBS,
  ors('ors', 'ORS', 'Outcome Rating Scale (ORS)', 'Ages 13+ (13-year reading level).'),
  ors('cors', 'CORS', 'Child Outcome Rating Scale (CORS)', 'Ages 6–12.'),
  bpm('bpm_parent', 'parent', 'BPM-P (parent)'),
  bpm('bpm_teacher', 'teacher', 'BPM-T (teacher)'),
  bpm('bpm_youth', 'youth', 'BPM-Y (youth)'),
];

// ---------------------------------------------------------------------------------------------------------------
// Recording and evaluating an entry

const isMultipleOf = (value: number, step: number) => Math.abs(value / step - Math.round(value / step)) < 1e-9;

const fieldSchema = (field: TScoreEntryField) => {
  if (field.kind === 'choice') {
    const values = field.options.map((o) => o.value) as [string, ...string[]];
    return z.enum(values);
  }
  return z
    .number()
    .min(field.min)
    .max(field.max)
    .refine((v) => isMultipleOf(v, field.step), `Must be a multiple of ${field.step}`);
};

/** The scores of one entry: only this instrument's fields, each within its range; required fields present. */
export const scoreEntryScoresSchemaFor = (def: TScoreEntryDefinition) => {
  const shape: Record<string, z.ZodType> = {};
  for (const field of def.fields) shape[field.id] = field.required ? fieldSchema(field) : fieldSchema(field).nullable().optional();
  return z.object(shape).strict();
};

/** What staff enter from a licensed form; who entered it and when are taken from the session by the server. */
export const scoreEntryInputSchemaFor = (def: TScoreEntryDefinition) =>
  z.object({ administeredOn: ZIsoDate, scores: scoreEntryScoresSchemaFor(def) });

export const ZScoreEntryRecord = z.object({
  instrumentId: ZContentId,
  instrumentVersion: z.number().int().min(1),
  administeredOn: ZIsoDate,
  enteredByUserId: ZUuid,
  enteredAt: z.iso.datetime({ offset: true }),
  scores: z.record(ZContentId, z.union([z.number(), z.string()]).nullable()),
});
export type TScoreEntryRecord = z.infer<typeof ZScoreEntryRecord>;

/** Same result shape as scoreInstrument, so stored responses and entered scores trend and alert alike. */
export const evaluateScoreEntry = (
  def: TScoreEntryDefinition,
  scores: Record<string, number | string | null | undefined>,
): TScoreResult => {
  const parsed = scoreEntryScoresSchemaFor(def).safeParse(scores);
  const reasons: TInvalidReason[] = [];
  if (!parsed.success) {
    const byCode = new Map<'unknown_item' | 'value_not_allowed' | 'missing_items', Set<string>>();
    for (const issue of parsed.error.issues) {
      const code = issue.code === 'unrecognized_keys' ? 'unknown_item' : scores[String(issue.path[0])] == null ? 'missing_items' : 'value_not_allowed';
      const ids = issue.code === 'unrecognized_keys' ? issue.keys : [String(issue.path[0])];
      const set = byCode.get(code) ?? new Set<string>();
      ids.forEach((id) => set.add(id));
      byCode.set(code, set);
    }
    for (const [code, ids] of byCode) reasons.push({ code, itemIds: [...ids], message: `${code.replaceAll('_', ' ')}: ${[...ids].join(', ')}` });
  }
  const valid = reasons.length === 0;
  const value = (id: string) => (valid ? scores[id] ?? null : null);

  const subscales: TScoreResult['subscales'] = {};
  for (const field of def.fields) {
    if (field.kind !== 'number' || field.id === def.totalFieldId) continue;
    const v = value(field.id);
    const b = typeof v === 'number' ? bandFor(field.bands, v) : null;
    subscales[field.id] = { score: typeof v === 'number' ? v : null, band: b ? bandRef(b) : null };
  }

  let band: TScoreResult['band'] = null;
  const flags: TFlag[] = [];
  const bandField = def.fields.find((f) => f.id === def.bandFieldId);
  for (const field of def.fields) {
    if (field.kind !== 'choice') continue;
    // A recorded high-risk result alerts even if another field is wrong: the safety signal never waits on a typo.
    const option = field.options.find((o) => o.value === scores[field.id]);
    if (option?.alert) {
      flags.push({ ruleId: `${field.id}_${option.value}`, type: 'safety', severity: option.alert.severity, itemIds: [field.id], message: option.alert.message });
    }
    if (field === bandField && valid && option) band = { id: option.value, label: option.label };
  }
  if (bandField?.kind === 'number') {
    const v = value(bandField.id);
    const b = typeof v === 'number' ? bandFor(bandField.bands, v) : null;
    band = b ? bandRef(b) : null;
  }
  const total = def.totalFieldId ? value(def.totalFieldId) : null;

  return {
    instrumentId: def.id,
    instrumentVersion: def.version,
    total: typeof total === 'number' ? total : null,
    subscales,
    derived: {},
    band,
    valid,
    invalidReasons: reasons,
    flags,
  };
};
