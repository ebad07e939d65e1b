import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  expectNoHorizontalScroll,
  expectNoPageErrors,
  launch,
  openPage,
  PHONE,
  scanA11y,
  screenshot,
  signIn,
} from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

test('a supervisor on a phone sees the acute alert banner, acknowledges, records an action and closes the alert', async () => {
  const { context, page } = await openPage(browser, PHONE);
  try {
    await signIn(page, 'supervisor1');
    // The demo's unacknowledged acute alert is announced on whatever screen opens first.
    const banner = page.getByRole('alert').filter({ hasText: 'acute safety alert' });
    await banner.waitFor();
    await scanA11y(page, 'phone with alert banner');
    await banner.getByRole('link').click();

    await page.getByRole('heading', { level: 1, name: 'Safety alerts' }).waitFor();
    await page.locator('ul.alert-list > li').first().waitFor();
    await scanA11y(page, 'phone alerts list');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'phone-alerts-list');

    await page.locator('ul.alert-list > li').first().getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /^Safety alert: / }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Why this alert was raised' }).waitFor();
    await scanA11y(page, 'phone alert detail');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'phone-alert-detail');

    await page.getByRole('button', { name: 'Acknowledge alert' }).click();
    await page.getByRole('status').filter({ hasText: 'Alert acknowledged' }).waitFor();

    // Closing needs an action first; a missing choice is named.
    await page.getByRole('button', { name: 'Record action' }).click();
    await page.locator('.field-error').filter({ hasText: 'Choose what was done' }).waitFor();
    await page.getByLabel('What was done').selectOption({ label: 'Contacted the youth' });
    await page.getByLabel('Note (optional)').fill('Reached the youth and their parent; safe at home.');
    await page.getByRole('button', { name: 'Record action' }).click();
    await page.getByRole('status').filter({ hasText: 'Action recorded' }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Reached the youth and their parent' }).waitFor();

    await page.getByLabel('Disposition').selectOption({ label: 'Safety plan updated' });
    await page.getByRole('button', { name: 'Close alert' }).click();
    await page.getByRole('status').filter({ hasText: 'Alert closed' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Log' }).waitFor();
    expect(await page.locator('ol.history li').filter({ hasText: 'Closed' }).count()).toBeGreaterThan(0);
    await scanA11y(page, 'phone alert closed');
    await screenshot(page, 'phone-alert-closed');

    // The youth's profile lists the alert in its own section.
    await page.locator('dd a[href^="/youth/"]').click();
    await page.getByRole('heading', { level: 2, name: 'Safety alerts' }).waitFor();
    await page.getByRole('button', { name: 'Include closed alerts' }).click();
    await page.locator('section[aria-labelledby="youth-alerts-h"] li').first().waitFor();
    await scanA11y(page, 'phone youth profile alerts');
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});
