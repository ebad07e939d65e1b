import { z } from 'zod';
import { type TInvalidReason, type TScoreResult, ZContentId, ZLocalizedText, ZRespondent } from './definition.ts';

// A program's own short survey (e.g. a relationship-quality check): numeric items only, scored as a sum or a mean.
// These are the program's words, so Spanish may be given by the program itself.

export const ZProgramSurveyItem = z
  .object({
    id: ZContentId,
    text: ZLocalizedText,
    min: z.number().int().min(-10).max(100),
    max: z.number().int().min(-10).max(100),
    minLabel: ZLocalizedText.optional(),
    maxLabel: ZLocalizedText.optional(),
    /** Labels for individual values (e.g. every point of a 1–5 scale). */
    valueLabels: z.array(z.object({ value: z.number().int(), label: ZLocalizedText })).optional(),
    /** Negatively worded item: counted as min + max − value. */
    reverseScored: z.boolean().default(false),
  })
  .refine((i) => i.max > i.min, { message: 'max must be greater than min', path: ['max'] })
  .refine((i) => (i.valueLabels ?? []).every((l) => l.value >= i.min && l.value <= i.max), {
    message: 'value labels must be within min..max',
    path: ['valueLabels'],
  });

export const ZProgramSurveyDefinition = z
  .object({
    id: ZContentId,
    version: z.number().int().min(1),
    title: ZLocalizedText,
    respondent: ZRespondent,
    instructions: ZLocalizedText.optional(),
    /** In display order. */
    items: z.array(ZProgramSurveyItem).min(1).max(30),
    total: z.enum(['sum', 'mean']),
    /** Blanks a form may have and still be scored; a mean is taken over the answered items. Sums allow none. */
    maxBlank: z.number().int().min(0).default(0),
    /** Which way is better, for trends and change statistics. */
    direction: z.enum(['higher_is_better', 'lower_is_better']),
  })
  .refine((d) => new Set(d.items.map((i) => i.id)).size === d.items.length, { message: 'item ids must be unique', path: ['items'] })
  .refine((d) => d.total === 'mean' || d.maxBlank === 0, {
    message: 'a summed survey cannot allow blanks: a partial sum is not comparable with a full one',
    path: ['maxBlank'],
  })
  .refine((d) => d.maxBlank < d.items.length, { message: 'maxBlank must leave at least one answered item', path: ['maxBlank'] });
export type TProgramSurveyDefinition = z.infer<typeof ZProgramSurveyDefinition>;
export type TProgramSurveyDefinitionInput = z.input<typeof ZProgramSurveyDefinition>;

/** Answers for one program survey: its item ids only, whole numbers within each item's range, or null. */
export const programSurveyAnswersSchemaFor = (def: TProgramSurveyDefinition) => {
  const shape: Record<string, z.ZodType> = {};
  for (const item of def.items) shape[item.id] = z.number().int().min(item.min).max(item.max).nullable().optional();
  return z.object(shape).strict();
};

export const scoreProgramSurvey = (def: TProgramSurveyDefinition, answers: Record<string, number | null | undefined>): TScoreResult => {
  const reasons: TInvalidReason[] = [];
  const known = new Set(def.items.map((i) => i.id));
  const unknown = Object.keys(answers).filter((id) => !known.has(id));
  if (unknown.length > 0) reasons.push({ code: 'unknown_item', itemIds: unknown, message: `Not items of ${def.id}: ${unknown.join(', ')}.` });

  const scores: number[] = [];
  const blanks: string[] = [];
  const bad: string[] = [];
  for (const item of def.items) {
    const v = answers[item.id];
    if (v == null) blanks.push(item.id);
    else if (!Number.isInteger(v) || v < item.min || v > item.max) bad.push(item.id);
    else scores.push(item.reverseScored ? item.min + item.max - v : v);
  }
  if (bad.length > 0) reasons.push({ code: 'value_not_allowed', itemIds: bad, message: `Out of range: ${bad.join(', ')}.` });
  if (blanks.length > def.maxBlank) {
    reasons.push(
      def.maxBlank === 0
        ? { code: 'missing_items', itemIds: blanks, message: `Every item must be answered; blank: ${blanks.join(', ')}.` }
        : { code: 'too_many_blanks', itemIds: blanks, message: `${blanks.length} items are blank; at most ${def.maxBlank} may be.` },
    );
  }

  const valid = reasons.length === 0;
  const sum = scores.reduce((a, b) => a + b, 0);
  const total = !valid ? null : def.total === 'sum' ? sum : sum / scores.length;
  return {
    instrumentId: def.id,
    instrumentVersion: def.version,
    total,
    subscales: {},
    derived: {},
    band: null,
    valid,
    invalidReasons: reasons,
    flags: [],
  };
};
