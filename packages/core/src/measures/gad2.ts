import type { TInstrumentDefinition } from './definition.ts';
import { GAD_OPTIONS, GAD_STEM, GAD_TEXT } from './gad7.ts';
import { PHQ_ATTRIBUTION, PHQ_LICENCE_NOTE } from './phq-common.ts';

const CUTOFF_SOURCE = 'Kroenke et al. 2007: ≥3 preferred cut-off (measures.md §3)';

/** GAD-2 = GAD-7 items 1–2 (measures.md §3). */
export const GAD2: TInstrumentDefinition = {
  kind: 'embedded',
  id: 'gad2',
  version: 1,
  title: { en: 'Generalized Anxiety Disorder 2-item scale (GAD-2)' },
  shortTitle: { en: 'GAD-2' },
  respondent: 'youth',
  languages: ['en'],
  attribution: PHQ_ATTRIBUTION,
  citation: 'Kroenke K, Spitzer RL, Williams JBW, Monahan PO, Löwe B. Anxiety disorders in primary care. Ann Intern Med 2007;146:317-325.',
  licence: { status: 'embed', note: PHQ_LICENCE_NOTE },
  ageNote: 'GAD-7 items 1–2 work as a two-item screen in youth 11–17 (measures.md §3).',
  instructions: { en: GAD_STEM },
  items: (['nervous', 'uncontrollable_worry'] as const).map((id, i) => ({
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
      { id: 'negative', min: 0, max: 2, label: { en: 'Below screening cut-off' }, note: CUTOFF_SOURCE },
      { id: 'positive', min: 3, max: 6, label: { en: 'Positive screen (3 or more)' }, note: CUTOFF_SOURCE },
    ],
    subscales: [],
    derived: [],
  },
  flagRules: [],
  scoringNotes: ['Total = 2 items (0–6); both items required.'],
};
