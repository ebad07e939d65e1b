import { z } from 'zod';
import { criticalItemIds, type TInstrumentDefinition, ZAnswerValue, ZContentId, ZLanguage, ZLocalizedText, ZRespondent, ZShowWhen } from './definition.ts';
import type { TProgramSurveyDefinition } from './program-survey.ts';

// One renderable shape for every answerable form — embedded instruments and program surveys alike — so the visit
// form, the self-report page and the kiosk draw radio groups from the same data.

export const ZMeasureFormItem = z.object({
  id: ZContentId,
  text: ZLocalizedText,
  options: z.array(z.object({ value: ZAnswerValue, label: ZLocalizedText })).min(2),
  showWhen: ZShowWhen.optional(),
  /** Read by a safety rule: staff forms highlight it. */
  critical: z.boolean(),
});
export type TMeasureFormItem = z.infer<typeof ZMeasureFormItem>;

export const ZMeasureForm = z.object({
  source: z.enum(['embedded', 'program_survey']),
  id: ZContentId,
  version: z.number().int().min(1),
  title: ZLocalizedText,
  respondent: ZRespondent,
  languages: z.array(ZLanguage).min(1),
  instructions: ZLocalizedText.nullable(),
  footer: ZLocalizedText.nullable(),
  /** Required credit line, shown with the form (null for a program's own survey). */
  attribution: z.string().nullable(),
  items: z.array(ZMeasureFormItem).min(1),
});
export type TMeasureForm = z.infer<typeof ZMeasureForm>;

export const formOfInstrument = (def: TInstrumentDefinition): TMeasureForm => {
  const critical = new Set(criticalItemIds(def));
  return {
    source: 'embedded',
    id: def.id,
    version: def.version,
    title: def.title,
    respondent: def.respondent,
    languages: def.languages,
    instructions: def.instructions,
    footer: def.footer ?? null,
    attribution: def.attribution,
    items: [...def.items]
      .sort((a, b) => a.order - b.order)
      .map((i) => ({
        id: i.id,
        text: i.text,
        options: i.options,
        ...(i.showWhen ? { showWhen: i.showWhen } : {}),
        critical: critical.has(i.id),
      })),
  };
};

/** A survey item's whole-number range becomes one option per value, labelled where the program gave labels. */
export const formOfSurvey = (def: TProgramSurveyDefinition): TMeasureForm => ({
  source: 'program_survey',
  id: def.id,
  version: def.version,
  title: def.title,
  respondent: def.respondent,
  languages: def.items.every((i) => i.text.es) && (!def.instructions || def.instructions.es) ? ['en', 'es'] : ['en'],
  instructions: def.instructions ?? null,
  footer: null,
  attribution: null,
  items: def.items.map((item) => {
    const options = [];
    for (let v = item.min; v <= item.max; v++) {
      const named = item.valueLabels?.find((l) => l.value === v)?.label;
      const end = v === item.min ? item.minLabel : v === item.max ? item.maxLabel : undefined;
      const label = named ?? (end ? { en: `${v} — ${end.en}`, ...(end.es ? { es: `${v} — ${end.es}` } : {}) } : { en: String(v) });
      options.push({ value: v, label });
    }
    return { id: item.id, text: item.text, options, critical: false };
  }),
});
