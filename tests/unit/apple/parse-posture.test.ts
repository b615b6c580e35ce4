import { describe, expect, it } from 'vitest';
import { appleSource, postureFromSecurityInfo } from '../../../src/mdm/apple/posture.js';

/**
 * SecurityInfo is device input: a key of the wrong type is "not reported", and the report lists only what the
 * device actually said (the whole report is what is stored and judged).
 */
describe('posture from SecurityInfo: only well-typed facts are reported', () => {
  it('a PasscodePresent that is not a boolean is not reported, and says nothing about encryption', () => {
    for (const PasscodePresent of [1, 'true', 'yes', null]) {
      const report = postureFromSecurityInfo({ SecurityInfo: { PasscodePresent, HardwareEncryptionCaps: 3, PasscodeCompliantWithProfiles: true } });
      expect(report, String(PasscodePresent)).toStrictEqual({ passcodeCompliant: true });
    }
  });

  it('an iOS device with full encryption caps but no passcode answer reports neither passcode nor encryption', () => {
    expect(postureFromSecurityInfo({ SecurityInfo: { HardwareEncryptionCaps: 3 } })).toStrictEqual({});
  });

  it('an empty SecurityInfo reports nothing at all', () => {
    expect(postureFromSecurityInfo({ SecurityInfo: {} })).toStrictEqual({});
    expect(postureFromSecurityInfo({})).toStrictEqual({});
  });
});

describe('appleSource: what the compliance rules read', () => {
  it('is an Apple source, iOS when the product is unknown', () => {
    const source = appleSource({ productName: null, enrollmentType: 'DEVICE', lastSecurityInfo: null, passcodeProfile: null });
    expect(source).toStrictEqual({ kind: 'APPLE', os: 'iOS', userEnrollment: false, securityInfo: null, passcodeProfile: null });
  });
});
