import { describe, expect, it } from 'vitest';
import { itemRange, type TAnswers, type TInstrumentDefinition } from './definition.ts';
import { ASQ } from './asq.ts';
import { GAD2 } from './gad2.ts';
import { GAD7 } from './gad7.ts';
import { PHQ2 } from './phq2.ts';
import { PHQ9 } from './phq9.ts';
import { PHQ9_TEEN } from './phq9-teen.ts';
import { PSC17 } from './psc17.ts';
import { scoreInstrument } from './score-instrument.ts';
import { SMFQ_CHILD, SMFQ_PARENT } from './smfq.ts';
import { WHO5 } from './who5.ts';

/** Answers every scored item of `itemIds` (default: all) so they sum to `total`, filling from the first item. */
const answersSumming = (def: TInstrumentDefinition, total: number, itemIds?: string[]): TAnswers => {
  const items = def.items.filter((i) => i.scored && (!itemIds || itemIds.includes(i.id)));
  let left = total;
  const answers: TAnswers = {};
  for (const item of items) {
    const { min, max } = itemRange(item);
    const v = Math.min(max, Math.max(min, left));
    answers[item.id] = v;
    left -= v;
  }
  if (left !== 0) throw new Error(`cannot reach ${total}`);
  return answers;
};

/** Every scored item answered with the same value. */
const allAt = (def: TInstrumentDefinition, value: number): TAnswers =>
  Object.fromEntries(def.items.filter((i) => i.scored).map((i) => [i.id, value]));

const bandOf = (def: TInstrumentDefinition, total: number) => {
  const r = scoreInstrument(def, answersSumming(def, total));
  expect(r.valid).toBe(true);
  expect(r.total).toBe(total);
  return r.band?.id;
};

// Expected bands are written out from measures.md, not read back from the definitions.
describe('band boundaries (both sides of every cut-off)', () => {
  describe.each([
    ['PHQ-9 (§1)', PHQ9],
    ['PHQ-9 Modified for Teens (§2a: same bands)', PHQ9_TEEN],
  ])('%s', (_name, def) => {
    it.each([
      [0, 'none_minimal'],
      [4, 'none_minimal'],
      [5, 'mild'],
      [9, 'mild'],
      [10, 'moderate'],
      [14, 'moderate'],
      [15, 'moderately_severe'],
      [19, 'moderately_severe'],
      [20, 'severe'],
      [27, 'severe'],
    ])('total %i → %s', (total, band) => expect(bandOf(def, total)).toBe(band));
  });

  describe.each([
    ['PHQ-2 (§2b: ≥3)', PHQ2],
    ['GAD-2 (§3: ≥3)', GAD2],
  ])('%s', (_name, def) => {
    it.each([
      [0, 'negative'],
      [2, 'negative'],
      [3, 'positive'],
      [6, 'positive'],
    ])('total %i → %s', (total, band) => expect(bandOf(def, total)).toBe(band));
  });

  describe('GAD-7 (§3: 5 / 10 / 15)', () => {
    it.each([
      [0, 'minimal'],
      [4, 'minimal'],
      [5, 'mild'],
      [9, 'mild'],
      [10, 'moderate'],
      [14, 'moderate'],
      [15, 'severe'],
      [21, 'severe'],
    ])('total %i → %s', (total, band) => expect(bandOf(GAD7, total)).toBe(band));
  });

  describe('PSC-17 total (§4: ≥15)', () => {
    it.each([
      [0, 'below_cutoff'],
      [14, 'below_cutoff'],
      [15, 'positive'],
      [34, 'positive'],
    ])('total %i → %s', (total, band) => expect(bandOf(PSC17, total)).toBe(band));
  });

  describe('PSC-17 subscales (§4: I ≥5, A ≥7, E ≥7)', () => {
    const subscaleItems = (id: string) => (PSC17.scoring.kind === 'sum' ? PSC17.scoring.subscales.find((s) => s.id === id)!.itemIds : []);
    it.each([
      ['internalizing', 0, 'below_cutoff'],
      ['internalizing', 4, 'below_cutoff'],
      ['internalizing', 5, 'positive'],
      ['internalizing', 10, 'positive'],
      ['attention', 0, 'below_cutoff'],
      ['attention', 6, 'below_cutoff'],
      ['attention', 7, 'positive'],
      ['attention', 10, 'positive'],
      ['externalizing', 0, 'below_cutoff'],
      ['externalizing', 6, 'below_cutoff'],
      ['externalizing', 7, 'positive'],
      ['externalizing', 14, 'positive'],
    ])('%s %i → %s', (sub, score, band) => {
      const answers = { ...allAt(PSC17, 0), ...answersSumming(PSC17, score, subscaleItems(sub)) };
      const r = scoreInstrument(PSC17, answers);
      expect(r.subscales[sub]).toEqual({ score, band: expect.objectContaining({ id: band }) });
      expect(r.total).toBe(score);
    });
  });

  describe('SMFQ child (§5: ≥8, chosen and documented)', () => {
    it.each([
      [0, 'below_cutoff'],
      [7, 'below_cutoff'],
      [8, 'at_or_above_cutoff'],
      [26, 'at_or_above_cutoff'],
    ])('total %i → %s', (total, band) => expect(bandOf(SMFQ_CHILD, total)).toBe(band));
  });

  describe('SMFQ parent (§5: no published cut-off)', () => {
    it.each([0, 7, 8, 12, 13, 26])('total %i is scored with no band', (total) => {
      const r = scoreInstrument(SMFQ_PARENT, answersSumming(SMFQ_PARENT, total));
      expect(r).toMatchObject({ valid: true, total, band: null });
    });
  });

  describe('WHO-5 (§6: raw <13 poor; percentage = raw × 4)', () => {
    it.each([
      [0, 'poor_wellbeing', 0],
      [12, 'poor_wellbeing', 48],
      [13, 'not_poor_wellbeing', 52],
      [25, 'not_poor_wellbeing', 100],
    ])('raw %i → %s, %i%%', (total, band, pct) => {
      const r = scoreInstrument(WHO5, answersSumming(WHO5, total));
      expect(r.band?.id).toBe(band);
      expect(r.derived).toEqual({ percentage: pct });
    });
  });
});

