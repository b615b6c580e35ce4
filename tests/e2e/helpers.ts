import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { totpCode } from '../../src/domain/auth/totp.js';

export interface E2eUser {
  id: string;
  email: string;
  name: string;
  password: string;
  totpSecret: string;
}

export function e2eState(): { baseUrl: string; users: Record<'manager' | 'nurse' | 'it' | 'admin', E2eUser> } {
  return JSON.parse(readFileSync(resolve(process.env.E2E_STATE_FILE ?? 'artifacts/e2e-state.json'), 'utf8'));
}

/**
 * TOTP codes for one person, each usable once: the server refuses a time step at or before the last one it
 * accepted and allows one step of drift either way, so step s is accepted from the start of window s-1 to the end
 * of window s+1. Hand out the earliest unused step that stays acceptable for at least 10 more seconds (a loaded
 * machine can take seconds between typing and checking), and wait when every acceptable step is used.
 */
export class Authenticator {
  private lastStep = -Infinity;
  constructor(private readonly secret: string) {}
  async next(): Promise<string> {
    for (;;) {
      const now = Date.now();
      const current = Math.floor(now / 30_000);
      for (let step = Math.max(this.lastStep + 1, current - 1); step <= current + 1; step++) {
        if ((step + 2) * 30_000 - now >= 10_000) {
          this.lastStep = step;
          return totpCode(this.secret, new Date(step * 30_000));
        }
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

export const SCREENSHOT_DIR = resolve('artifacts/screenshots');

/** Automated WCAG 2.1 AA checks (axe) on the page as it is now; fails the test on any violation. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`)).toEqual([]);
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${(page.viewportSize()?.width ?? 0) <= 400 ? 'phone' : 'desktop'}.png`, fullPage: true });
}

/** Collects console errors and failed page loads, so a test can assert there were none. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    // A refused sign-in answers 401 (and MFA_REQUIRED asks for the code that way); Chromium logs every 4xx fetch.
    const url = message.location().url;
    if (url.endsWith('/v1/auth/login') && message.text().includes('401')) return;
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

export async function signIn(page: Page, user: E2eUser, authenticator: Authenticator) {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Work email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // MFA is enrolled: the server asks for the code, and the form shows the field.
  await page.getByLabel('Authenticator code').fill(await authenticator.next());
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toHaveCount(0);
}
