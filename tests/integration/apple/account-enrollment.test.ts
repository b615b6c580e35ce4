import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestContext } from '../../support/context.js';
import { createAppleContext, simulator } from '../../support/apple.js';
import { createUser } from '../../support/factories.js';

describe('account-driven User Enrolment', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createAppleContext();
  });
  afterAll(() => ctx?.close());

  it('discovery, Bearer apple-as-web challenge, our sign-in, then a BYOD profile and an EnrollmentID-only device', async () => {
    const staff = await createUser(ctx.deps, { role: 'STAFF' });
    const discovery = await ctx.app.inject({ method: 'GET', url: `/.well-known/com.apple.remotemanagement?user-identifier=${encodeURIComponent(staff.email)}&model-family=iPhone` });
    expect(discovery.statusCode).toBe(200);
    const [server] = discovery.json().Servers;
    expect(server).toEqual({ Version: 'mdm-byod', BaseURL: 'https://mdm.example.test/mdm/apple/account-enrollment' });

    const enrolPath = new URL(server.BaseURL).pathname;
    const challenge = await ctx.app.inject({ method: 'POST', url: enrolPath, headers: { 'content-type': 'application/pkcs7-signature' }, payload: Buffer.from('machine-info') });
    expect(challenge.statusCode).toBe(401);
    const header = challenge.headers['www-authenticate'] as string;
    expect(header).toMatch(/^Bearer method="apple-as-web" url="https:\/\/mdm\.example\.test\/mdm\/apple\/account-enrollment\/login"$/);

    const loginPath = new URL(/url="([^"]+)"/.exec(header)![1]!).pathname;
    expect((await ctx.app.inject({ method: 'GET', url: loginPath })).body).toContain('<form');
    const wrong = await ctx.app.inject({ method: 'POST', url: loginPath, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `email=${encodeURIComponent(staff.email)}&password=nope` });
    expect(wrong.statusCode).toBe(200);
    expect(wrong.body).toContain('incorrect');

    const signedIn = await ctx.app.inject({
      method: 'POST',
      url: loginPath,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ email: staff.email, password: staff.password }).toString(),
    });
    expect(signedIn.statusCode).toBe(302);
    const location = new URL(signedIn.headers.location as string);
    expect(location.protocol).toBe('apple-remotemanagement-user-login:');
    const accessToken = location.searchParams.get('access-token')!;

    const sim = simulator(ctx, { userEnrollment: true });
    const profile = await ctx.app.inject({ method: 'POST', url: enrolPath, headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/pkcs7-signature' }, payload: Buffer.from('machine-info') });
    expect(profile.statusCode).toBe(200);
    expect(profile.headers['content-type']).toBe('application/x-apple-aspen-config');
    sim.install(profile.rawPayload);
    expect(sim.profile!.enrollmentMode).toBe('BYOD');
    const mdm = (sim.profile!.raw.PayloadContent as Record<string, unknown>[]).find((p) => p.PayloadType === 'com.apple.mdm')!;
    expect(mdm.AssignedManagedAppleID).toBe(staff.email);

    expect((await sim.authenticate()).status).toBe(200);
    expect((await sim.tokenUpdate()).status).toBe(200);
    const enrollment = await ctx.deps.db.appleEnrollment.findFirstOrThrow({ where: { enrollmentId: sim.enrollmentId }, include: { device: true } });
    expect(enrollment).toMatchObject({ type: 'USER', udid: null, userEnrollment: true });
    expect(enrollment.device).toMatchObject({ ownership: 'PERSONAL', userId: staff.id, status: 'ENROLLED', serialNumber: null });

    // The access token was one-time.
    const replay = await ctx.app.inject({ method: 'POST', url: enrolPath, headers: { authorization: `Bearer ${accessToken}` } });
    expect(replay.statusCode).toBe(410);
  });
});
