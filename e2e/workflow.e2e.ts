import { retentionDate } from '@mentorbridge/core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, onTestFailed, test } from 'vitest';
import {
  account,
  expectNoHorizontalScroll,
  expectNoPageErrors,
  launch,
  openPage,
  PHONE,
  scanA11y,
  screenshot,
  signIn,
} from './helpers.ts';

/**
 * Issue 4, "done when" 1: the whole therapeutic mentoring path through the real screens, one role at a time —
 * hub referral → screening and admission → guardian agreement → match → goal from the hub plan → a session note
 * signed on a phone → returned by the supervisor → revised and re-signed → co-signed → discharge.
 */

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
});

const pages = new Map<string, Page>();
const open = async (role: string, viewport?: typeof PHONE) => {
  const { context, page } = await openPage(browser, viewport);
  contexts.push(context);
  pages.set(role, page);
  return page;
};

/** A calendar day this many days back (UTC), safely in the past in every time zone for n ≥ 2. */
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
/** A date-only value as the app shows it in the "long" style (read as UTC, like the app does). */
const longDate = (iso: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
/** The inverse of longDate, for a date read off the screen. */
const isoOf = (long: string) => new Date(`${long} 00:00:00 UTC`).toISOString().slice(0, 10);

/** A section of a page, by the name of its heading. */
const section = (page: Page, heading: string): Locator => page.getByRole('region', { name: heading, exact: true });

const suffix = String(Date.now() % 1_000_000);
const first = 'Marisol';
const last = `Flowtest${suffix}`;
const youthName = `${first} ${last}`;
const guardianName = `Lucia ${last}`;
const agency = `Harbor Care Coordination ${suffix}`;
const planGoal = 'Marisol will use two coping skills when frustrated at school, 4 of 5 school days.';
const dateOfBirth = '2012-05-14';

test('hub referral → admission and consent → match and goal → a note signed on a phone, returned, revised and co-signed → discharge', async () => {
  // When a step fails, each role's screen as it was is kept in e2e/artifacts.
  onTestFailed(async () => {
    for (const [role, page] of pages) await screenshot(page, `workflow-failed-${role}`).catch(() => undefined);
  });
  // ── 1. The hub clinician refers a new youth, with a goal from the hub's plan. ──────────────────────────────────
  const hub = await open('hub');
  await signIn(hub, 'hub', { scan: true });
  // A hub clinician has no dashboard: they land on the youth list.
  await hub.getByRole('heading', { level: 1, name: 'Youth', exact: true }).waitFor();
  await scanA11y(hub, 'hub: youth list');
  await hub.getByRole('link', { name: 'Referrals', exact: true }).click();
  await hub.getByRole('heading', { level: 1, name: 'Referrals' }).waitFor();
  await hub.getByRole('heading', { level: 2, name: /^All referrals/ }).waitFor();
  await scanA11y(hub, 'hub: referrals');
  await hub.getByRole('link', { name: 'Refer a youth' }).click();
  await hub.getByRole('heading', { level: 1, name: 'Refer a youth' }).waitFor();
  // The referring clinician is the signed-in hub clinician.
  expect(await hub.getByLabel('Referring clinician').inputValue()).toBe(account('hub').name);
  await hub.getByLabel('Program (required)', { exact: true }).selectOption({ label: 'Therapeutic Mentoring (CBHI)' });
  await scanA11y(hub, 'hub: refer a youth');

  const youthPart = hub.getByRole('group', { name: 'The youth' });
  await youthPart.getByLabel('Legal first name').fill(first);
  await youthPart.getByLabel('Last name').fill(last);
  await youthPart.getByLabel('Pronouns').fill('she/her');
  await youthPart.getByLabel('Date of birth').fill(dateOfBirth);
  await youthPart.getByLabel('Primary language').fill('Spanish');
  await youthPart.getByLabel('Payer').selectOption({ label: 'MassHealth Standard' });
  await youthPart.getByLabel('Member ID').fill(`100${suffix}`);
  await youthPart.getByLabel('School').fill('Harbor Middle School');

  const guardianPart = hub.getByRole('group', { name: 'Parent or guardian' });
  await guardianPart.getByLabel('First name').fill('Lucia');
  await guardianPart.getByLabel('Last name').fill(last);
  await guardianPart.getByLabel('Relationship to the youth').fill('Mother');
  await guardianPart.getByLabel('Legal authority').selectOption({ label: 'Parent' });
  await guardianPart.getByLabel('Phone').fill('617-555-0142');

  const hubPart = hub.getByRole('group', { name: 'Referring hub' });
  await hubPart.getByLabel('Intensive Care Coordination (ICC)').check();
  await hubPart.getByLabel('Agency').fill(agency);
  await hubPart.getByLabel('Hub service started').fill(daysAgo(60));

  const referralPart = hub.getByRole('group', { name: 'The referral' });
  await referralPart
    .getByLabel('Reason for referral')
    .fill('Frequent outbursts at school; needs coaching to practise the coping skills from her care plan.');
  const goalPart = referralPart.getByRole('group', { name: 'Hub plan goals for TM' });
  await goalPart.getByLabel('Goal, as written in the hub plan').fill(planGoal);
  await goalPart.getByLabel('Goal number in the plan').fill('ICP-2');
  await goalPart.getByLabel('Plan (required)', { exact: true }).selectOption({ label: 'ICC Individual Care Plan' });
  await goalPart.getByLabel('Plan date').fill(daysAgo(30));
  await referralPart.getByLabel('Latest comprehensive assessment').fill(daysAgo(45));
  await referralPart.getByLabel('Latest CANS').fill(daysAgo(40));
  await hub.getByRole('button', { name: 'Send referral' }).click();

  await hub.getByRole('heading', { level: 1, name: `Referral of ${youthName}` }).waitFor();
  await hub.getByText('The referral was sent.').waitFor();
  await hub.getByText(planGoal).waitFor();
  await scanA11y(hub, 'hub: referral sent');
  // The hub clinician neither screens nor admits.
  expect(await hub.getByRole('heading', { name: 'Screening decision' }).count()).toBe(0);
  const referralPath = new URL(hub.url()).pathname;
  expectNoPageErrors(hub);

  // ── 2. The program manager screens the referral, accepts it, checks eligibility and admits. ──────────────────
  const pm = await open('pm');
  await signIn(pm, 'pm');
  await pm.getByRole('heading', { level: 1, name: 'Compliance board' }).waitFor();
  await pm.getByRole('heading', { level: 2, name: 'Totals' }).waitFor();
  await scanA11y(pm, 'pm: compliance board');
  await pm.getByRole('link', { name: 'Referrals', exact: true }).click();
  await pm.getByRole('heading', { level: 1, name: 'Referrals' }).waitFor();
  await pm.getByRole('navigation', { name: 'Referrals by status' }).getByRole('link', { name: /^Received/ }).click();
  const referralLink = pm.getByRole('link', { name: youthName, exact: true });
  await referralLink.waitFor();
  await scanA11y(pm, 'pm: received referrals');
  await referralLink.click();
  await pm.getByRole('heading', { level: 1, name: `Referral of ${youthName}` }).waitFor();
  expect(new URL(pm.url()).pathname).toBe(referralPath);
  await scanA11y(pm, 'pm: referral, received');

  const decide = async (choice: string, status: string) => {
    const screening = section(pm, 'Screening decision');
    await screening.getByLabel(choice, { exact: true }).check();
    await screening.getByRole('button', { name: 'Save decision' }).click();
    await pm.getByText(`The referral is now: ${status}.`).waitFor();
  };
  await decide('Start screening', 'Screening');
  await scanA11y(pm, 'pm: referral, screening');
  await decide('Accept', 'Accepted');

  const admission = section(pm, 'Eligibility and admission');
  await admission.getByLabel('Living situation').selectOption({ label: 'Lives at home' });
  const criteria = admission.getByRole('group', { name: 'Admission criteria' });
  await criteria.getByLabel('A comprehensive assessment shows the youth\'s condition warrants TM').check();
  await criteria.getByLabel('Needs support, coaching and guidance in skill areas').check();
  await criteria.getByLabel('Outpatient services alone are not enough').check();
  await admission.getByRole('button', { name: 'Check eligibility' }).click();
  await admission.getByText(/^Eligible\. \(rules version/).waitFor();
  await scanA11y(pm, 'pm: eligibility checked');
  await admission.getByRole('button', { name: 'Admit', exact: true }).click();
  await pm.getByText('The youth is admitted: the episode of care is open.').waitFor();
  await scanA11y(pm, 'pm: admitted');

  // ── 3. Guardian agreement: an in-app signature, confirmed with the program manager's password. ──────────────
  await pm.getByRole('link', { name: 'Record consent on the youth\'s page' }).click();
  await pm.getByRole('heading', { level: 1, name: youthName, exact: true }).waitFor();
  const youthPath = new URL(pm.url()).pathname;
  const episode = section(pm, 'Episode & consent');
  await episode.getByText('No guardian agreement.').waitFor();
  // The referral created the youth's hub service (the referring ICC); nothing to add by hand.
  const hubs = section(pm, 'Hub services');
  await hubs.getByRole('heading', { level: 3, name: `Intensive Care Coordination (ICC) · ${agency}` }).waitFor();
  await hubs.getByText('Coordinates care').waitFor();
  await scanA11y(pm, 'pm: youth profile, admitted');

  await episode.getByRole('button', { name: 'Record consent' }).click();
  const consent = pm.getByRole('form', { name: 'Record consent' });
  await consent.getByLabel('Guardian agreement').check();
  await consent.getByLabel('Signed by').selectOption({ label: `${guardianName} (Mother)` });
  await consent.getByLabel('Legal basis').selectOption({ label: 'Parent' });
  await consent.getByLabel('Signed here (typed name, confirmed with your password)').check();
  await consent.getByLabel('Name typed by the signer').fill(guardianName);
  await scanA11y(pm, 'pm: consent form');
  // A wrong password is refused and nothing is recorded.
  await consent.getByRole('textbox', { name: 'Your password' }).fill('not-my-password');
  await consent.getByRole('button', { name: 'Record consent' }).click();
  await consent.getByRole('alert').filter({ hasText: 'That password does not match' }).waitFor();
  await scanA11y(pm, 'pm: consent form, wrong password');
  await consent.getByRole('textbox', { name: 'Your password' }).fill(account('pm').password);
  await consent.getByRole('button', { name: 'Record consent' }).click();
  await pm.getByText('Guardian agreement was recorded.').waitFor();
  await episode.getByText('Guardian agreement on file').waitFor();
  await episode.getByText(`Signed in the app as “${guardianName}”`).waitFor();
  expect(await episode.getByText('No guardian agreement.').count()).toBe(0);
  await scanA11y(pm, 'pm: guardian agreement recorded');

  // ── 4. Match a mentor with capacity. ─────────────────────────────────────────────────────────────────────────
  const match = section(pm, 'Match');
  await match.getByRole('button', { name: 'Match a mentor' }).click();
  const matchForm = pm.getByRole('form', { name: 'Match a primary mentor' });
  const mentorName = account('mentor1').name;
  const mentorRow = matchForm.getByRole('row').filter({ has: pm.getByLabel(mentorName, { exact: true }) });
  await mentorRow.waitFor();
  // The picker shows caseload against capacity; mentor1 has room.
  expect(await mentorRow.textContent()).toMatch(/\d+ of 12/);
  expect(await mentorRow.getByText('At capacity').count()).toBe(0);
  expect(await mentorRow.getByText('Not cleared to practise').count()).toBe(0);
  await scanA11y(pm, 'pm: match form');
  await mentorRow.getByLabel(mentorName, { exact: true }).check();
  await matchForm.getByLabel('Meeting frequency').selectOption({ label: 'Weekly' });
  await matchForm.getByRole('button', { name: 'Create the match' }).click();
  await match.getByText(`Matched with ${mentorName}.`).waitFor();
  await match.getByRole('heading', { level: 3, name: mentorName }).waitFor();
  await scanA11y(pm, 'pm: matched');

  // ── 5. A goal from the hub plan. ─────────────────────────────────────────────────────────────────────────────
  const goals = section(pm, 'Goals');
  await goals.getByRole('button', { name: 'Add a goal' }).click();
  const goalForm = pm.getByRole('form', { name: 'Add a goal from the hub plan' });
  // The form starts from the referral's plan goal.
  expect(await goalForm.getByLabel('Hub plan goal', { exact: true }).inputValue()).toBe('0');
  expect(await goalForm.getByLabel('Goal in the hub plan').inputValue()).toBe(planGoal);
  expect(await goalForm.getByLabel('Goal id in the hub plan').inputValue()).toBe('ICP-2');
  await goalForm.getByLabel('Youth and family agreed').check();
  const goalTitle = 'Coping skills at school';
  await goalForm.getByLabel('Goal title').fill(goalTitle);
  await goalForm.getByLabel('Specific').fill('Uses deep breathing or a break card when frustrated in class.');
  await goalForm.getByLabel('Measurable').fill('Teacher log: 4 of 5 school days.');
  await scanA11y(pm, 'pm: goal form');
  await goalForm.getByRole('button', { name: 'Add the goal' }).click();
  await goals.getByText('Goal added.').waitFor();
  await goals.getByRole('heading', { level: 3, name: goalTitle }).waitFor();
  await goals.getByText('Youth and family agreed').waitFor();
  await scanA11y(pm, 'pm: goal added');
  expectNoPageErrors(pm);

  // ── 6. The mentor documents the session on a phone and signs it. ─────────────────────────────────────────────
  const mentor = await open('mentor', PHONE);
  await signIn(mentor, 'mentor1', { scan: true });
  await mentor.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
  await mentor.getByRole('heading', { level: 2, name: 'Visits today' }).waitFor();
  await scanA11y(mentor, 'mentor phone: today');
  await mentor.getByRole('link', { name: 'My caseload' }).click();
  await mentor.getByRole('heading', { level: 1, name: 'My caseload' }).waitFor();
  const caseloadLink = mentor.getByRole('link', { name: youthName, exact: true });
  await caseloadLink.waitFor();
  await scanA11y(mentor, 'mentor phone: caseload');
  await expectNoHorizontalScroll(mentor);
  await caseloadLink.click();
  await mentor.getByRole('heading', { level: 1, name: youthName, exact: true }).waitFor();
  await section(mentor, 'Goals').getByRole('heading', { level: 3, name: goalTitle }).waitFor();
  await section(mentor, 'Sessions').getByText('No contacts yet.').waitFor();
  await scanA11y(mentor, 'mentor phone: youth profile');
  await expectNoHorizontalScroll(mentor);

  await mentor.getByRole('button', { name: 'Document a session now' }).click();
  await mentor.getByRole('heading', { level: 1, name: `Session with ${youthName}` }).waitFor();
  const notePath = new URL(mentor.url()).pathname;
  await mentor.getByText('Changes save automatically.').waitFor();
  await scanA11y(mentor, 'mentor phone: new note');
  await expectNoHorizontalScroll(mentor);
  await screenshot(mentor, 'phone-note-new');

  await mentor.getByRole('group', { name: 'Where' }).getByLabel('Home', { exact: true }).check();
  await mentor.getByRole('group', { name: 'How you met' }).getByLabel('In person', { exact: true }).check();
  await mentor.getByRole('group', { name: 'Goals worked on' }).getByLabel(goalTitle).check();
  await mentor.getByRole('group', { name: 'Activities' }).getByLabel('Coaching', { exact: true }).check();
  await mentor.getByRole('group', { name: 'Activities' }).getByLabel('Role play', { exact: true }).check();
  await mentor
    .getByLabel('Youth\'s response and outcome')
    .fill('Practised box breathing in the kitchen; Marisol led it once on her own.');
  await mentor.getByLabel('Plan for next contact').fill('Role-play asking the teacher for a break.');
  await mentor.getByRole('group', { name: 'Any safety concern today?' }).getByLabel('No', { exact: true }).check();
  await mentor.getByLabel('Who took part').fill('Youth and mother');
  // Autosave keeps the draft, and the gates all pass: the session will be billable.
  await mentor.getByText(/^✓ Saved /).waitFor();
  await mentor.getByText(/^✓ Billable: \d+ units for \d+ minutes\./).waitFor();
  await scanA11y(mentor, 'mentor phone: note filled in');
  await expectNoHorizontalScroll(mentor);
  await mentor.getByLabel('Your password').fill(account('mentor1').password);
  await mentor.getByRole('button', { name: 'Sign note' }).click();
  await mentor.getByText('Signed. The note is locked').waitFor();
  await mentor.getByText(/^Billable, \d+ units?$/).waitFor();
  // The day of the session, as the note's heading shows it ("November 22, 2026 18:15–19:15").
  const LONG_DATE = /[A-Z][a-z]+ \d{1,2}, \d{4}/;
  const sessionDay = LONG_DATE.exec((await mentor.getByText(LONG_DATE).first().textContent())!)![0];
  await scanA11y(mentor, 'mentor phone: note signed');
  await expectNoHorizontalScroll(mentor);
  await screenshot(mentor, 'phone-note-signed');
  expectNoPageErrors(mentor);

  // ── 7. The supervisor (two-factor) returns the note with a comment. ──────────────────────────────────────────
  const supervisor = await open('supervisor');
  await signIn(supervisor, 'supervisor1', { scan: true });
  await supervisor.getByRole('heading', { level: 1, name: 'My team' }).waitFor();
  await supervisor.getByRole('heading', { level: 2, name: account('mentor1').name }).waitFor();
  await scanA11y(supervisor, 'supervisor: team');
  await supervisor.getByRole('link', { name: 'Review queue' }).click();
  await supervisor.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
  const queued = supervisor
    .getByRole('article')
    .filter({ has: supervisor.getByRole('link', { name: youthName, exact: true }) });
  await queued.waitFor();
  await queued.getByText('Practised box breathing in the kitchen').waitFor();
  expect(new URL((await queued.getByRole('link', { name: youthName }).getAttribute('href'))!, 'http://x').pathname).toBe(
    notePath,
  );
  await scanA11y(supervisor, 'supervisor: review queue');
  await queued.getByRole('button', { name: 'Return…' }).click();
  const comment = 'Please add what Marisol said about school this week, and how the guardian took part.';
  await queued.getByLabel('What should the mentor revise?').fill(comment);
  await scanA11y(supervisor, 'supervisor: return form');
  await queued.getByRole('button', { name: 'Return to mentor' }).click();
  await supervisor.getByText(`Returned to the mentor: ${youthName},`).waitFor();
  await queued.waitFor({ state: 'detached' });
  await scanA11y(supervisor, 'supervisor: returned');

  // ── 8. The mentor revises the note on the phone and signs it again. ──────────────────────────────────────────
  // Still in the same session on the phone: the note opened from the youth's page is the returned one, not the
  // signed copy seen before.
  await mentor.getByRole('link', { name: `Back to ${youthName}` }).click();
  await mentor.getByRole('heading', { level: 1, name: youthName, exact: true }).waitFor();
  const sessionLink = section(mentor, 'Sessions').getByRole('link', { name: new RegExp(`^${sessionDay} `) });
  await sessionLink.waitFor();
  await scanA11y(mentor, 'mentor phone: youth profile, note returned');
  await sessionLink.click();
  await mentor.getByRole('heading', { level: 1, name: `Session with ${youthName}` }).waitFor();
  expect(new URL(mentor.url()).pathname).toBe(notePath);
  const returned = mentor.getByRole('note').filter({ hasText: 'returned this note for revision' });
  await returned.getByText(comment).waitFor();
  await scanA11y(mentor, 'mentor phone: returned note');
  await expectNoHorizontalScroll(mentor);
  await mentor
    .getByLabel('Youth\'s response and outcome')
    .fill(
      'Practised box breathing in the kitchen; Marisol led it once on her own. She said recess was hard this ' +
      'week; her mother joined the last ten minutes and will remind her to use the break card.',
    );
  await mentor.getByText(/^✓ Saved /).waitFor();
  await mentor.getByLabel('Your password').fill(account('mentor1').password);
  await mentor.getByRole('button', { name: 'Sign note' }).click();
  await mentor.getByText('Signed. The note is locked').waitFor();
  const history = section(mentor, 'History');
  await history.getByText(`Revision 1 signed by ${mentorName}`).waitFor();
  await history.getByText(`Returned by ${account('supervisor1').name} (revision 1)`).waitFor();
  await history.getByText(`Revision 2 signed by ${mentorName}`).waitFor();
  await scanA11y(mentor, 'mentor phone: note re-signed');
  await expectNoHorizontalScroll(mentor);
  expectNoPageErrors(mentor);

  // ── 9. The supervisor co-signs revision 2 (attestation + password). ──────────────────────────────────────────
  // The supervisor comes back to the app later.
  await supervisor.goto('/');
  await supervisor.getByRole('heading', { level: 1, name: 'My team' }).waitFor();
  await supervisor.getByRole('heading', { level: 2, name: account('mentor1').name }).waitFor();
  await scanA11y(supervisor, 'supervisor: team, later');
  await supervisor.getByRole('link', { name: 'Review queue' }).click();
  await supervisor.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
  await queued.waitFor();
  await queued.getByText('Revision 2').waitFor();
  await queued.getByText('her mother joined the last ten minutes').waitFor();
  await scanA11y(supervisor, 'supervisor: review queue, revision 2');
  await queued.getByRole('button', { name: 'Co-sign…' }).click();
  expect(await queued.getByLabel('Attestation').inputValue()).toContain('under my clinical supervision');
  await queued.getByLabel('Your password').fill(account('supervisor1').password);
  await scanA11y(supervisor, 'supervisor: co-sign form');
  await queued.getByRole('button', { name: 'Co-sign', exact: true }).click();
  await supervisor.getByText(`Co-signed: ${youthName},`).waitFor();
  await queued.waitFor({ state: 'detached' });
  await scanA11y(supervisor, 'supervisor: co-signed');

  // The note's page keeps the whole history: both revisions, the return with its comment, the co-signature.
  await supervisor.goto(notePath);
  await supervisor.getByRole('heading', { level: 1, name: `Session with ${youthName}` }).waitFor();
  const fullHistory = section(supervisor, 'History');
  await fullHistory.getByText(`Returned by ${account('supervisor1').name} (revision 1)`).waitFor();
  await fullHistory.getByText(comment).waitFor();
  await fullHistory.getByText(`Co-signed by ${account('supervisor1').name} (revision 2)`).waitFor();
  await fullHistory.getByText(/under my clinical supervision/).waitFor();
  await supervisor.getByText(/^Billable, \d+ units?$/).waitFor();
  await fullHistory.getByRole('button', { name: 'Show revision 1' }).click();
  await fullHistory.getByText('Practised box breathing in the kitchen; Marisol led it once on her own.', { exact: true }).waitFor();
  await scanA11y(supervisor, 'supervisor: note with history');
  await screenshot(supervisor, 'desktop-note-history');
  expectNoPageErrors(supervisor);

  // ── 10. The program manager discharges the youth with a summary and sees the retention date. ────────────────
  await pm.getByRole('link', { name: 'Youth', exact: true }).click();
  await pm.getByRole('heading', { level: 1, name: 'Youth', exact: true }).waitFor();
  await pm.getByLabel('Search by name').fill(last);
  await pm.getByRole('button', { name: 'Search', exact: true }).click();
  const found = pm.getByRole('table').getByRole('link', { name: youthName, exact: true });
  await found.waitFor();
  await scanA11y(pm, 'pm: youth search');
  await found.click();
  await pm.getByRole('heading', { level: 1, name: youthName, exact: true }).waitFor();
  expect(new URL(pm.url()).pathname).toBe(youthPath);
  const episodeNow = section(pm, 'Episode & consent');
  await episodeNow.getByText('Guardian agreement on file').waitFor();
  await episodeNow.getByRole('button', { name: 'Discharge…' }).click();
  const discharge = pm.getByRole('form', { name: 'Discharge' });
  await discharge.getByLabel('Goals substantially met').check();
  await discharge.getByRole('group', { name: goalTitle }).getByLabel('Met', { exact: true }).check();
  await discharge
    .getByLabel('Recommendations')
    .fill('Continue ICC; school counsellor to keep the break-card plan; re-refer if outbursts return.');
  await discharge.getByLabel('Closure activity').fill('Final visit with Marisol and her mother; celebrated her progress.');
  await scanA11y(pm, 'pm: discharge form');
  await discharge.getByRole('button', { name: 'Discharge', exact: true }).click();
  // The retention date follows the rule for a minor, counted from the last service (the session's day).
  const keepUntil = longDate(retentionDate({ lastServiceDate: isoOf(sessionDay), dateOfBirth }));
  await pm.getByText(`The youth was discharged. Keep the record until at least ${keepUntil}.`).waitFor();
  const summary = episodeNow.getByRole('heading', { level: 4, name: 'Discharge summary' });
  await summary.waitFor();
  await episodeNow.getByRole('definition').filter({ hasText: sessionDay }).first().waitFor();
  await episodeNow.getByRole('definition').filter({ hasText: keepUntil }).waitFor();
  expect(await episodeNow.getByRole('term').filter({ hasText: 'Keep the record until at least' }).count()).toBe(1);
  await episodeNow.getByText('Goals substantially met').waitFor();
  await episodeNow.getByText(`${goalTitle}: Met`).waitFor();
  await episodeNow.getByText('Continue ICC; school counsellor').waitFor();
  // Discharge closes the match.
  await section(pm, 'Match').getByText('Closed', { exact: true }).first().waitFor();
  await scanA11y(pm, 'pm: discharged');
  await screenshot(pm, 'desktop-discharged');
  expectNoPageErrors(pm);
}, 300_000);
