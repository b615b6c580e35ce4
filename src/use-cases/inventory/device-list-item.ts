import type { InventoryRow } from '../../storage/device-inventory-store.js';

/** One inventory row as the API shows it to IT (redactDevice narrows it for others). */
export interface DeviceListItem {
  id: string;
  platform: 'APPLE' | 'ANDROID';
  ownership: 'CORPORATE' | 'PERSONAL';
  status: string;
  enrollmentType: string | null;
  displayName: string | null;
  model: string | null;
  serialNumber: string | null;
  osVersion: string | null;
  assetTag: string | null;
  enrolledAt: string | null;
  lastSeenAt: string | null;
  user: { id: string; name: string; email: string } | null;
  compliance: { state: string; failingRules: string[]; blocked: boolean; graceDeadline: string | null };
}

export function toDeviceListItem(row: InventoryRow): DeviceListItem {
  return {
    id: row.id,
    platform: row.platform,
    ownership: row.ownership,
    status: row.status,
    enrollmentType: row.enrollmentType,
    displayName: row.displayName,
    model: row.model,
    serialNumber: row.serialNumber,
    osVersion: row.osVersion,
    assetTag: row.assetTag,
    enrolledAt: row.enrolledAt?.toISOString() ?? null,
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
    user: row.userId ? { id: row.userId, name: row.userName ?? '', email: row.userEmail ?? '' } : null,
    compliance: { state: row.state, failingRules: row.failingRules, blocked: row.blocked, graceDeadline: row.graceDeadline?.toISOString() ?? null },
  };
}
