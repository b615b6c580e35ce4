import { describe, expect, it } from 'vitest';
import {
  dataLeakProblems, dataProtectionNoticeText, explainControl, NO_DATA_LEAK_CONTROLS, NOT_ENFORCEABLE_REASONS,
  outsideOrganisationControl, requestedControls, type DataLeakControls,
} from '../../../src/domain/compliance/data-leak.js';

const off = NO_DATA_LEAK_CONTROLS;
const only = (overrides: Partial<DataLeakControls>): DataLeakControls => ({ ...off, ...overrides });
const ALL_ON: DataLeakControls = {
  blockSharingToPersonalApps: true,
  blockCopyPasteToPersonalApps: true,
  blockScreenCapture: true,
  disableCamera: true,
  protectWorkContacts: true,
  appList: { mode: 'BLOCK', apps: ['net.whatsapp.WhatsApp', 'com.openai.chat'] },
};

describe('which controls a policy asks for', () => {
  it('each switch asks for its own control, in a fixed order', () => {
    expect(requestedControls(only({ blockSharingToPersonalApps: true }))).toEqual(['sharing']);
    expect(requestedControls(only({ blockCopyPasteToPersonalApps: true }))).toEqual(['copy_paste']);
    expect(requestedControls(only({ blockScreenCapture: true }))).toEqual(['screen_capture']);
    expect(requestedControls(only({ disableCamera: true }))).toEqual(['camera']);
    expect(requestedControls(only({ protectWorkContacts: true }))).toEqual(['contacts']);
    expect(requestedControls(ALL_ON)).toEqual(['sharing', 'copy_paste', 'screen_capture', 'camera', 'contacts', 'app_list']);
  });

  it('an app list asks for the app_list control only when it names at least one app', () => {
    expect(requestedControls(only({ appList: { mode: 'BLOCK', apps: ['com.whatsapp'] } }))).toEqual(['app_list']);
    expect(requestedControls(only({ appList: { mode: 'ALLOW_ONLY', apps: [] } }))).toEqual([]);
    expect(requestedControls(only({ appList: null }))).toEqual([]);
    expect(requestedControls(undefined)).toEqual([]);
  });
});

describe('controls refused because no device of that kind could carry them out', () => {
  it('a policy saved before the controls existed has nothing to refuse', () => {
    for (const o of ['CORPORATE', 'PERSONAL'] as const) for (const p of ['APPLE', 'ANDROID'] as const) expect(dataLeakProblems(o, p, undefined)).toEqual([]);
  });

  it('corporate devices may have every control on either platform', () => {
    expect(dataLeakProblems('CORPORATE', 'ANDROID', ALL_ON)).toEqual([]);
    expect(dataLeakProblems('CORPORATE', 'APPLE', ALL_ON)).toEqual([]);
    expect(dataLeakProblems('CORPORATE', 'APPLE', { ...ALL_ON, appList: { mode: 'ALLOW_ONLY', apps: ['com.example.care'] } })).toEqual([]);
  });

  it('personal Android phones: no camera switch-off and no allow-list, but a block-list and screenshots of work apps are fine', () => {
    expect(dataLeakProblems('PERSONAL', 'ANDROID', { ...ALL_ON, disableCamera: false })).toEqual([]);
    expect(dataLeakProblems('PERSONAL', 'ANDROID', { ...ALL_ON, appList: { mode: 'ALLOW_ONLY', apps: ['com.example.care'] } })).toEqual([
      'settings.PERSONAL.ANDROID.dataLeak.disableCamera: the organisation does not switch off the camera of a personal phone',
      'settings.PERSONAL.ANDROID.dataLeak.appList: an allow-list is for corporate devices; personal phones keep their own apps',
    ]);
  });

  it('personal iPhones: no whole-phone screenshot block and no app list of either kind', () => {
    const safe = { ...ALL_ON, blockScreenCapture: false, disableCamera: false, appList: null };
    expect(dataLeakProblems('PERSONAL', 'APPLE', safe)).toEqual([]);
    expect(dataLeakProblems('PERSONAL', 'APPLE', { ...safe, blockScreenCapture: true })).toEqual([
      'settings.PERSONAL.APPLE.dataLeak.blockScreenCapture: iOS can only block screenshots for the whole phone, not for work apps alone',
    ]);
    expect(dataLeakProblems('PERSONAL', 'APPLE', { ...safe, appList: { mode: 'BLOCK', apps: ['net.whatsapp.WhatsApp'] } })).toEqual([
      'settings.PERSONAL.APPLE.dataLeak.appList: iOS blocks apps only on supervised (organisation-owned) devices',
    ]);
    expect(dataLeakProblems('PERSONAL', 'APPLE', { ...safe, appList: { mode: 'ALLOW_ONLY', apps: ['com.example.care'] } })).toEqual([
      'settings.PERSONAL.APPLE.dataLeak.appList: an allow-list is for corporate devices; personal phones keep their own apps',
      'settings.PERSONAL.APPLE.dataLeak.appList: iOS blocks apps only on supervised (organisation-owned) devices',
    ]);
  });

  it('on iPhone, paste protection or contact separation alone is refused: iOS ties both to blocking sharing', () => {
    const message = ': on iPhone and iPad, blocking copy/paste or protecting work contacts needs blockSharingToPersonalApps';
    for (const ownership of ['CORPORATE', 'PERSONAL'] as const) {
      expect(dataLeakProblems(ownership, 'APPLE', only({ blockCopyPasteToPersonalApps: true }))).toEqual([`settings.${ownership}.APPLE.dataLeak${message}`]);
      expect(dataLeakProblems(ownership, 'APPLE', only({ protectWorkContacts: true }))).toEqual([`settings.${ownership}.APPLE.dataLeak${message}`]);
      expect(dataLeakProblems(ownership, 'APPLE', only({ blockSharingToPersonalApps: true, blockCopyPasteToPersonalApps: true, protectWorkContacts: true }))).toEqual([]);
      expect(dataLeakProblems(ownership, 'APPLE', only({ blockSharingToPersonalApps: false, blockScreenCapture: ownership === 'CORPORATE' }))).toEqual([]);
    }
    // Android separates the three itself.
    expect(dataLeakProblems('PERSONAL', 'ANDROID', only({ blockCopyPasteToPersonalApps: true, protectWorkContacts: true }))).toEqual([]);
  });
});

