import type { TBand, TInstrumentDefinition, TInstrumentItem } from './definition.ts';
import {
  PHQ_ADULT_TEXT,
  PHQ_ATTRIBUTION,
  PHQ_BAND_SOURCE,
  PHQ_DIFFICULTY_OPTIONS,
  PHQ_FREQUENCY_OPTIONS,
  PHQ_LICENCE_NOTE,
  PHQ_STEM,
  phqItem9Rule,
} from './phq-common.ts';

/** PHQ-9 severity bands (measures.md §1); the teen form uses the same bands. */
export const PHQ9_BANDS: TBand[] = [
  { id: 'none_minimal', min: 0, max: 4, label: { en: 'None–minimal' }, note: PHQ_BAND_SOURCE },
  { id: 'mild', min: 5, max: 9, label: { en: 'Mild' }, note: PHQ_BAND_SOURCE },
  { id: 'moderate', min: 10, max: 14, label: { en: 'Moderate' }, note: PHQ_BAND_SOURCE },
  { id: 'moderately_severe', min: 15, max: 19, label: { en: 'Moderately severe' }, note: PHQ_BAND_SOURCE },
  { id: 'severe', min: 20, max: 27, label: { en: 'Severe' }, note: PHQ_BAND_SOURCE },
];

/** Adult form order: 1 anhedonia, 2 mood, … 4 tiredness, 5 appetite, … 9 self-harm thoughts. */
const ADULT_ORDER = [
  'anhedonia',
  'depressed_mood',
  'sleep',
  'tiredness',
  'appetite',
  'self_worth',
  'concentration',
  'psychomotor',
  'self_harm_thoughts',
] as const;

const symptomItems: TInstrumentItem[] = ADULT_ORDER.map((id, i) => ({
  id,
  order: i + 1,
  formNumber: String(i + 1),
  text: { en: PHQ_ADULT_TEXT[id] },
  options: PHQ_FREQUENCY_OPTIONS,
  scored: true,
  reverseScored: false,
}));

export const PHQ9: TInstrumentDefinition = {
  kind: 'embedded',
  id: 'phq9',
  version: 1,
  title: { en: 'Patient Health Questionnaire-9 (PHQ-9)' },
  shortTitle: { en: 'PHQ-9' },
  respondent: 'youth',
  languages: ['en'],
  attribution: PHQ_ATTRIBUTION,
  citation: 'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med 2001;16:606-613.',
  licence: { status: 'embed', note: PHQ_LICENCE_NOTE },
  ageNote: 'Developed in adult primary care; validated in adolescents 13–17 (Richardson 2010). For 11–18 prefer the PHQ-9 Modified for Teens.',
  instructions: { en: PHQ_STEM },
  items: [
    ...symptomItems,
    {
      id: 'functional_difficulty',
      order: 10,
      formNumber: '10',
      text: {
        en: 'If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?',
      },
      options: PHQ_DIFFICULTY_OPTIONS,
      scored: false,
      reverseScored: false,
    },
  ],
  scoring: { kind: 'sum', missing: { kind: 'all_required' }, bands: PHQ9_BANDS, subscales: [], derived: [] },
  flagRules: [phqItem9Rule('PHQ-9')],
  scoringNotes: [
    'Total = items 1–9 (0–27); the difficulty item is recorded but not added.',
    'measures.md gives no missing-data rule for the PHQ-9, so any blank among items 1–9 makes the form invalid (no prorating).',
  ],
};