describe('ranges', () => {
  it.each([
    [PHQ9, 0, 27],
    [PHQ9_TEEN, 0, 27],
    [PHQ2, 0, 6],
    [GAD7, 0, 21],
    [GAD2, 0, 6],
    [PSC17, 0, 34],
    [SMFQ_CHILD, 0, 26],
    [SMFQ_PARENT, 0, 26],
    [WHO5, 0, 25],
  ])('%# all lowest → %i, all highest → %i', (def, min, max) => {
    const values = def.items.filter((i) => i.scored).map((i) => itemRange(i));
    const lo = Object.fromEntries(def.items.filter((i) => i.scored).map((i, k) => [i.id, values[k]!.min]));
    const hi = Object.fromEntries(def.items.filter((i) => i.scored).map((i, k) => [i.id, values[k]!.max]));
    expect(scoreInstrument(def, lo).total).toBe(min);
    expect(scoreInstrument(def, hi).total).toBe(max);
  });
});

describe('invalid forms', () => {
  it.each([
    ['PHQ-9', PHQ9, 'concentration'],
    ['teen PHQ', PHQ9_TEEN, 'anhedonia'],
    ['PHQ-2', PHQ2, 'depressed_mood'],
    ['GAD-7', GAD7, 'afraid'],
    ['GAD-2', GAD2, 'nervous'],
    ['SMFQ child', SMFQ_CHILD, 'lonely'],
    ['SMFQ parent', SMFQ_PARENT, 'cried'],
    ['WHO-5', WHO5, 'rested'],
  ])('%s with one blank scored item is invalid, unprorated', (_name, def, blank) => {
    const answers = { ...allAt(def, 1), [blank]: null };
    const r = scoreInstrument(def, answers);
    expect(r).toMatchObject({ valid: false, total: null, band: null, derived: {} });
    expect(r.invalidReasons).toEqual([expect.objectContaining({ code: 'missing_items', itemIds: [blank] })]);
    const { [blank]: _omitted, ...missingKey } = answers;
    expect(scoreInstrument(def, missingKey).valid).toBe(false);
  });

  it('does not require the unscored items (difficulty, teen yes/no)', () => {
    expect(scoreInstrument(PHQ9, allAt(PHQ9, 1))).toMatchObject({ valid: true, total: 9 });
    expect(scoreInstrument(PHQ9_TEEN, allAt(PHQ9_TEEN, 1))).toMatchObject({ valid: true, total: 9 });
  });

  it('never adds the difficulty item to the total', () => {
    expect(scoreInstrument(PHQ9, { ...allAt(PHQ9, 0), functional_difficulty: 3 }).total).toBe(0);
  });

  describe('PSC-17: blanks score 0; 4 or more blanks are invalid (§4)', () => {
    const blanks = ['sad', 'fidgety', 'teases', 'worries'];
    it.each([0, 1, 2, 3])('%i blanks → valid, blanks counted as 0', (n) => {
      const answers = { ...allAt(PSC17, 2), ...Object.fromEntries(blanks.slice(0, n).map((id) => [id, null])) };
      const r = scoreInstrument(PSC17, answers);
      expect(r).toMatchObject({ valid: true, total: 34 - 2 * n });
    });

    it('a blank counts 0 in its subscale too', () => {
      const r = scoreInstrument(PSC17, { ...allAt(PSC17, 2), sad: null, hopeless: null, worries: null });
      expect(r.subscales.internalizing?.score).toBe(4);
      expect(r.subscales.internalizing?.band?.id).toBe('below_cutoff');
      expect(r.subscales.attention?.score).toBe(10);
    });

    it.each([4, 5, 17])('%i blanks → invalid, no total or subscales', (n) => {
      const ids = PSC17.items.slice(0, n).map((i) => i.id);
      const answers = { ...allAt(PSC17, 2), ...Object.fromEntries(ids.map((id) => [id, null])) };
      const r = scoreInstrument(PSC17, answers);
      expect(r).toMatchObject({ valid: false, total: null, band: null });
      expect(r.subscales.internalizing).toEqual({ score: null, band: null });
      expect(r.invalidReasons).toEqual([expect.objectContaining({ code: 'too_many_blanks', itemIds: ids })]);
    });
  });

  it('refuses a value that is not one of the item options', () => {
    const r = scoreInstrument(PHQ9, { ...allAt(PHQ9, 1), sleep: 4 });
    expect(r).toMatchObject({ valid: false, total: null });
    expect(r.invalidReasons.map((x) => x.code)).toEqual(['value_not_allowed']);
    expect(scoreInstrument(PHQ9, { ...allAt(PHQ9, 1), sleep: '2' }).valid).toBe(false);
    expect(scoreInstrument(PHQ9, { ...allAt(PHQ9, 1), sleep: 1.5 }).valid).toBe(false);
    expect(scoreInstrument(WHO5, { ...allAt(WHO5, 3), calm: 6 }).valid).toBe(false);
    expect(scoreInstrument(PSC17, { ...allAt(PSC17, 1), fights: 3 }).valid).toBe(false);
  });

  it('refuses answers to items the instrument does not have', () => {
    const r = scoreInstrument(GAD7, { ...allAt(GAD7, 1), item_8: 2 });
    expect(r.valid).toBe(false);
    expect(r.invalidReasons).toEqual([expect.objectContaining({ code: 'unknown_item', itemIds: ['item_8'] })]);
  });
});