describe('what each control is said to do, for staff', () => {
  it('sharing: iPhone names "Open in" and AirDrop; Android names the personal profile', () => {
    const apple = explainControl('sharing', 'APPLE');
    expect(apple.control).toBe('sharing');
    expect(apple.title).toBe('Work files stay in work apps');
    expect(apple.what).toBe('Documents and attachments from work apps (the care record, rota and email apps the organisation approved) open only in other work apps; "Open in" and AirDrop to personal apps are not offered.');
    expect(apple.why).toMatch(/^Resident and patient records must stay in approved systems\./);
    const android = explainControl('sharing', 'ANDROID');
    expect(android.what).toBe('Files and links from the work profile cannot be shared to apps in your personal profile.');
    expect(android.why).toBe(apple.why);
  });

  it('copy/paste: pasting into WhatsApp, social media or AI chat apps is what is stopped; copying within work apps still works', () => {
    for (const platform of ['APPLE', 'ANDROID'] as const) {
      const e = explainControl('copy_paste', platform);
      expect(e).toMatchObject({ control: 'copy_paste', title: 'No pasting from work apps into personal apps' });
      expect(e.what).toBe('You cannot paste text copied in work apps (the care record, rota and email apps the organisation approved) into personal apps such as WhatsApp, social media or AI chat apps. Copying within work apps still works.');
      expect(e.why).toMatch(/public AI tool .* may be stored or used to train models\.$/);
    }
  });

  it('screenshots: the whole organisation-owned iPhone, but only work apps on Android', () => {
    const apple = explainControl('screen_capture', 'APPLE');
    expect(apple.title).toBe('No screenshots of work apps');
    expect(apple.what).toBe('Screenshots and screen recording are switched off on this iPhone or iPad, which belongs to the organisation.');
    const android = explainControl('screen_capture', 'ANDROID');
    expect(android.what).toBe('Screenshots and screen recording of work apps are blocked; screenshots of your personal apps are not affected.');
    expect(android.why).toMatch(/photo library, where it is backed up/);
  });

  it('camera: switched off on the organisation-owned device', () => {
    expect(explainControl('camera', 'APPLE')).toMatchObject({
      control: 'camera', title: 'Camera switched off', what: 'The camera is switched off on this organisation-owned iPhone or iPad.',
    });
    expect(explainControl('camera', 'ANDROID').what).toBe('The camera is switched off on this organisation-owned phone.');
    expect(explainControl('camera', 'ANDROID').why).toMatch(/Photos of residents, wounds, charts or records/);
  });

  it('contacts: personal apps cannot read work contacts, nor work apps copy them out', () => {
    expect(explainControl('contacts', 'ANDROID')).toMatchObject({
      control: 'contacts',
      title: 'Work contacts stay in work apps',
      what: 'Personal apps cannot read your work contacts, and work apps cannot copy them into your personal address book.',
    });
    expect(explainControl('contacts', 'APPLE').why).toMatch(/upload address books to their servers/);
  });

  it('app list: an allow-list names the only apps usable; a block-list names the apps that cannot be used', () => {
    const allow = explainControl('app_list', 'APPLE', { mode: 'ALLOW_ONLY', apps: ['com.example.care', 'com.example.rota'] });
    expect(allow.title).toBe('Only approved apps');
    expect(allow.what).toBe('Only approved apps can be used on this organisation-owned iPhone or iPad: com.example.care, com.example.rota.');
    expect(allow.why).toMatch(/not covered by a data-processing agreement/);
    const block = explainControl('app_list', 'ANDROID', { mode: 'BLOCK', apps: ['com.whatsapp', 'com.openai.chatgpt'] });
    expect(block.title).toBe('Some apps are blocked');
    expect(block.what).toBe('These apps cannot be installed or opened in the work space of this phone: com.whatsapp, com.openai.chatgpt.');
  });
});

