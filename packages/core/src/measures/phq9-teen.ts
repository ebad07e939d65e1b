import type { TInstrumentDefinition } from './definition.ts';
import { PHQ9_BANDS } from './phq9.ts';
import {
  PHQ_ATTRIBUTION,
  PHQ_DIFFICULTY_OPTIONS,
  PHQ_FREQUENCY_OPTIONS,
  phqItem9Rule,
  YES_NO_OPTIONS,
} from './phq-common.ts';

const SYMPTOM = { options: PHQ_FREQUENCY_OPTIONS, scored: true, reverseScored: false } as const;
const EXTRA = { scored: false, reverseScored: false } as const;
const GLAD_PC = 'GLAD-PC PHQ-9 Modified for Teens form and scoring sheet (measures.md §2a, §15)';

/**
 * PHQ-9 Modified for Teens (GLAD-PC toolkit, often labelled PHQ-A). Same nine symptom contents as the adult PHQ-9
 * in a different order — mood is item 1 and anhedonia item 2, appetite item 4 and tiredness item 5 — so items share
 * the adult content ids and are never matched by position.
 */
export const PHQ9_TEEN: TInstrumentDefinition = {
  kind: 'embedded',
  id: 'phq9_teen',
  version: 1,
  title: { en: 'PHQ-9 Modified for Teens' },
  shortTitle: { en: 'PHQ-9 (teen)' },
  respondent: 'youth',
  languages: ['en'],
  attribution: `PHQ-9 Modified for Teens — Guidelines for Adolescent Depression in Primary Care (GLAD-PC), Version 2, 2010. Use with Permission. Based on the PHQ-9: ${PHQ_ATTRIBUTION}`,
  citation:
    'GLAD-PC toolkit, Version 2 (2010); PHQ-9: Kroenke, Spitzer & Williams, J Gen Intern Med 2001;16:606-613; adolescents: Richardson et al., Pediatrics 2010.',
  licence: {
    status: 'confirm',
    note: 'measures.md §0: "probably yes, confirm" — built on the public-domain PHQ-9, but the GLAD-PC footer reads "Use with Permission. Guidelines for Adolescent Depression in Primary Care. Version 2, 2010." Confirm the meaning before release.',
  },
  ageNote: '12–18 per the GLAD-PC toolkit (secondary); Blueprint uses 11–17.',
  instructions: { en: 'How often have you been bothered by each of the following symptoms during the past two weeks?' },
  footer: {
    en: 'If you have had thoughts that you would be better off dead or of hurting yourself in some way, please discuss this with your Health Care Clinician, go to a hospital emergency room or call 911.',
  },
  items: [
    { id: 'depressed_mood', order: 1, formNumber: '1', text: { en: 'Feeling down, depressed, irritable, or hopeless?' }, ...SYMPTOM },
    { id: 'anhedonia', order: 2, formNumber: '2', text: { en: 'Little interest or pleasure in doing things?' }, ...SYMPTOM },
    { id: 'sleep', order: 3, formNumber: '3', text: { en: 'Trouble falling asleep, staying asleep, or sleeping too much?' }, ...SYMPTOM },
    { id: 'appetite', order: 4, formNumber: '4', text: { en: 'Poor appetite, weight loss, or overeating?' }, ...SYMPTOM },
    { id: 'tiredness', order: 5, formNumber: '5', text: { en: 'Feeling tired, or having little energy?' }, ...SYMPTOM },
    {
      id: 'self_worth',
      order: 6,
      formNumber: '6',
      text: { en: 'Feeling bad about yourself – or feeling that you are a failure, or that you have let yourself or your family down?' },
      ...SYMPTOM,
    },
    {
      id: 'concentration',
      order: 7,
      formNumber: '7',
      text: { en: 'Trouble concentrating on things like school work, reading, or watching TV?' },
      ...SYMPTOM,
    },
    {
      id: 'psychomotor',
      order: 8,
      formNumber: '8',
      text: {
        en: 'Moving or speaking so slowly that other people could have noticed? Or the opposite – being so fidgety or restless that you were moving around a lot more than usual?',
      },
      ...SYMPTOM,
    },
    {
      id: 'self_harm_thoughts',
      order: 9,
      formNumber: '9',
      text: { en: 'Thoughts that you would be better off dead, or of hurting yourself in some way?' },
      ...SYMPTOM,
    },
    {
      id: 'past_year_depressed',
      order: 10,
      formNumber: '10',
      text: { en: 'In the past year have you felt depressed or sad most days, even if you felt okay sometimes?' },
      options: YES_NO_OPTIONS,
      ...EXTRA,
    },
    {
      id: 'functional_difficulty',
      order: 11,
      formNumber: '11',
      text: {
        en: 'If you are experiencing any of the problems on this form, how difficult have these problems made it for you to do your work, take care of things at home or get along with other people?',
      },
      options: PHQ_DIFFICULTY_OPTIONS,
      ...EXTRA,
    },
    {
      id: 'past_month_suicidal_thoughts',
      order: 12,
      formNumber: '12',
      text: { en: 'Has there been a time in the past month when you have had serious thoughts about ending your life?' },
      options: YES_NO_OPTIONS,
      ...EXTRA,
    },
    {
      id: 'lifetime_suicide_attempt',
      order: 13,
      formNumber: '13',
      text: { en: 'Have you EVER, in your WHOLE LIFE, tried to kill yourself or made a suicide attempt?' },
      options: YES_NO_OPTIONS,
      ...EXTRA,
    },
  ],
  scoring: { kind: 'sum', missing: { kind: 'all_required' }, bands: PHQ9_BANDS, subscales: [], derived: [] },
  flagRules: [
    phqItem9Rule('Teen PHQ-9'),
    {
      id: 'past_month_suicidal_thoughts',
      kind: 'item_equals',
      type: 'safety',
      itemId: 'past_month_suicidal_thoughts',
      value: 'yes',
      // Past-month ideation, like ASQ questions 1–3, is a positive but non-acute screen; current thoughts are asked by the ASQ.
      severity: 'non_acute',
      message: 'Teen PHQ: "Yes" to serious thoughts about ending their life in the past month — positive suicide screen regardless of the total; a clinician must follow up the same day.',
      source: GLAD_PC,
    },
    {
      id: 'lifetime_suicide_attempt',
      kind: 'item_equals',
      type: 'safety',
      itemId: 'lifetime_suicide_attempt',
      value: 'yes',
      severity: 'non_acute',
      message: 'Teen PHQ: "Yes" to a suicide attempt in their lifetime — positive suicide screen regardless of the total; a clinician must follow up the same day.',
      source: GLAD_PC,
    },
    {
      id: 'symptom_item_at_2_or_3',
      kind: 'any_item_at_least',
      type: 'follow_up',
      itemIds: ['depressed_mood', 'anhedonia', 'sleep', 'appetite', 'tiredness', 'self_worth', 'concentration', 'psychomotor'],
      atLeast: 2,
      severity: 'routine',
      message: 'Teen PHQ: a symptom (items 1–8) was answered "More than half the days" or "Nearly every day" — follow up per GLAD-PC.',
      source: GLAD_PC,
    },
  ],
  scoringNotes: [
    'Total = items 1–9 (0–27) with the adult PHQ-9 bands; the past-year, difficulty and two suicide questions are not added.',
    'Any blank among items 1–9 makes the total invalid (no prorating rule in measures.md); the suicide questions raise alerts even then.',
  ],
};
