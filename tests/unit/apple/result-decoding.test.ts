import { describe, expect, it } from 'vitest';
import { appleSource, deviceFactsFromDeviceInformation, postureFromDeviceInformation, postureFromSecurityInfo, securityInfoCompliance } from '../../../src/mdm/apple/posture.js';

/**
 * Command results are device-controlled: each key is used only with the type Apple documents, a key of another type
 * is "not reported", and nothing is inferred that the device did not say.
 */
describe('DeviceInformation results', () => {
  it('takes OS, build and supervision only when they have the documented type', () => {
    expect(postureFromDeviceInformation({ QueryResponses: { OSVersion: '17.5', BuildVersion: '21F79', IsSupervised: false } })).toEqual({ osVersion: '17.5', osBuild: '21F79', supervised: false });
    expect(postureFromDeviceInformation({ QueryResponses: { OSVersion: 17, BuildVersion: ['x'], IsSupervised: 'true' } })).toEqual({});
    expect(postureFromDeviceInformation({ QueryResponses: 'OSVersion=17' })).toEqual({});
    expect(postureFromDeviceInformation({})).toEqual({});
  });

  it('device facts: model from ModelName, else ProductName, else Model; empty or non-text values are not facts', () => {
    const facts = (answers: Record<string, unknown>, kind: 'DEVICE' | 'USER' = 'DEVICE') => deviceFactsFromDeviceInformation({ QueryResponses: answers }, kind);
    expect(facts({ ModelName: 'iPhone', ProductName: 'iPhone15,2', Model: 'MQ9X3', DeviceName: 'Ana', OSVersion: '17.5', SerialNumber: 'F2L' })).toEqual({ model: 'iPhone', displayName: 'Ana', osVersion: '17.5', serialNumber: 'F2L' });
    expect(facts({ ProductName: 'iPhone15,2', Model: 'MQ9X3' }).model).toBe('iPhone15,2');
    expect(facts({ ModelName: '', Model: 'MQ9X3' }).model).toBe('MQ9X3');
    expect(facts({ ModelName: 5, DeviceName: '', SerialNumber: { x: 1 } })).toEqual({ model: undefined, displayName: undefined, osVersion: undefined, serialNumber: undefined });
    expect(facts({ SerialNumber: 'F2L', DeviceName: 'Ana' }, 'USER')).toEqual({ model: undefined, displayName: 'Ana', osVersion: undefined, serialNumber: undefined });
    expect(deviceFactsFromDeviceInformation({ QueryResponses: ['SerialNumber'] }, 'DEVICE')).toEqual({ model: undefined, displayName: undefined, osVersion: undefined, serialNumber: undefined });
  });
});

describe('SecurityInfo results', () => {
  it('encryption: FileVault when reported, else hardware caps 1 and 2 both present plus a passcode', () => {
    expect(postureFromSecurityInfo({ SecurityInfo: { FDE_Enabled: false, HardwareEncryptionCaps: 3, PasscodePresent: true } })).toMatchObject({ encrypted: false });
    expect(postureFromSecurityInfo({ SecurityInfo: { FDE_Enabled: true } })).toEqual({ encrypted: true });
    expect(postureFromSecurityInfo({ SecurityInfo: { HardwareEncryptionCaps: 7, PasscodePresent: true } })).toMatchObject({ encrypted: true });
    expect(postureFromSecurityInfo({ SecurityInfo: { HardwareEncryptionCaps: 2, PasscodePresent: true } })).toMatchObject({ encrypted: false });
    // Capable hardware but no word on the passcode: encryption is not reported rather than guessed.
    expect(postureFromSecurityInfo({ SecurityInfo: { HardwareEncryptionCaps: 3 } })).toEqual({});
    expect(postureFromSecurityInfo({ SecurityInfo: { HardwareEncryptionCaps: '3', PasscodePresent: true, FDE_Enabled: 'yes' } })).toEqual({ passcodePresent: true });
    expect(postureFromSecurityInfo({ SecurityInfo: 'encrypted' })).toEqual({});
  });

  it('passcode verdict: the profile-only key on device enrolment (overall verdict as fallback), only the overall one on User Enrolment', () => {
    expect(securityInfoCompliance({ PasscodeCompliantWithProfiles: false, PasscodeCompliant: true }, 'DEVICE')).toBe(false);
    expect(securityInfoCompliance({ PasscodeCompliant: false }, 'DEVICE')).toBe(false);
    expect(securityInfoCompliance({ PasscodeCompliantWithProfiles: true, PasscodeCompliant: false }, 'USER')).toBe(false);
    expect(securityInfoCompliance({ PasscodeCompliantWithProfiles: true }, 'USER')).toBeNull();
    expect(securityInfoCompliance({ PasscodeCompliant: 'true' }, 'DEVICE')).toBeNull();
    expect(postureFromSecurityInfo({ SecurityInfo: { PasscodeCompliantWithProfiles: true, PasscodeCompliant: false } })).toEqual({ passcodeCompliant: true });
    expect(postureFromSecurityInfo({ SecurityInfo: { PasscodeCompliantWithProfiles: true, PasscodeCompliant: false } }, 'USER')).toEqual({ passcodeCompliant: false });
  });
});

