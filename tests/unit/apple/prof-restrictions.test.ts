import { describe, expect, it } from 'vitest';
import { NOT_ENFORCEABLE_REASONS, NO_DATA_LEAK_CONTROLS, type DataLeakControls } from '../../../src/domain/compliance/data-leak.js';
import { decodePlist } from '../../../src/mdm/apple/plist.js';
import {
  buildRestrictionsProfile, planRestrictions, restrictionsProfileIdentifier, type RestrictionsPlan, type RestrictionsTarget,
} from '../../../src/mdm/apple/restrictions-profile.js';

const only = (controls: Partial<DataLeakControls>): DataLeakControls => ({ ...NO_DATA_LEAK_CONTROLS, ...controls });
const corporate = (supervised: boolean): RestrictionsTarget => ({ ownership: 'CORPORATE', kind: 'DEVICE', supervised });
const personalDevice: RestrictionsTarget = { ownership: 'PERSONAL', kind: 'DEVICE', supervised: false };
const userEnrolment: RestrictionsTarget = { ownership: 'PERSONAL', kind: 'USER', supervised: false };
const APPS = { mode: 'BLOCK' as const, apps: ['net.whatsapp.WhatsApp', 'com.openai.chat'] };

describe('which restrictions each data-leak control puts on an Apple device', () => {
  it('sharing alone: work documents open only in work apps and AirDrop treats them as unmanaged', () => {
    expect(planRestrictions(only({ blockSharingToPersonalApps: true }), userEnrolment)).toEqual({
      keys: { allowOpenFromManagedToUnmanaged: false, forceAirDropUnmanaged: true },
      enforced: ['sharing'],
      notEnforced: [],
    });
  });

  it('copy and paste alone: the managed pasteboard, with the open-in restriction it depends on', () => {
    expect(planRestrictions(only({ blockCopyPasteToPersonalApps: true }), userEnrolment)).toEqual({
      keys: { allowOpenFromManagedToUnmanaged: false, requireManagedPasteboard: true },
      enforced: ['copy_paste'],
      notEnforced: [],
    });
  });

  it('contacts: personal apps cannot read work contacts; writing into personal contacts is blocked outside User Enrolment', () => {
    expect(planRestrictions(only({ protectWorkContacts: true }), userEnrolment).keys).toEqual({ allowUnmanagedToReadManagedContacts: false });
    expect(planRestrictions(only({ protectWorkContacts: true }), personalDevice)).toEqual({
      keys: { allowUnmanagedToReadManagedContacts: false, allowManagedToWriteUnmanagedContacts: false },
      enforced: ['contacts'],
      notEnforced: [],
    });
  });

  it('screenshots are blocked on organisation-owned devices, and on a personal phone named as not enforced with the reason', () => {
    expect(planRestrictions(only({ blockScreenCapture: true }), corporate(false))).toEqual({
      keys: { allowScreenShot: false },
      enforced: ['screen_capture'],
      notEnforced: [],
    });
    expect(planRestrictions(only({ blockScreenCapture: true }), personalDevice)).toEqual({
      keys: {},
      enforced: [],
      notEnforced: [{ control: 'screen_capture', reason: 'iOS can only block screenshots for the whole phone; the organisation does not do that on a personal phone.' }],
    });
  });

  it('the camera goes off only on a supervised corporate device', () => {
    expect(planRestrictions(only({ disableCamera: true }), corporate(true))).toEqual({ keys: { allowCamera: false }, enforced: ['camera'], notEnforced: [] });
    expect(planRestrictions(only({ disableCamera: true }), corporate(false))).toEqual({
      keys: {}, enforced: [], notEnforced: [{ control: 'camera', reason: NOT_ENFORCEABLE_REASONS.needsSupervision }],
    });
  });

  it('the camera is never touched on a personal device or under User Enrolment, even when supervision is reported', () => {
    for (const target of [{ ...personalDevice, supervised: true }, { ...userEnrolment, supervised: true }, { ownership: 'CORPORATE', kind: 'USER', supervised: true } as const]) {
      expect(planRestrictions(only({ disableCamera: true }), target)).toEqual({
        keys: {}, enforced: [], notEnforced: [{ control: 'camera', reason: NOT_ENFORCEABLE_REASONS.userEnrolment }],
      });
    }
  });

  it('the app list applies only on a supervised corporate device, sorted so the revision does not depend on the order typed', () => {
    expect(planRestrictions(only({ appList: APPS }), corporate(true))).toEqual({
      keys: { blockedAppBundleIDs: ['com.openai.chat', 'net.whatsapp.WhatsApp'] }, enforced: ['app_list'], notEnforced: [],
    });
    expect(planRestrictions(only({ appList: { ...APPS, mode: 'ALLOW_ONLY' } }), corporate(true)).keys).toEqual({
      allowListedAppBundleIDs: ['com.openai.chat', 'net.whatsapp.WhatsApp'],
    });
    expect(planRestrictions(only({ appList: APPS }), corporate(false))).toEqual({
      keys: {}, enforced: [], notEnforced: [{ control: 'app_list', reason: NOT_ENFORCEABLE_REASONS.needsSupervision }],
    });
    for (const target of [{ ...personalDevice, supervised: true }, { ownership: 'CORPORATE', kind: 'USER', supervised: true } as const]) {
      expect(planRestrictions(only({ appList: APPS }), target)).toEqual({
        keys: {}, enforced: [], notEnforced: [{ control: 'app_list', reason: NOT_ENFORCEABLE_REASONS.userEnrolment }],
      });
    }
  });

  it('a policy that predates the controls asks for nothing', () => {
    expect(planRestrictions(undefined, corporate(true))).toEqual({ keys: {}, enforced: [], notEnforced: [] });
  });
});