describe('reverse scoring', () => {
  // No embedded instrument has reverse-scored items (measures.md); the scorer still honours the flag, which a new
  // version of a definition may set.
  const reversed: TInstrumentDefinition = {
    ...GAD2,
    id: 'gad2_reversed_test',
    items: GAD2.items.map((i, k) => (k === 0 ? { ...i, reverseScored: true } : i)),
  };
  it.each([
    [0, 0, 3],
    [1, 0, 2],
    [3, 0, 0],
    [3, 3, 3],
  ])('reversed item %i + plain item %i → %i', (first, second, total) => {
    expect(scoreInstrument(reversed, { nervous: first, uncontrollable_worry: second }).total).toBe(total);
  });

  it('reverses over the item\'s own range, whatever order the options are listed in (WHO-5 lists 5 → 0)', () => {
    const who = { ...WHO5, items: WHO5.items.map((i) => (i.id === 'calm' ? { ...i, reverseScored: true } : i)) };
    expect(scoreInstrument(who, { cheerful: 0, calm: 5, active: 0, rested: 0, interested: 0 }).total).toBe(0);
    expect(scoreInstrument(who, { cheerful: 0, calm: 1, active: 0, rested: 0, interested: 0 }).total).toBe(4);
  });
});

describe('subscales', () => {
  it('PSC-17 sums each subscale by content', () => {
    const answers = {
      ...allAt(PSC17, 0),
      sad: 2,
      hopeless: 1,
      worries: 2,
      fidgety: 1,
      distracted: 2,
      fights: 2,
      takes_things: 1,
    };
    const r = scoreInstrument(PSC17, answers);
    expect(r.total).toBe(11);
    expect(r.band?.id).toBe('below_cutoff');
    expect(r.subscales).toEqual({
      internalizing: { score: 5, band: expect.objectContaining({ id: 'positive', min: 5, max: 10 }) },
      attention: { score: 3, band: expect.objectContaining({ id: 'below_cutoff' }) },
      externalizing: { score: 3, band: expect.objectContaining({ id: 'below_cutoff' }) },
    });
  });

  it('instruments without subscales report none', () => {
    expect(scoreInstrument(PHQ9, allAt(PHQ9, 0)).subscales).toEqual({});
  });
});

