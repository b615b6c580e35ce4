// @ts-nocheck
import type { Deps } from '../../src/container.js';
import type { Ownership, Platform } from '../../src/generated/prisma/enums.js';
import { applyPostureReport, type PostureReport } from '../../src/storage/posture-store.js';

export async function createDevice(
  deps: Deps,
  options: { userId: string | null; platform?: Platform; ownership?: Ownership; serialNumber?: string; status?: 'PENDING' | 'ENROLLED' | 'UNENROLLED' },
) {
  return deps.db.device.create({
    data: {
      userId: options.userId,
      platform: options.platform ?? 'ANDROID',
      ownership: options.ownership ?? 'CORPORATE',
      status: options.status ?? 'ENROLLED',
      serialNumber: options.serialNumber ?? `SN${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
      model: 'Pixel 8',
      osVersion: '15',
      enrolledAt: deps.clock.now(),
    },
  });
}

/** Posture that passes every rule of the default (Cyber Essentials) policy on `now`. */
export function healthyPosture(platform: Platform, now: Date): PostureReport {
  return {
    encrypted: true,
    passcodePresent: true,
    passcodeCompliant: true,
    passcodeMinLength: 6,
    autoLockMinutes: 1,
    osVersion: platform === 'APPLE' ? '18.1' : '15',
    osBuild: platform === 'APPLE' ? '22B83' : 'AP4A.250905.002',
    securityPatchLevel: platform === 'ANDROID' ? new Date(now.getTime() - 3 * 86_400_000) : null,
    compromised: false,
    lastCheckInAt: now,
  };
}

/** Stores posture the way the platform integrations do (applyPostureReport), without queueing an evaluation. */
export async function storePosture(deps: Deps, deviceId: string, report: PostureReport) {
  await deps.db.$transaction((tx) => applyPostureReport(deps, deviceId, report, deps.clock.now(), tx));
}