describe('the restrictions profile a device installs', () => {
  const plan: RestrictionsPlan = {
    keys: { allowOpenFromManagedToUnmanaged: false, forceAirDropUnmanaged: true, blockedAppBundleIDs: ['com.openai.chat', 'net.whatsapp.WhatsApp'] },
    enforced: ['sharing', 'app_list'],
    notEnforced: [],
  };

  it('is the whole com.apple.applicationaccess profile, under a stable identifier, with the plan\'s keys', () => {
    const built = buildRestrictionsProfile('org.example.mdm', 'Example Care', plan)!;
    expect(built.identifier).toBe('org.example.mdm.data-protection');
    expect(restrictionsProfileIdentifier('org.example.mdm')).toBe(built.identifier);
    const profile = decodePlist(built.xml);
    expect(profile).toEqual({
      PayloadType: 'Configuration',
      PayloadVersion: 1,
      PayloadIdentifier: 'org.example.mdm.data-protection',
      PayloadUUID: built.uuid,
      PayloadDisplayName: 'Data protection',
      PayloadDescription: 'Keeps work data in work apps: see the data protection section of the privacy notice for what each setting does.',
      PayloadOrganization: 'Example Care',
      PayloadContent: [
        {
          PayloadType: 'com.apple.applicationaccess',
          PayloadVersion: 1,
          PayloadIdentifier: 'org.example.mdm.data-protection.restrictions',
          PayloadUUID: expect.stringMatching(/^[0-9A-F]{8}-[0-9A-F]{4}-8[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/),
          PayloadDisplayName: 'Data protection restrictions',
          allowOpenFromManagedToUnmanaged: false,
          forceAirDropUnmanaged: true,
          blockedAppBundleIDs: ['com.openai.chat', 'net.whatsapp.WhatsApp'],
        },
      ],
    });
    expect((profile.PayloadContent as { PayloadUUID: string }[])[0]!.PayloadUUID).not.toBe(built.uuid);
  });

  it('keeps the revision UUIDs devices already hold for this content (a changed derivation would re-install every device)', () => {
    const built = buildRestrictionsProfile('org.example.mdm', 'Example Care', plan)!;
    expect(built.uuid).toBe('AD7D43E9-9F9B-83FD-B531-C7E376D34E72');
    expect((decodePlist(built.xml).PayloadContent as { PayloadUUID: string }[])[0]!.PayloadUUID).toBe('505219E9-5711-8E9C-8073-550A140C5E6C');
  });

  it('the revision depends on the keys and their values, not on the order the keys were added', () => {
    const uuid = (keys: RestrictionsPlan['keys'], organization = 'Example Care') =>
      buildRestrictionsProfile('org.example.mdm', organization, { ...plan, keys })!.uuid;
    const original = uuid(plan.keys);
    expect(uuid({ blockedAppBundleIDs: ['com.openai.chat', 'net.whatsapp.WhatsApp'], forceAirDropUnmanaged: true, allowOpenFromManagedToUnmanaged: false })).toBe(original);
    expect(uuid({ ...plan.keys, forceAirDropUnmanaged: false })).not.toBe(original);
    expect(uuid({ ...plan.keys, blockedAppBundleIDs: ['com.openai.chat'] })).not.toBe(original);
    expect(uuid(plan.keys, 'Other Care')).not.toBe(original);
    expect(buildRestrictionsProfile('org.other.mdm', 'Example Care', plan)!.uuid).not.toBe(original);
    // Dictionaries inside arrays are compared the same way.
    expect(uuid({ ...plan.keys, nested: [{ a: 1, b: [2] }] })).toBe(uuid({ ...plan.keys, nested: [{ b: [2], a: 1 }] }));
  });

  it('nothing to install when the plan has no key', () => {
    expect(buildRestrictionsProfile('org.example.mdm', 'Example Care', { keys: {}, enforced: [], notEnforced: [{ control: 'camera', reason: 'x' }] })).toBeNull();
  });
});
