import { Type, type Static } from 'typebox';
import type { OwnershipKey, PlatformKey } from './policy.js';

/**
 * Data-leak controls: keep patient data inside approved (work) apps. One set per (ownership, platform) in the
 * compliance policy, next to the rule settings. The Apple restrictions profile (mdm/apple/restrictions-profile.ts)
 * and the AMAPI policy (mdm/android/data-leak-policy.ts) turn them into platform settings; the `data_leak` rule
 * passes only when the device reports them applied.
 */

// Reverse-DNS app ids: Android package names and Apple bundle ids share this shape.
const AppId = Type.String({ pattern: '^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)+$', maxLength: 255 });

export const AppListSchema = Type.Object(
  {
    mode: Type.Union([Type.Literal('ALLOW_ONLY'), Type.Literal('BLOCK')], {
      description: 'ALLOW_ONLY: only these apps (corporate devices); BLOCK: every app except these',
    }),
    apps: Type.Array(AppId, { maxItems: 500, uniqueItems: true, description: 'Android package names or Apple bundle ids' }),
  },
  { additionalProperties: false },
);
export type AppList = Static<typeof AppListSchema>;

export const DataLeakControlsSchema = Type.Object(
  {
    blockSharingToPersonalApps: Type.Boolean({ description: 'Work documents and data open only in work apps' }),
    blockCopyPasteToPersonalApps: Type.Boolean({ description: 'Text copied in a work app cannot be pasted into a personal app' }),
    blockScreenCapture: Type.Boolean({ description: 'No screenshots or screen recording of work apps (where the platform can limit it to them)' }),
    disableCamera: Type.Boolean({ description: 'Camera off (corporate devices only)' }),
    protectWorkContacts: Type.Boolean({ description: 'Personal apps cannot read work contacts' }),
    appList: Type.Union([AppListSchema, Type.Null()], { description: 'Allow-list (corporate) or block-list of apps; null for none' }),
  },
  { additionalProperties: false, description: 'Data-leak controls; absent in policies saved before they existed, which means all off' },
);
export type DataLeakControls = Static<typeof DataLeakControlsSchema>;

export const DATA_LEAK_CONTROL_IDS = [
  'sharing', 'copy_paste', 'screen_capture', 'camera', 'contacts', 'app_list',
] as const;
export type DataLeakControlId = (typeof DATA_LEAK_CONTROL_IDS)[number];

export const NO_DATA_LEAK_CONTROLS: DataLeakControls = {
  blockSharingToPersonalApps: false,
  blockCopyPasteToPersonalApps: false,
  blockScreenCapture: false,
  disableCamera: false,
  protectWorkContacts: false,
  appList: null,
};

/** The controls a settings object asks for; every control off when the policy predates them. */
export function requestedControls(controls: DataLeakControls | undefined): DataLeakControlId[] {
  const c = controls ?? NO_DATA_LEAK_CONTROLS;
  const on: Record<DataLeakControlId, boolean> = {
    sharing: c.blockSharingToPersonalApps,
    copy_paste: c.blockCopyPasteToPersonalApps,
    screen_capture: c.blockScreenCapture,
    camera: c.disableCamera,
    contacts: c.protectWorkContacts,
    app_list: c.appList !== null && c.appList.apps.length > 0,
  };
  return DATA_LEAK_CONTROL_IDS.filter((id) => on[id]);
}

/**
 * Choices no device of that ownership and platform could carry out; a policy asking for them is refused rather
 * than silently not enforced. The reasons are shown to administrators as they are.
 */
export function dataLeakProblems(ownership: OwnershipKey, platform: PlatformKey, controls: DataLeakControls | undefined): string[] {
  if (!controls) return [];
  const at = `settings.${ownership}.${platform}.dataLeak`;
  const problems: string[] = [];
  if (ownership === 'PERSONAL') {
    if (controls.disableCamera) problems.push(`${at}.disableCamera: the organisation does not switch off the camera of a personal phone`);
    if (controls.appList?.mode === 'ALLOW_ONLY') problems.push(`${at}.appList: an allow-list is for corporate devices; personal phones keep their own apps`);
  }
  if (platform === 'APPLE') {
    if (ownership === 'PERSONAL' && controls.blockScreenCapture) {
      problems.push(`${at}.blockScreenCapture: iOS can only block screenshots for the whole phone, not for work apps alone`);
    }
    if (ownership === 'PERSONAL' && controls.appList) {
      problems.push(`${at}.appList: iOS blocks apps only on supervised (organisation-owned) devices`);
    }
    // iOS ties paste protection and contact separation to the open-in restriction (Apple: requireManagedPasteboard
    // "respects allowOpenFromManagedToUnmanaged"; the contacts keys "have no effect" while it is true).
    if (!controls.blockSharingToPersonalApps && (controls.blockCopyPasteToPersonalApps || controls.protectWorkContacts)) {
      problems.push(`${at}: on iPhone and iPad, blocking copy/paste or protecting work contacts needs blockSharingToPersonalApps`);
    }
  }
  return problems;
}

/** Plain-language explanation of one control, for staff: what it does and why. */
export interface ControlExplanation {
  control: DataLeakControlId;
  title: string;
  what: string;
  why: string;
}

