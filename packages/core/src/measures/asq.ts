import type { TInstrumentDefinition, TResponseOption } from './definition.ts';

// Ask Suicide-Screening Questions, NIMH (measures.md §7, §15). Yes / No, with a refusal recorded.
const OPTIONS: TResponseOption[] = [
  { value: 'yes', label: { en: 'Yes' } },
  { value: 'no', label: { en: 'No' } },
  { value: 'refused', label: { en: 'Refused to answer' } },
];

const SCREEN_IDS = ['wished_dead', 'family_better_off_dead', 'thoughts_of_killing_self', 'ever_tried'];

export const ASQ: TInstrumentDefinition = {
  kind: 'embedded',
  id: 'asq',
  version: 1,
  title: { en: 'Ask Suicide-Screening Questions (ASQ)' },
  shortTitle: { en: 'ASQ' },
  respondent: 'youth',
  languages: ['en'],
  attribution: 'Ask Suicide-Screening Questions (ASQ) — National Institute of Mental Health (NIMH), ASQ Suicide Risk Screening Toolkit.',
  citation: 'Horowitz LM, Bridge JA, Teach SJ, et al. Ask Suicide-Screening Questions (ASQ): a brief instrument for the pediatric emergency department. Arch Pediatr Adolesc Med 2012;166:1170-1176.',
  licence: {
    status: 'confirm',
    note: 'measures.md §0: "likely yes" — NIMH calls the toolkit a free resource and the materials are downloadable; public-domain status is not stated. Credit NIMH; confirm before release.',
  },
  ageNote: 'NIMH toolkit: youth 10–24; no tool is validated under 8 (measures.md §7). Ask without a parent or guardian present where possible.',
  instructions: { en: 'Ask the youth the following questions.' },
  items: [
    { id: 'wished_dead', order: 1, formNumber: '1', text: { en: 'In the past few weeks, have you wished you were dead?' }, options: OPTIONS, scored: false, reverseScored: false },
    {
      id: 'family_better_off_dead',
      order: 2,
      formNumber: '2',
      text: { en: 'In the past few weeks, have you felt that you or your family would be better off if you were dead?' },
      options: OPTIONS,
      scored: false,
      reverseScored: false,
    },
    {
      id: 'thoughts_of_killing_self',
      order: 3,
      formNumber: '3',
      text: { en: 'In the past week, have you been having thoughts about killing yourself?' },
      options: OPTIONS,
      scored: false,
      reverseScored: false,
    },
    { id: 'ever_tried', order: 4, formNumber: '4', text: { en: 'Have you ever tried to kill yourself?' }, options: OPTIONS, scored: false, reverseScored: false },
    {
      id: 'thoughts_right_now',
      order: 5,
      formNumber: '5',
      text: { en: 'Are you having thoughts of killing yourself right now?' },
      options: OPTIONS,
      scored: false,
      reverseScored: false,
      // The acuity question is asked only after a "Yes" or a refusal on questions 1–4.
      showWhen: { anyOfItems: SCREEN_IDS, hasValueIn: ['yes', 'refused'] },
    },
  ],
  scoring: {
    kind: 'asq',
    screenItemIds: SCREEN_IDS,
    acuityItemId: 'thoughts_right_now',
    positiveValues: ['yes', 'refused'],
    outcomes: [
      { id: 'negative', label: { en: 'Negative screen' } },
      { id: 'non_acute_positive', label: { en: 'Non-acute positive screen (potential risk)' } },
      { id: 'acute_positive', label: { en: 'Acute positive screen (imminent risk)' } },
      { id: 'positive_acuity_refused', label: { en: 'Positive screen — acuity question refused (treated as acute)' } },
    ],
  },
  flagRules: [],
  scoringNotes: [
    'Negative: "No" to questions 1–4; question 5 is not asked.',
    'Positive: "Yes" to any of questions 1–4, or a refusal → ask question 5.',
    'Acute positive: question 5 "Yes" → urgent/STAT safety and full mental-health evaluation; the youth cannot leave or be left alone until evaluated.',
    'Non-acute positive: question 5 "No" → Brief Suicide Safety Assessment by a trained clinician before the youth leaves.',
    'Question 5 refused or left blank after a positive screen: measures.md gives no rule; imminent risk cannot be ruled out, so the alert is acute.',
    'A negative screen with a blank among questions 1–4 is incomplete (invalid): it cannot be called negative. Clinical judgment can override a negative screen.',
    'Every positive screen gets the patient resource list.',
  ],
};
