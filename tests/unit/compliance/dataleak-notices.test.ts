import { describe, expect, it } from 'vitest';
import { failingNotice, fixedNotice, reminderAt, reminderNotice } from '../../../src/domain/compliance/notices.js';
import type { RuleResult } from '../../../src/domain/compliance/rules.js';

const HOUR = 3_600_000;
const deadline = new Date('2026-03-05T14:30:59.999Z');

const encryptionFail: RuleResult = {
  rule: 'encryption',
  status: 'fail',
  expected: 'encrypted',
  actual: 'not encrypted',
  evidence: 'SecurityInfo',
  remediation: 'Turn on a passcode to encrypt the phone',
};
const patchFailWithoutFix: RuleResult = {
  rule: 'os_version',
  status: 'fail',
  expected: 'iOS 17.0 or later',
  actual: 'iOS 16.4',
  evidence: 'DeviceInformation',
  remediation: null,
};
const passcodePass: RuleResult = {
  rule: 'passcode',
  status: 'pass',
  expected: 'a passcode',
  actual: 'set',
  evidence: 'SecurityInfo',
  remediation: null,
};
const integrityUnknown: RuleResult = {
  rule: 'integrity',
  status: 'unknown',
  expected: 'not compromised',
  actual: 'not reported yet',
  evidence: 'securityPosture',
  remediation: 'Open the app',
};

describe('the notice sent when a device starts failing', () => {
  it('names the device, the deadline to the minute in UTC, and one line per failing rule with its fix', () => {
    const notice = failingNotice('APPLE', [encryptionFail, passcodePass, integrityUnknown, patchFailWithoutFix], deadline);
    expect(notice).toEqual({
      kind: 'DEVICE_FAILING',
      subject: 'Your Apple device needs attention by 2026-03-05 14:30 UTC',
      body: [
        'Your Apple device does not meet the security policy. Please fix the following by 2026-03-05 14:30 UTC, or access to work services may be restricted:',
        '- Turn on a passcode to encrypt the phone (expected encrypted; now not encrypted)',
        '- iOS 17.0 or later (expected iOS 17.0 or later; now iOS 16.4)',
      ].join('\n'),
    });
  });

  it('calls an Android phone an Android device', () => {
    const notice = failingNotice('ANDROID', [encryptionFail], deadline);
    expect(notice.subject).toBe('Your Android device needs attention by 2026-03-05 14:30 UTC');
    expect(notice.body.startsWith('Your Android device does not meet the security policy.')).toBe(true);
  });

  it('lists neither passing rules nor rules whose state is unknown', () => {
    const body = failingNotice('ANDROID', [passcodePass, integrityUnknown], deadline).body;
    expect(body.split('\n')).toHaveLength(1);
    expect(body).not.toContain('Open the app');
  });
});

describe('the reminder before the deadline', () => {
  it('repeats the deadline and the fixes still needed', () => {
    expect(reminderNotice('ANDROID', [passcodePass, encryptionFail], deadline)).toEqual({
      kind: 'DEVICE_REMINDER',
      subject: 'Reminder: fix your Android device by 2026-03-05 14:30 UTC',
      body: [
        'Your Android device still does not meet the security policy. The deadline is 2026-03-05 14:30 UTC:',
        '- Turn on a passcode to encrypt the phone (expected encrypted; now not encrypted)',
      ].join('\n'),
    });
    expect(reminderNotice('APPLE', [], deadline).subject).toBe('Reminder: fix your Apple device by 2026-03-05 14:30 UTC');
  });
});

describe('the notice sent when the device is fixed', () => {
  it('thanks the user and says nothing more is needed', () => {
    expect(fixedNotice('APPLE')).toEqual({
      kind: 'DEVICE_FIXED',
      subject: 'Your Apple device meets the security policy again',
      body: 'Thank you: your Apple device meets the security policy again. Nothing more to do.',
    });
    expect(fixedNotice('ANDROID').subject).toBe('Your Android device meets the security policy again');
  });
});

describe('when the reminder is sent', () => {
  const start = new Date('2026-03-01T08:00:00.000Z');
  const after = (hours: number) => new Date(start.getTime() + hours * HOUR);

  it('a day before the deadline when the grace period is longer than two days', () => {
    expect(reminderAt(start, after(72))).toEqual(after(48));
  });

  it('a day before the deadline when the grace period is exactly two days', () => {
    expect(reminderAt(start, after(48))).toEqual(after(24));
  });

  it('halfway through a grace period shorter than two days', () => {
    expect(reminderAt(start, after(10))).toEqual(after(5));
    expect(reminderAt(start, after(30))).toEqual(after(15));
  });

  it('never, when there is no grace period or the deadline is already past', () => {
    expect(reminderAt(start, start)).toBeNull();
    expect(reminderAt(start, after(-5))).toBeNull();
  });
});
