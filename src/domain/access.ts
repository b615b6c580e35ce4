import type { Role } from '../generated/prisma/enums.js';

/** The authenticated caller, as every use case receives it. */
export interface Actor {
  userId: string;
  role: Role;
  sessionId?: string;
  mfaAt?: Date | null;
  ip?: string | null;
  /** Set when the caller is a service account signing with an API key (role is then IT, narrowed by `scopes`). */
  serviceAccount?: { id: string; keyId: string; scopes: string[] };
}

/** Audit fields for an actor: a service account is recorded as itself, never as a user. */
export const auditActorOf = (actor: Actor) =>
  actor.serviceAccount
    ? { actorType: 'service_account' as const, actorId: actor.serviceAccount.id, ip: actor.ip ?? null }
    : { actorType: 'user' as const, actorId: actor.userId, ip: actor.ip ?? null };

export const isFleetAdmin = (actor: Actor) => actor.role === 'ADMIN' || actor.role === 'IT';

/**
 * Who may see a person's record and devices: themselves, their manager, IT and ADMIN.
 * Callers answer 404 (not 403) otherwise, so ids of other teams' people are not confirmed.
 */
export function canSeeUser(actor: Actor, target: { id: string; managerId: string | null }): boolean {
  if (isFleetAdmin(actor)) return true;
  if (actor.userId === target.id) return true;
  return actor.role === 'MANAGER' && target.managerId === actor.userId;
}

/**
 * What of a device an actor sees: `fleet` (IT, ADMIN: everything), `owner` (its user: everything but IT's own working
 * fields), `manager` (the user's manager: state and failing rule names, never identifiers or raw device data), or
 * null: the device does not exist for them (404).
 */
export type DeviceView = 'fleet' | 'owner' | 'manager';

/** The one visibility rule for devices. `owner` is the device's user (null for a device nobody holds). */
export function deviceViewFor(actor: Actor, owner: { id: string; managerId: string | null } | null): DeviceView | null {
  if (isFleetAdmin(actor)) return 'fleet';
  if (!owner) return null;
  if (owner.id === actor.userId) return 'owner';
  if (actor.role === 'MANAGER' && owner.managerId === actor.userId) return 'manager';
  return null;
}

/** IT's own working fields on a device record: only IT and ADMIN see them, not even the device's user. */
export const FLEET_ONLY_FIELDS: ReadonlySet<string> = new Set(['notes', 'assetTag']);

/**
 * Field names a manager may receive with a non-null value, at any depth of any device-related response, webhook or
 * export. Everything else (serial numbers, UDIDs, IMEIs, device names, command payloads and results, observed values,
 * app lists, network identifiers, locations) is replaced by null. A field not listed here is hidden by default, so
 * a new field never leaks by being forgotten.
 */
export const MANAGER_VISIBLE_FIELDS: ReadonlySet<string> = new Set([
  // identity of the records themselves (our ids, not the device's)
  'id', 'deviceId', 'userId', 'user', 'name', 'email', 'devices', 'items', 'nextCursor',
  // containers whose own fields are filtered by this same list
  'compliance',
  // data-leak controls: what the organisation's policy asks of the phone, not what is on it
  'controls', 'notControlled',
  // compliance state and failing rule names
  'platform', 'ownership', 'state', 'status', 'graceDeadline', 'blocked', 'policyVersion', 'evaluatedAt', 'stateChangedAt',
  'failingRules', 'unknownRules', 'rule', 'expected', 'remediation', 'failingSince', 'at', 'from', 'to', 'reason', 'access',
  'policyCompliant', 'appliedState', 'managementMode', 'securityPosture', 'securityRisks', 'policyName', 'appliedPolicyVersion',
  'lastStatusReportAt', 'enrollmentTokenExpiresAt', 'nonComplianceDetails', 'settingName', 'nonComplianceReason',
  // commands: what was asked and where it stands, never its payload, result or error details
  'action', 'requestType', 'priority', 'attempts', 'requestedById', 'approvedById', 'requestedAt', 'approvedAt', 'queuedAt',
  'dispatchedAt', 'sentAt', 'acknowledgedAt', 'failedAt', 'cancelledAt', 'pushes', 'nextPushAt', 'expiresAt', 'expiredAt',
  // incidents: that one exists and how it is handled
  'kind', 'description', 'openedById', 'openedAt', 'closedAt', 'closedById', 'assessment', 'dataCategories', 'riskLevel', 'assessedAt', 'assessedById',
  'timeline', 'step', 'actorType', 'actorId',
]);

/**
 * Applies a device view to any response value: unchanged for `fleet`; for `owner`, without FLEET_ONLY_FIELDS (on the
 * record itself); for `manager`, every field outside MANAGER_VISIBLE_FIELDS becomes null at every depth (the shape
 * stays, so response schemas still hold).
 */
export function redactDeviceFor<T>(view: DeviceView, value: T): T {
  if (view === 'fleet') return value;
  if (view === 'owner') {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    return Object.fromEntries(Object.entries(value).filter(([key]) => !FLEET_ONLY_FIELDS.has(key))) as T;
  }
  return redact(value, 0) as T;
}

const MAX_REDACTION_DEPTH = 32;

function redact(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  // Deeper than any response we build: nothing in there is for a manager.
  if (depth > MAX_REDACTION_DEPTH) return null;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = MANAGER_VISIBLE_FIELDS.has(key) ? redact(inner, depth + 1) : inner === undefined ? undefined : null;
  }
  return out;
}