describe('what the organisation does not control on a personal phone', () => {
  it('is the same four promises on both platforms, plus the platform account', () => {
    const common = [
      'Your personal apps, photos, messages, browsing, location and personal email: the organisation cannot see them.',
      'Which personal apps you install and use, including WhatsApp and AI apps, on the personal side of your phone.',
      'Your personal camera and screenshots of personal apps.',
      'Erasing your phone: the organisation can only remove the work apps and their data.',
    ];
    expect(outsideOrganisationControl('APPLE')).toEqual([...common, 'Your Apple ID, iCloud data and backups of your personal data.']);
    expect(outsideOrganisationControl('ANDROID')).toEqual([...common, 'Your personal Google account and the apps in your personal profile.']);
  });
});

describe('the data protection section of the privacy notice', () => {
  it('corporate devices: each platform lists the controls in force with their reason, and nothing about the personal side', () => {
    const text = dataProtectionNoticeText('CORPORATE', {
      APPLE: only({ disableCamera: true }),
      ANDROID: only({ appList: { mode: 'BLOCK', apps: ['com.whatsapp'] } }),
    });
    const camera = explainControl('camera', 'APPLE');
    const blocked = explainControl('app_list', 'ANDROID', { mode: 'BLOCK', apps: ['com.whatsapp'] });
    expect(text).toBe([
      'How we keep resident and patient data in approved apps',
      '',
      'On iPhone and iPad:',
      `- Camera switched off. ${camera.what} Why: ${camera.why}`,
      '',
      'On Android phones:',
      `- Some apps are blocked. ${blocked.what} Why: ${blocked.why}`,
    ].join('\n'));
    expect(text).toContain('work space of this phone: com.whatsapp.');
  });

  it('a platform with no controls says so, whether the policy switched them off or predates them', () => {
    const text = dataProtectionNoticeText('CORPORATE', { APPLE: undefined, ANDROID: off });
    expect(text).toBe([
      'How we keep resident and patient data in approved apps',
      '',
      'On iPhone and iPad:',
      '- No data-leak controls are applied.',
      '',
      'On Android phones:',
      '- No data-leak controls are applied.',
    ].join('\n'));
  });

  it('personal phones: after the controls, what the organisation does not see or control, per platform', () => {
    const text = dataProtectionNoticeText('PERSONAL', { APPLE: only({ blockSharingToPersonalApps: true }), ANDROID: off });
    const [apple, android] = text.split('\n\n').slice(1);
    expect(apple!.split('\n')).toEqual([
      'On iPhone and iPad:',
      `- Work files stay in work apps. ${explainControl('sharing', 'APPLE').what} Why: ${explainControl('sharing', 'APPLE').why}`,
      'What the organisation does not see or control on your phone:',
      ...outsideOrganisationControl('APPLE').map((item) => `- ${item}`),
    ]);
    expect(android!.split('\n')).toEqual([
      'On Android phones:',
      '- No data-leak controls are applied.',
      'What the organisation does not see or control on your phone:',
      ...outsideOrganisationControl('ANDROID').map((item) => `- ${item}`),
    ]);
    expect(text).not.toMatch(/\s$/);
  });
});

describe('reasons a control is not enforced on a device', () => {
  it('say which enrolment prevents it and how', () => {
    expect(NOT_ENFORCEABLE_REASONS.needsSupervision).toMatch(/supervised devices \(set up through Apple Business Manager\)/);
    expect(NOT_ENFORCEABLE_REASONS.userEnrolment).toMatch(/User Enrolment/);
    expect(NOT_ENFORCEABLE_REASONS.fullyManaged).toMatch(/no separate work profile/);
  });
});
