import { describe, expect, it } from 'vitest';
import { LICENSED_SCORE_ENTRY_INSTRUMENTS, evaluateScoreEntry, scoreEntryInputSchemaFor, ZScoreEntryRecord } from './licensed-instruments.ts';

const def = (id: string) => LICENSED_SCORE_ENTRY_INSTRUMENTS.find((d) => d.id === id)!;

describe('score entry for licensed instruments (items never embedded)', () => {
  it('records a total with the date; who entered it comes with the stored record', () => {
    const input = scoreEntryInputSchemaFor(def('sdq_parent'));
    expect(input.parse({ administeredOn: '2026-03-02', scores: { total_difficulties: 17, emotional: 4 } })).toEqual({
      administeredOn: '2026-03-02',
      scores: { total_difficulties: 17, emotional: 4 },
    });
    expect(input.safeParse({ administeredOn: '2026-02-30', scores: { total_difficulties: 17 } }).success).toBe(false);
    expect(input.safeParse({ scores: { total_difficulties: 17 } }).success).toBe(false);
    expect(
      ZScoreEntryRecord.safeParse({
        instrumentId: 'sdq_parent',
        instrumentVersion: 1,
        administeredOn: '2026-03-02',
        enteredByUserId: '0e8d2a4e-8a5b-4c9e-9a3c-6f1a2b3c4d5e',
        enteredAt: '2026-03-02T15:04:05Z',
        scores: { total_difficulties: 17 },
      }).success,
    ).toBe(true);
  });

  describe('SDQ teacher bands (sdqinfo 4-band, measures.md §10)', () => {
    it.each([
      [0, 'close_to_average'],
      [11, 'close_to_average'],
      [12, 'slightly_raised'],
      [15, 'slightly_raised'],
      [16, 'high'],
      [18, 'high'],
      [19, 'very_high'],
      [40, 'very_high'],
    ])('total %i → %s', (total, band) => {
      const r = evaluateScoreEntry(def('sdq_teacher'), { total_difficulties: total });
      expect(r).toMatchObject({ valid: true, total, band: { id: band }, flags: [] });
    });

    it('parent and self-report have no verified bands', () => {
      expect(evaluateScoreEntry(def('sdq_parent'), { total_difficulties: 30 }).band).toBeNull();
      expect(evaluateScoreEntry(def('sdq_self'), { total_difficulties: 30 }).band).toBeNull();
    });

    it('reports the optional subscale scores it was given', () => {
      const r = evaluateScoreEntry(def('sdq_parent'), { total_difficulties: 12, emotional: 5, prosocial: 9 });
      expect(r.subscales.emotional).toEqual({ score: 5, band: null });
      expect(r.subscales.conduct).toEqual({ score: null, band: null });
    });
  });

  describe('RCADS-25 T-score bands (measures.md §9: ≥65 borderline, ≥70 clinical)', () => {
    it.each([
      [64, 'normal_range'],
      [65, 'borderline_clinical'],
      [69, 'borderline_clinical'],
      [70, 'clinical'],
      [80, 'clinical'],
    ])('total T %i → %s', (t, band) => {
      const r = evaluateScoreEntry(def('rcads25_youth'), { total_raw: 40, total_t: t, depression_t: t });
      expect(r).toMatchObject({ valid: true, total: 40, band: { id: band } });
      expect(r.subscales.depression_t?.band?.id).toBe(band);
    });

    it('no band without the T-score; raw is required', () => {
      expect(evaluateScoreEntry(def('rcads25_parent'), { total_raw: 40 })).toMatchObject({ valid: true, band: null });
      expect(evaluateScoreEntry(def('rcads25_parent'), { total_t: 70 }).invalidReasons.map((r) => r.code)).toEqual(['missing_items']);
      expect(evaluateScoreEntry(def('rcads25_youth'), { total_raw: 40, total_t: 81 }).valid).toBe(false);
    });
  });

  describe('C-SSRS screener: triage result, no total (measures.md §8, §15)', () => {
    it.each([
      ['negative', null],
      ['low', 'non_acute'],
      ['moderate', 'non_acute'],
      ['high', 'acute'],
    ])('%s → alert %s', (risk, severity) => {
      const r = evaluateScoreEntry(def('cssrs_screener'), { form_version: 'recent', risk_level: risk });
      expect(r).toMatchObject({ valid: true, total: null, band: { id: risk } });
      if (severity == null) expect(r.flags).toEqual([]);
      else expect(r.flags).toEqual([expect.objectContaining({ type: 'safety', severity, itemIds: ['risk_level'] })]);
    });

    it('a high-risk result alerts even when another field is wrong', () => {
      const r = evaluateScoreEntry(def('cssrs_screener'), { form_version: 'yesterday', risk_level: 'high' });
      expect(r.valid).toBe(false);
      expect(r.flags.map((f) => f.severity)).toEqual(['acute']);
    });
  });

  it('refuses out-of-range, off-step, unknown and missing values', () => {
    const codes = (id: string, scores: Record<string, number | string | null>) =>
      evaluateScoreEntry(def(id), scores).invalidReasons.map((r) => r.code);
    expect(codes('sdq_parent', { total_difficulties: 41 })).toEqual(['value_not_allowed']);
    expect(codes('sdq_parent', { total_difficulties: 12.5 })).toEqual(['value_not_allowed']);
    expect(codes('sdq_parent', { total_difficulties: 12, hyperactivity: -1 })).toEqual(['value_not_allowed']);
    expect(codes('sdq_parent', { total_difficulties: 12, item_1: 2 })).toEqual(['unknown_item']);
    expect(codes('sdq_parent', { total_difficulties: null })).toEqual(['missing_items']);
    expect(codes('swemwbs', { metric_score: 20.01 })).toEqual([]);
    expect(codes('swemwbs', { metric_score: 20.005 })).toEqual(['value_not_allowed']);
    expect(codes('ors', { total: 31.4 })).toEqual([]);
    expect(codes('ors', { total: 40.1 })).toEqual(['value_not_allowed']);
    expect(evaluateScoreEntry(def('sdq_parent'), { total_difficulties: 41 })).toMatchObject({ total: null, band: null });
  });

  it('BPM records the Total Problems T-score with no band', () => {
    expect(evaluateScoreEntry(def('bpm_parent'), { total_problems_t: 67, internalizing_t: 70 })).toMatchObject({
      valid: true,
      total: 67,
      band: null,
      subscales: { internalizing_t: { score: 70, band: null } },
    });
  });
});
