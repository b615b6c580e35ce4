import type { ComplianceStateName } from '../../domain/compliance/judge.js';
import type { RuleResult } from '../../domain/compliance/rules.js';

export interface RuleFindingView {
  rule: string;
  expected: string;
  /** Null for managers: the observed value can reveal device details (OS version) beyond the privacy boundary. */
  actual: string | null;
  /** How the actual value was established (null for managers, and for results stored before this was recorded). */
  evidence: string | null;
  remediation: string | null;
  failingSince: string | null;
}

export interface DeviceDetailsView {
  displayName: string | null;
  model: string | null;
  serialNumber: string | null;
  osVersion: string | null;
  osBuild: string | null;
}

export interface DeviceComplianceView {
  deviceId: string;
  platform: 'APPLE' | 'ANDROID';
  ownership: 'CORPORATE' | 'PERSONAL';
  state: ComplianceStateName;
  graceDeadline: string | null;
  blocked: boolean;
  policyVersion: number | null;
  evaluatedAt: string | null;
  failingRules: RuleFindingView[];
  unknownRules: RuleFindingView[];
  /** Only for the device's user, IT and ADMIN. */
  device?: DeviceDetailsView;
}

export interface DeviceWithCompliance {
  id: string;
  platform: 'APPLE' | 'ANDROID';
  ownership: 'CORPORATE' | 'PERSONAL';
  displayName: string | null;
  model: string | null;
  serialNumber: string | null;
  osVersion: string | null;
  posture: { osVersion: string | null; osBuild: string | null } | null;
  compliance: {
    state: ComplianceStateName;
    graceDeadline: Date | null;
    blocked: boolean;
    policyVersion: number;
    evaluatedAt: Date;
    detail: { results: unknown } | null;
  } | null;
  complianceRuleFailures: { rule: string; firstFailedAt: Date }[];
}

/** One device as a report shows it; `withDetails` false hides device details and observed values (manager view). */
export function toDeviceComplianceView(device: DeviceWithCompliance, withDetails: boolean): DeviceComplianceView {
  const c = device.compliance;
  const since = new Map(device.complianceRuleFailures.map((f) => [f.rule, f.firstFailedAt.toISOString()]));
  const results = (c?.detail?.results ?? []) as RuleResult[];
  const finding = (r: RuleResult): RuleFindingView => ({
    rule: r.rule,
    expected: r.expected,
    actual: withDetails ? r.actual : null,
    evidence: withDetails ? r.evidence ?? null : null,
    remediation: r.remediation,
    failingSince: since.get(r.rule) ?? null,
  });
  return {
    deviceId: device.id,
    platform: device.platform,
    ownership: device.ownership,
    // Never judged yet (just enrolled): no data, which is its own state.
    state: c?.state ?? 'UNKNOWN',
    graceDeadline: c?.graceDeadline?.toISOString() ?? null,
    blocked: c?.blocked ?? false,
    policyVersion: c?.policyVersion ?? null,
    evaluatedAt: c?.evaluatedAt.toISOString() ?? null,
    failingRules: results.filter((r) => r.status === 'fail').map(finding),
    unknownRules: results.filter((r) => r.status === 'unknown').map(finding),
    ...(withDetails
      ? {
          device: {
            displayName: device.displayName,
            model: device.model,
            serialNumber: device.serialNumber,
            osVersion: device.posture?.osVersion ?? device.osVersion,
            osBuild: device.posture?.osBuild ?? null,
          },
        }
      : {}),
  };
}

/** Prisma include that loads what toDeviceComplianceView needs. */
export const deviceComplianceInclude = {
  posture: { select: { osVersion: true, osBuild: true } },
  compliance: { select: { state: true, graceDeadline: true, blocked: true, policyVersion: true, evaluatedAt: true, detail: { select: { results: true } } } },
  complianceRuleFailures: { select: { rule: true, firstFailedAt: true } },
} as const;
