import type { TInstrumentDefinition } from './definition.ts';
import { PHQ_ADULT_TEXT, PHQ_ATTRIBUTION, PHQ_FREQUENCY_OPTIONS, PHQ_LICENCE_NOTE, PHQ_STEM } from './phq-common.ts';

const CUTOFF_SOURCE = 'Kroenke 2003: ≥3 optimal (measures.md §2b)';

/** PHQ-2 = PHQ-9 items 1–2 (measures.md §2b). It has no suicide item and must never be read as a suicide screen. */
export const PHQ2: TInstrumentDefinition = {
  kind: 'embedded',
  id: 'phq2',
  version: 1,
  title: { en: 'Patient Health Questionnaire-2 (PHQ-2)' },
  shortTitle: { en: 'PHQ-2' },
  respondent: 'youth',
  languages: ['en'],
  attribution: PHQ_ATTRIBUTION,
  citation: 'Kroenke K, Spitzer RL, Williams JBW. The Patient Health Questionnaire-2: validity of a two-item depression screener. Med Care 2003;41:1284-1292.',
  licence: { status: 'embed', note: PHQ_LICENCE_NOTE },
  ageNote: 'Adolescents 13–17: ≥3 gives sensitivity 74%, specificity 75% (measures.md §2b).',
  instructions: { en: PHQ_STEM },
  items: (['anhedonia', 'depressed_mood'] as const).map((id, i) => ({
    id,
    order: i + 1,
    formNumber: String(i + 1),
    text: { en: PHQ_ADULT_TEXT[id] },
    options: PHQ_FREQUENCY_OPTIONS,
    scored: true,
    reverseScored: false,
  })),
  scoring: {
    kind: 'sum',
    missing: { kind: 'all_required' },
    bands: [
      { id: 'negative', min: 0, max: 2, label: { en: 'Below screening cut-off' }, note: CUTOFF_SOURCE },
      { id: 'positive', min: 3, max: 6, label: { en: 'Positive screen (3 or more)' }, note: CUTOFF_SOURCE },
    ],
    subscales: [],
    derived: [],
  },
  flagRules: [
    {
      id: 'administer_phq9',
      kind: 'total_at_least',
      type: 'follow_up',
      atLeast: 3,
      severity: 'routine',
      message: 'PHQ-2 positive (3 or more): administer the full PHQ-9. The PHQ-2 has no suicide item and does not rule out risk.',
      source: 'EmblemHealth pathway: 3+ positive → administer PHQ-9 (measures.md §2b)',
    },
  ],
  scoringNotes: ['Total = 2 items (0–6); both items required.'],
};
