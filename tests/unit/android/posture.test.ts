import { describe, expect, it } from 'vitest';
import { deviceFacts, parsePatchLevel } from '../../../src/mdm/android/posture.js';
import type { AmapiDevice } from '../../../src/mdm/android/amapi-types.js';
import { androidFixture } from '../../support/fixtures.js';

describe('Device resource → posture', () => {
  it('maps a compliant company-owned device', () => {
    const facts = deviceFacts(androidFixture<AmapiDevice>('device-company-owned-compliant.json'), 300_000);
    expect(facts.ownership).toBe('CORPORATE');
    expect(facts.deleted).toBe(false);
    expect(facts.reportedAt?.toISOString()).toBe('2026-09-20T07:41:03.552Z');
    expect(facts.posture).toEqual({
      encrypted: true,
      passcodePresent: true,
      passcodeCompliant: true,
      autoLockMinutes: 5,
      passcodeMinLength: 6,
      osVersion: '15',
      osBuild: 'AP4A.250905.002',
      securityPatchLevel: new Date('2026-09-05T00:00:00Z'),
      compromised: false,
      supervised: true,
      lastCheckInAt: new Date('2026-09-20T07:41:03.552Z'),
    });
    expect(facts.device).toEqual({ model: 'Pixel 6', serialNumber: '28161FDH2004QX', osVersion: '15' });
  });

  it('flags a rooted company-owned device as compromised and unencrypted', () => {
    const facts = deviceFacts(androidFixture<AmapiDevice>('device-company-owned-compromised-noncompliant.json'));
    expect(facts.posture).toMatchObject({ compromised: true, encrypted: false, passcodeCompliant: true });
    expect(facts.android.securityRisks).toEqual(['UNKNOWN_OS', 'HARDWARE_BACKED_EVALUATION_FAILED']);
    expect(facts.android.nonComplianceDetails[1]).toMatchObject({ packageName: 'com.microsoft.office.outlook' });
    // No applied policy known: the lock timeout stays unreported rather than guessed.
    expect(facts.posture.autoLockMinutes).toBeUndefined();
  });

  it('keeps only work-profile facts of a personally-owned device', () => {
    const device = androidFixture<AmapiDevice>('device-personally-owned-work-profile-noncompliant.json');
    const facts = deviceFacts(device);
    expect(facts.ownership).toBe('PERSONAL');
    expect(facts.device).not.toHaveProperty('serialNumber');
    expect(JSON.stringify(facts)).not.toContain(device.hardwareInfo!.enterpriseSpecificId!);
    expect(facts.posture).toMatchObject({ passcodeCompliant: false, passcodeMinLength: 8, supervised: false, compromised: false });
    expect(facts.android.nonComplianceDetails.map((d) => d.settingName)).toEqual(['passwordPolicies', 'minimumApiLevel']);
  });

  it('a lock-timeout non-compliance withholds the enforced timeout', () => {
    const device = { ...androidFixture<AmapiDevice>('device-company-owned-compliant.json'), nonComplianceDetails: [{ settingName: 'maximumTimeToLock', nonComplianceReason: 'USER_ACTION' }] };
    expect(deviceFacts(device, 300_000).posture.autoLockMinutes).toBeNull();
  });

  it('treats encryption with the default key as not encrypted', () => {
    const device = androidFixture<AmapiDevice>('device-company-owned-compliant.json');
    const facts = deviceFacts({ ...device, deviceSettings: { ...device.deviceSettings, encryptionStatus: 'ACTIVE_DEFAULT_KEY' } });
    expect(facts.posture.encrypted).toBe(false);
  });

  it('recognises the final DELETED report and leaves unreported fields untouched', () => {
    const facts = deviceFacts(androidFixture<AmapiDevice>('device-deleted-final-status-report.json'));
    expect(facts.deleted).toBe(true);
    expect(facts.posture).not.toHaveProperty('encrypted');
    expect(facts.posture).not.toHaveProperty('passcodeCompliant');
  });

  it('maps the documented potentially-compromised security posture', () => {
    const device = { name: 'enterprises/e/devices/d', securityPosture: androidFixture('security-posture-potentially-compromised.verbatim.json') } as AmapiDevice;
    expect(deviceFacts(device).posture.compromised).toBe(true);
  });

  it('parses patch levels strictly', () => {
    expect(parsePatchLevel('2023-04-01')?.toISOString()).toBe('2023-04-01T00:00:00.000Z');
    expect(parsePatchLevel('April 2023')).toBeNull();
    expect(parsePatchLevel(undefined)).toBeNull();
  });
});
