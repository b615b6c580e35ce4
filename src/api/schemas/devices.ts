import { Type } from 'typebox';
import { RULE_IDS } from '../../domain/compliance/rules.js';
import { ENROLLMENT_TYPES, INVENTORY_SORTS, OS_FAMILIES } from '../../domain/devices/inventory-query.js';
import { Nullable, Uuid } from './common.js';

const DateTime = Type.String({ format: 'date-time' });
/** Free text without control characters: NUL cannot reach PostgreSQL (which refuses it in text). */
const Text = (maxLength: number) => Type.String({ maxLength, pattern: '^[^\\u0000-\\u001f]*$' });
const State = Type.Enum(['COMPLIANT', 'IN_GRACE', 'NONCOMPLIANT', 'UNKNOWN']);
const Platform = Type.Enum(['APPLE', 'ANDROID']);
const Ownership = Type.Enum(['CORPORATE', 'PERSONAL']);
const DeviceStatus = Type.Enum(['PENDING', 'ENROLLED', 'RETIRING', 'UNENROLLED', 'WIPED']);

/** The inventory filter, shared by GET /v1/devices (query) and POST /v1/device-actions (body). */
export const InventoryFilterProperties = {
  platform: Type.Optional(Platform),
  osFamily: Type.Optional(Type.Enum([...OS_FAMILIES])),
  ownership: Type.Optional(Ownership),
  enrollmentType: Type.Optional(Type.Enum([...ENROLLMENT_TYPES])),
  status: Type.Optional(Type.Array(DeviceStatus, { maxItems: 4 })),
  complianceState: Type.Optional(Type.Array(State, { maxItems: 4 })),
  failingRule: Type.Optional(Type.Enum(RULE_IDS)),
  blocked: Type.Optional(Type.Boolean()),
  userId: Type.Optional(Uuid),
  managerId: Type.Optional(Uuid),
  lastSeenBefore: Type.Optional(DateTime),
  lastSeenAfter: Type.Optional(DateTime),
  osVersionBelow: Type.Optional(Type.String({ pattern: '^[0-9]{1,6}(\\.[0-9]{1,6}){0,3}$', description: 'Devices whose reported OS version is lower, e.g. 17.4' })),
  q: Type.Optional(Type.String({ minLength: 2, maxLength: 100, pattern: '^[^\\u0000-\\u001f]*$', description: "Device name, model, serial number, user's name or email (managers: user's name or email only)" })),
};

export const DeviceListQuery = Type.Object(
  {
    ...InventoryFilterProperties,
    sort: Type.Enum([...INVENTORY_SORTS], { default: 'lastSeenAt' }),
    direction: Type.Enum(['asc', 'desc'], { default: 'desc' }),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    cursor: Type.Optional(Type.String({ maxLength: 600, description: 'nextCursor of the previous page, with the same sort and direction' })),
  },
  { additionalProperties: false },
);

const Compliance = Type.Object({
  state: State,
  failingRules: Type.Array(Type.String()),
  blocked: Type.Boolean(),
  graceDeadline: Nullable(DateTime),
});

const User = Nullable(Type.Object({ id: Uuid, name: Type.String(), email: Type.String() }));

export const DeviceListItemSchema = Type.Object(
  {
    id: Uuid,
    platform: Platform,
    ownership: Ownership,
    status: DeviceStatus,
    enrollmentType: Nullable(Type.String()),
    displayName: Type.Optional(Nullable(Type.String({ description: 'Not shown to managers' }))),
    model: Type.Optional(Nullable(Type.String({ description: 'Not shown to managers' }))),
    serialNumber: Type.Optional(Nullable(Type.String({ description: 'Not shown to managers' }))),
    osVersion: Type.Optional(Nullable(Type.String({ description: 'Not shown to managers' }))),
    assetTag: Type.Optional(Nullable(Type.String({ description: 'IT and ADMIN only' }))),
    enrolledAt: Nullable(DateTime),
    lastSeenAt: Nullable(DateTime),
    user: User,
    compliance: Compliance,
  },
  { $id: 'DeviceListItem' },
);

const Finding = Type.Object({
  rule: Type.String(),
  expected: Type.String(),
  actual: Nullable(Type.String({ description: 'Null for managers' })),
  remediation: Nullable(Type.String()),
  failingSince: Nullable(DateTime),
});

const Fact = Type.Object({ value: Type.Union([Type.Boolean(), Type.Integer(), Type.String(), Type.Null()]), reportedAt: Nullable(DateTime) });

