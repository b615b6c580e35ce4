import type { Actor } from '../access.js';

/** What IT (or compliance escalation) asks of a device, whatever its platform. */
export type DeviceAction = 'LOCK' | 'WIPE_SELECTIVE' | 'WIPE_FULL';

export interface ActionOptions {
  /** Shown on the lock screen where the platform supports it. */
  message?: string;
  phoneNumber?: string;
  /** Apple DeviceLock / EraseDevice PIN (macOS). */
  pin?: string;
}

export interface PlannedCommand {
  /** The platform's request type as stored on Command.requestType (DeviceLock, EraseDevice, RemoveProfile, LOCK, WIPE, ...). */
  requestType: string;
  payload: Record<string, unknown>;
  /** Shown to the API caller, e.g. "removes the work profile only; personal data is untouched". */
  effect: string;
}


/**
 * Who asks for a device action: a signed-in person, or an automatic process (compliance escalation,
 * the incident playbook, consent withdrawal) acting on a person's behalf or on its own.
 */
export type Requester = Actor | SystemRequester;

export interface SystemRequester {
  system: 'compliance' | 'incident' | 'consent';
  /** The person whose action started the process, if any (the staff member reporting a lost phone). */
  onBehalfOf?: string | null;
}

export const isSystem = (requester: Requester): requester is SystemRequester => 'system' in requester;

export const requesterUserId = (requester: Requester): string | null =>
  isSystem(requester) ? (requester.onBehalfOf ?? null) : requester.userId;

export interface ActionTarget {
  ownership: 'CORPORATE' | 'PERSONAL';
  status: 'PENDING' | 'ENROLLED' | 'RETIRING' | 'UNENROLLED' | 'WIPED';
}

export type Refusal = { code: 'FORBIDDEN' | 'CONFLICT'; message: string } | null;

/**
 * Rules that hold whoever asks. A full wipe of a personally-owned device would erase the person's own
 * photos and messages: the organisation may only remove what it put there (selective wipe).
 */
export function refusalFor(device: ActionTarget, action: DeviceAction): Refusal {
  if (action === 'WIPE_FULL' && device.ownership === 'PERSONAL') {
    return { code: 'FORBIDDEN', message: 'A personally-owned device cannot be fully wiped; use a selective wipe' };
  }
  if (device.status === 'RETIRING') {
    return { code: 'CONFLICT', message: 'The device is being retired; it takes no more commands' };
  }
  if (device.status === 'UNENROLLED' || device.status === 'WIPED') {
    return { code: 'CONFLICT', message: `The device is ${device.status.toLowerCase()}; it no longer takes commands` };
  }
  // A device that never completed enrolment has no channel: the command could never be delivered.
  if (device.status === 'PENDING') {
    return { code: 'CONFLICT', message: 'The device has not completed enrolment, so it cannot receive commands; cancel the enrolment instead (POST /v1/devices/{id}/retire)' };
  }
  return null;
}

/** A full wipe cannot be undone: when the organisation asks for it, a second person confirms it. */
export function needsApproval(action: DeviceAction, approvalRequired: boolean): boolean {
  return action === 'WIPE_FULL' && approvalRequired;
}

