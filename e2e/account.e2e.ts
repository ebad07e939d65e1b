import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { totpCode } from '../apps/server/src/auth/totp.ts';
import { account, launch, openPage, scanA11y, screenshot, signIn, signOut } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

test('a mentor turns on two-factor sign-in, signs in with a backup code, and turns it off again', async () => {
  const { context, page } = await openPage(browser);
  const mentor = account('mentor1');
  try {
    await signIn(page, 'mentor1');
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.getByText('Two-factor sign-in is off.').waitFor();
    await scanA11y(page, 'account, two-factor off');

    await page.getByLabel('Your password').fill('not the password');
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await page.locator('#two-factor-password-error').getByText('That password is not right.').waitFor();

    await page.getByLabel('Your password').fill(mentor.password);
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    const secretText = page.locator('code.secret');
    await secretText.waitFor();
    const secret = (await secretText.textContent())!.replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    const uri = (await page.locator('dd code.break').textContent())!;
    expect(uri).toContain(`secret=${secret}`);
    const backupCodes = (await page.locator('.backup-codes code').allTextContents()).map((c) => c.trim());
    expect(backupCodes.length).toBeGreaterThan(3);
    await scanA11y(page, 'two-factor set-up');
    await screenshot(page, 'desktop-two-factor-setup');

    await page.getByLabel('6-digit code').fill('000000');
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await page.locator('#two-factor-code-error').waitFor();
    await page.getByLabel('6-digit code').fill(await totpCode(secret));
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await page.getByText('Two-factor sign-in is now on.').waitFor();

    // Signing in now asks for a code; a backup code works too.
    await signOut(page);
    await page.getByLabel('Email').fill(mentor.email);
    await page.getByLabel('Password').fill(mentor.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Enter your sign-in code' }).waitFor();
    await page.getByLabel('6-digit code').fill('123456');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.locator('#signin-code-error').getByText('That code is not right').waitFor();
    await scanA11y(page, 'wrong sign-in code');
    await page.getByRole('button', { name: 'Use a backup code instead' }).click();
    await page.getByLabel('Backup code').fill(backupCodes[0]!);
    await page.getByRole('button', { name: 'Verify' }).click();
    // A mentor lands on Today.
    await page.waitForURL('**/today');

    // Turn it off again.
    await page.goto('/account');
    await page.getByText('Two-factor sign-in is on.').waitFor();
    await page.getByLabel('Your password').fill(mentor.password);
    await page.getByRole('button', { name: 'Turn off two-factor sign-in' }).click();
    await page.getByText('Two-factor sign-in is now off.').waitFor();
    await scanA11y(page, 'two-factor turned off');
  } finally {
    await context.close();
  }
});

test('a mentor changes their password and back', async () => {
  const { context, page } = await openPage(browser);
  const mentor = account('mentor3');
  const temporary = 'A-new-password-for-e2e-42';
  try {
    await signIn(page, 'mentor3');
    await page.goto('/account');
    await page.getByRole('heading', { level: 2, name: 'Change password' }).waitFor();
    await page.locator('#pw-current').fill(mentor.password);
    await page.locator('#pw-new').fill('too short');
    await page.locator('#pw-confirm').fill('too short');
    await page.getByRole('button', { name: 'Change password', exact: true }).click();
    await page.locator('#pw-new-error').getByText('Use at least 12 characters.').waitFor();
    await scanA11y(page, 'change password with an error');

    await page.locator('#pw-new').fill(temporary);
    await page.locator('#pw-confirm').fill(temporary);
    await page.getByRole('button', { name: 'Change password', exact: true }).click();
    await page.getByText('Your password was changed.').waitFor();

    await page.locator('#pw-current').fill(temporary);
    await page.locator('#pw-new').fill(mentor.password);
    await page.locator('#pw-confirm').fill(mentor.password);
    await page.getByRole('button', { name: 'Change password', exact: true }).click();
    await page.getByText('Your password was changed.').waitFor();
  } finally {
    await context.close();
  }
});

test('"sign out everywhere" ends the sessions on other devices too', async () => {
  const phone = await openPage(browser);
  const laptop = await openPage(browser);
  try {
    await signIn(phone.page, 'mentor2');
    await phone.page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await signIn(laptop.page, 'mentor2');
    await laptop.page.goto('/account');
    await laptop.page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await laptop.page.waitForURL('**/sign-in?reason=everywhere');
    await laptop.page.getByText('You have been signed out on all your devices.').waitFor();
    await scanA11y(laptop.page, 'signed out everywhere');

    await phone.page.getByRole('link', { name: 'Staff' }).click();
    await phone.page.waitForURL('**/sign-in?reason=expired**');
  } finally {
    await phone.context.close();
    await laptop.context.close();
  }
});

// Changes a demo account's two-factor secret, so it runs only against the fresh server the suite starts.
test.skipIf(Boolean(process.env.E2E_BASE_URL))(
  'a supervisor without two-factor is sent to set it up, and can work again once it is on',
  async () => {
    const { context, page } = await openPage(browser);
    const supervisor = account('supervisor2');
    try {
      await signIn(page, 'supervisor2');
      await page.goto('/account');
      await page.getByLabel('Your password').fill(supervisor.password);
      await page.getByRole('button', { name: 'Turn off two-factor sign-in' }).click();
      await page.getByText('Two-factor sign-in is now off.').waitFor();

      // The organization requires it for supervisors: every other page leads back to the set-up.
      await page.goto('/youth');
      await page.waitForURL('**/account?reason=two-factor');
      await page.getByText('Set up two-factor sign-in to continue').waitFor();
      expect(await page.getByRole('link', { name: 'Youth' }).count()).toBe(0);
      await scanA11y(page, 'two-factor required');
      await screenshot(page, 'desktop-two-factor-required');
      const youth = await page.request.get('/api/v1/youth');
      expect(youth.status()).toBe(403);
      expect(((await youth.json()) as { error: { code: string } }).error.code).toBe('TWO_FACTOR_REQUIRED');

      await page.getByLabel('Your password').fill(supervisor.password);
      await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
      const secret = (await page.locator('code.secret').textContent())!.replace(/\s/g, '');
      await page.getByLabel('6-digit code').fill(await totpCode(secret));
      await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
      await page.getByText('Two-factor sign-in is now on.').waitFor();
      await page.getByRole('link', { name: 'Youth' }).click();
      await page.locator('table tbody tr').first().waitFor();
    } finally {
      await context.close();
    }
  },
);
