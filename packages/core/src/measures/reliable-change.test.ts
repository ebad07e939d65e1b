import { describe, expect, it } from 'vitest';
import { CHANGE_PARAMETERS, reliableChangeFor } from './change-parameters.ts';
import {
  clinicalSignificanceCutoffs,
  reliableChange,
  reliableChangeThreshold,
  standardErrorOfDifference,
  standardErrorOfMeasurement,
  type TRciParameters,
} from './reliable-change.ts';

const round = (x: number, dp: number) => Number(x.toFixed(dp));

const params = (sd: number, reliability: number): TRciParameters => ({ sd, reliability, reliabilityKind: 'cronbach_alpha', source: 'test' });

// measures.md §16 worked examples are the test vectors.
describe('worked example 1: LDQ (s1 = 7.6, r = .95)', () => {
  it('SE 1.699, Sdiff 2.4033, RC_raw 4.7105 (4.71 points)', () => {
    expect(round(standardErrorOfMeasurement(7.6, 0.95), 3)).toBe(1.699);
    expect(round(standardErrorOfDifference(7.6, 0.95), 4)).toBe(2.4033);
    expect(round(reliableChangeThreshold(7.6, 0.95), 4)).toBe(4.7105);
    expect(round(reliableChangeThreshold(7.6, 0.95), 2)).toBe(4.71);
  });
});

describe('worked example 2: PSC-17 total (SD 5.62, α .89)', () => {
  it('Sdiff 2.636, threshold 5.17 ⇒ 6 points on the integer scale', () => {
    expect(round(standardErrorOfDifference(5.62, 0.89), 3)).toBe(2.636);
    expect(round(reliableChangeThreshold(5.62, 0.89), 2)).toBe(5.17);
    expect(reliableChangeFor('psc17', 'total', 'stoppelbein_2012', 20, 14)?.minimumReliableIntegerChange).toBe(6);
  });

  it('pre 20 → post 12: RC −3.03, reliable improvement, recovered past the screening cut-off 15', () => {
    const r = reliableChangeFor('psc17', 'total', 'stoppelbein_2012', 20, 12)!;
    expect(round(r.rci, 2)).toBe(-3.03);
    expect(r).toMatchObject({ change: -8, reliable: true, reliablyImproved: true, preDysfunctional: true, postDysfunctional: false, category: 'recovered' });
    // The SD and reliability used are returned beside the result, with their source and the cut-off's kind.
    expect(r.parameters).toMatchObject({ sd: 5.62, reliability: 0.89, reliabilityKind: 'cronbach_alpha' });
    expect(r.parameters.source).toMatch(/Stoppelbein 2012.*Gardner 1999/);
    expect(r.cutoff).toMatchObject({ value: 15, kind: 'screening' });
  });

  it.each([
    ['internalizing', 2.17],
    ['attention', 2.78],
    ['externalizing', 3.18],
  ])('subscale %s threshold %f', (sub, threshold) => {
    const preset = CHANGE_PARAMETERS.psc17!.scores[sub]!.presets[0]!;
    expect(round(reliableChangeThreshold(preset.sd, preset.reliability), 2)).toBe(threshold);
  });
});

describe('RCI parameter table: GAD-7 (Löwe 2008)', () => {
  it.each([
    ['general_population_women', 3.22],
    ['general_population_men', 2.94],
  ])('%s threshold %f', (preset, threshold) => {
    expect(round(reliableChangeFor('gad7', 'total', preset, 10, 10)!.reliableChangeThreshold, 2)).toBe(threshold);
  });
});

describe('worked example 3: cut-offs with Dyadic Adjustment Scale norms (higher = better)', () => {
  it('a = 118.3, b = 79.2, c = 95.93', () => {
    const { a, b, c } = clinicalSignificanceCutoffs({ mean: 70.7, sd: 23.8 }, { mean: 114.8, sd: 17.8 }, 'higher_is_better');
    expect(round(a, 1)).toBe(118.3);
    expect(round(b, 1)).toBe(79.2);
    expect(round(c, 2)).toBe(95.93);
  });

  it('flips a and b when lower is better; c is the same formula', () => {
    const { a, b, c } = clinicalSignificanceCutoffs({ mean: 20, sd: 5 }, { mean: 6, sd: 4 }, 'lower_is_better');
    expect(a).toBe(10);
    expect(b).toBe(14);
    expect(round(c, 4)).toBe(round((5 * 6 + 4 * 20) / 9, 4));
  });
});

