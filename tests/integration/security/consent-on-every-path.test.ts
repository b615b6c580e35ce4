import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAndroidEnrollment } from '../../../src/use-cases/android/create-android-enrollment.js';
import { createAppleEnrollment } from '../../../src/use-cases/apple/create-enrollment.js';
import { bearer, type TestContext } from '../../support/context.js';
import { createAppleContext } from '../../support/apple.js';
import { createUser, type TestUser } from '../../support/factories.js';

/**
 * Every path that creates a personal enrolment checks consent in its use case. The paths are enumerated twice:
 * the use cases that create Device rows (a static scan of src finds any new one), and the HTTP entry points.
 */
const ENROLMENT_USE_CASES: Record<string, (ctx: TestContext, user: TestUser) => Promise<unknown>> = {
  'src/use-cases/apple/create-enrollment.ts': (ctx, user) => createAppleEnrollment(ctx.deps, { userId: user.id, role: user.role }, { userId: user.id, ownership: 'PERSONAL' }),
  'src/use-cases/android/create-android-enrollment.ts': (ctx, user) => createAndroidEnrollment(ctx.deps, { userId: user.id, role: user.role }, { userId: user.id, ownership: 'PERSONAL' }),
};

let ctx: TestContext;
let staff: TestUser;
let staffHeaders: Record<string, string>;
const personalDevices = () => ctx.deps.db.device.count({ where: { userId: staff.id } });

beforeAll(async () => {
  ctx = await createAppleContext(undefined, { BYOD_CONSENT_REQUIRED: 'true' });
  const admin = await createUser(ctx.deps, { role: 'ADMIN' });
  const published = await ctx.app.inject({ method: 'POST', url: '/v1/privacy-notices', headers: await bearer(ctx, admin), payload: { title: 'BYOD', body: 'What we see on your phone.' } });
  expect(published.statusCode).toBe(201);
  staff = await createUser(ctx.deps, { role: 'STAFF' });
  staffHeaders = await bearer(ctx, staff);
});
afterAll(() => ctx?.close());

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.parentPath.includes('generated')).map((e) => join(e.parentPath, e.name));
}

describe('consent before any personal enrolment', () => {
  it('every file that creates a Device is a use case listed here', async () => {
    const creators: string[] = [];
    for (const file of await sourceFiles('src')) {
      if (/\bdevice\.(create|createMany|upsert)\(/.test(await readFile(file, 'utf8'))) creators.push(file);
    }
    expect(creators.sort()).toEqual(Object.keys(ENROLMENT_USE_CASES).sort());
  });

  for (const [file, call] of Object.entries(ENROLMENT_USE_CASES)) {
    it(`${file} refuses a personal enrolment without consent, called directly`, async () => {
      await expect(call(ctx, staff)).rejects.toMatchObject({ code: 'FORBIDDEN', details: { consentRequired: true } });
      expect(await personalDevices()).toBe(0);
    });
  }

  it('POST /v1/enrollments (Apple and Android, personal) answers 403 and creates nothing', async () => {
    for (const platform of ['apple', 'android']) {
      const response = await ctx.app.inject({ method: 'POST', url: '/v1/enrollments', headers: staffHeaders, payload: { platform, ownership: 'personal' } });
      expect(response.statusCode, platform).toBe(403);
      expect(response.json().error.details).toMatchObject({ consentRequired: true });
    }
    expect(await personalDevices()).toBe(0);
  });

  it('account-driven User Enrolment with the right password hands out no token and creates nothing', async () => {
    const response = await ctx.app.inject({
      method: 'POST', url: '/mdm/apple/account-enrollment/login', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=${encodeURIComponent(staff.email)}&password=${encodeURIComponent(staff.password)}`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers.location).toBeUndefined();
    expect(response.body).toContain('privacy notice');
    expect(await personalDevices()).toBe(0);
  });

  it('after accepting the notice, the same paths work', async () => {
    const version = (await ctx.app.inject({ method: 'GET', url: '/v1/privacy-notices/current', headers: staffHeaders })).json().version;
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/consents', headers: staffHeaders, payload: { version } })).statusCode).toBe(201);
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/enrollments', headers: staffHeaders, payload: { platform: 'apple', ownership: 'personal' } })).statusCode).toBe(201);
    const form = await ctx.app.inject({
      method: 'POST', url: '/mdm/apple/account-enrollment/login', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=${encodeURIComponent(staff.email)}&password=${encodeURIComponent(staff.password)}`,
    });
    expect(form.statusCode).toBe(302);
  });
});
