import type { Deps } from '../../deps.js';
import { ensureDataProtectionProfile } from './ensure-data-protection-profile.js';

/**
 * After a compliance policy change (job apple.install-data-protection): brings every enrolled Apple device's data
 * protection profile to the new revision. Devices already holding it are left alone. Returns how many got commands.
 */
export async function reinstallDataProtectionProfiles(deps: Deps): Promise<number> {
  const devices = await deps.db.device.findMany({ where: { platform: 'APPLE', status: 'ENROLLED' }, select: { id: true }, orderBy: { id: 'asc' } });
  let changed = 0;
  for (const { id } of devices) {
    const outcome = await ensureDataProtectionProfile(deps, id);
    if (outcome === 'installed' || outcome === 'removed') changed += 1;
  }
  return changed;
}