export const DeviceDocumentSchema = Type.Object(
  {
    id: Uuid,
    platform: Platform,
    ownership: Ownership,
    status: DeviceStatus,
    displayName: Type.Optional(Nullable(Type.String())),
    model: Type.Optional(Nullable(Type.String())),
    serialNumber: Type.Optional(Nullable(Type.String())),
    udid: Type.Optional(Nullable(Type.String())),
    imei: Type.Optional(Nullable(Type.String({ description: 'Not collected today; always null' }))),
    osVersion: Type.Optional(Nullable(Type.String())),
    assetTag: Type.Optional(Nullable(Type.String())),
    notes: Type.Optional(Nullable(Type.String({ description: 'IT and ADMIN only' }))),
    enrolledAt: Nullable(DateTime),
    lastSeenAt: Nullable(DateTime),
    user: User,
    enrollment: Type.Optional(
      Type.Object({
        type: Nullable(Type.String()),
        enrolledAt: Nullable(DateTime),
        apple: Nullable(Type.Object({ enrollmentId: Nullable(Type.String()), authenticatedAt: Nullable(DateTime), lastCheckInAt: Nullable(DateTime), checkedOutAt: Nullable(DateTime), pushTokenValid: Type.Boolean() })),
        android: Nullable(Type.Object({ deviceName: Nullable(Type.String()), managementMode: Nullable(Type.String()), policyName: Nullable(Type.String()), appliedState: Nullable(Type.String()), policyCompliant: Nullable(Type.Boolean()), lastStatusReportAt: Nullable(DateTime) })),
      }),
    ),
    posture: Type.Optional(Nullable(Type.Object({ reportedAt: DateTime, lastCheckInAt: Nullable(DateTime), facts: Type.Record(Type.String(), Fact) }))),
    compliance: Type.Object({
      state: State,
      graceDeadline: Type.Optional(Nullable(DateTime)),
      blocked: Type.Optional(Type.Boolean()),
      policyVersion: Type.Optional(Nullable(Type.Integer())),
      evaluatedAt: Type.Optional(Nullable(DateTime)),
      stateChangedAt: Type.Optional(Nullable(DateTime)),
      failingRules: Type.Array(Type.Union([Finding, Type.String()]), { description: 'Findings; rule names only for managers' }),
      unknownRules: Type.Optional(Type.Array(Finding)),
    }),
    escalation: Type.Optional(
      Type.Object({
        episodeStartedAt: Nullable(DateTime),
        actions: Type.Array(Type.Object({ action: Type.String(), status: Type.String(), detail: Nullable(Type.String()), commandId: Nullable(Uuid), episodeStartedAt: DateTime, createdAt: DateTime, completedAt: Nullable(DateTime) })),
      }),
    ),
    recentCommands: Type.Optional(Type.Array(Type.Object({ id: Uuid, action: Nullable(Type.String()), requestType: Type.String(), status: Type.String(), requestedAt: DateTime, acknowledgedAt: Nullable(DateTime), failedAt: Nullable(DateTime) }))),
    openIncidents: Type.Optional(Type.Array(Type.Object({ id: Uuid, kind: Type.String(), status: Type.String(), openedAt: DateTime, riskLevel: Nullable(Type.String()) }))),
  },
  { $id: 'DeviceDocument' },
);

export const DevicePatchBody = Type.Object(
  {
    assetTag: Type.Optional(Nullable(Text(100))),
    displayName: Type.Optional(Nullable(Text(200))),
    notes: Type.Optional(Nullable(Type.String({ maxLength: 4000, pattern: '^[^\\u0000]*$' }))),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** What retiring a device asked of it and what happened (DeviceRetirement). */
const Retirement = Type.Object({
  method: Type.String({ description: 'APPLE_REMOVE_PROFILE, AMAPI_DELETE, or NONE (nothing to reach)' }),
  effect: Type.String({ description: 'MANAGED_DATA_ONLY, MANAGEMENT_PROFILE, WORK_PROFILE, FACTORY_RESET or NOTHING' }),
  state: Type.Union([Type.Literal('PENDING'), Type.Literal('COMPLETED')]),
  outcome: Nullable(Type.String({ description: 'PROFILE_REMOVED, CHECKED_OUT, REFUSED_BY_DEVICE, NOT_DELIVERED, DELETED_AT_GOOGLE, ALREADY_GONE_AT_GOOGLE, ENROLMENT_CANCELLED, NOT_REACHABLE' })),
  commandId: Nullable(Uuid),
  requestedAt: DateTime,
  finishedAt: Nullable(DateTime),
  confirmedAt: Nullable(DateTime),
  details: Nullable(Type.Record(Type.String(), Type.Unknown())),
});

export const RetirementResult = Type.Object({
  deviceId: Uuid,
  outcome: Type.Union([Type.Literal('CANCELLED'), Type.Literal('RETIRED'), Type.Literal('RETIRING')]),
  status: Type.Union([Type.Literal('UNENROLLED'), Type.Literal('RETIRING')]),
  cancelledCommands: Type.Integer(),
  revokedCertificates: Type.Integer(),
  retirement: Retirement,
});
