import { describe, expect, it } from 'vitest';
import { deviceViewFor, MANAGER_VISIBLE_FIELDS, redactDeviceFor, type Actor } from '../../src/domain/access.js';
import { isRecentMfa } from '../../src/domain/auth/step-up.js';
import { decideReEnrolment, survivesDeviceSideUnenrolment } from '../../src/domain/devices/re-enrolment.js';
import {
  hashedDeviceIdentity, keepsHardwareIdentifiers, matchesStoredIdentity, storedDeviceIdentity, withoutHardwareIdentifiers,
} from '../../src/domain/devices/minimum-identifiers.js';
import { findInputProblem, isStorableText, MAX_NESTING_DEPTH } from '../../src/domain/input-hygiene.js';
import { containerDepth, decodePlist, PlistError } from '../../src/mdm/apple/plist.js';
import { trustProxySetting } from '../../src/api/trust-proxy.js';

const actor = (role: Actor['role'], userId = 'me'): Actor => ({ userId, role });

describe('deviceViewFor: the one visibility rule', () => {
  const owner = { id: 'owner', managerId: 'boss' };
  it.each([
    ['ADMIN', 'x', owner, 'fleet'],
    ['IT', 'x', owner, 'fleet'],
    ['IT', 'x', null, 'fleet'],
    ['IT', 'owner', owner, 'fleet'],
    ['STAFF', 'owner', owner, 'owner'],
    ['MANAGER', 'owner', owner, 'owner'],
    ['MANAGER', 'boss', owner, 'manager'],
    ['MANAGER', 'other-boss', owner, null],
    ['STAFF', 'boss', owner, null],
    ['STAFF', 'colleague', owner, null],
    ['MANAGER', 'boss', null, null],
    ['STAFF', 'x', null, null],
  ] as const)('%s %s sees %o as %s', (role, userId, target, expected) => {
    expect(deviceViewFor(actor(role, userId), target)).toBe(expected);
  });
});

describe('redactDeviceFor', () => {
  const view = {
    id: 'c1', status: 'ACKNOWLEDGED', payload: { Queries: ['SerialNumber'] }, result: { SerialNumber: 'F123' }, serialNumber: 'F123',
    items: [{ state: 'NONCOMPLIANT', displayName: 'Ann’s iPhone', failingRules: ['passcode'] }], requestedAt: new Date(0), missing: undefined, nothing: null,
  };
  it('leaves the fleet view untouched (same object)', () => {
    expect(redactDeviceFor('fleet', view)).toBe(view);
  });
  it("shows the device's user everything but IT's own working fields", () => {
    const device = { id: 'd1', serialNumber: 'F123', notes: 'spare from ward 4', assetTag: 'NHS-0042', compliance: { state: 'COMPLIANT' } };
    expect(redactDeviceFor('owner', device)).toEqual({ id: 'd1', serialNumber: 'F123', compliance: { state: 'COMPLIANT' } });
    expect(redactDeviceFor('owner', ['a'])).toEqual(['a']);
  });
  it('nulls every field outside the allow-list at any depth and keeps the shape', () => {
    expect(redactDeviceFor('manager', view)).toEqual({
      id: 'c1', status: 'ACKNOWLEDGED', payload: null, result: null, serialNumber: null,
      items: [{ state: 'NONCOMPLIANT', displayName: null, failingRules: ['passcode'] }], requestedAt: new Date(0), missing: undefined, nothing: null,
    });
  });
  it('hides whatever is nested deeper than any response we build', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i += 1) deep = { items: deep };
    expect(JSON.stringify(redactDeviceFor('manager', deep))).not.toContain('"x"');
    expect(redactDeviceFor('manager', ['a', 1, true])).toEqual(['a', 1, true]);
  });
  it('never allows an identifier', () => {
    for (const key of ['serialNumber', 'udid', 'imei', 'displayName', 'payload', 'result', 'amapiName', 'lastLocation']) expect(MANAGER_VISIBLE_FIELDS.has(key)).toBe(false);
  });
});

describe('re-enrolment', () => {
  it.each([
    [{ userId: 'a', ownership: 'CORPORATE' }, { userId: 'a', ownership: 'CORPORATE' }, true],
    [{ userId: 'a', ownership: 'PERSONAL' }, { userId: 'a', ownership: 'PERSONAL' }, true],
    [{ userId: 'a', ownership: 'CORPORATE' }, { userId: 'b', ownership: 'CORPORATE' }, false],
    [{ userId: 'a', ownership: 'CORPORATE' }, { userId: 'a', ownership: 'PERSONAL' }, false],
    [{ userId: null, ownership: 'CORPORATE' }, { userId: 'a', ownership: 'CORPORATE' }, false],
    [{ userId: 'a', ownership: 'CORPORATE' }, { userId: null, ownership: 'CORPORATE' }, false],
  ] as const)('%o replaced by %o: %s', (live, incoming, allowed) => {
    const decision = decideReEnrolment(live, incoming);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision.reason).toMatch(/user|ownership|owner/);
  });
  it('a corporate lock or wipe survives what the device sends; nothing else does', () => {
    for (const requestType of ['DeviceLock', 'EraseDevice', 'LOCK', 'WIPE']) expect(survivesDeviceSideUnenrolment('CORPORATE', { requestType, action: null })).toBe(true);
    for (const action of ['LOCK', 'WIPE_FULL', 'WIPE_SELECTIVE']) expect(survivesDeviceSideUnenrolment('CORPORATE', { requestType: 'RemoveProfile', action })).toBe(true);
    expect(survivesDeviceSideUnenrolment('CORPORATE', { requestType: 'ProfileList', action: null })).toBe(false);
    expect(survivesDeviceSideUnenrolment('CORPORATE', { requestType: 'ProfileList', action: 'OTHER' })).toBe(false);
    expect(survivesDeviceSideUnenrolment('PERSONAL', { requestType: 'DeviceLock', action: 'LOCK' })).toBe(false);
  });
});

