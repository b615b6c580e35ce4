// @ts-nocheck
import { Prisma, type Db } from '../db/prisma.js';
import type { ComplianceStateName } from '../domain/compliance/judge.js';

/** Whose devices a report covers: everyone (IT/ADMIN) or the direct reports of one manager. */
export type ReportScope = { kind: 'fleet' } | { kind: 'team'; managerId: string };

export interface NoncompliantFilter {
  states: ComplianceStateName[];
  platform?: 'APPLE' | 'ANDROID';
  ownership?: 'CORPORATE' | 'PERSONAL';
  rule?: string;
}

export interface NoncompliantCursor {
  deadline: string | null;
  deviceId: string;
}

export interface NoncompliantRow {
  deviceId: string;
  userId: string | null;
  userName: string | null;
  userEmail: string | null;
  platform: 'APPLE' | 'ANDROID';
  ownership: 'CORPORATE' | 'PERSONAL';
  state: ComplianceStateName;
  graceDeadline: Date | null;
  failingRules: string[];
  unknownRules: string[];
  blocked: boolean;
  stateChangedAt: Date;
  policyVersion: number;
  displayName: string | null;
  model: string | null;
  serialNumber: string | null;
  osVersion: string | null;
  osBuild: string | null;
}

export interface SummaryCounts {
  groups: { state: ComplianceStateName; platform: 'APPLE' | 'ANDROID'; ownership: 'CORPORATE' | 'PERSONAL'; count: number }[];
  failingRules: { rule: string; count: number }[];
}

/**
 * Report queries over DeviceCompliance (one row per device, indexed by state and deadline). A team scope joins
 * through User.managerId at query time, so a change of manager shows at once with nothing to keep in sync.
 */
export function createReportStore(db: Db) {
  const scopeJoin = (scope: ReportScope) =>
    scope.kind === 'team'
      ? Prisma.sql`JOIN "User" u ON u.id = c."userId" AND u."managerId" = ${scope.managerId}::uuid`
      : Prisma.sql`LEFT JOIN "User" u ON u.id = c."userId"`;

  return {
    /** One page sorted by grace deadline (soonest first, no deadline last), then device id. */
    async listNoncompliant(scope: ReportScope, filter: NoncompliantFilter, limit: number, cursor?: NoncompliantCursor): Promise<NoncompliantRow[]> {
      const conditions: Prisma.Sql[] = [
        Prisma.sql`c.state IN (${Prisma.join(filter.states.map((state) => Prisma.sql`${state}::"ComplianceState"`))})`,
      ];
      if (filter.platform) conditions.push(Prisma.sql`c.platform = ${filter.platform}::"Platform"`);
      if (filter.ownership) conditions.push(Prisma.sql`c.ownership = ${filter.ownership}::"Ownership"`);
      if (filter.rule) conditions.push(Prisma.sql`c."failingRules" @> ARRAY[${filter.rule}]::text[]`);
      if (cursor) {
        conditions.push(
          cursor.deadline === null
            ? Prisma.sql`(c."graceDeadline" IS NULL AND c."deviceId" > ${cursor.deviceId}::uuid)`
            : Prisma.sql`(c."graceDeadline" > ${new Date(cursor.deadline)} OR (c."graceDeadline" = ${new Date(cursor.deadline)} AND c."deviceId" > ${cursor.deviceId}::uuid) OR c."graceDeadline" IS NULL)`,
        );
      }
      return db.$queryRaw<NoncompliantRow[]>`
        SELECT c."deviceId", c."userId", u.name AS "userName", u.email AS "userEmail", c.platform::text AS platform,
               c.ownership::text AS ownership, c.state::text AS state, c."graceDeadline", c."failingRules", c."unknownRules",
               c.blocked, c."stateChangedAt", c."policyVersion",
               d."displayName", d.model, d."serialNumber", COALESCE(p."osVersion", d."osVersion") AS "osVersion", p."osBuild"
        FROM "DeviceCompliance" c
        ${scopeJoin(scope)}
        JOIN "Device" d ON d.id = c."deviceId"
        LEFT JOIN "DevicePosture" p ON p."deviceId" = c."deviceId"
        WHERE ${Prisma.join(conditions, ' AND ')}
        ORDER BY c."graceDeadline" ASC NULLS LAST, c."deviceId" ASC
        LIMIT ${limit}`;
    },

    /** Counts by state × platform × ownership in one aggregation, and devices per failing rule. */
    async summary(scope: ReportScope): Promise<SummaryCounts> {
      const [groups, failingRules] = await Promise.all([
        db.$queryRaw<SummaryCounts['groups']>`
          SELECT c.state::text AS state, c.platform::text AS platform, c.ownership::text AS ownership, count(*)::int AS count
          FROM "DeviceCompliance" c ${scopeJoin(scope)}
          GROUP BY 1, 2, 3`,
        db.$queryRaw<SummaryCounts['failingRules']>`
          SELECT r.rule, count(*)::int AS count
          FROM "DeviceCompliance" c ${scopeJoin(scope)}
          CROSS JOIN LATERAL unnest(c."failingRules") AS r(rule)
          WHERE c.state IN ('IN_GRACE', 'NONCOMPLIANT')
          GROUP BY 1 ORDER BY 2 DESC, 1`,
      ]);
      return { groups, failingRules };
    },
  };
}

export type ReportStore = ReturnType<typeof createReportStore>;
