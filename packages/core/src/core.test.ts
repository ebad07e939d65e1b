import { describe, expect, it } from 'vitest';
import { ageOn, calendarDate, isLicenceExpired } from './licence.ts';
import { ZCreateYouth, ZUpdateStaffProfile } from './people.ts';

describe('isLicenceExpired', () => {
  it.each([
    [null, '2026-11-23', false],
    ['2026-11-24', '2026-11-23', false],
    ['2026-11-23', '2026-11-23', false],
    ['2026-11-22', '2026-11-23', true],
    ['2019-01-01', '2026-11-23', true],
  ])('expires %s, today %s → %s', (expiresOn, today, expired) => {
    expect(isLicenceExpired(expiresOn, today)).toBe(expired);
  });
});

describe('ageOn', () => {
  it.each([
    ['2008-11-23', '2026-11-23', 18],
    ['2008-11-24', '2026-11-23', 17],
    ['2005-11-23', '2026-11-22', 20],
    ['2005-11-23', '2026-11-23', 21],
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
  ])('born %s, on %s → %i', (dob, on, age) => {
    expect(ageOn(dob, on)).toBe(age);
  });
});

describe('calendarDate', () => {
  it('is the date in the organization time zone, not UTC', () => {
    const lateEvening = new Date('2026-11-24T03:30:00Z');
    expect(calendarDate(lateEvening, 'America/New_York')).toBe('2026-11-23');
    expect(calendarDate(lateEvening, 'UTC')).toBe('2026-11-24');
  });
});

describe('schemas', () => {
  it('normalises empty optional text to null and defaults demographic fields', () => {
    const parsed = ZCreateYouth.parse({
      programId: '7d1f3b0e-2f0a-4b8e-9a51-3e0c7f1c2a10',
      firstName: ' Ana ',
      lastName: 'Lopez',
      dateOfBirth: '2012-05-01',
      preferredName: '',
    });
    expect(parsed).toMatchObject({
      firstName: 'Ana',
      preferredName: null,
      races: [],
      ethnicity: 'unknown',
      interpreterNeeded: false,
    });
  });

  it('rejects impossible dates and unknown race categories', () => {
    const r = ZCreateYouth.safeParse({
      programId: '7d1f3b0e-2f0a-4b8e-9a51-3e0c7f1c2a10',
      firstName: 'Ana',
      lastName: 'Lopez',
      dateOfBirth: '2012-02-30',
      races: ['other'],
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['dateOfBirth', 'races.0']);
  });

  it('wants a two-letter licence state', () => {
    expect(ZUpdateStaffProfile.safeParse({ version: 1, licenceState: 'MA' }).success).toBe(true);
    expect(ZUpdateStaffProfile.safeParse({ version: 1, licenceState: 'Mass' }).success).toBe(false);
  });
});

describe('update schemas', () => {
  it('leave out what the client did not send instead of filling in defaults', async () => {
    const { ZUpdateYouth, ZUpdateGuardian } = await import('./people.ts');
    expect(ZUpdateYouth.parse({ version: 3, school: 'Eastside' })).toEqual({ version: 3, school: 'Eastside' });
    expect(ZUpdateGuardian.parse({ version: 1, phone: '617-555-0100' })).toEqual({ version: 1, phone: '617-555-0100' });
  });
});