describe('input hygiene', () => {
  it('text PostgreSQL can store', () => {
    expect(isStorableText('plain ü 😀')).toBe(true);
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText('\ud800')).toBe(false);
    expect(isStorableText('\udc00x')).toBe(false);
  });
  it('finds the first problem with its path, in values and keys', () => {
    expect(findInputProblem({ a: [1, 'ok', { b: 'x\u0000' }] })).toEqual({ path: '/a/2/b', message: expect.stringMatching(/NUL/) });
    expect(findInputProblem({ ['k\u0000']: 1 })).toEqual({ path: '/k\u0000', message: expect.stringMatching(/property names/) });
    expect(findInputProblem(['\ud800'])).toMatchObject({ path: '/0' });
    expect(findInputProblem('\u0000')).toMatchObject({ path: '' });
    // Querystrings are coerced: `limit=1e309` arrives as Infinity.
    expect(findInputProblem({ limit: Infinity })).toEqual({ path: '/limit', message: 'must be a finite number' });
    expect(findInputProblem({ limit: 5 })).toBeNull();
    expect(findInputProblem({ a: 1, b: [true, null, new Date(0), new Uint8Array([0])], c: 'fine' })).toBeNull();
    expect(findInputProblem(42)).toBeNull();
  });
  it('refuses nesting deeper than the limit, exactly at the limit', () => {
    const nest = (levels: number) => {
      let value: unknown = 1;
      for (let i = 0; i < levels; i += 1) value = i % 2 ? [value] : { a: value };
      return value;
    };
    expect(findInputProblem(nest(MAX_NESTING_DEPTH))).toBeNull();
    expect(findInputProblem(nest(MAX_NESTING_DEPTH + 1))).toMatchObject({ message: expect.stringMatching(/nested more than 64/) });
    expect(findInputProblem(nest(3), 2)).not.toBeNull();
    expect(findInputProblem(nest(2), 2)).toBeNull();
  });
  it('plists: container depth counted before parsing, unstorable text refused after', () => {
    expect(containerDepth('<dict><array><dict/></array></dict><array></array>')).toBe(2);
    expect(containerDepth('<dict ><array></array ></dict>')).toBe(2);
    const deep = `<plist><dict><key>a</key>${'<array>'.repeat(70)}${'</array>'.repeat(70)}</dict></plist>`;
    expect(() => decodePlist(deep)).toThrow(PlistError);
    expect(() => decodePlist('<plist><dict><key>a</key><string>x&#0;</string></dict></plist>')).toThrow(PlistError);
    expect(decodePlist('<plist><dict><key>a</key><array><string>ok</string></array></dict></plist>')).toEqual({ a: ['ok'] });
  });
});

describe('minimum identifiers', () => {
  it('drops hardware identifiers at any depth, keeps the rest', () => {
    const result = { QueryResponses: { SerialNumber: 'F1', UDID: 'u', OSVersion: '17.5', ServiceSubscriptions: [{ IMEI: '1' }] }, list: [{ IMEI: 'x', Model: 'm' }], raw: new Uint8Array([1]) };
    expect(withoutHardwareIdentifiers(result)).toEqual({ QueryResponses: { OSVersion: '17.5' }, list: [{ Model: 'm' }], raw: new Uint8Array([1]) });
    expect(withoutHardwareIdentifiers('text')).toBe('text');
    expect(withoutHardwareIdentifiers(null)).toBeNull();
  });
  it('stores a personal device enrolment identity hashed, and still matches it', () => {
    expect(keepsHardwareIdentifiers('CORPORATE')).toBe(true);
    expect(keepsHardwareIdentifiers('PERSONAL')).toBe(false);
    expect(storedDeviceIdentity('UDID1', 'DEVICE', 'CORPORATE')).toBe('UDID1');
    expect(storedDeviceIdentity('ENR1', 'USER', 'PERSONAL')).toBe('ENR1');
    const stored = storedDeviceIdentity('UDID1', 'DEVICE', 'PERSONAL');
    expect(stored).toBe(hashedDeviceIdentity('UDID1'));
    expect(stored).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(stored).not.toContain('UDID1');
    expect(matchesStoredIdentity(stored, 'UDID1')).toBe(true);
    expect(matchesStoredIdentity('UDID1', 'UDID1')).toBe(true);
    expect(matchesStoredIdentity(stored, 'UDID2')).toBe(false);
    expect(matchesStoredIdentity(null, 'UDID1')).toBe(false);
  });
});

describe('step-up and proxies', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  it('MFA is recent up to and including the maximum age', () => {
    expect(isRecentMfa(new Date(now.getTime() - 300_000), now, 300)).toBe(true);
    expect(isRecentMfa(new Date(now.getTime() - 300_001), now, 300)).toBe(false);
    expect(isRecentMfa(null, now, 300)).toBe(false);
    expect(isRecentMfa(undefined, now, 300)).toBe(false);
  });
  it('TRUST_PROXY: off, hop count, or a list; never "trust everyone"', () => {
    expect(trustProxySetting('')).toBe(false);
    expect(trustProxySetting(' false ')).toBe(false);
    expect(trustProxySetting('0')).toBe(false);
    const hops = trustProxySetting('2') as (address: string, hop: number) => boolean;
    expect([hops('10.0.0.1', 0), hops('10.0.0.1', 1), hops('10.0.0.1', 2)]).toEqual([true, true, false]);
    expect(trustProxySetting('10.0.0.0/8, 192.168.1.5,')).toEqual(['10.0.0.0/8', '192.168.1.5']);
  });
});
