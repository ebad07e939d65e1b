import { z } from 'zod';

// The shape of an instrument: data, so the server can list it, the web can render it and the scorer can read it
// without knowing which instrument it is. Facts come from shared/reference/measures.md (section numbers in comments).

export const LANGUAGES = ['en', 'es'] as const;
export const ZLanguage = z.enum(LANGUAGES);
export type TLanguage = z.infer<typeof ZLanguage>;

/** Text in English, and in Spanish only where an official translation was available to us (never our own clinical translation). */
export const ZLocalizedText = z.object({ en: z.string().min(1), es: z.string().min(1).optional() });
export type TLocalizedText = z.infer<typeof ZLocalizedText>;

export const RESPONDENTS = ['youth', 'parent', 'staff', 'teacher'] as const;
export const ZRespondent = z.enum(RESPONDENTS);
export type TRespondent = z.infer<typeof ZRespondent>;

/** Content ids are stable across forms (the teen and adult PHQ-9 print the same content in a different order). */
export const ZContentId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower_snake_case content id');

/** Numeric values are summed; string values (yes / no / refused) are categorical and never summed. */
export const ZAnswerValue = z.union([z.number().int(), z.string().min(1)]);
export type TAnswerValue = z.infer<typeof ZAnswerValue>;

/** Answers as they arrive, keyed by content id; null or a missing key is a blank. */
export const ZAnswers = z.record(ZContentId, ZAnswerValue.nullable());
export type TAnswers = z.infer<typeof ZAnswers>;

export const ZResponseOption = z.object({ value: ZAnswerValue, label: ZLocalizedText });
export type TResponseOption = z.infer<typeof ZResponseOption>;

/** Show an item only when one of the listed items has one of the listed values (ASQ question 5). */
export const ZShowWhen = z.object({ anyOfItems: z.array(ZContentId).min(1), hasValueIn: z.array(ZAnswerValue).min(1) });

export const ZInstrumentItem = z.object({
  id: ZContentId,
  /** 1-based position on this form. */
  order: z.number().int().min(1),
  /** Item number printed on the official form, where it differs from the content id (for staff cross-reference). */
  formNumber: z.string().min(1),
  text: ZLocalizedText,
  options: z.array(ZResponseOption).min(2),
  /** Counted in the total (the PHQ difficulty item and the teen yes/no items are not). */
  scored: z.boolean(),
  reverseScored: z.boolean(),
  showWhen: ZShowWhen.optional(),
});
export type TInstrumentItem = z.infer<typeof ZInstrumentItem>;

/** Inclusive score range with its label; an instrument's bands tile its whole range. */
export const ZBand = z.object({
  id: ZContentId,
  min: z.number(),
  max: z.number(),
  label: ZLocalizedText,
  /** Where the cut-off comes from, when the source needs saying (SMFQ has no prescribed cut point). */
  note: z.string().optional(),
});
export type TBand = z.infer<typeof ZBand>;

export const ZSubscale = z.object({
  id: ZContentId,
  label: ZLocalizedText,
  itemIds: z.array(ZContentId).min(1),
  bands: z.array(ZBand),
});
export type TSubscale = z.infer<typeof ZSubscale>;

export const FLAG_TYPES = ['safety', 'follow_up'] as const;
/** acute: imminent risk, escalates; non_acute: same-day clinician follow-up; routine: a clinical prompt, not an alert. */
export const FLAG_SEVERITIES = ['acute', 'non_acute', 'routine'] as const;
export const ZFlagType = z.enum(FLAG_TYPES);
export const ZFlagSeverity = z.enum(FLAG_SEVERITIES);
export type TFlagSeverity = z.infer<typeof ZFlagSeverity>;

const flagRuleBase = {
  id: ZContentId,
  type: ZFlagType,
  message: z.string().min(1),
  source: z.string().min(1),
};

