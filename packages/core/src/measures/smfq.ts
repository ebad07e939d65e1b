import type { TInstrumentDefinition, TInstrumentItem, TResponseOption } from './definition.ts';

// Short Mood and Feelings Questionnaire (measures.md §5). Not true = 0 … True = 2 (PerformWell's reversed print is an error).
const OPTIONS: TResponseOption[] = [
  { value: 0, label: { en: 'Not true' } },
  { value: 1, label: { en: 'Sometimes' } },
  { value: 2, label: { en: 'True' } },
];

const ATTRIBUTION = 'Copyright Adrian Angold & Elizabeth J. Costello, 1987; Developmental Epidemiology Program; Duke University.';
const CITATION =
  'Angold A, Costello EJ, Messer SC, Pickles A, Winder F, Silver D. Development of a short questionnaire for use in epidemiological studies of depression in children and adolescents. Int J Methods Psychiatr Res 1995;5:237-249.';
const LICENCE = {
  status: 'confirm' as const,
  note: 'measures.md §0: Duke — any version may be downloaded free of charge to administer to clients or for research; cite the authors in published work. Nothing found on electronic or commercial embedding: confirm before release.',
};

const IDS = [
  'miserable',
  'no_enjoyment',
  'tired_did_nothing',
  'restless',
  'no_good',
  'cried',
  'hard_to_concentrate',
  'hated_self',
  'bad_person',
  'lonely',
  'nobody_loved',
  'never_as_good',
  'did_everything_wrong',
] as const;

const CHILD_TEXT: Record<(typeof IDS)[number], string> = {
  miserable: 'I felt miserable or unhappy.',
  no_enjoyment: 'I didn\'t enjoy anything at all.',
  tired_did_nothing: 'I felt so tired I just sat around and did nothing.',
  restless: 'I was very restless.',
  no_good: 'I felt I was no good any more.',
  cried: 'I cried a lot.',
  hard_to_concentrate: 'I found it hard to think properly or concentrate.',
  hated_self: 'I hated myself.',
  bad_person: 'I was a bad person.',
  lonely: 'I felt lonely.',
  nobody_loved: 'I thought nobody really loved me.',
  never_as_good: 'I thought I could never be as good as other kids.',
  did_everything_wrong: 'I did everything wrong.',
};

const PARENT_TEXT: Record<(typeof IDS)[number], string> = {
  miserable: 'S/he felt miserable or unhappy.',
  no_enjoyment: 'S/he didn\'t enjoy anything at all.',
  tired_did_nothing: 'S/he felt so tired that s/he just sat around and did nothing.',
  restless: 'S/he was very restless.',
  no_good: 'S/he felt s/he was no good any more.',
  cried: 'S/he cried a lot.',
  hard_to_concentrate: 'S/he found it hard to think properly or concentrate.',
  hated_self: 'S/he hated him/herself.',
  bad_person: 'S/he felt s/he was a bad person.',
  lonely: 'S/he felt lonely.',
  nobody_loved: 'S/he thought nobody really loved him/her.',
  never_as_good: 'S/he thought s/he could never be as good as other kids.',
  did_everything_wrong: 'S/he felt s/he did everything wrong.',
};

const itemsFrom = (text: Record<(typeof IDS)[number], string>): TInstrumentItem[] =>
  IDS.map((id, i) => ({
    id,
    order: i + 1,
    formNumber: String(i + 1),
    text: { en: text[id] },
    options: OPTIONS,
    scored: true,
    reverseScored: false,
  }));

const NOTES = [
  'Total = 13 items (0–26). No missing-data rule in measures.md: every item is required, nothing is prorated.',
  'No critical item: the SMFQ has no suicide item — pair it with the ASQ or the teen PHQ (measures.md §5, §15).',
];

const CHILD_CUTOFF_NOTE =
  'Duke prescribes no cut point for any MFQ version. We use ≥8 (Angold 1995: sensitivity 60%, specificity 85% for MDD) because it is the developers\' own published figure and the more sensitive option for screening; Thabrew 2018 found ≥12 optimal in help-seeking adolescents (measures.md §5).';

export const SMFQ_CHILD: TInstrumentDefinition = {
  kind: 'embedded',
  id: 'smfq_child',
  version: 1,
  title: { en: 'Short Mood and Feelings Questionnaire — child self-report (SMFQ)' },
  shortTitle: { en: 'SMFQ (child)' },
  respondent: 'youth',
  languages: ['en'],
  attribution: ATTRIBUTION,
  citation: CITATION,
  licence: LICENCE,
  ageNote: 'MFQ suite: ages 6–17 (secondary sources differ: 6–18).',
  instructions: {
    en: 'This form is about how you might have been feeling or acting recently. For each question, please check how much you have felt or acted this way in the past two weeks. If a sentence was true about you most of the time, check TRUE. If it was only sometimes true, check SOMETIMES. If a sentence was not true about you, check NOT TRUE.',
  },
  items: itemsFrom(CHILD_TEXT),
  scoring: {
    kind: 'sum',
    missing: { kind: 'all_required' },
    bands: [
      { id: 'below_cutoff', min: 0, max: 7, label: { en: 'Below screening cut-off' }, note: CHILD_CUTOFF_NOTE },
      { id: 'at_or_above_cutoff', min: 8, max: 26, label: { en: 'At or above screening cut-off (8 or more)' }, note: CHILD_CUTOFF_NOTE },
    ],
    subscales: [],
    derived: [],
  },
  flagRules: [],
  scoringNotes: NOTES,
};

export const SMFQ_PARENT: TInstrumentDefinition = {
  kind: 'embedded',
  id: 'smfq_parent',
  version: 1,
  title: { en: 'Short Mood and Feelings Questionnaire — parent report on child (SMFQ)' },
  shortTitle: { en: 'SMFQ (parent)' },
  respondent: 'parent',
  languages: ['en'],
  attribution: ATTRIBUTION,
  citation: CITATION,
  licence: LICENCE,
  ageNote: 'MFQ suite: ages 6–17 (secondary sources differ: 6–18).',
  instructions: {
    en: 'This form is about how your child may have been feeling or acting recently. For each question, please check how much s/he has felt or acted this way in the past two weeks. If a sentence was true about your child most of the time, check TRUE. If it was only sometimes true, check SOMETIMES. If a sentence was not true about your child, check NOT TRUE.',
  },
  items: itemsFrom(PARENT_TEXT),
  // No published cut-off for the parent form in measures.md, so no band (the total is still reported and trended).
  scoring: { kind: 'sum', missing: { kind: 'all_required' }, bands: [], subscales: [], derived: [] },
  flagRules: [],
  scoringNotes: [...NOTES, 'No band: measures.md gives no cut-off for the parent report, and Duke prescribes none.'],
};
