/**
 * How the inventory presents a device to a manager. Who sees what is decided by the one rule in domain/access.ts
 * (deviceViewFor, redactDeviceFor), which runs after this: here a manager's document leaves out the sections that
 * rule would blank anyway (the response schema keeps them optional), and failing rules become their names.
 */
const MANAGER_OMITTED_SECTIONS = ['displayName', 'model', 'serialNumber', 'udid', 'imei', 'osVersion', 'osBuild', 'assetTag', 'notes', 'enrollment', 'posture', 'recentCommands', 'openIncidents', 'escalation'] as const;

export function managerInventoryShape<T extends object>(device: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(device)) {
    if ((MANAGER_OMITTED_SECTIONS as readonly string[]).includes(key)) continue;
    out[key] = key === 'compliance' && value && typeof value === 'object' ? managerCompliance(value as Record<string, unknown>) : value;
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
