import { describe, expect, it } from 'vitest';
import { auditActorOf, canSeeUser, deviceViewFor, isFleetAdmin, redactDeviceFor, type Actor } from '../../../src/domain/access.js';

const alice = { id: 'alice', managerId: 'mia' };

describe('who may see a person', () => {
  it('does not let a STAFF account see the people it is recorded as managing', () => {
    // A demoted manager keeps managerId links until someone tidies them: the role decides, not the link.
    expect(canSeeUser({ userId: 'mia', role: 'STAFF' }, alice)).toBe(false);
    expect(canSeeUser({ userId: 'mia', role: 'MANAGER' }, alice)).toBe(true);
  });

  it('lets everyone see themselves, whatever their role', () => {
    for (const role of ['STAFF', 'MANAGER', 'IT', 'ADMIN'] as const) expect(canSeeUser({ userId: 'alice', role }, alice)).toBe(true);
  });

  it('does not treat a person without a manager as managed by a manager with an empty id', () => {
    expect(canSeeUser({ userId: '', role: 'MANAGER' }, { id: 'bob', managerId: null })).toBe(false);
  });

  it('treats only IT and ADMIN as fleet administrators', () => {
    expect(isFleetAdmin({ userId: 'x', role: 'IT' })).toBe(true);
    expect(isFleetAdmin({ userId: 'x', role: 'ADMIN' })).toBe(true);
    expect(isFleetAdmin({ userId: 'x', role: 'MANAGER' })).toBe(false);
    expect(isFleetAdmin({ userId: 'x', role: 'STAFF' })).toBe(false);
  });
});

describe('who may see a device', () => {
  it('hides a device nobody holds from everyone but IT and ADMIN', () => {
    expect(deviceViewFor({ userId: 'mia', role: 'MANAGER' }, null)).toBeNull();
    expect(deviceViewFor({ userId: 'alice', role: 'STAFF' }, null)).toBeNull();
    expect(deviceViewFor({ userId: 'it', role: 'IT' }, null)).toBe('fleet');
  });

  it("gives a manager the owner view of their own device and the manager view of a report's", () => {
    expect(deviceViewFor({ userId: 'mia', role: 'MANAGER' }, { id: 'mia', managerId: 'boss' })).toBe('owner');
    expect(deviceViewFor({ userId: 'mia', role: 'MANAGER' }, alice)).toBe('manager');
    expect(deviceViewFor({ userId: 'mia', role: 'STAFF' }, alice)).toBeNull();
  });
});

describe('the owner view of a device', () => {
  it('passes through values that are not a record', () => {
    expect(redactDeviceFor('owner', null)).toBeNull();
    expect(redactDeviceFor('owner', 'F123')).toBe('F123');
    expect(redactDeviceFor('owner', 42)).toBe(42);
  });
});

describe('the manager view of a device', () => {
  const nest = (levels: number, leaf: unknown, wrap: (inner: unknown) => unknown) => {
    let value = leaf;
    for (let i = 0; i < levels; i += 1) value = wrap(value);
    return value;
  };
  const depthOfLeaf = (value: unknown): unknown => {
    let current = value;
    while (current && typeof current === 'object' && 'items' in current) current = (current as { items: unknown }).items;
    return current;
  };

  it('keeps an allowed field that is null, at the top and nested', () => {
    expect(redactDeviceFor('manager', { graceDeadline: null, compliance: { state: null } })).toEqual({ graceDeadline: null, compliance: { state: null } });
  });

  it('keeps dates as dates', () => {
    const at = new Date('2026-03-01T12:00:00Z');
    const shown = redactDeviceFor('manager', { evaluatedAt: at }) as { evaluatedAt: unknown };
    expect(shown.evaluatedAt).toBeInstanceOf(Date);
    expect((shown.evaluatedAt as Date).getTime()).toBe(at.getTime());
  });

  it('keeps allowed fields down to 32 levels deep and hides anything deeper', () => {
    const leaf = { state: 'NONCOMPLIANT' };
    expect(depthOfLeaf(redactDeviceFor('manager', nest(32, leaf, (inner) => ({ items: inner }))))).toEqual(leaf);
    expect(depthOfLeaf(redactDeviceFor('manager', nest(33, leaf, (inner) => ({ items: inner }))))).toBeNull();
  });

  it('counts nested arrays towards the depth limit too', () => {
    const deep = nest(40, { serialNumber: 'F123', state: 'x' }, (inner) => [inner]);
    expect(JSON.stringify(redactDeviceFor('manager', deep))).not.toContain('"state"');
  });
});

describe('audit fields of an actor', () => {
  it('records a user as the user, with their address', () => {
    expect(auditActorOf({ userId: 'u1', role: 'IT', ip: '192.0.2.1' })).toEqual({ actorType: 'user', actorId: 'u1', ip: '192.0.2.1' });
  });

  it('records a service account as itself, never as the user id it acts under', () => {
    const actor: Actor = { userId: 'sa-1', role: 'IT', ip: '192.0.2.9', serviceAccount: { id: 'sa-1', keyId: 'k-7', scopes: ['devices:read'] } };
    expect(auditActorOf(actor)).toEqual({ actorType: 'service_account', actorId: 'sa-1', ip: '192.0.2.9' });
    expect(auditActorOf({ ...actor, userId: 'someone-else' }).actorId).toBe('sa-1');
  });

  it('records a missing address as null', () => {
    expect(auditActorOf({ userId: 'u1', role: 'STAFF' }).ip).toBeNull();
    expect(auditActorOf({ userId: 'sa-1', role: 'IT', serviceAccount: { id: 'sa-1', keyId: 'k', scopes: [] } }).ip).toBeNull();
  });
});