export const ZFlagRule = z.discriminatedUnion('kind', [
  /** The highest level reached by one item's value sets the severity (PHQ-9 item 9). */
  z.object({
    ...flagRuleBase,
    kind: z.literal('item_levels'),
    itemId: ZContentId,
    levels: z.array(z.object({ atLeast: z.number().int(), severity: ZFlagSeverity })).min(1),
  }),
  z.object({ ...flagRuleBase, kind: z.literal('item_equals'), itemId: ZContentId, value: ZAnswerValue, severity: ZFlagSeverity }),
  z.object({
    ...flagRuleBase,
    kind: z.literal('any_item_at_least'),
    itemIds: z.array(ZContentId).min(1),
    atLeast: z.number().int(),
    severity: ZFlagSeverity,
  }),
  z.object({
    ...flagRuleBase,
    kind: z.literal('any_item_at_most'),
    itemIds: z.array(ZContentId).min(1),
    atMost: z.number().int(),
    severity: ZFlagSeverity,
  }),
  z.object({ ...flagRuleBase, kind: z.literal('total_at_least'), atLeast: z.number().int(), severity: ZFlagSeverity }),
  z.object({ ...flagRuleBase, kind: z.literal('total_at_most'), atMost: z.number().int(), severity: ZFlagSeverity }),
]);
export type TFlagRule = z.infer<typeof ZFlagRule>;

export const ZMissingRule = z.discriminatedUnion('kind', [
  /** No rule for missing data in the source: every scored item must be answered and nothing is prorated. */
  z.object({ kind: z.literal('all_required') }),
  /** PSC: blanks count 0 and the form is invalid from maxBlank + 1 blanks. */
  z.object({ kind: z.literal('blank_as_zero'), maxBlank: z.number().int().min(0) }),
]);

export const ZDerivedScore = z.object({ id: ZContentId, label: ZLocalizedText, multiplier: z.number().positive() });

export const ZSumScoring = z.object({
  kind: z.literal('sum'),
  missing: ZMissingRule,
  /** Empty when the source gives no cut-off (SMFQ parent). */
  bands: z.array(ZBand),
  subscales: z.array(ZSubscale),
  derived: z.array(ZDerivedScore),
});

export const ZScreenOutcome = z.object({ id: ZContentId, label: ZLocalizedText });

/** ASQ (measures.md §7, §15): no total; a screen outcome from the four screening questions and the acuity question. */
export const ZAsqScoring = z.object({
  kind: z.literal('asq'),
  screenItemIds: z.array(ZContentId).min(1),
  acuityItemId: ZContentId,
  positiveValues: z.array(ZAnswerValue).min(1),
  outcomes: z.array(ZScreenOutcome).min(1),
});

export const ZLicence = z.object({
  /** embed: §0 says yes; confirm: §0 says "probably / likely yes" — embedded, but the terms must be re-checked before release. */
  status: z.enum(['embed', 'confirm']),
  note: z.string().min(1),
});

export const ZInstrumentDefinition = z.object({
  kind: z.literal('embedded'),
  id: ZContentId,
  version: z.number().int().min(1),
  title: ZLocalizedText,
  shortTitle: ZLocalizedText,
  respondent: ZRespondent,
  /** Languages every text of this definition is available in. */
  languages: z.array(ZLanguage).min(1),
  /** Must be shown with the form and its results. */
  attribution: z.string().min(1),
  citation: z.string().min(1),
  licence: ZLicence,
  ageNote: z.string().min(1),
  instructions: ZLocalizedText,
  /** Printed after the items on the official form (e.g. the teen PHQ's crisis line). */
  footer: ZLocalizedText.optional(),
  /** In display order. */
  items: z.array(ZInstrumentItem).min(1),
  scoring: z.discriminatedUnion('kind', [ZSumScoring, ZAsqScoring]),
  flagRules: z.array(ZFlagRule),
  /** What the scorer does that the data above cannot say on its own. */
  scoringNotes: z.array(z.string()),
});
export type TInstrumentDefinition = z.infer<typeof ZInstrumentDefinition>;

