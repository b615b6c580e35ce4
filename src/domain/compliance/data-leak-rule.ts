import { explainControl, requestedControls, type AppList, type DataLeakControlId } from './data-leak.js';
import type { PlatformKey, RuleSettings } from './policy.js';
import type { DeviceFacts, RuleResult } from './rules.js';

/**
 * What the device reported about its data-leak controls, worked out by the platform code (Apple: the restrictions
 * profile in the last ProfileList; Android: the applied policy version and non-compliance details).
 */
export interface DataLeakEvidence {
  state:
    | 'in_force'
    /** The device has not reported yet (no ProfileList, no applied policy version). */
    | 'not_reported'
    /** The server has not sent the current controls yet (Android policy not pushed since the change). */
    | 'pending'
    /** Apple: the restrictions profile is not in the device's profile list. */
    | 'missing'
    /** Apple: an older revision of the profile is installed. */
    | 'outdated'
    /** Android: the phone runs an older version of its policy. */
    | 'not_applied'
    /** Android: the phone reports it could not apply some of the settings. */
    | 'non_compliant';
  /** Extra facts for the "actual" text, e.g. the settings AMAPI names or the policy versions. */
  detail?: string;
  /** Controls the policy asks for that this device's enrolment cannot carry; shown, never failing. */
  notEnforced: { control: DataLeakControlId; reason: string }[];
}

// With the policy's app list: its title says whether apps are blocked or only approved ones allowed.
const titles = (ids: DataLeakControlId[], platform: PlatformKey, appList: AppList | null) =>
  ids.map((id) => explainControl(id, platform, appList).title.toLowerCase()).join('; ');

function remediation(platform: PlatformKey, state: DataLeakEvidence['state']): string {
  if (platform === 'APPLE') {
    return 'Keep your iPhone or iPad unlocked and connected to the internet for a few minutes: the data protection settings are sent again automatically. ' +
      'If this stays, open Settings → General → VPN & Device Management and check the work profile is still there, or contact IT.';
  }
  if (state === 'non_compliant') {
    return 'Open the Android Device Policy app: it shows which work setting could not be applied and what to do. If you cannot fix it, contact IT.';
  }
  return 'Connect your phone to the internet, open the Android Device Policy app and tap Sync (or restart the phone) so it applies the latest work settings.';
}

/**
 * "Data-leak controls in force": passes only when the device itself reports the controls applied. Off (null)
 * when the policy asks for none. Controls the device cannot carry (e.g. the camera on an unsupervised iPhone) are
 * named in the result but do not fail it: the enrolment type, not the person, decides them.
 */
export function dataLeakRule(facts: DeviceFacts, settings: RuleSettings): RuleResult | null {
  const asked = requestedControls(settings.dataLeak);
  if (asked.length === 0) return null;
  const { platform } = facts;
  const evidence = facts.dataLeak ?? null;
  const notEnforced = evidence?.notEnforced ?? [];
  const enforceable = asked.filter((id) => !notEnforced.some((n) => n.control === id));
  const appList = settings.dataLeak?.appList ?? null;
  const expected = `in force: ${titles(enforceable.length > 0 ? enforceable : asked, platform, appList)}`;
  const skipped = notEnforced.length > 0 ? `; not enforceable on this device: ${notEnforced.map((n) => `${titles([n.control], platform, appList)} (${n.reason.replace(/\.$/, '')})`).join('; ')}` : '';
  const make = (status: RuleResult['status'], actual: string): RuleResult => ({
    rule: 'data_leak',
    status,
    expected,
    actual: actual + skipped,
    evidence:
      platform === 'APPLE'
        ? 'ProfileList: the restrictions profile with the expected identifier and revision'
        : 'the applied policy version and nonComplianceDetails reported by Android Device Policy',
    remediation: status === 'pass' ? null : status === 'unknown'
      ? remediation(platform, 'not_reported')
      : remediation(platform, evidence!.state),
  });
  if (!evidence || evidence.state === 'not_reported') return make('unknown', 'not reported yet');
  if (enforceable.length === 0) return make('pass', 'nothing this device can enforce');
  const detail = evidence.detail ? ` (${evidence.detail})` : '';
  switch (evidence.state) {
    case 'in_force':
      return make('pass', 'in force, as reported by the device');
    case 'pending':
      return make('unknown', `the organisation's latest settings are still being sent${detail}`);
    case 'missing':
      return make('fail', `the data protection profile is not installed${detail}`);
    case 'outdated':
      return make('fail', `an older version of the data protection profile is installed${detail}`);
    case 'not_applied':
      return make('fail', `the phone has not applied the latest work policy${detail}`);
    case 'non_compliant':
      return make('fail', `the phone could not apply some settings${detail}`);
  }
}