describe('critical items and flags', () => {
  describe.each([
    ['PHQ-9', PHQ9],
    ['teen PHQ', PHQ9_TEEN],
  ])('%s item 9 (§1, §15: positive at 1–3)', (_name, def) => {
    it.each([
      [0, null],
      [1, 'non_acute'],
      [2, 'acute'],
      [3, 'acute'],
    ])('item 9 = %i → %s', (value, severity) => {
      const r = scoreInstrument(def, { ...allAt(def, 0), self_harm_thoughts: value });
      const flag = r.flags.find((f) => f.ruleId === 'item9_self_harm_thoughts');
      if (severity == null) expect(flag).toBeUndefined();
      else expect(flag).toMatchObject({ type: 'safety', severity, itemIds: ['self_harm_thoughts'] });
    });

    it('raises the alert even when the rest of the form is blank (invalid)', () => {
      const r = scoreInstrument(def, { self_harm_thoughts: 2 });
      expect(r.valid).toBe(false);
      expect(r.flags).toEqual([expect.objectContaining({ ruleId: 'item9_self_harm_thoughts', severity: 'acute' })]);
    });
  });

  describe('teen PHQ suicide questions (§2a, §15: positive regardless of total)', () => {
    it.each([
      ['past_month_suicidal_thoughts', 'yes', 'non_acute'],
      ['past_month_suicidal_thoughts', 'no', null],
      ['lifetime_suicide_attempt', 'yes', 'non_acute'],
      ['lifetime_suicide_attempt', 'no', null],
      ['past_year_depressed', 'yes', null],
    ])('%s = %s → %s', (id, value, severity) => {
      const r = scoreInstrument(PHQ9_TEEN, { ...allAt(PHQ9_TEEN, 0), [id]: value });
      expect(r.total).toBe(0);
      const safety = r.flags.filter((f) => f.type === 'safety');
      if (severity == null) expect(safety).toEqual([]);
      else expect(safety).toEqual([expect.objectContaining({ ruleId: id, severity, itemIds: [id] })]);
    });

    it('the e2e case: item 9 = 2 with both questions "Yes" gives acute first, then both non-acute', () => {
      const r = scoreInstrument(PHQ9_TEEN, {
        ...allAt(PHQ9_TEEN, 0),
        self_harm_thoughts: 2,
        past_month_suicidal_thoughts: 'yes',
        lifetime_suicide_attempt: 'yes',
      });
      expect(r.flags.map((f) => [f.ruleId, f.severity])).toEqual([
        ['item9_self_harm_thoughts', 'acute'],
        ['past_month_suicidal_thoughts', 'non_acute'],
        ['lifetime_suicide_attempt', 'non_acute'],
      ]);
    });

    it('GLAD-PC follow-up for any 2 or 3 on items 1–8, not for item 9 alone', () => {
      const followUp = (answers: TAnswers) => scoreInstrument(PHQ9_TEEN, answers).flags.filter((f) => f.type === 'follow_up');
      expect(followUp(allAt(PHQ9_TEEN, 1))).toEqual([]);
      expect(followUp({ ...allAt(PHQ9_TEEN, 1), sleep: 2, appetite: 3 })).toEqual([
        expect.objectContaining({ ruleId: 'symptom_item_at_2_or_3', severity: 'routine', itemIds: ['sleep', 'appetite'] }),
      ]);
      expect(followUp({ ...allAt(PHQ9_TEEN, 0), self_harm_thoughts: 3 })).toEqual([]);
    });
  });

  it.each([
    [2, false],
    [3, true],
  ])('PHQ-2 total %i → administer PHQ-9 prompt: %s (and never a safety alert)', (total, expected) => {
    const r = scoreInstrument(PHQ2, answersSumming(PHQ2, total));
    expect(r.flags.some((f) => f.ruleId === 'administer_phq9')).toBe(expected);
    expect(r.flags.filter((f) => f.type === 'safety')).toEqual([]);
  });

  describe('WHO-5 depression-screen prompts (§6), never safety alerts', () => {
    it('any item at 0 or 1', () => {
      const r = scoreInstrument(WHO5, { cheerful: 5, calm: 5, active: 1, rested: 5, interested: 0 });
      expect(r.total).toBe(16);
      expect(r.flags).toEqual([expect.objectContaining({ ruleId: 'item_at_0_or_1', type: 'follow_up', itemIds: ['active', 'interested'] })]);
    });
    it.each([
      [{ cheerful: 3, calm: 3, active: 2, rested: 2, interested: 2 }, 12, true],
      [{ cheerful: 3, calm: 3, active: 3, rested: 2, interested: 2 }, 13, false],
    ])('%j (every item ≥2) → raw %i, poor well-being prompt: %s', (answers, total, expected) => {
      const r = scoreInstrument(WHO5, answers);
      expect(r.total).toBe(total);
      expect(r.flags.map((f) => f.ruleId)).toEqual(expected ? ['poor_wellbeing'] : []);
    });
  });

  it.each([
    ['GAD-7', GAD7],
    ['GAD-2', GAD2],
    ['PSC-17', PSC17],
    ['SMFQ child', SMFQ_CHILD],
    ['SMFQ parent', SMFQ_PARENT],
  ])('%s raises no flag even at its maximum (no suicide item, §15)', (_name, def) => {
    const max = Object.fromEntries(def.items.map((i) => [i.id, itemRange(i).max]));
    expect(scoreInstrument(def, max).flags).toEqual([]);
  });
});

