import type { BaseDeps } from '../../deps.js';
import type { Actor } from '../../domain/access.js';
import { explainControl, outsideOrganisationControl, type DataLeakControlId } from '../../domain/compliance/data-leak.js';
import type { RuleResult, RuleStatus } from '../../domain/compliance/rules.js';
import { planAndroidDataLeak } from '../../mdm/android/data-leak-policy.js';
import { currentPolicy } from '../../storage/policy-store.js';
import { desiredAppleProfiles } from '../apple/desired-apple-profiles.js';
import { findVisibleDevice } from '../commands/visible-device.js';

export interface DeviceDataProtectionView {
  deviceId: string;
  platform: 'APPLE' | 'ANDROID';
  ownership: 'CORPORATE' | 'PERSONAL';
  /** The data_leak rule at the last evaluation; null when the policy asks for no control or it was never judged. */
  status: RuleStatus | null;
  remediation: string | null;
  controls: {
    control: DataLeakControlId;
    title: string;
    what: string;
    why: string;
    /** False when this device's enrolment cannot carry it (the reason says why). */
    enforced: boolean;
    reason: string | null;
  }[];
  /** What the organisation does not see or control: filled for personal devices. */
  notControlled: string[];
}

/**
 * The data-leak controls on one device, explained for the person who carries it: what each does, why, whether
 * this device enforces it, and (personal phones) what the organisation does not control. Visible to the device's
 * user, their manager, IT and ADMIN; others get 404.
 */
export async function getDeviceDataProtection(deps: Pick<BaseDeps, 'db' | 'config' | 'clock'>, actor: Actor, deviceId: string): Promise<DeviceDataProtectionView> {
  const device = await findVisibleDevice(deps.db, actor, deviceId);
  const policy = await currentPolicy(deps);
  const settings = policy.document.settings[device.ownership][device.platform];
  let plan: { enforced: DataLeakControlId[]; notEnforced: { control: DataLeakControlId; reason: string }[] } = { enforced: [], notEnforced: [] };
  if (device.platform === 'APPLE') {
    plan = (await desiredAppleProfiles(deps, deps.db, device, settings))?.dataProtection ?? plan;
  } else {
    plan = planAndroidDataLeak(device.ownership, settings.dataLeak);
  }
  const appList = settings.dataLeak?.appList ?? null;
  const controls = [
    ...plan.enforced.map((control) => ({ ...explainControl(control, device.platform, appList), enforced: true, reason: null })),
    ...plan.notEnforced.map(({ control, reason }) => ({ ...explainControl(control, device.platform, appList), enforced: false, reason })),
  ];
  const stored = await deps.db.deviceComplianceResult.findUnique({ where: { deviceId } });
  const result = ((stored?.results ?? []) as unknown as RuleResult[]).find((r) => r.rule === 'data_leak') ?? null;
  return {
    deviceId: device.id,
    platform: device.platform,
    ownership: device.ownership,
    status: result?.status ?? null,
    remediation: result?.remediation ?? null,
    controls,
    notControlled: device.ownership === 'PERSONAL' ? outsideOrganisationControl(device.platform) : [],
  };
}
