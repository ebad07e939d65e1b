import type { TInstrumentDefinition, TResponseOption } from './definition.ts';

// WHO-5 Well-Being Index (measures.md §6). Positively worded, higher = better; nothing is reverse-scored.
const OPTIONS: TResponseOption[] = [
  { value: 5, label: { en: 'All of the time' } },
  { value: 4, label: { en: 'Most of the time' } },
  { value: 3, label: { en: 'More than half of the time' } },
  { value: 2, label: { en: 'Less than half of the time' } },
  { value: 1, label: { en: 'Some of the time' } },
  { value: 0, label: { en: 'At no time' } },
];

const FORM: [id: string, text: string][] = [
  ['cheerful', 'I have felt cheerful and in good spirits'],
  ['calm', 'I have felt calm and relaxed'],
  ['active', 'I have felt active and vigorous'],
  ['rested', 'I woke up feeling fresh and rested'],
  ['interested', 'My daily life has been filled with things that interest me'],
];

const IDS = FORM.map(([id]) => id);
const SOURCE = 'Valant help; medicalalgorithms.com (measures.md §6)';

export const WHO5: TInstrumentDefinition = {
  kind: 'embedded',
  id: 'who5',
  version: 1,
  title: { en: 'WHO-5 Well-Being Index' },
  shortTitle: { en: 'WHO-5' },
  respondent: 'youth',
  languages: ['en'],
  attribution: 'WHO-5 Well-Being Index © Psychiatric Research Unit, Mental Health Centre North Zealand (Region Hovedstaden), Denmark.',
  citation: 'World Health Organization Five Well-Being Index (WHO-5), 1998. Psychiatric Research Unit, Mental Health Centre North Zealand.',
  licence: {
    status: 'embed',
    note: 'measures.md §0: free and needs no permission according to secondary sources (CORC/PsykTestBarn, Vidensportal "kan frit anvendes", SMAAT); the official psykiatri-regionh.dk terms were not read — re-check before release.',
  },
  ageNote: 'Developed for adults; used in children from 9 years, with adolescent validations (measures.md §6).',
  instructions: {
    en: 'Please indicate for each of the five statements which is closest to how you have been feeling over the last two weeks.',
  },
  items: FORM.map(([id, text], i) => ({
    id,
    order: i + 1,
    formNumber: String(i + 1),
    text: { en: text },
    options: OPTIONS,
    scored: true,
    reverseScored: false,
  })),
  scoring: {
    kind: 'sum',
    missing: { kind: 'all_required' },
    bands: [
      {
        id: 'poor_wellbeing',
        min: 0,
        max: 12,
        label: { en: 'Poor well-being — screen for depression' },
        note: 'Raw score below 13 (percentage 48 or less) (measures.md §6)',
      },
      { id: 'not_poor_wellbeing', min: 13, max: 25, label: { en: 'Above the poor well-being cut-off' }, note: 'Raw score 13 or more (measures.md §6)' },
    ],
    subscales: [],
    // Percentage = raw × 4; the (raw − 5) × 4 formula seen on one calculator site is wrong (measures.md §6).
    derived: [{ id: 'percentage', label: { en: 'Percentage score (0–100)' }, multiplier: 4 }],
  },
  flagRules: [
    {
      id: 'poor_wellbeing',
      kind: 'total_at_most',
      type: 'follow_up',
      atMost: 12,
      severity: 'routine',
      message: 'WHO-5 raw score below 13: poor well-being — test for depression (e.g. PHQ-9).',
      source: SOURCE,
    },
    {
      id: 'item_at_0_or_1',
      kind: 'any_item_at_most',
      type: 'follow_up',
      itemIds: IDS,
      atMost: 1,
      severity: 'routine',
      message: 'WHO-5: an item was answered "At no time" or "Some of the time" — test for depression. This is a depression-screen prompt, not a safety alert.',
      source: SOURCE,
    },
  ],
  scoringNotes: [
    'Raw total 0–25 (higher = better); percentage = raw × 4. No missing-data rule in measures.md: every item is required.',
    'The ≤28% "likely depression" cut-off is from a secondary source only (⚠ in measures.md) and is not used.',
  ],
};
