import { describe, expect, it } from 'vitest';
import { redactDeviceFor } from '../../../src/domain/access.js';
import { managerInventoryShape } from '../../../src/domain/devices/device-redaction.js';

/** An inventory document as IT sees it (list item plus the detail sections of GET /v1/devices/{id}). */
const itDocument = () => ({
  id: '3f2b8c1e-9a4d-4e6f-8b1a-0c2d3e4f5a6b',
  platform: 'APPLE' as const,
  ownership: 'CORPORATE' as const,
  status: 'ENROLLED',
  enrollmentType: 'APPLE_DEVICE',
  displayName: "Anna's iPhone",
  model: 'iPhone15,2',
  serialNumber: 'F2LZK0XXN70F',
  udid: '00008110-000A1C2E0C88801E',
  imei: '35 209900 176148 1',
  osVersion: '17.4.1',
  osBuild: '21E236',
  assetTag: 'IT-00417',
  notes: 'Screen cracked; replacement ordered. Home address on file.',
  enrolledAt: '2026-01-02T03:04:05.000Z',
  lastSeenAt: '2026-11-23T10:00:00.000Z',
  user: { id: 'u-1', name: 'Anna Berg', email: 'anna@example.com' },
  enrollment: { type: 'DEVICE', topic: 'com.apple.mgmt.x' },
  posture: { encrypted: true, passcodePresent: true, osVersion: '17.4.1' },
  recentCommands: [{ requestType: 'DeviceLock', status: 'ACKNOWLEDGED' }],
  openIncidents: [{ id: 'i-1', kind: 'LOST' }],
  escalation: [{ action: 'LOCK', status: 'PENDING' }],
  compliance: {
    state: 'IN_GRACE',
    graceDeadline: '2026-11-30T10:00:00.000Z',
    blocked: false,
    stateChangedAt: '2026-11-23T10:00:00.000Z',
    evaluatedAt: '2026-11-23T10:00:00.000Z',
    policyVersion: 7,
    unknownRules: ['patch-level'],
    failingRules: [
      { rule: 'os-version', status: 'FAIL', expected: '>= 17.5', actual: '17.4.1', remediation: 'Update iOS' },
      { rule: 'passcode', status: 'FAIL', expected: '6 digits', actual: '4 digits' },
    ],
  },
});

const HIDDEN = ['displayName', 'model', 'serialNumber', 'udid', 'imei', 'osVersion', 'osBuild', 'assetTag', 'notes', 'enrollment', 'posture', 'recentCommands', 'openIncidents', 'escalation'];

describe("a manager's view of a report's device", () => {
  it('never includes serial numbers, hardware identifiers, IT notes or device details', () => {
    const shaped = managerInventoryShape(itDocument());
    for (const key of HIDDEN) expect(shaped).not.toHaveProperty(key);
    const text = JSON.stringify(shaped);
    for (const secret of ['F2LZK0XXN70F', '00008110', '176148', 'IT-00417', 'Screen cracked', 'iPhone15', '17.4.1', '21E236', 'DeviceLock', 'LOST']) expect(text).not.toContain(secret);
  });

  it('keeps who, which platform and ownership, and the compliance state with its deadline', () => {
    expect(managerInventoryShape(itDocument())).toStrictEqual({
      id: '3f2b8c1e-9a4d-4e6f-8b1a-0c2d3e4f5a6b',
      platform: 'APPLE',
      ownership: 'CORPORATE',
      status: 'ENROLLED',
      enrollmentType: 'APPLE_DEVICE',
      enrolledAt: '2026-01-02T03:04:05.000Z',
      lastSeenAt: '2026-11-23T10:00:00.000Z',
      user: { id: 'u-1', name: 'Anna Berg', email: 'anna@example.com' },
      compliance: {
        state: 'IN_GRACE',
        graceDeadline: '2026-11-30T10:00:00.000Z',
        blocked: false,
        stateChangedAt: '2026-11-23T10:00:00.000Z',
        failingRules: ['os-version', 'passcode'],
      },
    });
  });

  it('names the failing rules but never the values observed on the phone', () => {
    const { compliance } = managerInventoryShape(itDocument()) as { compliance: Record<string, unknown> };
    expect(compliance.failingRules).toEqual(['os-version', 'passcode']);
    expect(JSON.stringify(compliance)).not.toMatch(/17\.4\.1|4 digits|Update iOS|patch-level/);
  });

  it('keeps rule names that are already plain names', () => {
    const doc = { id: 'd', compliance: { state: 'NONCOMPLIANT', blocked: true, graceDeadline: null, failingRules: ['encryption', { rule: 'passcode', actual: '0000' }] } };
    expect(managerInventoryShape(doc).compliance).toStrictEqual({ state: 'NONCOMPLIANT', blocked: true, graceDeadline: null, failingRules: ['encryption', 'passcode'] });
  });

  it('does not invent compliance fields the document did not have', () => {
    const shaped = managerInventoryShape({ id: 'd', compliance: { state: 'COMPLIANT', failingRules: [] } });
    expect(shaped.compliance).toStrictEqual({ state: 'COMPLIANT', failingRules: [] });
    expect(Object.keys(shaped.compliance!)).toEqual(['state', 'failingRules']);
  });

  it('copes with a device never evaluated (no compliance yet)', () => {
    expect(managerInventoryShape({ id: 'd', compliance: null, serialNumber: 'X' })).toStrictEqual({ id: 'd', compliance: null });
    expect(managerInventoryShape({ id: 'd', compliance: { state: 'UNKNOWN' } }).compliance).toStrictEqual({ state: 'UNKNOWN', failingRules: undefined });
  });

  it('leaves a compliance value that is not a section as it is', () => {
    expect(managerInventoryShape({ id: 'd', compliance: 'UNKNOWN' })).toStrictEqual({ id: 'd', compliance: 'UNKNOWN' });
  });

  it('leaves the IT document it was given untouched', () => {
    const doc = itDocument();
    managerInventoryShape(doc);
    expect(doc).toStrictEqual(itDocument());
  });

  it('still shows nothing identifying once the access rule has run after it, as the inventory does', () => {
    const shown = redactDeviceFor('manager', managerInventoryShape(itDocument()));
    const text = JSON.stringify(shown);
    for (const secret of ['F2LZK0XXN70F', '00008110', 'IT-00417', 'Screen cracked', '4 digits']) expect(text).not.toContain(secret);
    expect(text).toContain('os-version');
  });
});
