import { describe, expect, it } from 'vitest';
import { type DefinitionInput, therapeuticMentoringDefinition } from './api-intake.ts';

const para = {
  degreeLevel: 'bachelor',
  hasLicence: false,
  supervisors: [{ hasLicence: true, licenceExpiresOn: '2027-06-30' }],
};
const base: DefinitionInput = {
  kind: 'therapeutic_mentoring',
  outcomeMeasuresScheduled: false,
  skillContacts: 0,
  mentors: [para],
  today: '2026-06-30',
};
const met = (i: DefinitionInput) =>
  Object.fromEntries(therapeuticMentoringDefinition(i).criteria.map((c) => [c.code, c.met]));

describe('therapeuticMentoringDefinition (four-part definition, R-2.1)', () => {
  it.each([
    ['a TM program with paraprofessional, supervised mentors', base, [true, true, true, true]],
    ['a community program with nothing configured', { ...base, kind: 'community' }, [false, true, false, true]],
    [
      'a community program with measures scheduled and skills recorded',
      { ...base, kind: 'community', outcomeMeasuresScheduled: true, skillContacts: 3 },
      [true, true, true, true],
    ],
    ['no mentor yet', { ...base, mentors: [] }, [true, false, true, false]],
    [
      'a mentor with a master’s degree',
      { ...base, mentors: [para, { ...para, degreeLevel: 'master' }] },
      [true, false, true, true],
    ],
    ['a licensed mentor', { ...base, mentors: [{ ...para, hasLicence: true }] }, [true, false, true, true]],
    [
      'an unknown degree counts as no graduate degree',
      { ...base, mentors: [{ ...para, degreeLevel: null }] },
      [true, true, true, true],
    ],
    // A licence expires the day after its expiry date.
    [
      'a supervisor whose licence ends today',
      { ...base, mentors: [{ ...para, supervisors: [{ hasLicence: true, licenceExpiresOn: '2026-06-30' }] }] },
      [true, true, true, true],
    ],
    [
      'a supervisor whose licence ended yesterday',
      { ...base, mentors: [{ ...para, supervisors: [{ hasLicence: true, licenceExpiresOn: '2026-06-29' }] }] },
      [true, true, true, false],
    ],
    [
      'a mentor with no supervisor',
      { ...base, mentors: [para, { ...para, supervisors: [] }] },
      [true, true, true, false],
    ],
    [
      'a supervisor without a licence',
      { ...base, mentors: [{ ...para, supervisors: [{ hasLicence: false, licenceExpiresOn: null }] }] },
      [true, true, true, false],
    ],
  ] as [string, DefinitionInput, boolean[]][])('%s', (_name, input, expected) => {
    expect(Object.values(met(input))).toEqual(expected);
    expect(therapeuticMentoringDefinition(input).meets).toBe(expected.every(Boolean));
  });

  it('counts what it judged', () => {
    const d = therapeuticMentoringDefinition({ ...base, mentors: [para, { ...para, supervisors: [] }] });
    expect(d.criteria.find((c) => c.code === 'licensed_supervision')).toMatchObject({
      counts: { mentors: 2, supervised: 1 },
      detail: '1 of 2 mentors have a supervisor with a current licence',
    });
  });
});
