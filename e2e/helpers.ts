import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { totpCode } from '../apps/server/src/auth/totp.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../apps/server/src/seed/demo-accounts.ts';

export const ARTIFACTS = path.join(import.meta.dirname, 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export const baseURL = (): string => inject('baseURL');

export const launch = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });

export type Viewport = { width: number; height: number };
export const DESKTOP: Viewport = { width: 1280, height: 900 };
export const PHONE: Viewport = { width: 360, height: 740 };

/**
 * A fresh browser context (axe needs pages from `browser.newContext()`), in a time zone west of UTC so that a
 * date-only value shown with a time-zone shift would be caught.
 */
const pageErrors = new WeakMap<Page, string[]>();

export const openPage = async (
  browser: Browser,
  viewport: Viewport = DESKTOP,
): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({
    baseURL: baseURL(),
    viewport,
    locale: 'en-US',
    timezoneId: 'America/Los_Angeles',
    acceptDownloads: true,
    ...(viewport.width < 500 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // Chrome logs every 4xx answer of fetch as a console error; the app's own errors are what matter.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console: ${m.text()}`);
  });
  return { context, page };
};

/** Runs axe on the page as it is now and fails on any violation (listed with the offending elements). */
export const scanA11y = async (page: Page, label = page.url()): Promise<void> => {
  const results = await new AxeBuilder({ page }).analyze();
  const report = results.violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.replace(/\n/g, ' ')}`)
          .join('\n')}`,
    )
    .join('\n');
  expect(results.violations.length, `axe violations on ${label}:\n${report}`).toBe(0);
};

export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

export const account = (key: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.key === key);
  if (!a) throw new Error(`No demo account ${key}`);
  return { ...a, password: DEMO_PASSWORD };
};

/** The code an authenticator app would show; waits for a fresh 30-second step if this one is nearly over. */
export const freshTotp = async (secret: string): Promise<string> => {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < 3_000) await new Promise((r) => setTimeout(r, left + 200));
  return totpCode(secret);
};

/** Signs in through the sign-in screen (password, then the TOTP step when the account has two-factor on). */
export const signIn = async (page: Page, key: string, options: { scan?: boolean } = {}) => {
  const a = account(key);
  if (!page.url().includes('/sign-in')) await page.goto('/sign-in');
  await page.getByRole('heading', { level: 1, name: 'Sign in to Mentorbridge' }).waitFor();
  if (options.scan) await scanA11y(page, 'sign-in');
  await page.getByLabel('Email').fill(a.email);
  await page.getByLabel('Password').fill(a.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (a.totpSecret) {
    await page.getByRole('heading', { level: 1, name: 'Enter your sign-in code' }).waitFor();
    if (options.scan) await scanA11y(page, 'sign-in code step');
    await page.getByLabel('6-digit code').fill(await freshTotp(a.totpSecret));
    await page.getByRole('button', { name: 'Verify' }).click();
  }
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return a;
};

export const signOut = async (page: Page) => {
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL('**/sign-in?reason=signed-out');
};

/** The page must not scroll sideways (content wider than the viewport). */
export const expectNoHorizontalScroll = async (page: Page) => {
  const widths = (await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]')) as [number, number];
  expect(widths[0], `page is ${widths[0]} px wide in a ${widths[1]} px viewport`).toBeLessThanOrEqual(widths[1]);
};

/** No uncaught exception and no console error (other than failed requests) since the page opened. */
export const expectNoPageErrors = (page: Page) => {
  expect(pageErrors.get(page) ?? []).toEqual([]);
};

export type ApiCall = { method: string; path: string; headers: Record<string, string> };

/** Records every /api/v1 request the page makes from now on. */
export const recordApiCalls = (page: Page): ApiCall[] => {
  const calls: ApiCall[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/v1/'))
      calls.push({ method: r.method(), path: url.pathname, headers: r.headers() });
  });
  return calls;
};
