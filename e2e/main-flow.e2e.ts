import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  account,
  expectNoPageErrors,
  launch,
  openPage,
  recordApiCalls,
  scanA11y,
  screenshot,
  signIn,
  signOut,
} from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

test('a supervisor edits a youth record, and the org admin sees the edit in the audit viewer', async () => {
  const { context, page } = await openPage(browser);
  try {
    // No session: the app sends the visitor to sign-in, without an "inactivity" message.
    await page.goto('/');
    await page.waitForURL('**/sign-in**');
    expect(await page.getByText('signed out after a period of inactivity').count()).toBe(0);
    const calls = recordApiCalls(page);
    await signIn(page, 'supervisor1', { scan: true });

    // A supervisor lands on their team view; the youth list is one step away.
    await page.getByRole('heading', { level: 1, name: 'My team' }).waitFor();
    await page.goto('/youth');
    await page.getByRole('heading', { level: 1, name: 'Youth' }).waitFor();
    const firstLink = page.locator('table tbody tr').first().getByRole('link');
    await firstLink.waitFor();
    await scanA11y(page, 'youth list');
    await screenshot(page, 'desktop-youth-list');

    // Find a youth by searching for their last name.
    const name = (await firstLink.textContent())!.trim();
    const lastName = name.split(' ').at(-1)!;
    await page.getByLabel('Search by name').fill(lastName);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(`**/youth?q=${encodeURIComponent(lastName)}`);
    const match = page.locator('table tbody').getByRole('link', { name, exact: true });
    await match.waitFor();
    await scanA11y(page, 'youth search results');
    await match.click();

    await page.getByRole('heading', { level: 1, name }).waitFor();
    const youthId = new URL(page.url()).pathname.split('/').at(-1)!;
    await page.getByRole('heading', { level: 2, name: 'Guardians' }).waitFor();
    await page.locator('section[aria-labelledby="guardians-heading"] li').first().waitFor();
    await scanA11y(page, 'youth profile');

    // The date of birth shows as the same calendar day as stored, in a time zone west of UTC.
    type Youth = Record<string, unknown> & { dateOfBirth: string };
    const youth = (await (await page.request.get(`/api/v1/youth/${youthId}`)).json()) as Youth;
    const dob = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${youth.dateOfBirth}T00:00:00Z`),
    );
    await page.locator('dd', { hasText: dob }).first().waitFor();

    // Edit one field and save.
    await page.getByRole('button', { name: 'Edit details' }).click();
    const school = page.getByLabel('School', { exact: true });
    await school.waitFor();
    await scanA11y(page, 'youth edit form');
    const newSchool = `Harbor Middle School ${Date.now() % 100_000}`;
    await school.fill(newSchool);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Your changes were saved.').waitFor();
    await page.locator('dd', { hasText: newSchool }).waitFor();
    // Only the school changed: nothing else was reset by the save.
    const after = (await (await page.request.get(`/api/v1/youth/${youthId}`)).json()) as Youth;
    for (const key of Object.keys(youth)) {
      if (['school', 'version', 'updatedAt'].includes(key)) continue;
      expect(after[key], `field ${key} after saving the school`).toEqual(youth[key]);
    }
    expect(after.school).toBe(newSchool);
    await scanA11y(page, 'youth profile after save');
    await screenshot(page, 'desktop-youth-profile');

    // Every call names the organization (after the first /me, which learns it), and every change carries the
    // CSRF header.
    const me = (await (await page.request.get('/api/v1/me')).json()) as { activeOrganizationId: string };
    const named = calls.filter((c) => c.path !== '/api/v1/me');
    expect(named.length).toBeGreaterThan(3);
    for (const c of named)
      expect(c.headers['x-organization-id'], `${c.method} ${c.path}`).toBe(me.activeOrganizationId);
    for (const c of calls.filter((c) => c.method !== 'GET')) expect(c.headers['x-requested-with']).toBe('mentorbridge');
    expect(calls.some((c) => c.method === 'PATCH')).toBe(true);
    expectNoPageErrors(page);

    await signOut(page);
    await page.getByText('You have signed out.').waitFor();
    await scanA11y(page, 'signed out');

    // The org admin finds the edit in the audit viewer.
    await signIn(page, 'admin');
    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit' }).waitFor();
    await page.getByText(/The audit trail is intact/).waitFor();
    await page.getByLabel('Youth id').fill(youthId);
    await page.getByLabel('Action', { exact: true }).fill('youth.updated');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const row = page
      .locator('table tbody tr')
      .filter({ hasText: 'youth.updated' })
      .filter({ hasText: account('supervisor1').name });
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain('school');
    await scanA11y(page, 'audit viewer');
    await screenshot(page, 'desktop-audit');

    // "Who opened this record" on the profile lists the supervisor.
    await page.goto(`/youth/${youthId}`);
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('#access-log-body tbody tr', { hasText: account('supervisor1').name }).waitFor();
    await scanA11y(page, 'youth profile as admin, access log open');
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('the org admin reaches staff, members and account pages', async () => {
  const { context, page } = await openPage(browser);
  try {
    await signIn(page, 'admin');
    await page.getByRole('link', { name: 'Staff' }).click();
    await page.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();
    await page.locator('table tbody tr').first().waitFor();
    await scanA11y(page, 'staff list');
    await page.locator('table tbody tr').first().getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: 'Staff profile' }).waitFor();
    await scanA11y(page, 'staff profile');

    await page.getByRole('link', { name: 'Members' }).click();
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    await page.locator('table tbody tr').first().waitFor();
    await scanA11y(page, 'members');

    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.getByText('Two-factor sign-in is on.').waitFor();
    await scanA11y(page, 'account');
  } finally {
    await context.close();
  }
});
