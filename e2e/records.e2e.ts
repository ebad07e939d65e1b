import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectNoPageErrors, launch, openPage, scanA11y, screenshot, signIn } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

test('the org admin creates a youth, manages guardians and contacts, deactivates, exports and deletes it', async () => {
  const { context, page } = await openPage(browser);
  try {
    await signIn(page, 'admin');
    await page.goto('/youth');
    await page.getByRole('link', { name: 'New youth' }).click();
    await page.getByRole('heading', { level: 1, name: 'New youth' }).waitFor();
    await scanA11y(page, 'new youth form');

    // Submitting an empty form names each missing field, next to the field.
    await page.getByRole('button', { name: 'Create youth record' }).click();
    await page.getByRole('alert').filter({ hasText: 'Please correct' }).waitFor();
    const firstName = page.getByLabel('Legal first name');
    expect(await firstName.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await firstName.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`#${describedBy.split(' ').at(-1)}`).textContent()).toContain('Enter this information');
    await scanA11y(page, 'new youth form with errors');

    const suffix = String(Date.now() % 100_000);
    await firstName.fill('Valentina');
    await page.getByLabel('Last name').fill(`Testcase${suffix}`);
    await page.getByLabel('Preferred name').fill('Val');
    await page.getByLabel('Pronouns').fill('she/her');
    await page.getByLabel('Date of birth').fill('2011-04-03');
    await page.getByLabel('Asian').check();
    await page.getByLabel('White').check();
    await page.getByLabel('Hispanic or Latino', { exact: true }).check();
    await page.getByLabel('Primary language').fill('Spanish');
    await page.getByLabel('Needs an interpreter').check();
    await page.getByLabel('Program').selectOption({ label: 'Community Mentoring' });
    await page.getByRole('button', { name: 'Create youth record' }).click();

    await page.getByRole('heading', { level: 1, name: `Val Testcase${suffix}` }).waitFor();
    await page.getByText('The youth record was created.').waitFor();
    await page.getByText(`Legal name: Valentina Testcase${suffix}`).waitFor();
    await page.getByText('Interpreter needed (Spanish)').waitFor();
    // The date of birth is the day entered, not shifted by the time zone.
    await page.getByText('born April 3, 2011').waitFor();
    await scanA11y(page, 'new youth profile');

    // Guardians: add, edit, and the edit keeps the other fields.
    await page.getByRole('button', { name: 'Add guardian' }).click();
    const guardianForm = page.getByRole('form', { name: 'Add a guardian' });
    await guardianForm.waitFor();
    await guardianForm.getByLabel('First name').fill('Lucia');
    await guardianForm.getByLabel('Last name').fill(`Testcase${suffix}`);
    await guardianForm.getByLabel('Relationship to the youth').fill('Grandmother');
    await guardianForm.getByLabel('Legal authority').selectOption('guardian');
    await guardianForm.getByLabel('Email').fill('not-an-email');
    await guardianForm.getByRole('button', { name: 'Add guardian' }).click();
    await guardianForm.getByText('Enter a valid email address').waitFor();
    await scanA11y(page, 'guardian form with an error');
    await guardianForm.getByLabel('Email').fill('');
    await guardianForm.getByLabel('Lives with the youth').uncheck();
    await guardianForm.getByRole('button', { name: 'Add guardian' }).click();
    await page.getByText('The guardian was added.').waitFor();
    const guardian = page.locator('section[aria-labelledby="guardians-heading"] li', { hasText: 'Lucia' });
    await guardian.getByText('Legal guardian').waitFor();
    await guardian.getByRole('button', { name: `Edit Lucia Testcase${suffix}` }).click();
    const editGuardian = page.getByRole('form', { name: 'Edit guardian' });
    await editGuardian.getByLabel('Phone').fill('617-555-0199');
    await editGuardian.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('The guardian\'s details were saved.').waitFor();
    await guardian.getByText('617-555-0199').waitFor();
    expect(await guardian.locator('div', { hasText: 'Lives with the youth' }).last().textContent()).toContain('No');
    await scanA11y(page, 'guardian saved');

    // Emergency contacts: add, then remove after confirming.
    await page.getByRole('button', { name: 'Add emergency contact' }).click();
    const contactForm = page.getByRole('form', { name: 'Add an emergency contact' });
    await contactForm.getByLabel('Name').fill('Tomas Reyes');
    await contactForm.getByLabel('Relationship').fill('Uncle');
    await contactForm.getByLabel('Phone').fill('617-555-0142');
    await contactForm.getByRole('button', { name: 'Add contact' }).click();
    await page.getByText('The emergency contact was added.').waitFor();
    await page.getByRole('button', { name: 'Remove Tomas Reyes' }).click();
    await page.getByText('Remove Tomas Reyes from the emergency contacts?').waitFor();
    await scanA11y(page, 'confirm removing a contact');
    await page
      .locator('section[aria-labelledby="contacts-heading"]')
      .getByRole('button', { name: 'Remove', exact: true })
      .click();
    await page.getByText('The emergency contact was removed.').waitFor();
    await page.getByText('No emergency contacts recorded.').waitFor();

    // Deactivate, then reactivate.
    await page.getByRole('button', { name: 'Deactivate', exact: true }).click();
    await page.getByText(`Deactivate the record of Val Testcase${suffix}?`).waitFor();
    await page.locator('.confirm').getByRole('button', { name: 'Deactivate' }).click();
    await page.getByText('The record was deactivated.').waitFor();
    await page.locator('.identity-line').getByText('Inactive').waitFor();
    await page.getByRole('button', { name: 'Reactivate' }).click();
    await page.getByText('The record was reactivated.').waitFor();
    await page.locator('.identity-line').getByText('Active').waitFor();

    // Deleting before an export is refused with an explanation.
    await page.getByRole('button', { name: 'Delete this record…' }).click();
    await page.getByLabel(/I have exported the record/).check();
    await page.getByRole('button', { name: 'Delete permanently' }).click();
    await page.getByRole('alert').filter({ hasText: 'Export the record first' }).waitFor();
    await scanA11y(page, 'delete refused before export');

    // Export downloads the whole record as JSON.
    const youthId = new URL(page.url()).pathname.split('/').at(-1)!;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download JSON' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^youth-${youthId}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    const exported = await readFile((await download.path())!, 'utf8');
    expect(exported).toContain(youthId);
    expect(exported).toContain(`Testcase${suffix}`);
    await page.getByText(/^Exported on/).waitFor();
    await screenshot(page, 'desktop-record-actions');

    // Now the delete goes through and the list says so.
    await page.getByRole('button', { name: 'Delete permanently' }).click();
    await page.waitForURL('**/youth');
    await page.getByText(`The record of Val Testcase${suffix} was deleted.`).waitFor();
    await scanA11y(page, 'youth list after delete');
    const gone = await page.request.get(`/api/v1/youth/${youthId}`);
    expect(gone.status()).toBe(404);
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('a create retried after its answer was lost makes one record (same id, same Idempotency-Key)', async () => {
  const { context, page } = await openPage(browser);
  try {
    await signIn(page, 'admin');
    await page.goto('/youth/new');
    const lastName = `Retry${Date.now() % 100_000}`;
    await page.getByLabel('Legal first name').fill('Rafael');
    await page.getByLabel('Last name').fill(lastName);
    await page.getByLabel('Date of birth').fill('2012-12-31');
    await page.getByLabel('Program').selectOption({ label: 'Therapeutic Mentoring (CBHI)' });

    // The first POST reaches the server, but its answer never comes back (a phone losing signal).
    const posts: { key: string | undefined; id: string }[] = [];
    let loseAnswer = true;
    await page.route('**/api/v1/youth', async (route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.continue();
      posts.push({ key: request.headers()['idempotency-key'], id: (request.postDataJSON() as { id: string }).id });
      if (!loseAnswer) return route.continue();
      loseAnswer = false;
      await route.fetch();
      return route.abort('connectionreset');
    });
    await page.getByRole('button', { name: 'Create youth record' }).click();
    await page.getByRole('alert').filter({ hasText: 'Could not reach Mentorbridge' }).waitFor();
    await scanA11y(page, 'new youth, connection lost');
    await page.getByRole('button', { name: 'Create youth record' }).click();
    await page.getByRole('heading', { level: 1, name: `Rafael ${lastName}` }).waitFor();

    expect(posts).toHaveLength(2);
    expect(posts[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(posts[1]!.key).toBe(posts[0]!.key);
    expect(posts[1]!.id).toBe(posts[0]!.id);
    expect(new URL(page.url()).pathname).toBe(`/youth/${posts[0]!.id}`);
    const found = (await (await page.request.get(`/api/v1/youth?q=${lastName}`)).json()) as { total: number };
    expect(found.total).toBe(1);
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('staff profiles: an expired licence is flagged in words wherever it shows', async () => {
  const { context, page } = await openPage(browser);
  try {
    await signIn(page, 'admin');
    await page.goto('/staff');
    const row = page.locator('table tbody tr', { hasText: 'Dr. Jordan Lee' });
    await row.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /Dr\. Jordan Lee/ }).waitFor();
    await page.getByRole('button', { name: 'Edit profile' }).click();
    const expiry = page.getByLabel('Licence expires on');
    const previous = await expiry.inputValue();
    await page.getByLabel('Licence state').fill('M1');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Use the two-letter state code').waitFor();
    await scanA11y(page, 'staff form with an error');
    await page.getByLabel('Licence state').fill('MA');
    await page.getByLabel('Licence type').fill('LMHC');
    await expiry.fill('2020-01-31');
    await page.getByLabel('Caseload capacity').fill('3');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('The profile was saved.').waitFor();
    await page.getByText('Licence expired', { exact: true }).first().waitFor();
    await scanA11y(page, 'staff profile with expired licence');

    await page.getByRole('link', { name: 'Back to the staff list' }).click();
    await page
      .locator('table tbody tr', { hasText: 'Dr. Jordan Lee' })
      .getByText('Licence expired on Jan 31, 2020')
      .waitFor();
    await scanA11y(page, 'staff list with expired licence');
    await screenshot(page, 'desktop-staff-list');

    // Put the expiry back.
    await page.locator('table tbody tr', { hasText: 'Dr. Jordan Lee' }).getByRole('link').click();
    await page.getByRole('button', { name: 'Edit profile' }).click();
    await page.getByLabel('Licence expires on').fill(previous);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('The profile was saved.').waitFor();
  } finally {
    await context.close();
  }
});

test('members: the org admin invites someone, and an invitation link that does not exist is explained', async () => {
  const { context, page } = await openPage(browser);
  try {
    await signIn(page, 'admin');
    await page.getByRole('link', { name: 'Members' }).click();
    await page.getByRole('heading', { level: 2, name: 'Invite someone' }).waitFor();
    const email = `new.mentor.${Date.now() % 100_000}@example.org`;
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.locator('#invite-email-error').waitFor();
    await page.locator('#invite-email').fill(email);
    await page.locator('#invite-name').fill('Drew Newcomer');
    await page.locator('#invite-role').selectOption('mentor');
    await page.locator('#invite-programId').selectOption({ label: 'Therapeutic Mentoring (CBHI)' });
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText(`An invitation was sent to ${email}.`).waitFor();
    await page.locator('section[aria-labelledby="invitations-heading"] tr', { hasText: email }).waitFor();
    await scanA11y(page, 'members after inviting');
    await screenshot(page, 'desktop-members');
  } finally {
    await context.close();
  }

  const visitor = await openPage(browser);
  try {
    await visitor.page.goto('/invite?token=this-token-does-not-exist-0123456789');
    await visitor.page.getByRole('heading', { level: 1, name: 'Accept your invitation' }).waitFor();
    await visitor.page.getByText('This invitation link is not valid').waitFor();
    await scanA11y(visitor.page, 'invitation with an unknown token');
    // In Spanish, and the page's language follows.
    await visitor.page.getByLabel('Language').selectOption('es');
    await visitor.page.getByRole('heading', { level: 1, name: 'Aceptar su invitación' }).waitFor();
    expect(await visitor.page.getAttribute('html', 'lang')).toBe('es');
    await scanA11y(visitor.page, 'invitation in Spanish');
    await visitor.page.getByRole('link', { name: /Inicie sesión/ }).click();
    await visitor.page.getByRole('heading', { level: 1, name: 'Iniciar sesión en Mentorbridge' }).waitFor();
    await scanA11y(visitor.page, 'sign-in in Spanish');
    await screenshot(visitor.page, 'desktop-sign-in-es');
  } finally {
    await visitor.context.close();
  }
});
