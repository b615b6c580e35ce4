import { Type } from 'typebox';
import { PolicyDocumentSchema } from '../../domain/compliance/policy.js';
import { PRESETS } from '../../domain/compliance/presets.js';
import { closeObjectSchemas } from '../validation.js';
import { DateTime, Nullable, Uuid } from './common.js';

export const State = Type.Enum(['COMPLIANT', 'IN_GRACE', 'NONCOMPLIANT', 'UNKNOWN']);
export const Platform = Type.Union([Type.Literal('APPLE'), Type.Literal('ANDROID')]);
export const Ownership = Type.Union([Type.Literal('CORPORATE'), Type.Literal('PERSONAL')]);
export const PresetId = Type.Enum(PRESETS.map((p) => p.id));

export const DeviceDetails = Type.Object(
  { displayName: Nullable(Type.String()), model: Nullable(Type.String()), serialNumber: Nullable(Type.String()), osVersion: Nullable(Type.String()), osBuild: Nullable(Type.String()) },
  { $id: 'ComplianceDeviceDetails', description: 'Only for the device user, IT and ADMIN' },
);

export const RuleFinding = Type.Object(
  {
    rule: Type.String(),
    expected: Type.String(),
    actual: Nullable(Type.String({ description: 'Null for managers (privacy boundary)' })),
    evidence: Nullable(Type.String({ description: 'How the actual value was established: which report and key, or why the platform cannot report it. Null for managers' })),
    remediation: Nullable(Type.String({ description: 'What to do on the phone itself' })),
    failingSince: Nullable(DateTime),
  },
  { $id: 'ComplianceRuleFinding' },
);

export const DeviceCompliance = Type.Object(
  {
    deviceId: Uuid,
    platform: Platform,
    ownership: Ownership,
    state: State,
    graceDeadline: Nullable(DateTime),
    blocked: Type.Boolean(),
    policyVersion: Nullable(Type.Integer()),
    evaluatedAt: Nullable(DateTime),
    failingRules: Type.Array(Type.Ref('ComplianceRuleFinding')),
    unknownRules: Type.Array(Type.Ref('ComplianceRuleFinding')),
    device: Type.Optional(Type.Ref('ComplianceDeviceDetails')),
  },
  { $id: 'DeviceCompliance' },
);

/** A person's devices and their compliance: GET /v1/me/devices and GET /v1/users/{id}/compliance. */
export const UserCompliance = Type.Object({ userId: Uuid, name: Type.String(), devices: Type.Array(Type.Ref('DeviceCompliance')) });

export const NoncompliantItemSchema = Type.Object(
  {
    deviceId: Uuid,
    user: Nullable(Type.Object({ id: Uuid, name: Type.String(), email: Type.String() })),
    platform: Platform,
    ownership: Ownership,
    state: State,
    graceDeadline: Nullable(DateTime),
    failingRules: Type.Array(Type.String()),
    unknownRules: Type.Array(Type.String()),
    blocked: Type.Boolean(),
    stateChangedAt: DateTime,
    policyVersion: Type.Integer(),
    device: Type.Optional(Type.Ref('ComplianceDeviceDetails')),
  },
  { $id: 'NoncompliantDevice' },
);

export const Counts = (keys: readonly string[]) => Type.Object(Object.fromEntries(keys.map((k) => [k, Type.Integer()])));

export const AccessDecision = Type.Object({
  deviceId: Uuid,
  access: Type.Union([Type.Literal('allow'), Type.Literal('deny')]),
  blocked: Type.Boolean(),
  state: State,
  reason: Type.String(),
});

/** The policy document closed to unknown properties, like every body schema (the domain's own schema stays open). */
export function closedPolicyDocumentSchema() {
  const closed = structuredClone(PolicyDocumentSchema);
  closeObjectSchemas(closed);
  return closed;
}

export const Policy = Type.Object({
  version: Type.Integer(),
  preset: Type.Union([Type.String(), Type.Null()]),
  document: Type.Ref('CompliancePolicyDocument'),
  createdById: Type.Union([Uuid, Type.Null()]),
  createdAt: DateTime,
});
