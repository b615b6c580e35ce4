import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderEmail } from '../../../src/integrations/email/templates/render.js';
import { bearer, createIsolatedTestContext, type TestContext } from '../../support/context.js';
import { createDevice, createUser, type TestUser } from '../../support/factories.js';
import { useFakeChannels } from '../../support/operations.js';

/**
 * Approvals and consent changes become notifications, and every notification becomes e-mail (the outbox rows the
 * worker sends; the SMTP side is tested in email.test.ts), whichever code path made the change.
 */
describe('approval and consent notifications', () => {
  let ctx: TestContext;
  let it1: TestUser;
  let it2: TestUser;
  let admin: TestUser;
  let staff: TestUser;
  const sessions = new Map<string, Record<string, string>>();
  const auth = async (user: TestUser) => {
    if (!sessions.has(user.id)) sessions.set(user.id, await bearer(ctx, user));
    return sessions.get(user.id)!;
  };
  const call = async (user: TestUser, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    ctx.app.inject({ method, url, payload, headers: await auth(user) });
  const notifications = (kind: string) => ctx.deps.db.notification.findMany({ where: { kind }, orderBy: { createdAt: 'asc' } });
  const emailsTo = async (kind: string) => (await ctx.deps.db.emailDelivery.findMany({ where: { kind } })).map((e) => e.toAddress).sort();

  beforeAll(async () => {
    ctx = await createIsolatedTestContext({ FULL_WIPE_REQUIRES_APPROVAL: 'true', BULK_ACTION_APPROVAL_THRESHOLD: '1', BYOD_CONSENT_REQUIRED: 'true' });
    useFakeChannels(ctx.deps);
    it1 = await createUser(ctx.deps, { role: 'IT', mfa: true });
    it2 = await createUser(ctx.deps, { role: 'IT', mfa: true });
    admin = await createUser(ctx.deps, { role: 'ADMIN', mfa: true });
    staff = await createUser(ctx.deps);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('a full wipe waiting for a second approver asks IT and ADMIN, and tells the requester when it is approved', async () => {
    const device = await createDevice(ctx.deps);
    const requested = await call(it1, 'POST', `/v1/devices/${device.id}/wipe`, { kind: 'full', reason: 'stolen from car' });
    expect(requested.statusCode).toBe(202);
    const { command } = requested.json() as { command: { id: string } };
    const asked = await notifications('approval_requested');
    expect(asked.map((n) => n.audience).sort()).toEqual(['ADMIN', 'IT']);
    expect(asked[0]!.body).toContain(`/v1/wipes/${command.id}/approve`);
    expect(await emailsTo('approval_requested')).toEqual([it1.email, it2.email, admin.email].sort());

    expect((await call(it2, 'POST', `/v1/wipes/${command.id}/approve`, {})).statusCode).toBe(200);
    const granted = await notifications('approval_granted');
    expect(granted).toHaveLength(1);
    expect(granted[0]).toMatchObject({ userId: it1.id, audience: null, subject: 'Your full wipe request was approved' });
    expect(await emailsTo('approval_granted')).toEqual([it1.email]);
  });

  it('a bulk action above the threshold asks IT and ADMIN, and tells the requester when it is approved', async () => {
    await ctx.deps.db.notification.deleteMany();
    await ctx.deps.db.emailDelivery.deleteMany();
    const devices = [(await createDevice(ctx.deps, { userId: staff.id })).id, (await createDevice(ctx.deps, { userId: staff.id })).id];
    const created = await call(it1, 'POST', '/v1/device-actions', { action: 'LOCK', reason: 'ward closed', deviceIds: devices });
    expect(created.json()).toMatchObject({ status: 'AWAITING_APPROVAL' });
    const { id } = created.json() as { id: string };
    const asked = await notifications('approval_requested');
    expect(asked.map((n) => n.audience).sort()).toEqual(['ADMIN', 'IT']);
    expect(asked[0]).toMatchObject({ subject: 'A bulk lock of 2 devices waits for a second approver' });
    expect(asked[0]!.body).toContain(`/v1/device-actions/${id}/approve`);
    expect(await emailsTo('approval_requested')).toHaveLength(3);

    expect((await call(it2, 'POST', `/v1/device-actions/${id}/approve`, {})).statusCode).toBe(200);
    expect(await notifications('approval_granted')).toMatchObject([{ userId: it1.id, data: { bulkActionId: id, approvedById: it2.id } }]);
    expect(await emailsTo('approval_granted')).toEqual([it1.email]);
  });

  it('consent accepted and withdrawn, and a new notice version, notify the people concerned', async () => {
    expect((await call(admin, 'POST', '/v1/privacy-notices', { title: 'BYOD v1', body: 'What the organisation can see on your phone' })).statusCode).toBe(201);
    expect(await notifications('consent_renewal_required')).toHaveLength(0); // nobody had consented yet
    expect((await call(staff, 'POST', '/v1/consents', { version: 1 })).statusCode).toBe(201);
    expect(await notifications('consent_accepted')).toMatchObject([{ userId: staff.id, subject: 'You accepted the privacy notice (version 1)' }]);
    expect(await emailsTo('consent_accepted')).toEqual([staff.email]);

    expect((await call(admin, 'POST', '/v1/privacy-notices', { title: 'BYOD v2', body: 'What the organisation can see on your phone now' })).statusCode).toBe(201);
    const renewal = await notifications('consent_renewal_required');
    expect(renewal).toMatchObject([{ userId: staff.id, data: { noticeVersion: 2 } }]);
    expect(await emailsTo('consent_renewal_required')).toEqual([staff.email]);

    // Accepting v2 as well, then withdrawing: one message to the person and one to IT, however many consent rows end.
    expect((await call(staff, 'POST', '/v1/consents', { version: 2 })).statusCode).toBe(201);
    expect((await call(staff, 'DELETE', '/v1/consents/me')).statusCode).toBe(200);
    const withdrawn = await notifications('consent_withdrawn');
    expect(withdrawn.map((n) => n.userId ?? n.audience).sort()).toEqual(['IT', staff.id].sort());
    expect(await emailsTo('consent_withdrawn')).toEqual([it1.email, it2.email, staff.email].sort());
  });

  it('the locale is stored, settable by IT/ADMIN and by the person, and picks the catalogue with English as fallback', async () => {
    const self = await call(staff, 'PATCH', '/v1/me', { locale: 'cy-GB' });
    expect(self.statusCode).toBe(200);
    expect(self.json()).toEqual({ locale: 'cy-GB' });
    expect((await ctx.deps.db.user.findUniqueOrThrow({ where: { id: staff.id } })).locale).toBe('cy-GB');

    const byIt = await call(it1, 'PATCH', `/v1/users/${staff.id}`, { locale: 'fr' });
    expect(byIt.statusCode).toBe(200);
    expect(byIt.json()).toMatchObject({ id: staff.id, locale: 'fr' });
    expect(await ctx.deps.db.auditEvent.count({ where: { action: 'user.updated', targetId: staff.id } })).toBe(2);

    // Staff cannot set someone else's; malformed tags, NUL and unknown fields are refused.
    expect((await call(staff, 'PATCH', `/v1/users/${it1.id}`, { locale: 'fr' })).statusCode).toBe(403);
    for (const body of [{ locale: 'not a tag' }, { locale: 'en\u0000' }, { locale: 'x'.repeat(40) }, { locale: 'en', role: 'ADMIN' }, {}]) {
      expect((await call(staff, 'PATCH', '/v1/me', body)).statusCode).toBe(400);
    }
    // No French catalogue yet: the English one answers, with the kind's own introduction.
    const mail = renderEmail({ kind: 'consent_renewal_required', locale: 'fr', recipientName: 'Nia', subject: 's', body: 'b' });
    expect(mail.text).toContain('The privacy notice for personal devices has changed.');
    expect(mail.text).toContain('Hello Nia,');
  });
});
