import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { isFleetAdmin, redactDeviceFor, type Actor } from '../../domain/access.js';
import type { ComplianceStateName } from '../../domain/compliance/judge.js';
import type { NoncompliantCursor, ReportScope } from '../../storage/report-store.js';
import type { DeviceDetailsView } from './device-compliance-view.js';

export interface ListNoncompliantInput {
  state?: ComplianceStateName[];
  platform?: 'APPLE' | 'ANDROID';
  ownership?: 'CORPORATE' | 'PERSONAL';
  rule?: string;
  limit: number;
  cursor?: string;
}

export interface NoncompliantItem {
  deviceId: string;
  user: { id: string; name: string; email: string } | null;
  platform: 'APPLE' | 'ANDROID';
  ownership: 'CORPORATE' | 'PERSONAL';
  state: ComplianceStateName;
  graceDeadline: string | null;
  failingRules: string[];
  unknownRules: string[];
  blocked: boolean;
  stateChangedAt: string;
  policyVersion: number;
  /** IT and ADMIN only: managers see state and failing rules, never device details. */
  device?: DeviceDetailsView;
}

/** Whose devices the actor may list: IT/ADMIN the whole fleet, a manager their direct reports. */
export function reportScope(actor: Actor): ReportScope {
  if (isFleetAdmin(actor)) return { kind: 'fleet' };
  if (actor.role === 'MANAGER') return { kind: 'team', managerId: actor.userId };
  throw new AppError('FORBIDDEN', 'Only managers, IT and ADMIN can read compliance reports');
}

const encodeCursor = (c: NoncompliantCursor) => Buffer.from(JSON.stringify([c.deadline, c.deviceId])).toString('base64url');

function decodeCursor(raw: string): NoncompliantCursor {
  try {
    const [deadline, deviceId] = JSON.parse(Buffer.from(raw, 'base64url').toString()) as [unknown, unknown];
    const validDeadline = deadline === null || (typeof deadline === 'string' && !Number.isNaN(Date.parse(deadline)));
    if (validDeadline && typeof deviceId === 'string' && /^[0-9a-f-]{36}$/i.test(deviceId)) return { deadline: deadline as string | null, deviceId };
  } catch {
    // fall through to the error below
  }
  throw new AppError('VALIDATION_FAILED', 'Invalid cursor');
}

/** Devices in grace, non-compliant (or unknown, when asked), soonest deadline first, one page at a time. */
export async function listNoncompliant(deps: Pick<Deps, 'compliance' | 'audit'>, actor: Actor, input: ListNoncompliantInput): Promise<{ items: NoncompliantItem[]; nextCursor: string | null }> {
  const scope = reportScope(actor);
  const rows = await deps.compliance.reports.listNoncompliant(
    scope,
    { states: input.state?.length ? input.state : ['IN_GRACE', 'NONCOMPLIANT'], platform: input.platform, ownership: input.ownership, rule: input.rule },
    input.limit + 1,
    input.cursor ? decodeCursor(input.cursor) : undefined,
  );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const withDetails = scope.kind === 'fleet';
  await deps.audit.record({
    actorType: 'user', actorId: actor.userId, action: 'compliance.noncompliant_report_viewed', targetType: scope.kind === 'team' ? 'team' : 'fleet',
    targetId: scope.kind === 'team' ? scope.managerId : null, ip: actor.ip ?? null, details: { filter: { ...input, cursor: undefined }, returned: page.length },
  });
  return redactDeviceFor(withDetails ? 'fleet' : 'manager', {
    items: page.map((r) => ({
      deviceId: r.deviceId,
      user: r.userId ? { id: r.userId, name: r.userName ?? '', email: r.userEmail ?? '' } : null,
      platform: r.platform,
      ownership: r.ownership,
      state: r.state,
      graceDeadline: r.graceDeadline?.toISOString() ?? null,
      failingRules: r.failingRules,
      unknownRules: r.unknownRules,
      blocked: r.blocked,
      stateChangedAt: r.stateChangedAt.toISOString(),
      policyVersion: r.policyVersion,
      ...(withDetails ? { device: { displayName: r.displayName, model: r.model, serialNumber: r.serialNumber, osVersion: r.osVersion, osBuild: r.osBuild } } : {}),
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor({ deadline: last.graceDeadline?.toISOString() ?? null, deviceId: last.deviceId }) : null,
  });
}