describe('categories: recovered / improved / unchanged / deteriorated', () => {
  const psc = (pre: number, post: number) => reliableChangeFor('psc17', 'total', 'stoppelbein_2012', pre, post)!;

  it.each([
    [20, 12, 'recovered'],
    [26, 20, 'improved'], // reliable, still at or above 15
    [14, 8, 'improved'], // reliable, but never in the dysfunctional range
    [20, 15, 'unchanged'], // 5 points: RC −1.90
    [20, 14, 'recovered'], // 6 points: RC −2.28, below 15
    [12, 17, 'unchanged'],
    [12, 18, 'deteriorated'],
    [8, 30, 'deteriorated'],
    [15, 15, 'unchanged'],
  ])('PSC-17 %i → %i: %s', (pre, post, category) => {
    expect(psc(pre, post).category).toBe(category);
  });

  it('|RC| must exceed 1.96: just below is unchanged, just above is reliable', () => {
    // SD 1, r .5 ⇒ Sdiff ≈ 1, so the raw change ≈ RC.
    const at = (post: number) => reliableChange({ pre: 0, post, direction: 'lower_is_better', parameters: params(1, 0.5), cutoff: null });
    expect(at(-1.95)).toMatchObject({ reliable: false, category: 'unchanged' });
    expect(at(-1.97)).toMatchObject({ reliable: true, category: 'improved' });
    expect(at(1.97)).toMatchObject({ reliable: true, category: 'deteriorated' });
  });

  it('higher-is-better instruments improve upwards (WHO-5 raw, cut-off 13)', () => {
    const who = (pre: number, post: number) =>
      reliableChange({ pre, post, direction: 'higher_is_better', parameters: params(4, 0.8), cutoff: CHANGE_PARAMETERS.who5!.scores.total!.cutoff });
    expect(who(8, 16)).toMatchObject({ preDysfunctional: true, postDysfunctional: false, category: 'recovered' });
    expect(who(8, 12)).toMatchObject({ category: 'unchanged' });
    expect(who(2, 10)).toMatchObject({ category: 'improved' });
    expect(who(20, 10)).toMatchObject({ category: 'deteriorated' });
    expect(who(12, 13).postDysfunctional).toBe(false);
  });

  it('without a cut-off nobody is "recovered"', () => {
    const r = reliableChange({ pre: 20, post: 2, direction: 'lower_is_better', parameters: params(5, 0.9), cutoff: null });
    expect(r).toMatchObject({ category: 'improved', preDysfunctional: null, postDysfunctional: null, cutoff: null });
  });
});

describe('parameters', () => {
  it('has no preset where measures.md has no SD (PHQ-9, SMFQ), but keeps the direction and published alternatives', () => {
    expect(reliableChangeFor('phq9', 'total', 'any', 20, 10)).toBeUndefined();
    expect(reliableChangeFor('smfq_child', 'total', 'any', 20, 10)).toBeUndefined();
    expect(reliableChangeFor('unknown', 'total', 'any', 20, 10)).toBeUndefined();
    expect(CHANGE_PARAMETERS.phq9!.direction).toBe('lower_is_better');
    expect(CHANGE_PARAMETERS.phq9!.scores.total!.publishedAlternatives.join(' ')).toMatch(/6 or more points/);
    expect(CHANGE_PARAMETERS.who5!.direction).toBe('higher_is_better');
  });

  it('computes a PHQ-9 RCI from an SD the program supplies, and returns it', () => {
    const r = reliableChange({
      pre: 18,
      post: 9,
      direction: CHANGE_PARAMETERS.phq9!.direction,
      parameters: { sd: 5, reliability: 0.89, reliabilityKind: 'cronbach_alpha', source: 'program intake sample, n=212' },
      cutoff: CHANGE_PARAMETERS.phq9!.scores.total!.cutoff,
    });
    expect(r.category).toBe('recovered');
    expect(r.parameters.source).toBe('program intake sample, n=212');
    expect(r.method).toMatch(/Jacobson & Truax/);
  });

  it.each([
    ['reliability 1', params(5, 1)],
    ['negative reliability', params(5, -0.1)],
    ['SD 0', params(0, 0.8)],
  ])('refuses %s', (_why, p) => {
    expect(() => reliableChange({ pre: 1, post: 2, direction: 'lower_is_better', parameters: p, cutoff: null })).toThrow();
  });

  it('states the integer threshold strictly above an exact whole threshold', () => {
    expect(reliableChangeFor('psc17', 'total', 'stoppelbein_2012', 0, 0)!.minimumReliableIntegerChange).toBe(6);
    const ldq = reliableChange({ pre: 0, post: 0, direction: 'lower_is_better', parameters: params(7.6, 0.95), cutoff: null });
    expect(ldq.minimumReliableIntegerChange).toBe(5);
  });
});
