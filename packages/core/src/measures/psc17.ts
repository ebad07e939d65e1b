import type { TInstrumentDefinition, TInstrumentItem, TResponseOption } from './definition.ts';

const OPTIONS: TResponseOption[] = [
  { value: 0, label: { en: 'Never' } },
  { value: 1, label: { en: 'Sometimes' } },
  { value: 2, label: { en: 'Often' } },
];

const CUTOFF_SOURCE = 'PSC-17 form and scoring instructions (measures.md §4)';

/** Original MGH/Gardner form order (measures.md §4): I = 2, 6, 9, 11, 15; A = 1, 3, 7, 13, 17; E = the rest. */
const FORM: [id: string, text: string][] = [
  ['fidgety', 'Fidgety, unable to sit still'],
  ['sad', 'Feels sad, unhappy'],
  ['daydreams', 'Daydreams too much'],
  ['refuses_to_share', 'Refuses to share'],
  ['not_understanding_feelings', 'Does not understand other people\'s feelings'],
  ['hopeless', 'Feels hopeless'],
  ['trouble_concentrating', 'Has trouble concentrating'],
  ['fights', 'Fights with other children'],
  ['down_on_self', 'Is down on him or herself'],
  ['blames_others', 'Blames others for his or her troubles'],
  ['less_fun', 'Seems to be having less fun'],
  ['not_listening_to_rules', 'Does not listen to rules'],
  ['driven_by_motor', 'Acts as if driven by a motor'],
  ['teases', 'Teases others'],
  ['worries', 'Worries a lot'],
  ['takes_things', 'Takes things that do not belong to him or her'],
  ['distracted', 'Distracted easily'],
];

const items: TInstrumentItem[] = FORM.map(([id, text], i) => ({
  id,
  order: i + 1,
  formNumber: String(i + 1),
  text: { en: text },
  options: OPTIONS,
  scored: true,
  reverseScored: false,
}));

export const PSC17: TInstrumentDefinition = {
  kind: 'embedded',
  id: 'psc17',
  version: 1,
  title: { en: 'Pediatric Symptom Checklist-17 (PSC-17), parent report' },
  shortTitle: { en: 'PSC-17' },
  respondent: 'parent',
  languages: ['en'],
  attribution:
    '© M. Jellinek & J.M. Murphy, Massachusetts General Hospital; 17-item version created by W. Gardner & K. Kelleher. PSC-17 may be freely reproduced.',
  citation: 'Gardner W, Murphy JM, Childs G, et al. The PSC-17: a brief Pediatric Symptom Checklist with psychosocial problem subscales. Ambulatory Child Health 1999;5:225-236.',
  licence: {
    status: 'embed',
    note: 'measures.md §0: MGH — "can be downloaded and used free of charge"; "PSC-17 may be freely reproduced". The authors ask for a copy of any study.',
  },
  ageNote: 'Parent/caregiver report; ages 4–15 (NovoPsych) or 4–17 (other sources) — sources differ (measures.md §4).',
  instructions: { en: 'Please mark under the heading that best fits your child.' },
  items,
  scoring: {
    kind: 'sum',
    missing: { kind: 'blank_as_zero', maxBlank: 3 },
    bands: [
      { id: 'below_cutoff', min: 0, max: 14, label: { en: 'Below cut-off' }, note: CUTOFF_SOURCE },
      { id: 'positive', min: 15, max: 34, label: { en: 'Positive (15 or more)' }, note: CUTOFF_SOURCE },
    ],
    subscales: [
      {
        id: 'internalizing',
        label: { en: 'Internalizing' },
        itemIds: ['sad', 'hopeless', 'down_on_self', 'less_fun', 'worries'],
        bands: [
          { id: 'below_cutoff', min: 0, max: 4, label: { en: 'Below cut-off' }, note: CUTOFF_SOURCE },
          { id: 'positive', min: 5, max: 10, label: { en: 'Positive (5 or more)' }, note: CUTOFF_SOURCE },
        ],
      },
      {
        id: 'attention',
        label: { en: 'Attention' },
        itemIds: ['fidgety', 'daydreams', 'trouble_concentrating', 'driven_by_motor', 'distracted'],
        bands: [
          { id: 'below_cutoff', min: 0, max: 6, label: { en: 'Below cut-off' }, note: CUTOFF_SOURCE },
          { id: 'positive', min: 7, max: 10, label: { en: 'Positive (7 or more)' }, note: CUTOFF_SOURCE },
        ],
      },
      {
        id: 'externalizing',
        label: { en: 'Externalizing' },
        itemIds: ['refuses_to_share', 'not_understanding_feelings', 'fights', 'blames_others', 'not_listening_to_rules', 'teases', 'takes_things'],
        bands: [
          { id: 'below_cutoff', min: 0, max: 6, label: { en: 'Below cut-off' }, note: CUTOFF_SOURCE },
          { id: 'positive', min: 7, max: 14, label: { en: 'Positive (7 or more)' }, note: CUTOFF_SOURCE },
        ],
      },
    ],
    derived: [],
  },
  flagRules: [],
  scoringNotes: [
    'Blank items are scored 0; 4 or more blanks make the form invalid (PSC-17 scoring instructions, measures.md §4).',
    'No critical item (no suicide item).',
  ],
};
