import { refusalFor } from '../commands/device-actions.js';

/** What IT can do to many devices at once. A full wipe is never one of them: it is asked for one device at a time. */
export const BULK_ACTIONS = ['REEVALUATE', 'REFRESH_POSTURE', 'NOTIFY_USER', 'LOCK', 'WIPE_SELECTIVE'] as const;
export type BulkActionName = (typeof BULK_ACTIONS)[number];

/** Lock and selective wipe act on the device itself: step-up MFA, a second approver above a size, an hourly cap. */
export const isDisruptive = (action: BulkActionName) => action === 'LOCK' || action === 'WIPE_SELECTIVE';

export interface BulkTarget {
  platform: 'APPLE' | 'ANDROID';
  ownership: 'CORPORATE' | 'PERSONAL';
  status: 'PENDING' | 'ENROLLED' | 'RETIRING' | 'UNENROLLED' | 'WIPED';
  userId: string | null;
}

/** Why this device would be left out of the bulk action, or null when it takes part. */
export function bulkRefusal(device: BulkTarget, action: BulkActionName): string | null {
  switch (action) {
    case 'LOCK':
    case 'WIPE_SELECTIVE':
      return refusalFor(device, action)?.message ?? null;
    case 'REFRESH_POSTURE':
      if (device.status !== 'ENROLLED') return `The device is ${device.status.toLowerCase()}; it reports nothing`;
      // AMAPI has no "report now" command: Android devices send status reports on their own schedule.
      return device.platform === 'ANDROID' ? 'Android devices report posture on their own; nothing to ask for' : null;
    case 'NOTIFY_USER':
      return device.userId ? null : 'The device has no user to notify';
    case 'REEVALUATE':
      return device.status === 'ENROLLED' || device.status === 'PENDING' ? null : `The device is ${device.status.toLowerCase()}; it is no longer judged`;
  }
}

/** Refusals grouped by reason, for a dry run's summary. */
export function countByReason(refusals: { reason: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of refusals) counts[r.reason] = (counts[r.reason] ?? 0) + 1;
  return counts;
}
