/**
 * English message catalogue: the reference every other locale translates. Keys are stable; a locale file may
 * leave keys out (they fall back to English). {name} placeholders are filled by the renderer, HTML-escaped in HTML.
 */
export const en = {
  greeting: 'Hello {name},',
  signOff: 'Your IT team',
  footer: 'You receive this because you use a device managed by your organisation. Reply to your IT service desk with any questions.',
  'intro.DEVICE_NONCOMPLIANT': 'One of your devices needs your attention.',
  'intro.TEAM_DEVICE_NONCOMPLIANT': 'A device in your team needs attention.',
  'intro.incident': 'A device has been reported lost or stolen.',
  'intro.approval_requested': 'An action waits for your approval as a second IT or ADMIN person.',
  'intro.approval_granted': 'An action you requested was approved.',
  'intro.approval_declined': 'An action you requested was cancelled.',
  'intro.consent_accepted': 'Thank you: your consent for your personal device is recorded.',
  'intro.consent_withdrawn': 'Your consent for a personal device was withdrawn.',
  'intro.consent_renewal_required': 'The privacy notice for personal devices has changed.',
  'intro.command_expired': 'Some commands could not be delivered to their devices before their deadline. Check the devices and request them again if they are still needed.',
  'intro.default': 'You have a new notification.',
  'digest.subject': '{count} team device notifications',
  'digest.intro': 'Here is what happened in your team since the last summary:',
} as const;

export type MessageKey = keyof typeof en;
export type Catalogue = Partial<Record<MessageKey, string>>;
