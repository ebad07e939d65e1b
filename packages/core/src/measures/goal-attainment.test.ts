import { describe, expect, it } from 'vitest';
import { gasTScore } from './goal-attainment.ts';

const t = (attainments: number[], weights?: number[], rho?: number) =>
  gasTScore({ goals: attainments.map((attainment, i) => ({ attainment, weight: weights?.[i] })), rho });

// measures.md §17 worked examples are the test vectors (rounded to 2 decimals as stated).
describe('GAS T-score (Kiresuk–Sherman, ρ = 0.3, Turner-Stokes 2009 erratum)', () => {
  it('example 1 (gasr): x = (−2, 0, −1, 2, 0, 1), w = (3, 5, 1, 4, 2, 6) → 55.00', () => {
    const r = t([-2, 0, -1, 2, 0, 1], [3, 5, 1, 4, 2, 6]);
    expect(r.weightedSum).toBe(7);
    expect(r.denominator).toBeCloseTo(14, 12);
    expect(r.tScore.toFixed(2)).toBe('55.00');
    expect(r.rho).toBe(0.3);
  });

  it.each([
    [[-1, -1, -1], '36.31'],
    [[0, 0, 0], '50.00'],
    [[2, 2, 2], '77.39'],
    [[-2, -2, -2], '22.61'],
    [[1, 1, 0], '59.13'],
  ])('unweighted %j → %s', (x, expected) => {
    expect(t(x).tScore.toFixed(2)).toBe(expected);
  });

  it('example 2 denominator: √4.8 = 2.1909', () => {
    expect(t([-1, -1, -1]).denominator.toFixed(4)).toBe('2.1909');
  });

  it('one goal at +2 → 70 whatever ρ', () => {
    expect(t([2]).tScore).toBeCloseTo(70, 12);
    expect(t([2], undefined, 0).tScore).toBeCloseTo(70, 12);
  });

  it('uses the ρ given', () => {
    expect(t([1, 1], undefined, 0).tScore).toBeCloseTo(50 + 20 / Math.SQRT2, 12);
  });

  it.each([
    ['no goals', { goals: [] }],
    ['attainment 3', { goals: [{ attainment: 3 }] }],
    ['fractional attainment', { goals: [{ attainment: 0.5 }] }],
    ['zero weight', { goals: [{ attainment: 1, weight: 0 }] }],
    ['ρ of 1', { goals: [{ attainment: 1 }], rho: 1 }],
  ])('refuses %s', (_why, input) => {
    expect(() => gasTScore(input)).toThrow();
  });
});
