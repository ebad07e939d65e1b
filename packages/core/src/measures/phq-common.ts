import type { TFlagRule, TResponseOption } from './definition.ts';

// Shared by PHQ-9, PHQ-2, GAD-7 and GAD-2 (measures.md §0–§3). Wording is the developers' own and must not be altered.

export const PHQ_ATTRIBUTION =
  'Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.';

export const PHQ_LICENCE_NOTE =
  'measures.md §0: phqscreeners.com — no permission required to reproduce, translate, display or distribute; released by Pfizer (2010) without copyright restriction and at no charge. Keep the credit line; do not alter wording.';

/** 0–3 frequency scale of the PHQ and GAD forms; the lowest option must read "Not at all" (GAD-7 reproduction error note, §3). */
export const PHQ_FREQUENCY_OPTIONS: TResponseOption[] = [
  { value: 0, label: { en: 'Not at all' } },
  { value: 1, label: { en: 'Several days' } },
  { value: 2, label: { en: 'More than half the days' } },
  { value: 3, label: { en: 'Nearly every day' } },
];

/** Unscored functional-difficulty item, 0–3 as on the GLAD-PC form (§1); never added to the total. */
export const PHQ_DIFFICULTY_OPTIONS: TResponseOption[] = [
  { value: 0, label: { en: 'Not difficult at all' } },
  { value: 1, label: { en: 'Somewhat difficult' } },
  { value: 2, label: { en: 'Very difficult' } },
  { value: 3, label: { en: 'Extremely difficult' } },
];

export const YES_NO_OPTIONS: TResponseOption[] = [
  { value: 'yes', label: { en: 'Yes' } },
  { value: 'no', label: { en: 'No' } },
];

/** Adult PHQ-9 wording by content id (phqscreeners form). */
export const PHQ_ADULT_TEXT = {
  anhedonia: 'Little interest or pleasure in doing things',
  depressed_mood: 'Feeling down, depressed, or hopeless',
  sleep: 'Trouble falling or staying asleep, or sleeping too much',
  tiredness: 'Feeling tired or having little energy',
  appetite: 'Poor appetite or overeating',
  self_worth: 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
  concentration: 'Trouble concentrating on things, such as reading the newspaper or watching television',
  psychomotor:
    'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
  self_harm_thoughts: 'Thoughts that you would be better off dead or of hurting yourself in some way',
} as const;

export const PHQ_STEM = 'Over the last 2 weeks, how often have you been bothered by any of the following problems?';

export const PHQ_BAND_SOURCE = 'Kroenke, Spitzer & Williams 2001: 5, 10, 15, 20 = mild, moderate, moderately severe, severe (measures.md §1)';

/**
 * Item 9 (measures.md §1, §15): any answer above "Not at all" is positive and needs same-day clinician follow-up.
 * Risk rises with frequency (Simon 2013: 0.4% → 4% one-year attempt risk), so "more than half the days" or more is
 * raised as acute (escalating); "several days" as non-acute. The thresholds are data here so review can change them.
 */
export const phqItem9Rule = (instrumentName: string): TFlagRule => ({
  id: 'item9_self_harm_thoughts',
  kind: 'item_levels',
  type: 'safety',
  itemId: 'self_harm_thoughts',
  levels: [
    { atLeast: 1, severity: 'non_acute' },
    { atLeast: 2, severity: 'acute' },
  ],
  message: `${instrumentName} item 9 (thoughts of being better off dead or of self-harm) is positive: a clinician must follow up the same day.`,
  source: 'GLAD-PC scoring (item 9 positive at 1–3); Simon et al. 2013 (risk rises with frequency) — measures.md §1, §15',
});
