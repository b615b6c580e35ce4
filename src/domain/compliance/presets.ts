import type { EscalationStep, PolicyDocument, RuleSettings } from './policy.js';
import type { DataLeakControls } from './data-leak.js';

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

// Oldest versions still receiving security fixes from the vendor (Apple: the current major release and the one
// before for iOS/iPadOS, the current macOS and the two before it; Google: the last four Android releases).
// "Supported software" is a Cyber Essentials requirement.
const SUPPORTED_IOS = '17.0';
const SUPPORTED_IPADOS = '17.0';
const SUPPORTED_MACOS = '14.0';
const SUPPORTED_ANDROID = '13';

/**
 * Days a phone may stay on a patch level once the next monthly patch level (dated the 1st of the following month)
 * exists: 14 days to install it (Cyber Essentials) after up to about two weeks for the manufacturer to ship it.
 * A phone on the current monthly patch, or on the previous one while its maker rolls the new one out, passes.
 */
const PATCH_DAYS_AFTER_NEXT_BULLETIN = 30;

// Apple MDM reports no jailbreak signal, so an integrity rule could only pass or fail by the notReportable
// setting; presets switch it off for Apple until posture carries one (e.g. from DevicePropertiesAttestation).
const apple = (settings: Omit<RuleSettings, 'maxPatchAgeDays' | 'minOsVersion'>): RuleSettings => ({
  ...settings,
  integrityRequired: false,
  minOsVersion: SUPPORTED_IOS,
  minIPadOsVersion: SUPPORTED_IPADOS,
  minMacOsVersion: SUPPORTED_MACOS,
  maxPatchAgeDays: null,
});
const android = (settings: Omit<RuleSettings, 'minOsVersion'>): RuleSettings => ({ ...settings, minOsVersion: SUPPORTED_ANDROID });

const both = (settings: RuleSettings & { maxPatchAgeDays: number | null }) => {
  const { maxPatchAgeDays, minOsVersion: _ignored, ...common } = settings;
  return { APPLE: apple(common), ANDROID: android({ ...common, maxPatchAgeDays }) };
};

/**
 * Personal devices: a fact the enrolment cannot report (auto-lock under Apple User Enrolment, where the person's
 * own settings stay private) counts as passing; corporate devices are fully managed, so there it fails.
 */
const personal = (settings: RuleSettings): RuleSettings => ({ ...settings, notReportable: 'PASS' });
const corporate = (settings: RuleSettings): RuleSettings => ({ ...settings, notReportable: 'FAIL' });
const forOwnership = (perPlatform: { APPLE: RuleSettings; ANDROID: RuleSettings }) => ({
  CORPORATE: { APPLE: corporate(perPlatform.APPLE), ANDROID: corporate(perPlatform.ANDROID) },
  PERSONAL: { APPLE: personal(perPlatform.APPLE), ANDROID: personal(perPlatform.ANDROID) },
});

/** Adds each platform's data-leak controls to a pair of rule settings. */
const withDataLeak = (settings: { APPLE: RuleSettings; ANDROID: RuleSettings }, dataLeak: { APPLE: DataLeakControls; ANDROID: DataLeakControls }) => ({
  APPLE: { ...settings.APPLE, dataLeak: dataLeak.APPLE },
  ANDROID: { ...settings.ANDROID, dataLeak: dataLeak.ANDROID },
});

/**
 * Unapproved messaging and public AI apps (no data-processing agreement), one row per app with its iOS bundle id
 * and Android package name as each vendor publishes them (App Store / Google Play listing), so the two platforms'
 * lists cannot drift apart. Null where no identifier could be confirmed: such an app is left to the organisation's
 * own catalogue rather than guessed (a wrong id blocks nothing). docs/compliance-presets.md lists them and how to
 * check them; organisations must review them against their catalogue.
 */
export const UNAPPROVED_APPS: readonly { app: string; apple: string | null; android: string | null }[] = [
  { app: 'WhatsApp', apple: 'net.whatsapp.WhatsApp', android: 'com.whatsapp' },
  { app: 'WhatsApp Business', apple: 'net.whatsapp.WhatsAppSMB', android: 'com.whatsapp.w4b' },
  { app: 'Telegram', apple: 'ph.telegra.Telegraph', android: 'org.telegram.messenger' },
  { app: 'Messenger (Facebook)', apple: 'com.facebook.Messenger', android: 'com.facebook.orca' },
  { app: 'Snapchat', apple: 'com.toyopagroup.picaboo', android: 'com.snapchat.android' },
  { app: 'ChatGPT', apple: 'com.openai.chat', android: 'com.openai.chatgpt' },
  { app: 'Claude', apple: 'com.anthropic.claude', android: 'com.anthropic.claude' },
  { app: 'Google Gemini', apple: null, android: 'com.google.android.apps.bard' },
];
const UNAPPROVED_APPLE_APPS = UNAPPROVED_APPS.flatMap((a) => (a.apple ? [a.apple] : []));
// Stryker disable next-line ArrayDeclaration: every listed app has an Android package name, so the empty branch never runs
const UNAPPROVED_ANDROID_APPS = UNAPPROVED_APPS.flatMap((a) => (a.android ? [a.android] : []));

