import type { TInstrumentDefinition, TResponseOption } from './definition.ts';
import { PHQ_ATTRIBUTION, PHQ_FREQUENCY_OPTIONS, PHQ_LICENCE_NOTE } from './phq-common.ts';

export const GAD_STEM = 'Over the last 2 weeks, how often have you been bothered by any of the following problems?';

/** GAD-7 wording by content id (phqscreeners form). */
export const GAD_TEXT = {
  nervous: 'Feeling nervous, anxious or on edge',
  uncontrollable_worry: 'Not being able to stop or control worrying',
  worrying_too_much: 'Worrying too much about different things',
  trouble_relaxing: 'Trouble relaxing',
  restless: 'Being so restless that it is hard to sit still',
  irritable: 'Becoming easily annoyed or irritable',
  afraid: 'Feeling afraid as if something awful might happen',
} as const;

/** Same scale as the PHQ; its 0 anchor reads "Not at all", never "Not at all sure" (measures.md §3). */
export const GAD_OPTIONS: TResponseOption[] = PHQ_FREQUENCY_OPTIONS;

const BAND_SOURCE = 'Spitzer et al. 2006: cut points 5 / 10 / 15 (measures.md §3)';

export const GAD7: TInstrumentDefinition = {
  kind: 'embedded',
  id: 'gad7',
  version: 1,
  title: { en: 'Generalized Anxiety Disorder 7-item scale (GAD-7)' },
  shortTitle: { en: 'GAD-7' },
  respondent: 'youth',
  languages: ['en'],
  attribution: PHQ_ATTRIBUTION,
  citation: 'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med 2006;166:1092-1097.',
  licence: { status: 'embed', note: `${PHQ_LICENCE_NOTE} Lowest option must read "Not at all".` },
  ageNote: 'Developed in adults; good psychometrics in youth 11–17 in primary care (measures.md §3).',
  instructions: { en: GAD_STEM },
  items: (Object.keys(GAD_TEXT) as (keyof typeof GAD_TEXT)[]).map((id, i) => ({
    id,
    order: i + 1,
    formNumber: String(i + 1),
    text: { en: GAD_TEXT[id] },
    options: GAD_OPTIONS,
    scored: true,
    reverseScored: false,
  })),
  scoring: {
    kind: 'sum',
    missing: { kind: 'all_required' },
    bands: [
      { id: 'minimal', min: 0, max: 4, label: { en: 'Minimal' }, note: BAND_SOURCE },
      { id: 'mild', min: 5, max: 9, label: { en: 'Mild' }, note: BAND_SOURCE },
      { id: 'moderate', min: 10, max: 14, label: { en: 'Moderate' }, note: BAND_SOURCE },
      { id: 'severe', min: 15, max: 21, label: { en: 'Severe' }, note: BAND_SOURCE },
    ],
    subscales: [],
    derived: [],
  },
  flagRules: [],
  scoringNotes: [
    'Total = 7 items (0–21). No missing-data rule in measures.md: every item is required, nothing is prorated.',
    'No critical item: the GAD-7 cannot clear a youth of suicide risk (measures.md §15).',
  ],
};
