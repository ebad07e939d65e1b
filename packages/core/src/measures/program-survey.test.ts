import { describe, expect, it } from 'vitest';
import {
  programSurveyAnswersSchemaFor,
  scoreProgramSurvey,
  type TProgramSurveyDefinitionInput,
  ZProgramSurveyDefinition,
} from './program-survey.ts';

const relationship: TProgramSurveyDefinitionInput = {
  id: 'relationship_check',
  version: 1,
  title: { en: 'How is it going with your mentor?', es: '¿Cómo te va con tu mentor?' },
  respondent: 'youth',
  items: [
    { id: 'listens', text: { en: 'My mentor listens to me.' }, min: 1, max: 5, minLabel: { en: 'Never' }, maxLabel: { en: 'Always' } },
    { id: 'fun', text: { en: 'We do things I enjoy.' }, min: 1, max: 5 },
    { id: 'bored', text: { en: 'I feel bored with my mentor.' }, min: 1, max: 5, reverseScored: true },
  ],
  total: 'sum',
  direction: 'higher_is_better',
};

const sum = ZProgramSurveyDefinition.parse(relationship);
const mean = ZProgramSurveyDefinition.parse({ ...relationship, total: 'mean', maxBlank: 1 });

describe('program survey definitions', () => {
  it('defaults reverse scoring off and blanks to none', () => {
    expect(sum.items[0]?.reverseScored).toBe(false);
    expect(sum.maxBlank).toBe(0);
  });

  it.each([
    ['max not above min', { ...relationship, items: [{ id: 'a', text: { en: 'A' }, min: 3, max: 3 }] }],
    ['duplicate item ids', { ...relationship, items: [relationship.items[0], relationship.items[0]] }],
    ['blanks allowed in a sum', { ...relationship, maxBlank: 1 }],
    ['no items', { ...relationship, items: [] }],
    ['a value label outside the range', { ...relationship, items: [{ ...relationship.items[0], valueLabels: [{ value: 6, label: { en: 'x' } }] }] }],
    ['a non-integer bound', { ...relationship, items: [{ id: 'a', text: { en: 'A' }, min: 0.5, max: 3 }] }],
    ['every item allowed blank', { ...relationship, total: 'mean', maxBlank: 3 }],
  ])('refuses %s', (_why, candidate) => {
    expect(ZProgramSurveyDefinition.safeParse(candidate).success).toBe(false);
  });
});

describe('scoreProgramSurvey', () => {
  it.each([
    [{ listens: 5, fun: 4, bored: 1 }, 14],
    [{ listens: 1, fun: 1, bored: 5 }, 3],
    [{ listens: 3, fun: 3, bored: 3 }, 9],
    [{ listens: 5, fun: 5, bored: 2 }, 14],
  ])('sum %j → %i (the reverse-scored item counts 6 − value)', (answers, total) => {
    expect(scoreProgramSurvey(sum, answers)).toMatchObject({ valid: true, total, band: null, flags: [] });
  });

  it('mean over the answered items, reverse scoring applied', () => {
    expect(scoreProgramSurvey(mean, { listens: 5, fun: 4, bored: 1 }).total).toBeCloseTo(14 / 3, 12);
    expect(scoreProgramSurvey(mean, { listens: 4, fun: null, bored: 2 }).total).toBe(4);
  });

  it('invalid with more blanks than allowed', () => {
    expect(scoreProgramSurvey(sum, { listens: 5, fun: 4 })).toMatchObject({
      valid: false,
      total: null,
      invalidReasons: [expect.objectContaining({ code: 'missing_items', itemIds: ['bored'] })],
    });
    expect(scoreProgramSurvey(mean, { listens: 5 }).invalidReasons).toEqual([
      expect.objectContaining({ code: 'too_many_blanks', itemIds: ['fun', 'bored'] }),
    ]);
  });

  it('invalid with out-of-range, fractional or unknown answers', () => {
    expect(scoreProgramSurvey(sum, { listens: 6, fun: 4, bored: 1 }).invalidReasons.map((r) => r.code)).toEqual(['value_not_allowed']);
    expect(scoreProgramSurvey(sum, { listens: 2.5, fun: 4, bored: 1 }).valid).toBe(false);
    expect(scoreProgramSurvey(sum, { listens: 5, fun: 4, bored: 1, extra: 3 }).invalidReasons.map((r) => r.code)).toEqual(['unknown_item']);
  });

  it('validates answers for the server', () => {
    const schema = programSurveyAnswersSchemaFor(sum);
    expect(schema.safeParse({ listens: 5, fun: null }).success).toBe(true);
    expect(schema.safeParse({ listens: 0 }).success).toBe(false);
    expect(schema.safeParse({ listens: 4.5 }).success).toBe(false);
    expect(schema.safeParse({ other: 1 }).success).toBe(false);
  });
});