/**
 * Corporate devices: iOS keeps managed data in managed apps, blocks screenshots and the unapproved apps (the app
 * list needs supervision). Android corporate devices are fully managed: there is no personal side to share to, so
 * the block-list does the work. The camera stays on: the organisation chooses (docs/compliance-presets.md).
 */
const corporateDataLeak = {
  APPLE: { blockSharingToPersonalApps: true, blockCopyPasteToPersonalApps: true, blockScreenCapture: true, disableCamera: false, protectWorkContacts: true, appList: { mode: 'BLOCK' as const, apps: UNAPPROVED_APPLE_APPS } },
  ANDROID: { blockSharingToPersonalApps: false, blockCopyPasteToPersonalApps: false, blockScreenCapture: true, disableCamera: false, protectWorkContacts: false, appList: { mode: 'BLOCK' as const, apps: UNAPPROVED_ANDROID_APPS } },
};

/** Personal phones: only the work side is controlled. iOS cannot limit screenshots to work apps, so they stay allowed. */
const personalDataLeak = {
  APPLE: { blockSharingToPersonalApps: true, blockCopyPasteToPersonalApps: true, blockScreenCapture: false, disableCamera: false, protectWorkContacts: true, appList: null },
  ANDROID: { blockSharingToPersonalApps: true, blockCopyPasteToPersonalApps: true, blockScreenCapture: true, disableCamera: false, protectWorkContacts: true, appList: null },
};

const steps = (...list: [EscalationStep['action'], number][]): EscalationStep[] => list.map(([action, afterHours]) => ({ action, afterHours }));

const cyberEssentialsSettings = {
  encryptionRequired: true,
  passcodeRequired: true,
  passcodeMinLength: 6,
  maxAutoLockMinutes: null,
  minOsVersion: null,
  maxPatchAgeDays: PATCH_DAYS_AFTER_NEXT_BULLETIN,
  integrityRequired: true,
  maxCheckInAgeDays: 14,
  mfaRequired: true,
  gracePeriodHours: 72,
};

/** NHS DSPT-style corporate settings, shared by the nhs-dspt and strict-byod presets. */
const dsptSettings = both({ ...cyberEssentialsSettings, maxAutoLockMinutes: 5, maxCheckInAgeDays: 7, gracePeriodHours: 48 });
const dspt = {
  corporate: withDataLeak(forOwnership(dsptSettings).CORPORATE, corporateDataLeak),
  personal: withDataLeak(forOwnership(dsptSettings).PERSONAL, personalDataLeak),
  corporateEscalation: steps(['NOTIFY_USER', 0], ['NOTIFY_MANAGER', 0], ['BLOCK', 24], ['LOCK', 72], ['WIPE_SELECTIVE', 24 * 14]),
};

export const PRESETS: Preset[] = [
  {
    id: 'cyber-essentials',
    name: 'Cyber Essentials',
    guidance:
      'NCSC Cyber Essentials, "Requirements for IT infrastructure": device unlock with a PIN or password of at least 6 characters, ' +
      'supported software only, critical and high-risk updates within 14 days of release, multi-factor authentication for cloud services.',
    document: {
      // No data-leak controls: the scheme asks for none. Without them the data_leak rule is off and Android work
      // profiles keep blocking screenshots of work apps, as they always have.
      settings: forOwnership(both(cyberEssentialsSettings)),
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
      'weekly check-in and a shorter grace period, lock and selective wipe for corporate devices. ' +
      'Patient data stays in approved apps: no sharing, pasting or contact access from work apps to personal apps, ' +
      'no screenshots of work apps where the platform allows it, and unapproved messaging and AI apps blocked on corporate devices.',
    document: {
      settings: { CORPORATE: dspt.corporate, PERSONAL: dspt.personal },
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
      'auto-lock within 2 minutes, 6-character passcode, monthly patches, check-in every 3 days, 24 hours to fix, ' +
      'then block access and remove the work data (selective wipe) after 7 days; work data cannot be shared, pasted or screenshotted ' +
      'into personal apps where the platform allows it. Corporate devices follow the NHS DSPT-style settings.',
    document: {
      settings: {
        CORPORATE: dspt.corporate,
        PERSONAL: withDataLeak(forOwnership(both({ ...cyberEssentialsSettings, maxAutoLockMinutes: 2, maxCheckInAgeDays: 3, gracePeriodHours: 24 })).PERSONAL, personalDataLeak),
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
