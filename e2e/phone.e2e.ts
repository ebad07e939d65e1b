import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectNoHorizontalScroll, launch, openPage, PHONE, scanA11y, screenshot, signIn } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

test('youth list and profile work on a 360 × 740 phone screen', async () => {
  const { context, page } = await openPage(browser, PHONE);
  try {
    await page.goto('/sign-in');
    await scanA11y(page, 'phone sign-in');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'phone-sign-in');
    await signIn(page, 'supervisor1');

    await page.getByRole('heading', { level: 1, name: 'My team' }).waitFor();
    await page.goto('/youth');
    await page.getByRole('heading', { level: 1, name: 'Youth' }).waitFor();
    // On a phone the results are a list of cards, not a table.
    const card = page.locator('ul.cards > li').first();
    await card.waitFor();
    expect(await page.locator('table').isVisible()).toBe(false);
    await scanA11y(page, 'phone youth list');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'phone-youth-list');

    // The navigation sits behind a menu button.
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('link', { name: 'Staff' }).isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('link', { name: 'Staff' }).waitFor();
    await scanA11y(page, 'phone menu open');
    await screenshot(page, 'phone-menu-open');
    // Escape closes the menu and returns focus to its button.
    await page.getByRole('link', { name: 'Staff' }).focus();
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await menu.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);

    const name = (await card.getByRole('link').textContent())!.trim();
    await card.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Emergency contacts' }).waitFor();
    await page.locator('section[aria-labelledby="guardians-heading"] li').first().waitFor();
    await scanA11y(page, 'phone youth profile');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'phone-youth-profile');

    await page.getByRole('button', { name: 'Edit details' }).click();
    await page.getByLabel('School', { exact: true }).waitFor();
    await scanA11y(page, 'phone youth edit');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'phone-youth-edit');
  } finally {
    await context.close();
  }
});

test('keyboard: the skip link moves focus to the main content', async () => {
  const { context, page } = await openPage(browser);
  try {
    await signIn(page, 'supervisor1');
    // A fresh load of a page, as when the user opens the app.
    await page.goto('/youth');
    await page.getByRole('heading', { level: 1, name: 'Youth' }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    expect(await skip.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL('**#main');
    await page.keyboard.press('Tab');
    const focusedInMain = (await page.evaluate(
      'document.activeElement?.closest(\'main\') !== null && document.activeElement !== document.body',
    )) as boolean;
    expect(focusedInMain).toBe(true);
  } finally {
    await context.close();
  }
});

test('an ended session sends the user to sign-in with the inactivity message', async () => {
  const { context, page } = await openPage(browser);
  try {
    await signIn(page, 'supervisor1');
    await page.getByRole('heading', { level: 1, name: 'My team' }).waitFor();
    // The server ends idle sessions; dropping the cookie has the same effect on the next call.
    await context.clearCookies();
    await page.getByRole('link', { name: 'Staff' }).click();
    await page.waitForURL('**/sign-in?reason=expired**');
    await page.getByText('You were signed out after a period of inactivity').waitFor();
    await scanA11y(page, 'signed out after inactivity');
    // Signing in again returns to the page the user was on.
    await signIn(page, 'supervisor1');
    await page.waitForURL('**/staff');
  } finally {
    await context.close();
  }
});