// ---------------------------------------------------------------------------------------------------------------
// Results

export const ZBandRef = z.object({ id: z.string(), label: ZLocalizedText, min: z.number().optional(), max: z.number().optional() });
export type TBandRef = z.infer<typeof ZBandRef>;

export const ZFlag = z.object({
  ruleId: z.string(),
  type: ZFlagType,
  severity: ZFlagSeverity,
  itemIds: z.array(z.string()),
  message: z.string(),
});
export type TFlag = z.infer<typeof ZFlag>;

export const INVALID_REASON_CODES = [
  'unknown_item',
  'value_not_allowed',
  'missing_items',
  'too_many_blanks',
  'screen_incomplete',
  'acuity_not_answered',
  'acuity_not_applicable',
] as const;
export const ZInvalidReason = z.object({ code: z.enum(INVALID_REASON_CODES), itemIds: z.array(z.string()), message: z.string() });
export type TInvalidReason = z.infer<typeof ZInvalidReason>;

export const ZSubscaleScore = z.object({ score: z.number().nullable(), band: ZBandRef.nullable() });

export const ZScoreResult = z.object({
  instrumentId: z.string(),
  instrumentVersion: z.number().int(),
  /** null when the form is invalid, or when the instrument has no total (ASQ). */
  total: z.number().nullable(),
  subscales: z.record(z.string(), ZSubscaleScore),
  derived: z.record(z.string(), z.number()),
  band: ZBandRef.nullable(),
  valid: z.boolean(),
  invalidReasons: z.array(ZInvalidReason),
  /** Raised from the answers given even when the form is invalid: a blank elsewhere never hides a critical answer. */
  flags: z.array(ZFlag),
});
export type TScoreResult = z.infer<typeof ZScoreResult>;

// ---------------------------------------------------------------------------------------------------------------
// Helpers over a definition

export const bandRef = (band: TBand): TBandRef => ({ id: band.id, label: band.label, min: band.min, max: band.max });

export const bandFor = (bands: readonly TBand[], score: number): TBand | null =>
  bands.find((b) => score >= b.min && score <= b.max) ?? null;

const numericValues = (item: TInstrumentItem): number[] =>
  item.options.map((o) => o.value).filter((v): v is number => typeof v === 'number');

/** Lowest and highest value an item can score (before reversing). */
export const itemRange = (item: TInstrumentItem): { min: number; max: number } => {
  const values = numericValues(item);
  return { min: Math.min(...values), max: Math.max(...values) };
};

/** Range of a sum over the given items. */
export const sumRange = (items: readonly TInstrumentItem[]): { min: number; max: number } =>
  items.reduce((acc, item) => {
    const r = itemRange(item);
    return { min: acc.min + r.min, max: acc.max + r.max };
  }, { min: 0, max: 0 });

export const scoredItems = (def: TInstrumentDefinition): TInstrumentItem[] => def.items.filter((i) => i.scored);

/** Range of the total of a summed instrument; null for instruments without a total (ASQ). */
export const totalRange = (def: TInstrumentDefinition): { min: number; max: number } | null =>
  def.scoring.kind === 'sum' ? sumRange(scoredItems(def)) : null;

/** Items any safety rule reads — the ones a form must highlight for staff. */
export const criticalItemIds = (def: TInstrumentDefinition): string[] => {
  const ids = new Set<string>();
  for (const rule of def.flagRules) {
    if (rule.type !== 'safety') continue;
    if (rule.kind === 'item_levels' || rule.kind === 'item_equals') ids.add(rule.itemId);
    if (rule.kind === 'any_item_at_least' || rule.kind === 'any_item_at_most') rule.itemIds.forEach((id) => ids.add(id));
  }
  if (def.scoring.kind === 'asq') [...def.scoring.screenItemIds, def.scoring.acuityItemId].forEach((id) => ids.add(id));
  return [...ids];
};

export const instrumentKey = (def: { id: string; version: number }): string => `${def.id}@${def.version}`;
