import type { EscalationStep, PolicyDocument, RuleSettings } from './policy.js';

/**
 * Ready-made policies, each named after the guidance it follows. docs/compliance-presets.md explains every
 * number and where it comes from; keep the two in step.
 */
export interface Preset {
  id: string;
  name: string;
  guidance: string;
  document: PolicyDocument;
}

// Oldest versions still receiving security fixes from the vendor (Apple: current major and the one before;
// Google: the last four Android releases). "Supported software" is a Cyber Essentials requirement.
const SUPPORTED_IOS = '17.0';
const SUPPORTED_ANDROID = '13';

// Apple MDM reports no jailbreak signal, so an integrity rule would leave every iPhone UNKNOWN for good; presets
// switch it off for Apple until posture carries one (e.g. from DevicePropertiesAttestation).
const apple = (settings: Omit<RuleSettings, 'maxPatchAgeDays' | 'minOsVersion'>): RuleSettings => ({
  ...settings,
  integrityRequired: false,
  minOsVersion: SUPPORTED_IOS,
  maxPatchAgeDays: null,
});
const android = (settings: Omit<RuleSettings, 'minOsVersion'>): RuleSettings => ({ ...settings, minOsVersion: SUPPORTED_ANDROID });

const both = (settings: RuleSettings & { maxPatchAgeDays: number | null }) => {
  const { maxPatchAgeDays, minOsVersion: _ignored, ...common } = settings;
  return { APPLE: apple(common), ANDROID: android({ ...common, maxPatchAgeDays }) };
};

const steps = (...list: [EscalationStep['action'], number][]): EscalationStep[] => list.map(([action, afterHours]) => ({ action, afterHours }));

const cyberEssentialsSettings = {
  encryptionRequired: true,
  passcodeRequired: true,
  passcodeMinLength: 6,
  maxAutoLockMinutes: null,
  minOsVersion: null,
  maxPatchAgeDays: 14,
  integrityRequired: true,
  maxCheckInAgeDays: 14,
  mfaRequired: true,
  gracePeriodHours: 72,
};

/** NHS DSPT-style corporate settings, shared by the nhs-dspt and strict-byod presets. */
const dspt = {
  settings: both({ ...cyberEssentialsSettings, maxAutoLockMinutes: 5, maxCheckInAgeDays: 7, gracePeriodHours: 48 }),
  corporateEscalation: steps(['NOTIFY_USER', 0], ['NOTIFY_MANAGER', 0], ['BLOCK', 24], ['LOCK', 72], ['WIPE_SELECTIVE', 24 * 14]),
};

export const PRESETS: Preset[] = [
  {
    id: 'cyber-essentials',
    name: 'Cyber Essentials',
    guidance:
      'NCSC Cyber Essentials, "Requirements for IT infrastructure": device unlock with a PIN or password of at least 6 characters, ' +
      'supported software only, critical and high-risk updates within 14 days, multi-factor authentication for cloud services.',
    document: {
      settings: { CORPORATE: both(cyberEssentialsSettings), PERSONAL: both(cyberEssentialsSettings) },
      escalation: {
        CORPORATE: steps(['NOTIFY_USER', 0], ['NOTIFY_MANAGER', 24], ['BLOCK', 72]),
        PERSONAL: steps(['NOTIFY_USER', 0], ['NOTIFY_MANAGER', 24], ['BLOCK', 72]),
      },
    },
  },
  {
    id: 'nhs-dspt',
    name: 'NHS DSPT-style mobile devices',
    guidance:
      'NHS Data Security and Protection Toolkit mobile-device evidence (encrypted, supported and patched devices, MFA for remote access) ' +
      'with the NCSC Mobile Device Guidance settings for screen lock: Cyber Essentials plus a 5-minute auto-lock, ' +
      'weekly check-in and a shorter grace period, lock and selective wipe for corporate devices.',
    document: {
      settings: { CORPORATE: dspt.settings, PERSONAL: dspt.settings },
      escalation: {
        CORPORATE: dspt.corporateEscalation,
        PERSONAL: steps(['NOTIFY_USER', 0], ['NOTIFY_MANAGER', 24], ['BLOCK', 24], ['WIPE_SELECTIVE', 24 * 14]),
      },
    },
  },
  {
    id: 'strict-byod',
    name: 'Strict BYOD',
    guidance:
      'For personal phones holding patient or staff data (NCSC BYOD guidance: protect the work data, leave the rest of the phone alone): ' +
      'auto-lock within 2 minutes, 6-character passcode, patches within 14 days, check-in every 3 days, 24 hours to fix, ' +
      'then block access and remove the work data (selective wipe) after 7 days. Corporate devices follow the NHS DSPT-style settings.',
    document: {
      settings: {
        CORPORATE: dspt.settings,
        PERSONAL: both({ ...cyberEssentialsSettings, maxAutoLockMinutes: 2, maxCheckInAgeDays: 3, gracePeriodHours: 24 }),
      },
      escalation: {
        CORPORATE: dspt.corporateEscalation,
        PERSONAL: steps(['NOTIFY_USER', 0], ['NOTIFY_MANAGER', 0], ['BLOCK', 0], ['WIPE_SELECTIVE', 24 * 7]),
      },
    },
  },
];

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
