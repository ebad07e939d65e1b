import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { account, launch, openPage, scanA11y, screenshot } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

test('six wrong passwords lock the account, and the sign-in screen says so', async () => {
  const { context, page } = await openPage(browser);
  // A mentor the other tests do not use: the lock lasts 15 minutes.
  const mentor = account('mentor4');
  try {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(mentor.email);
    for (let i = 1; i <= 5; i++) {
      await page.getByLabel('Password').fill(`wrong-password-${i}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'The email or password is not right' }).waitFor();
      if (i === 1) await scanA11y(page, 'wrong password');
      // Wait until the form is ready for the next try.
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
    }
    // The sixth wrong password locks the account, and the answer says so.
    const locked = page
      .getByRole('alert')
      .filter({ hasText: 'This account is locked for a while after too many wrong passwords. Try again after' });
    await page.getByLabel('Password').fill('wrong-password-6');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await locked.waitFor();
    // Even the right password is now refused while the lock lasts.
    await page.getByLabel('Password').fill(mentor.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await locked.waitFor();
    expect(page.url()).toContain('/sign-in');
    await scanA11y(page, 'account locked');
    await screenshot(page, 'desktop-locked');
  } finally {
    await context.close();
  }
});