const WORK_APPS = 'work apps (the care record, rota and email apps the organisation approved)';

export function explainControl(control: DataLeakControlId, platform: PlatformKey, appList: AppList | null = null): ControlExplanation {
  const phone = platform === 'APPLE' ? 'iPhone or iPad' : 'phone';
  switch (control) {
    case 'sharing':
      return {
        control,
        title: 'Work files stay in work apps',
        what: platform === 'APPLE'
          ? `Documents and attachments from ${WORK_APPS} open only in other work apps; "Open in" and AirDrop to personal apps are not offered.`
          : `Files and links from the work profile cannot be shared to apps in your personal profile.`,
        why: 'Resident and patient records must stay in approved systems. A care plan saved to a personal app or cloud can be backed up, synced or forwarded beyond the organisation’s control.',
      };
    case 'copy_paste':
      return {
        control,
        title: 'No pasting from work apps into personal apps',
        what: `You cannot paste text copied in ${WORK_APPS} into personal apps such as WhatsApp, social media or AI chat apps. Copying within work apps still works.`,
        why: 'Pasting a care note into WhatsApp or a public AI tool sends resident information to a service the organisation has no agreement with, where it may be stored or used to train models.',
      };
    case 'screen_capture':
      return {
        control,
        title: 'No screenshots of work apps',
        what: platform === 'APPLE'
          ? `Screenshots and screen recording are switched off on this ${phone}, which belongs to the organisation.`
          : 'Screenshots and screen recording of work apps are blocked; screenshots of your personal apps are not affected.',
        why: 'A screenshot of a record lands in the photo library, where it is backed up and shared like any other picture.',
      };
    case 'camera':
      return {
        control,
        title: 'Camera switched off',
        what: `The camera is switched off on this organisation-owned ${phone}.`,
        why: 'Photos of residents, wounds, charts or records must only be taken with approved clinical apps and devices set up for it.',
      };
    case 'contacts':
      return {
        control,
        title: 'Work contacts stay in work apps',
        what: 'Personal apps cannot read your work contacts, and work apps cannot copy them into your personal address book.',
        why: 'Work contacts include residents’ families and colleagues; personal apps (messaging apps in particular) upload address books to their servers.',
      };
    case 'app_list': {
      const list = appList?.apps.join(', ') ?? '';
      return {
        control,
        title: appList?.mode === 'ALLOW_ONLY' ? 'Only approved apps' : 'Some apps are blocked',
        what: appList?.mode === 'ALLOW_ONLY'
          ? `Only approved apps can be used on this organisation-owned ${phone}: ${list}.`
          : `These apps cannot be installed or opened in the work space of this ${phone}: ${list}.`,
        why: 'Unapproved messaging and AI apps are not covered by a data-processing agreement; resident information must not be shared through them.',
      };
    }
  }
}

/** Why a control the policy asks for cannot be enforced on a given device, in plain language. */
export const NOT_ENFORCEABLE_REASONS = {
  needsSupervision: 'Apple allows this only on supervised devices (set up through Apple Business Manager); this device is not supervised.',
  userEnrolment: 'Apple does not allow this on a personal iPhone enrolled with a work account (User Enrolment).',
  fullyManaged: 'This device has no separate work profile: every app on it is a work app, so the approved-app list does this job.',
} as const;

/** What the organisation does not see or control on a personal phone, whatever the policy says. */
export function outsideOrganisationControl(platform: PlatformKey): string[] {
  const common = [
    'Your personal apps, photos, messages, browsing, location and personal email: the organisation cannot see them.',
    'Which personal apps you install and use, including WhatsApp and AI apps, on the personal side of your phone.',
    'Your personal camera and screenshots of personal apps.',
    'Erasing your phone: the organisation can only remove the work apps and their data.',
  ];
  return platform === 'APPLE'
    ? [...common, 'Your Apple ID, iCloud data and backups of your personal data.']
    : [...common, 'Your personal Google account and the apps in your personal profile.'];
}

/**
 * The privacy-notice section for one ownership: what each control in force does and why, per platform, and what
 * the organisation does not control. Administrators include it in the notice they publish (POST /v1/privacy-notices).
 */
export function dataProtectionNoticeText(ownership: OwnershipKey, byPlatform: Record<PlatformKey, DataLeakControls | undefined>): string {
  const lines: string[] = ['How we keep resident and patient data in approved apps', ''];
  for (const platform of ['APPLE', 'ANDROID'] as const) {
    const controls = byPlatform[platform];
    const ids = requestedControls(controls);
    lines.push(platform === 'APPLE' ? 'On iPhone and iPad:' : 'On Android phones:');
    if (ids.length === 0) lines.push('- No data-leak controls are applied.');
    for (const id of ids) {
      // Stryker disable next-line OptionalChaining: ids is empty when controls is undefined, so this line never runs without controls
      const e = explainControl(id, platform, controls?.appList ?? null);
      lines.push(`- ${e.title}. ${e.what} Why: ${e.why}`);
    }
    if (ownership === 'PERSONAL') {
      lines.push('What the organisation does not see or control on your phone:');
      for (const item of outsideOrganisationControl(platform)) lines.push(`- ${item}`);
    }
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}
