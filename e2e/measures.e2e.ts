import { findEmbeddedInstrument } from '@mentorbridge/core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DESKTOP, expectNoHorizontalScroll, expectNoPageErrors, launch, openPage, PHONE, scanA11y, screenshot, signIn } from './helpers.ts';

/**
 * Issue 5, self-report: staff create a one-time link; on a phone the youth opens it, answers the teen PHQ-9 with
 * item 9 = 2 and sees the thank-you page (crisis resources, never the score); the supervisor, signed in elsewhere,
 * sees the acute alert within seconds without reloading, acknowledges it and records the action; staff see the
 * score in the trajectory.
 */

const acuteCount = async (page: Page): Promise<number> => {
  const banner = page.getByRole('alert').filter({ hasText: /acute safety alerts? needs? acknowledgement/ });
  if ((await banner.count()) === 0) return 0;
  const title = await banner.first().innerText();
  const n = /(\d+) acute safety alerts/.exec(title);
  return n ? Number(n[1]) : 1;
};

const alertLinks = (page: Page) =>
  page.locator('ul.alert-list a[href^="/alerts/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
});
const open = async (viewport = DESKTOP): Promise<Page> => {
  const { context, page } = await openPage(browser, viewport);
  contexts.push(context);
  return page;
};

test('a youth answers the teen PHQ-9 (item 9 = 2) on a phone through a one-time link; the supervisor sees the acute alert within seconds, acknowledges it and records an action; staff see the score in the trajectory', async () => {
  const staff = await open();
  await signIn(staff, 'mentor1');
  await staff.goto('/youth');
  await staff.getByRole('link', { name: /Ana Alvarez/ }).first().click();
  const measures = staff.getByRole('region', { name: 'Measures', exact: true });
  await measures.getByRole('button', { name: 'Link or kiosk code' }).click();
  await measures.locator('#invite-instrument').selectOption('phq9_teen');
  await measures.getByRole('button', { name: 'Create link' }).click();
  const url = await measures.getByLabel('Link to send').inputValue();
  expect(url).toMatch(/\/r\/[A-Za-z0-9_-]{40,}$/);
  await scanA11y(staff, 'youth profile measures section');

  // The supervisor is signed in elsewhere, on another screen; note the acute alerts already open.
  const supervisor = await open();
  await signIn(supervisor, 'supervisor1');
  await supervisor.goto('/alerts?status=open&severity=acute');
  await supervisor.getByRole('heading', { level: 1, name: 'Safety alerts' }).waitFor();
  await supervisor.waitForLoadState('networkidle');
  const before = new Set(await alertLinks(supervisor));
  await supervisor.goto('/youth');
  await supervisor.getByRole('heading', { level: 1 }).first().waitFor();
  await supervisor.waitForLoadState('networkidle');
  const acuteBefore = await acuteCount(supervisor);

  // The youth, on a phone, without an account.
  const phone = await open(PHONE);
  await phone.goto(new URL(url).pathname);
  await phone.getByRole('heading', { level: 1, name: /^Hi Ana/ }).waitFor();
  expect(await phone.locator('main').innerText()).not.toContain('Alvarez');
  await scanA11y(phone, 'self-report form');
  await expectNoHorizontalScroll(phone);
  const def = findEmbeddedInstrument('phq9_teen')!;
  for (const item of def.items) {
    const value = item.id === 'self_harm_thoughts' ? 2 : item.scored ? 1 : typeof item.options[0]!.value === 'number' ? item.options[0]!.value : 'no';
    const option = item.options.find((o) => o.value === value)!;
    const group = phone.getByRole('group', { name: item.text.en });
    await group.getByLabel(option.label.en, { exact: true }).check();
  }
  await screenshot(phone, 'measures-self-report-phone');
  await phone.getByRole('button', { name: 'Send my answers' }).click();
  await phone.getByRole('heading', { level: 1, name: 'Thank you!' }).waitFor();
  await expect.poll(() => phone.getByRole('link', { name: 'Call 988' }).isVisible()).toBe(true);
  expect(await phone.getByRole('link', { name: 'Call 911 in an emergency' }).getAttribute('href')).toBe('tel:911');
  const thanks = await phone.locator('main').innerText();
  expect(thanks).not.toMatch(/score|moderate|severe|\b10\b/i);
  await scanA11y(phone, 'self-report thank-you');
  await expectNoHorizontalScroll(phone);
  await screenshot(phone, 'measures-thank-you-phone');

  // Within seconds, without a reload, the supervisor's screen announces one more acute alert.
  await expect.poll(() => acuteCount(supervisor), { timeout: 15_000, interval: 500 }).toBe(acuteBefore + 1);
  await supervisor.getByRole('alert').getByRole('link', { name: /Open the alert/ }).click();
  await supervisor.getByRole('heading', { level: 1, name: 'Safety alerts' }).waitFor();
  let fresh: string[] = [];
  await expect
    .poll(async () => {
      fresh = (await alertLinks(supervisor)).filter((href) => !before.has(href));
      return fresh.length;
    })
    .toBe(1);
  const card = supervisor.locator('ul.alert-list > li').filter({ has: supervisor.locator(`a[href="${fresh[0]}"]`) });
  expect(await card.innerText()).toMatch(/Ana[\s\S]*Teen PHQ-9 question 9/);
  await card.getByRole('link').click();
  await supervisor.getByRole('heading', { level: 1, name: /^Safety alert: / }).waitFor();
  await supervisor.getByRole('button', { name: 'Acknowledge alert' }).click();
  await supervisor.getByRole('status').filter({ hasText: 'Alert acknowledged' }).waitFor();
  await supervisor.getByLabel('What was done').selectOption({ label: 'Contacted the youth' });
  await supervisor.getByLabel('Note (optional)').fill('Called Ana and her mother; reviewed the safety plan together.');
  await supervisor.getByRole('button', { name: 'Record action' }).click();
  await supervisor.getByRole('status').filter({ hasText: 'Action recorded' }).waitFor();
  await supervisor.getByRole('listitem').filter({ hasText: 'reviewed the safety plan together' }).waitFor();
  await scanA11y(supervisor, 'supervisor alert detail after action');
  await screenshot(supervisor, 'measures-supervisor-acknowledged');
  await expectNoPageErrors(supervisor);

  // The link is one-time.
  await phone.goto(new URL(url).pathname);
  await phone.getByText('This questionnaire has already been answered.').waitFor();

  // Staff see the new score (8 symptoms at 1, item 9 at 2) in the trajectory and the responses.
  await staff.reload();
  const section = staff.getByRole('region', { name: 'Measures', exact: true });
  const responses = section.getByRole('table', { name: 'Responses' });
  const linkRow = responses.getByRole('row').filter({ hasText: 'Link' }).first();
  await expect.poll(() => linkRow.innerText()).toMatch(/PHQ-9 Modified for Teens[\s\S]*\b10\b[\s\S]*Safety flag/);
  await section.locator('#trend-instrument').selectOption('phq9_teen');
  const trend = section.getByRole('table', { name: 'PHQ-9 Modified for Teens scores' });
  await expect.poll(() => trend.getByRole('row').last().innerText()).toMatch(/\b10\b/);
  await expect.poll(() => section.getByRole('img', { name: /PHQ-9 Modified for Teens: \d+ scores? over time/ }).isVisible()).toBe(true);
  await scanA11y(staff, 'youth profile with trajectory');
  await screenshot(staff, 'measures-trajectory');
  await expectNoPageErrors(staff);
  await expectNoPageErrors(phone);
});
