import type { BaseDeps } from '../../deps.js';
import { dataProtectionNoticeText } from '../../domain/compliance/data-leak.js';
import { currentPolicy } from '../../storage/policy-store.js';

/**
 * The privacy-notice section on data-leak controls, written from the policy in force: what each control does on
 * iPhone and Android and why, and (personal phones) what the organisation does not control. ADMIN includes it in
 * the notice they publish; staff can read it any time.
 */
export async function getDataProtectionNotice(deps: Pick<BaseDeps, 'db' | 'config' | 'clock'>, ownership: 'CORPORATE' | 'PERSONAL') {
  const policy = await currentPolicy(deps);
  const settings = policy.document.settings[ownership];
  return {
    ownership,
    policyVersion: policy.version,
    text: dataProtectionNoticeText(ownership, { APPLE: settings.APPLE.dataLeak, ANDROID: settings.ANDROID.dataLeak }),
  };
}