describe('the Apple evidence the rules judge', () => {
  const input = { productName: 'iPhone15,2', enrollmentType: 'DEVICE' as const, lastSecurityInfo: null, passcodeProfile: null };

  it('OS family from the product name, or FileVault in the last SecurityInfo', () => {
    expect(appleSource(input).os).toBe('iOS');
    expect(appleSource({ ...input, productName: 'iPad13,4' }).os).toBe('iPadOS');
    expect(appleSource({ ...input, productName: 'ipad13,4' }).os).toBe('iPadOS');
    expect(appleSource({ ...input, productName: 'MacBookPro18,1' }).os).toBe('macOS');
    expect(appleSource({ ...input, productName: null, lastSecurityInfo: { SecurityInfo: { FDE_Enabled: false } } }).os).toBe('macOS');
    expect(appleSource({ ...input, productName: null }).os).toBe('iOS');
    expect(appleSource({ ...input, productName: 'MyiPad' }).os).toBe('iOS');
  });

  it('SecurityInfo keys are null unless reported with their type; nothing at all before the first result', () => {
    expect(appleSource(input).securityInfo).toBeNull();
    expect(appleSource({ ...input, lastSecurityInfo: { SecurityInfo: 'x' } }).securityInfo).toBeNull();
    expect(appleSource({ ...input, lastSecurityInfo: { SecurityInfo: { HardwareEncryptionCaps: 3, PasscodePresent: true, PasscodeCompliantWithProfiles: false, FDE_Enabled: true } } }).securityInfo)
      .toEqual({ hardwareEncryptionCaps: 3, passcodePresent: true, passcodeCompliant: false, fileVault: true });
    expect(appleSource({ ...input, lastSecurityInfo: { SecurityInfo: { HardwareEncryptionCaps: '3', PasscodePresent: 1, FDE_Enabled: 'no' } } }).securityInfo)
      .toEqual({ hardwareEncryptionCaps: null, passcodePresent: null, passcodeCompliant: null, fileVault: null });
    expect(appleSource({ ...input, enrollmentType: 'USER', lastSecurityInfo: { SecurityInfo: { PasscodeCompliant: true, PasscodeCompliantWithProfiles: false } } })).toMatchObject({ userEnrollment: true, securityInfo: { passcodeCompliant: true } });
    expect(appleSource(input).userEnrollment).toBe(false);
  });

  it('passcode profile: its state (anything unknown is PENDING) and numeric settings', () => {
    const profile = (state: string, settings: unknown) => appleSource({ ...input, passcodeProfile: { state, settings } }).passcodeProfile;
    expect(profile('VERIFIED', { minLength: 6, autoLockMinutes: 5, maxFailedAttempts: 10 })).toEqual({ state: 'VERIFIED', minLength: 6, autoLockMinutes: 5, maxFailedAttempts: 10 });
    expect(profile('REFUSED', { minLength: '6' })).toEqual({ state: 'REFUSED', minLength: null, autoLockMinutes: null, maxFailedAttempts: null });
    expect(profile('INSTALLING', null)).toEqual({ state: 'PENDING', minLength: null, autoLockMinutes: null, maxFailedAttempts: null });
    expect(appleSource(input).passcodeProfile).toBeNull();
  });
});
