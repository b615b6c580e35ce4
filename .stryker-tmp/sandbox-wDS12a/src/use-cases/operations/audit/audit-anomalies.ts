// @ts-nocheck
import type { BaseDeps } from '../../../container.js';
import type { Actor } from '../../../domain/access.js';
import { parseOfficeHours } from '../../../domain/operations/office-hours.js';
import { AppError } from '../../../errors.js';

export type AnomalyKind = 'many_wipes' | 'many_failed_logins' | 'password_spraying' | 'device_takeover_attempt' | 'outside_office_hours';

export interface AnomalyFlag {
  kind: AnomalyKind;
  /**
   * The user id (wipes, out-of-hours access), the account or email failing to sign in, the client addresses behind
   * a spraying pattern (comma-separated), or the device whose identity another enrolment tried to claim.
   */
  subject: string;
  count: number;
  threshold: number;
  firstAt: string;
  lastAt: string;
}

interface Row {
  subject: string | null;
  count: number;
  firstAt: Date;
  lastAt: Date;
}

/**
 * Patterns a reviewer should look at, computed from the audit log over the last window: one person asking for
 * many wipes (a compromised or malicious admin account), many failed sign-ins for one account (password
 * guessing), and anyone working with the system outside office hours.
 */
export async function auditAnomalies(deps: Pick<BaseDeps, 'db' | 'audit' | 'clock' | 'config'>, actor: Actor, input: { windowMinutes?: number }) {
  if (actor.role !== 'ADMIN') throw new AppError('FORBIDDEN', 'Only an ADMIN can review audit anomalies');
  const { db, config } = deps;
  const to = deps.clock.now();
  const from = new Date(to.getTime() - (input.windowMinutes ?? config.ANOMALY_WINDOW_MINUTES) * 60_000);
  const hours = parseOfficeHours(config.OFFICE_HOURS_UTC);

  const wipes = await db.$queryRaw<Row[]>`
    SELECT "actorId" AS subject, count(*)::int AS count, min(at) AS "firstAt", max(at) AS "lastAt"
    FROM "AuditEvent"
    WHERE action = 'command.requested' AND details->>'action' IN ('WIPE_FULL', 'WIPE_SELECTIVE') AND at >= ${from} AND at <= ${to}
    GROUP BY "actorId" HAVING count(*) > ${config.ANOMALY_MAX_WIPES_PER_ACTOR}`;
  const failedLogins = await db.$queryRaw<Row[]>`
    SELECT coalesce("targetId", details->>'email') AS subject, count(*)::int AS count, min(at) AS "firstAt", max(at) AS "lastAt"
    FROM "AuditEvent"
    WHERE action = 'auth.login_failed' AND at >= ${from} AND at <= ${to}
    GROUP BY 1 HAVING count(*) > ${config.ANOMALY_MAX_FAILED_LOGINS}`;
  // Many accounts failing from few addresses: one guesser trying a common password against everyone, which stays
  // under every per-account threshold above.
  const spraying = await db.$queryRaw<Row[]>`
    SELECT string_agg(DISTINCT coalesce(ip, 'unknown'), ',') AS subject, count(DISTINCT coalesce("targetId", details->>'email'))::int AS count,
           min(at) AS "firstAt", max(at) AS "lastAt"
    FROM "AuditEvent"
    WHERE action = 'auth.login_failed' AND at >= ${from} AND at <= ${to}
    HAVING count(DISTINCT coalesce("targetId", details->>'email')) >= ${config.ANOMALY_SPRAY_MIN_ACCOUNTS}
       AND count(DISTINCT coalesce(ip, 'unknown')) <= ${config.ANOMALY_SPRAY_MAX_ADDRESSES}`;
  const sprayingPerAddress = await db.$queryRaw<Row[]>`
    SELECT ip AS subject, count(DISTINCT coalesce("targetId", details->>'email'))::int AS count, min(at) AS "firstAt", max(at) AS "lastAt"
    FROM "AuditEvent"
    WHERE action = 'auth.login_failed' AND at >= ${from} AND at <= ${to}
    GROUP BY ip HAVING count(DISTINCT coalesce("targetId", details->>'email')) >= ${config.ANOMALY_SPRAY_MIN_ACCOUNTS}`;
  const takeovers = await db.$queryRaw<Row[]>`
    SELECT "targetId" AS subject, count(*)::int AS count, min(at) AS "firstAt", max(at) AS "lastAt"
    FROM "AuditEvent"
    WHERE action = 'apple.enrollment.takeover_refused' AND at >= ${from} AND at <= ${to}
    GROUP BY "targetId"`;
  const outside = await db.$queryRaw<Row[]>`
    WITH events AS (
      SELECT "actorId", at, (extract(hour FROM at) * 60 + extract(minute FROM at))::int AS minute
      FROM "AuditEvent"
      WHERE "actorType" = 'user' AND action <> 'auth.login_failed' AND at >= ${from} AND at <= ${to}
    )
    SELECT "actorId" AS subject, count(*)::int AS count, min(at) AS "firstAt", max(at) AS "lastAt"
    FROM events
    WHERE NOT (CASE WHEN ${hours.startMinute}::int <= ${hours.endMinute}::int
                    THEN minute >= ${hours.startMinute}::int AND minute < ${hours.endMinute}::int
                    ELSE minute >= ${hours.startMinute}::int OR minute < ${hours.endMinute}::int END)
    GROUP BY "actorId"`;

  const flags: AnomalyFlag[] = [
    ...wipes.map((r) => flag('many_wipes', r, config.ANOMALY_MAX_WIPES_PER_ACTOR)),
    ...failedLogins.map((r) => flag('many_failed_logins', r, config.ANOMALY_MAX_FAILED_LOGINS)),
    // The fleet-wide pattern, and any single address that alone already shows it (reported once if both match).
    ...[...spraying, ...sprayingPerAddress.filter((r) => !spraying.some((s) => s.subject === r.subject))].map((r) => flag('password_spraying', r, config.ANOMALY_SPRAY_MIN_ACCOUNTS)),
    ...takeovers.map((r) => flag('device_takeover_attempt', r, 0)),
    ...outside.map((r) => flag('outside_office_hours', r, 0)),
  ];
  await deps.audit.record({ actorType: 'user', actorId: actor.userId, action: 'audit.anomalies_viewed', ip: actor.ip ?? null, details: { flags: flags.length } });
  return { from: from.toISOString(), to: to.toISOString(), officeHoursUtc: config.OFFICE_HOURS_UTC, flags };
}

function flag(kind: AnomalyKind, row: Row, threshold: number): AnomalyFlag {
  return { kind, subject: row.subject ?? 'unknown', count: row.count, threshold, firstAt: row.firstAt.toISOString(), lastAt: row.lastAt.toISOString() };
}
