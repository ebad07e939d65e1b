import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DESKTOP, expectNoHorizontalScroll, launch, openPage, PHONE, scanA11y, screenshot, signIn } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

test('a youth checks in asking to talk and flags their mentor on a phone; the program manager sees and reviews the flag', async () => {
  const youth = await openPage(browser, PHONE);
  try {
    const { page } = youth;
    await signIn(page, 'youth');
    await page.waitForURL('**/me');
    await page.getByRole('heading', { level: 1, name: 'Hi, Ana' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'My safety plan' }).waitFor();
    await scanA11y(page, 'youth home');
    await expectNoHorizontalScroll(page);

    // Crisis help is one tap away, as links a phone dials.
    await page.getByText('Crisis help: 911 · 988').click();
    expect(await page.getByRole('link', { name: 'Call 988 (Suicide & Crisis Lifeline)' }).getAttribute('href')).toBe('tel:988');
    expect(await page.getByRole('link', { name: 'Text 988' }).getAttribute('href')).toBe('sms:988');
    expect(await page.getByRole('link', { name: /Call mobile crisis/ }).getAttribute('href')).toBe('tel:6175550199');
    await scanA11y(page, 'youth home, crisis panel open');

    await page.getByRole('group', { name: 'Mood' }).getByRole('radio', { name: '4, hard' }).check();
    await page.getByRole('group', { name: 'Sleep' }).getByRole('radio', { name: '3, so-so' }).check();
    await page.getByLabel('Anything you want to add? (optional)').fill('Rough week at school');
    await page.getByRole('button', { name: 'I need to talk to someone' }).click();
    await page.getByRole('status').filter({ hasText: 'Thanks for telling us' }).waitFor();
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'phone-youth-check-in');

    await page.getByRole('button', { name: 'Flag my mentor' }).click();
    await page.getByLabel('What happened? (optional)').fill('He keeps cancelling and was rude to me');
    await scanA11y(page, 'youth flag form');
    await page.getByRole('button', { name: 'Send the flag' }).click();
    await page.getByRole('status').filter({ hasText: 'A program manager will look into it' }).waitFor();
    await page.getByText('being reviewed').waitFor();
    await scanA11y(page, 'youth home after flag');
    await screenshot(page, 'phone-youth-flagged');
  } finally {
    await youth.context.close();
  }

  const pm = await openPage(browser, DESKTOP);
  try {
    const { page } = pm;
    await signIn(page, 'pm');
    await page.getByRole('link', { name: 'Flagged mentors' }).click();
    await page.getByRole('heading', { level: 1, name: 'Flagged mentors' }).waitFor();
    const item = page.locator('li.person').filter({ hasText: 'Ana Alvarez flagged' });
    await item.waitFor();
    await item.getByText('He keeps cancelling').waitFor();
    await scanA11y(page, 'flagged mentors');
    await screenshot(page, 'flagged-mentors');

    // The crisis panel sits on the youth's page; her check-in shows she asked to talk.
    await item.getByRole('link', { name: 'Open the youth\'s page' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ana Alvarez' }).waitFor();
    await page.getByText('Crisis help: 911 · 988').click();
    expect(await page.getByRole('link', { name: 'Call 911 (emergency)' }).getAttribute('href')).toBe('tel:911');
    await page.getByText(/the youth asked to talk to someone/).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Safety plan' }).waitFor();
    await scanA11y(page, 'youth profile with safety sections');
    await screenshot(page, 'youth-profile-safety');

    // Reviewing the flag restores the mentor's contact.
    await page.goBack();
    await item.getByRole('button', { name: 'Review' }).click();
    await item.getByRole('radio', { name: 'Restore contact (the concern is resolved)' }).check();
    await item.getByLabel('Review note').fill('Met with Ana and her mentor; schedule agreed.');
    await scanA11y(page, 'flag review form');
    await item.getByRole('button', { name: 'Save review' }).click();
    await page.getByRole('status').filter({ hasText: 'Flag reviewed.' }).waitFor();
  } finally {
    await pm.context.close();
  }
});
