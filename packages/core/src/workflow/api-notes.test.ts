import { describe, expect, it } from 'vitest';
import { inReviewSample, skillLibrary, ZCreateContact, ZReviewNote } from './api-notes.ts';
import { EBP_SKILLS } from './enums.ts';

describe('notes schemas and helpers', () => {
  it('the skills library has a guide of two to four sentences for each of the ten skills', () => {
    const lib = skillLibrary();
    expect(lib.map((s) => s.skill)).toEqual([...EBP_SKILLS]);
    for (const s of lib) {
      const n = s.guide.split(/(?<=[.!?])\s+/).length;
      expect(n, s.skill).toBeGreaterThanOrEqual(2);
      expect(n, s.skill).toBeLessThanOrEqual(4);
    }
  });

  it.each([
    [{ action: 'approve' }, []],
    [{ action: 'return' }, ['comment']],
    [{ action: 'return', comment: '  ' }, ['comment']],
    [{ action: 'cosign', password: 'x' }, ['attestation']],
    [{ action: 'cosign', attestation: 'Reviewed' }, ['password']],
    [{ action: 'cosign', attestation: 'Reviewed', password: 'x' }, []],
  ])('review %j needs %j', (body, missing) => {
    const r = ZReviewNote.safeParse(body);
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual(missing);
  });

  it.each([
    [{ date: '2026-03-02', startTime: '15:00', endTime: '16:00' }, []],
    [{ date: '2026-03-02', startTime: '15:00', endTime: '15:00' }, ['endTime']],
    [{ date: '2026-03-02', startTime: '24:00', endTime: '16:00' }, ['startTime']],
    [{ kind: 'collateral', date: '2026-03-02', startTime: '15:00', endTime: '16:00' }, ['collateralWith']],
    [{ date: '2026-03-02', startTime: '15:00', endTime: '16:00', repeatWeeklyUntil: '2026-03-01' }, ['repeatWeeklyUntil']],
    [
      { date: '2026-03-02', startTime: '15:00', endTime: '16:00', repeatWeeklyUntil: '2026-04-01', plan: 'x' },
      ['repeatWeeklyUntil'],
    ],
  ])('contact %j refuses %j', (body, fields) => {
    const r = ZCreateContact.safeParse(body);
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual(fields);
  });

  it('samples deterministically: 0 never, 100 always, the same id always the same way', () => {
    const id = '3f1e9a7c-2b4d-4c6e-8f00-1234567890ab';
    expect(inReviewSample(id, 100)).toBe(true);
    expect(inReviewSample(id, 0)).toBe(false);
    expect(inReviewSample(id, 37)).toBe(inReviewSample(id, 37));
    // Monotone in the percentage: a note in a 20% sample is in every larger sample.
    const ids = Array.from({ length: 200 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    for (const x of ids) if (inReviewSample(x, 20)) expect(inReviewSample(x, 50)).toBe(true);
  });
});
