import { isFleetAdmin, type Actor } from '../access.js';

/**
 * How much of a device a viewer may see. One rule for the whole inventory (list, detail, CSV, search):
 * - fleet: IT, ADMIN and service accounts with devices:read see everything;
 * - owner: the device's user sees their own device, without IT's notes;
 * - manager: the user's manager sees state and failing rule names only, never what identifies the hardware
 *   (serial number, UDID, IMEI, device name, model) nor the observed values behind a failing rule.
 */
export type DeviceAudience = 'fleet' | 'owner' | 'manager';

export function deviceAudience(actor: Actor, owner: { id: string; managerId: string | null } | null): DeviceAudience | null {
  if (isFleetAdmin(actor)) return 'fleet';
  if (!owner) return null;
  if (owner.id === actor.userId) return 'owner';
  if (actor.role === 'MANAGER' && owner.managerId === actor.userId) return 'manager';
  return null;
}

/** Fields that identify the hardware or its user's activity: hidden from managers. */
const HARDWARE_FIELDS = ['displayName', 'model', 'serialNumber', 'udid', 'imei', 'osVersion', 'osBuild', 'assetTag', 'enrollment', 'posture', 'recentCommands', 'openIncidents', 'escalation'] as const;
/** IT's own working fields: hidden from everyone but IT and ADMIN. */
const IT_FIELDS = ['notes', 'assetTag'] as const;

/**
 * Removes what `audience` may not see from a device document (list item or detail). Pure, and the only place the
 * inventory redacts, so the project-wide visibility and redaction rule can replace it in one spot. Unknown
 * audiences get nothing: the caller must not have found the device in the first place.
 */
export function redactDevice<T extends object>(device: T, audience: DeviceAudience): Partial<T> {
  if (audience === 'fleet') return device;
  const hidden = new Set<string>(audience === 'manager' ? [...HARDWARE_FIELDS, ...IT_FIELDS] : IT_FIELDS);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(device)) {
    if (hidden.has(key)) continue;
    if (key === 'compliance' && audience === 'manager' && value && typeof value === 'object') {
      out[key] = managerCompliance(value as Record<string, unknown>);
    } else {
      out[key] = value;
    }
  }
  return out as Partial<T>;
}

/** A manager sees the state, deadline and which rules fail: rule names, not the values observed on the phone. */
function managerCompliance(compliance: Record<string, unknown>) {
  const { failingRules, ...rest } = compliance;
  const names = Array.isArray(failingRules) ? failingRules.map((r) => (typeof r === 'string' ? r : (r as { rule: string }).rule)) : failingRules;
  const kept: Record<string, unknown> = {};
  for (const key of ['state', 'graceDeadline', 'blocked', 'stateChangedAt'] as const) if (key in rest) kept[key] = rest[key];
  return { ...kept, failingRules: names };
}
