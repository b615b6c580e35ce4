import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestContext, type TestContext } from '../support/context.js';
import { createUser, TEST_PASSWORD, type TestUser } from '../support/factories.js';

describe('users API', () => {
  let ctx: TestContext;
  let admin: TestUser, it_: TestUser, manager: TestUser, otherManager: TestUser, staff: TestUser, colleague: TestUser, outsider: TestUser;
  const call = async (as: TestUser, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    ctx.app.inject({ method, url, payload, headers: await bearer(ctx, as) });

  beforeAll(async () => {
    ctx = await createTestContext({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    admin = await createUser(ctx.deps, { role: 'ADMIN' });
    it_ = await createUser(ctx.deps, { role: 'IT' });
    manager = await createUser(ctx.deps, { role: 'MANAGER' });
    otherManager = await createUser(ctx.deps, { role: 'MANAGER' });
    staff = await createUser(ctx.deps, { managerId: manager.id });
    colleague = await createUser(ctx.deps, { managerId: manager.id });
    outsider = await createUser(ctx.deps, { managerId: otherManager.id });
  });
  afterAll(() => ctx.close());

  it('lets IT create a user, who can then sign in; the creation is audited', async () => {
    const email = `new-${Date.now()}@example.test`;
    const response = await call(it_, 'POST', '/v1/users', { email, name: 'New Nurse', role: 'STAFF', managerId: manager.id, password: TEST_PASSWORD });
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({ email, role: 'STAFF', managerId: manager.id, mfaEnrolled: false });
    expect(created).not.toHaveProperty('passwordHash');
    const signIn = await ctx.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: TEST_PASSWORD } });
    expect(signIn.statusCode).toBe(200);
    const audit = await ctx.deps.db.auditEvent.findFirst({ where: { action: 'user.created', targetId: created.id } });
    expect(audit).toMatchObject({ actorId: it_.id, actorType: 'user' });
  });

  it('refuses a duplicate email with 409 and a weak password with 400', async () => {
    expect((await call(it_, 'POST', '/v1/users', { email: staff.email, name: 'Dup', role: 'STAFF', password: TEST_PASSWORD })).statusCode).toBe(409);
    const weak = await call(it_, 'POST', '/v1/users', { email: 'weak@example.test', name: 'Weak', role: 'STAFF', password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('does not let staff or managers create users', async () => {
    const body = { email: 'x@example.test', name: 'X', role: 'STAFF', password: TEST_PASSWORD };
    expect((await call(staff, 'POST', '/v1/users', body)).statusCode).toBe(403);
    expect((await call(manager, 'POST', '/v1/users', body)).statusCode).toBe(403);
  });

  it('only lets an ADMIN grant the ADMIN role', async () => {
    expect((await call(it_, 'PATCH', `/v1/users/${colleague.id}`, { role: 'ADMIN' })).statusCode).toBe(403);
    const target = await createUser(ctx.deps);
    expect((await call(admin, 'PATCH', `/v1/users/${target.id}`, { role: 'IT' })).json().role).toBe('IT');
  });

  it('lists only their own team to a manager, whatever filter they pass', async () => {
    const response = await call(manager, 'GET', `/v1/users?managerId=${otherManager.id}&limit=100`);
    expect(response.statusCode).toBe(200);
    const ids = response.json().items.map((u: { id: string }) => u.id);
    expect(ids).toEqual(expect.arrayContaining([staff.id, colleague.id]));
    expect(ids).not.toContain(outsider.id);
    expect(response.json().items.every((u: { managerId: string }) => u.managerId === manager.id)).toBe(true);
  });

  it('lists everyone to IT, with cursor pagination', async () => {
    const first = await call(it_, 'GET', '/v1/users?limit=2');
    expect(first.json().items).toHaveLength(2);
    const second = await call(it_, 'GET', `/v1/users?limit=2&cursor=${first.json().nextCursor}`);
    expect(second.json().items[0].id).not.toBe(first.json().items[1].id);
  });

  it('a manager asking for another team\'s user gets 404, not their data', async () => {
    const response = await call(manager, 'GET', `/v1/users/${outsider.id}`);
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain(outsider.email);
    expect((await call(manager, 'GET', `/v1/users/${staff.id}`)).statusCode).toBe(200);
  });

  it('staff see themselves but not colleagues, and cannot list users', async () => {
    expect((await call(staff, 'GET', `/v1/users/${staff.id}`)).statusCode).toBe(200);
    expect((await call(staff, 'GET', `/v1/users/${colleague.id}`)).statusCode).toBe(404);
    expect((await call(staff, 'GET', '/v1/users')).statusCode).toBe(403);
  });

  it('moves a user to another team and records the change', async () => {
    const mover = await createUser(ctx.deps, { managerId: manager.id });
    const response = await call(it_, 'PATCH', `/v1/users/${mover.id}`, { managerId: otherManager.id });
    expect(response.json().managerId).toBe(otherManager.id);
    expect((await call(manager, 'GET', `/v1/users/${mover.id}`)).statusCode).toBe(404);
    const audit = await ctx.deps.db.auditEvent.findFirst({ where: { action: 'user.updated', targetId: mover.id } });
    expect(audit?.details).toEqual({ changes: { managerId: { from: manager.id, to: otherManager.id } } });
  });

  it('refuses a staff member as manager', async () => {
    const response = await call(it_, 'PATCH', `/v1/users/${colleague.id}`, { managerId: staff.id });
    expect(response.statusCode).toBe(400);
  });

  it('disables a user: their sessions end at once and they cannot sign in', async () => {
    const leaver = await createUser(ctx.deps);
    const headers = await bearer(ctx, leaver);
    const response = await call(it_, 'POST', `/v1/users/${leaver.id}/disable`);
    expect(response.statusCode).toBe(200);
    expect(response.json().disabledAt).not.toBeNull();
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/users/${leaver.id}`, headers })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: leaver.email, password: TEST_PASSWORD } })).statusCode).toBe(401);
    expect(await ctx.deps.db.auditEvent.count({ where: { action: 'user.disabled', targetId: leaver.id } })).toBe(1);
  });

  it('validates ids and bodies with the standard error shape', async () => {
    const response = await call(it_, 'GET', '/v1/users/not-a-uuid');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect((await call(it_, 'PATCH', `/v1/users/${staff.id}`, { passwordHash: 'x' })).statusCode).toBe(400);
  });
});