describe('ASQ paths (§7, §15)', () => {
  const no = { wished_dead: 'no', family_better_off_dead: 'no', thoughts_of_killing_self: 'no', ever_tried: 'no' };
  const severities = (answers: TAnswers) => scoreInstrument(ASQ, answers).flags.map((f) => f.severity);

  it('negative: "No" to 1–4, question 5 not asked', () => {
    const r = scoreInstrument(ASQ, no);
    expect(r).toMatchObject({ valid: true, total: null, band: { id: 'negative' }, flags: [] });
  });

  it.each(['wished_dead', 'family_better_off_dead', 'thoughts_of_killing_self', 'ever_tried'])(
    'non-acute positive: "Yes" to %s and "No" to question 5',
    (id) => {
      const r = scoreInstrument(ASQ, { ...no, [id]: 'yes', thoughts_right_now: 'no' });
      expect(r).toMatchObject({ valid: true, band: { id: 'non_acute_positive' } });
      expect(r.flags).toEqual([expect.objectContaining({ ruleId: 'asq_non_acute_positive', severity: 'non_acute', itemIds: [id] })]);
    },
  );

  it.each(['wished_dead', 'ever_tried'])('acute positive: "Yes" to %s and "Yes" to question 5', (id) => {
    const r = scoreInstrument(ASQ, { ...no, [id]: 'yes', thoughts_right_now: 'yes' });
    expect(r).toMatchObject({ valid: true, band: { id: 'acute_positive' } });
    expect(r.flags).toEqual([expect.objectContaining({ ruleId: 'asq_acute_positive', severity: 'acute', itemIds: [id, 'thoughts_right_now'] })]);
  });

  it('a refusal on questions 1–4 is a positive screen', () => {
    const r = scoreInstrument(ASQ, { ...no, family_better_off_dead: 'refused', thoughts_right_now: 'no' });
    expect(r.band?.id).toBe('non_acute_positive');
    expect(severities({ ...no, family_better_off_dead: 'refused', thoughts_right_now: 'yes' })).toEqual(['acute']);
  });

  it('positive with blanks elsewhere among 1–4 is still positive', () => {
    const r = scoreInstrument(ASQ, { wished_dead: 'yes', thoughts_right_now: 'no' });
    expect(r).toMatchObject({ valid: true, band: { id: 'non_acute_positive' } });
  });

  it('positive with question 5 refused: treated as acute (no rule in measures.md; imminent risk not ruled out)', () => {
    const r = scoreInstrument(ASQ, { ...no, thoughts_of_killing_self: 'yes', thoughts_right_now: 'refused' });
    expect(r).toMatchObject({ valid: true, band: { id: 'positive_acuity_refused' } });
    expect(r.flags).toEqual([expect.objectContaining({ ruleId: 'asq_positive_acuity_unknown', severity: 'acute' })]);
  });

  it('positive with question 5 not asked: invalid, and still an acute alert', () => {
    const r = scoreInstrument(ASQ, { ...no, wished_dead: 'yes' });
    expect(r).toMatchObject({ valid: false, band: null });
    expect(r.invalidReasons.map((x) => x.code)).toEqual(['acuity_not_answered']);
    expect(r.flags).toEqual([expect.objectContaining({ ruleId: 'asq_positive_acuity_unknown', severity: 'acute' })]);
  });

  it('a blank among 1–4 with no positive answer cannot be called negative', () => {
    const r = scoreInstrument(ASQ, { ...no, ever_tried: null });
    expect(r).toMatchObject({ valid: false, band: null, flags: [] });
    expect(r.invalidReasons).toEqual([expect.objectContaining({ code: 'screen_incomplete', itemIds: ['ever_tried'] })]);
  });

  it('question 5 answered after a negative screen is invalid; a "Yes" to it still raises an acute alert', () => {
    const asked = scoreInstrument(ASQ, { ...no, thoughts_right_now: 'no' });
    expect(asked).toMatchObject({ valid: false, band: null, flags: [] });
    expect(asked.invalidReasons.map((x) => x.code)).toEqual(['acuity_not_applicable']);
    const yes = scoreInstrument(ASQ, { ...no, thoughts_right_now: 'yes' });
    expect(yes.valid).toBe(false);
    expect(yes.flags).toEqual([expect.objectContaining({ ruleId: 'asq_acuity_yes', severity: 'acute' })]);
  });

  it('refuses values other than yes / no / refused', () => {
    expect(scoreInstrument(ASQ, { ...no, wished_dead: 1 }).valid).toBe(false);
    expect(scoreInstrument(ASQ, { ...no, wished_dead: 'maybe' }).invalidReasons.map((x) => x.code)).toEqual(['value_not_allowed']);
  });

  it('shows question 5 only after a "Yes" or a refusal', () => {
    expect(ASQ.items.find((i) => i.id === 'thoughts_right_now')?.showWhen).toEqual({
      anyOfItems: ['wished_dead', 'family_better_off_dead', 'thoughts_of_killing_self', 'ever_tried'],
      hasValueIn: ['yes', 'refused'],
    });
  });
});

describe('purity', () => {
  it('returns the same result for the same answers and does not touch its input', () => {
    const answers = Object.freeze({ ...allAt(PHQ9, 2), self_harm_thoughts: 1 });
    const a = scoreInstrument(PHQ9, answers);
    const b = scoreInstrument(PHQ9, answers);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ instrumentId: 'phq9', instrumentVersion: 1, total: 17, band: { id: 'moderately_severe' } });
  });
});
