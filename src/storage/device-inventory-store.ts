import { Prisma, type Db } from '../db/prisma.js';
import { likePattern, parseVersion, type InventoryCursor, type InventoryFilter, type InventorySort, type SortDirection } from '../domain/devices/inventory-query.js';

/** Whose devices a query covers: the fleet (IT, ADMIN, service accounts), a manager's team, or one person's own. */
export type InventoryScope = { kind: 'fleet' } | { kind: 'team'; managerId: string } | { kind: 'own'; userId: string };

export interface InventoryRow {
  id: string;
  platform: 'APPLE' | 'ANDROID';
  ownership: 'CORPORATE' | 'PERSONAL';
  status: 'PENDING' | 'ENROLLED' | 'RETIRING' | 'UNENROLLED' | 'WIPED';
  displayName: string | null;
  model: string | null;
  serialNumber: string | null;
  osVersion: string | null;
  enrollmentType: string | null;
  enrolledAt: Date | null;
  lastSeenAt: Date | null;
  assetTag: string | null;
  userId: string | null;
  userName: string | null;
  userEmail: string | null;
  userManagerId: string | null;
  state: 'COMPLIANT' | 'IN_GRACE' | 'NONCOMPLIANT' | 'UNKNOWN';
  failingRules: string[];
  blocked: boolean;
  graceDeadline: Date | null;
  /** The value the page is ordered by, as text: what the next cursor carries. */
  sortValue: string | null;
}

const ENROLLMENT_TYPE = Prisma.sql`CASE
  WHEN d.platform = 'APPLE' AND (ae.type = 'USER' OR (ae.type IS NULL AND ae."userEnrollment")) THEN 'APPLE_USER'
  WHEN d.platform = 'APPLE' AND ae."deviceId" IS NOT NULL THEN 'APPLE_DEVICE'
  WHEN ad."managementMode" = 'PROFILE_OWNER' THEN 'ANDROID_WORK_PROFILE'
  WHEN ad."managementMode" = 'DEVICE_OWNER' THEN 'ANDROID_FULLY_MANAGED'
  END`;

const OS_FAMILY = Prisma.sql`CASE
  WHEN d.platform = 'ANDROID' THEN 'ANDROID'
  WHEN d.model ILIKE 'iPad%' THEN 'IPADOS'
  WHEN d.model ILIKE 'Mac%' OR d.model ILIKE 'iMac%' THEN 'MACOS'
  ELSE 'IOS' END`;

const OS_VERSION = Prisma.sql`COALESCE(p."osVersion", d."osVersion")`;

/** The column each sort walks; a manager's "name" is their report's name, since device names are not theirs to see. */
function sortColumn(sort: InventorySort, scope: InventoryScope): { expr: Prisma.Sql; cast: Prisma.Sql } {
  switch (sort) {
    case 'lastSeenAt':
      return { expr: Prisma.sql`d."lastSeenAt"`, cast: Prisma.sql`::timestamp(3)` };
    case 'enrolledAt':
      return { expr: Prisma.sql`d."enrolledAt"`, cast: Prisma.sql`::timestamp(3)` };
    case 'name':
      return scope.kind === 'team' ? { expr: Prisma.sql`u.name`, cast: Prisma.sql`::text` } : { expr: Prisma.sql`d."displayName"`, cast: Prisma.sql`::text` };
    case 'state':
      return { expr: Prisma.sql`c.state`, cast: Prisma.sql`::"ComplianceState"` };
  }
}

/**
 * Inventory queries over Device with its user, compliance and enrolment. Pages are keyset pages (sort value, id):
 * rows with a sort value come first in the asked direction, rows without one (never seen, unnamed) after them.
 */
export function createDeviceInventoryStore(db: Db) {
  function conditions(scope: InventoryScope, filter: InventoryFilter): Prisma.Sql[] {
    const where: Prisma.Sql[] = [];
    if (scope.kind === 'team') where.push(Prisma.sql`u."managerId" = ${scope.managerId}::uuid`);
    if (scope.kind === 'own') where.push(Prisma.sql`d."userId" = ${scope.userId}::uuid`);
    if (filter.platform) where.push(Prisma.sql`d.platform = ${filter.platform}::"Platform"`);
    if (filter.ownership) where.push(Prisma.sql`d.ownership = ${filter.ownership}::"Ownership"`);
    if (filter.osFamily) where.push(Prisma.sql`(${OS_FAMILY}) = ${filter.osFamily}`);
    if (filter.enrollmentType) where.push(Prisma.sql`(${ENROLLMENT_TYPE}) = ${filter.enrollmentType}`);
    if (filter.status?.length) where.push(Prisma.sql`d.status IN (${Prisma.join(filter.status.map((s) => Prisma.sql`${s}::"DeviceStatus"`))})`);
    if (filter.complianceState?.length) {
      const states = Prisma.join(filter.complianceState.map((s) => Prisma.sql`${s}::"ComplianceState"`));
      // Without UNKNOWN the plain column test lets the planner use DeviceCompliance's state index.
      where.push(filter.complianceState.includes('UNKNOWN') ? Prisma.sql`COALESCE(c.state, 'UNKNOWN') IN (${states})` : Prisma.sql`c.state IN (${states})`);
    }
    if (filter.failingRule) where.push(Prisma.sql`c."failingRules" @> ARRAY[${filter.failingRule}]::text[]`);
    // blocked=true tests the column itself: the compliance row must exist, and DeviceCompliance's (blocked, state,
    // deviceId) index serves the filter in state order.
    if (filter.blocked !== undefined) where.push(filter.blocked ? Prisma.sql`c.blocked` : Prisma.sql`COALESCE(c.blocked, false) = false`);
    if (filter.userId) where.push(Prisma.sql`d."userId" = ${filter.userId}::uuid`);
    if (filter.managerId) where.push(Prisma.sql`u."managerId" = ${filter.managerId}::uuid`);
    if (filter.lastSeenBefore) where.push(Prisma.sql`d."lastSeenAt" < ${new Date(filter.lastSeenBefore)}`);
    if (filter.lastSeenAfter) where.push(Prisma.sql`d."lastSeenAt" > ${new Date(filter.lastSeenAfter)}`);
    if (filter.osVersionBelow) {
      const below = parseVersion(filter.osVersionBelow);
      // Only well-formed versions are compared; the CASE keeps the cast from ever seeing anything else.
      where.push(Prisma.sql`CASE WHEN ${OS_VERSION} ~ '^[0-9]{1,6}(\\.[0-9]{1,6}){0,5}$'
        THEN string_to_array(${OS_VERSION}, '.')::int[] < ${below}::int[] ELSE false END`);
    }
    if (filter.q) {
      const pattern = likePattern(filter.q);
      // Searchable fields follow the viewer: a manager matches a device through its user only, never its hardware.
      const deviceFields = scope.kind === 'team'
        ? Prisma.empty
        : Prisma.sql`SELECT s.id FROM "Device" s WHERE s."displayName" ILIKE ${pattern} OR s.model ILIKE ${pattern} OR s."serialNumber" ILIKE ${pattern} UNION `;
      where.push(Prisma.sql`d.id IN (${deviceFields}SELECT s.id FROM "Device" s JOIN "User" su ON su.id = s."userId" WHERE su.name ILIKE ${pattern} OR su.email ILIKE ${pattern})`);
    }
    return where;
  }

  const from = Prisma.sql`FROM "Device" d
    LEFT JOIN "User" u ON u.id = d."userId"
    LEFT JOIN "DeviceCompliance" c ON c."deviceId" = d.id
    LEFT JOIN "DevicePosture" p ON p."deviceId" = d.id
    LEFT JOIN "AppleEnrollment" ae ON ae."deviceId" = d.id
    LEFT JOIN "AndroidDevice" ad ON ad."deviceId" = d.id`;

  /** Only the joins the filter needs: a whole-fleet selection (bulk actions) then reads Device alone. */
  const fromFor = (scope: InventoryScope, filter: InventoryFilter) => {
    const joins: Prisma.Sql[] = [];
    if (scope.kind === 'team' || filter.managerId) joins.push(Prisma.sql`LEFT JOIN "User" u ON u.id = d."userId"`);
    if (filter.complianceState?.length || filter.failingRule || filter.blocked !== undefined) joins.push(Prisma.sql`LEFT JOIN "DeviceCompliance" c ON c."deviceId" = d.id`);
    if (filter.osVersionBelow) joins.push(Prisma.sql`LEFT JOIN "DevicePosture" p ON p."deviceId" = d.id`);
    if (filter.enrollmentType) joins.push(Prisma.sql`LEFT JOIN "AppleEnrollment" ae ON ae."deviceId" = d.id LEFT JOIN "AndroidDevice" ad ON ad."deviceId" = d.id`);
    return Prisma.sql`FROM "Device" d ${joins.length ? Prisma.join(joins, ' ') : Prisma.empty}`;
  };

  const whereSql = (where: Prisma.Sql[]) => (where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty);

  async function segment(scope: InventoryScope, filter: InventoryFilter, sort: InventorySort, direction: SortDirection, limit: number, withValues: boolean, after: { value: string | null; id: string } | null): Promise<InventoryRow[]> {
    const { expr, cast } = sortColumn(sort, scope);
    const dir = direction === 'asc' ? Prisma.sql`ASC` : Prisma.sql`DESC`;
    const cmp = direction === 'asc' ? Prisma.sql`>` : Prisma.sql`<`;
    const where = conditions(scope, filter);
    if (withValues) {
      where.push(Prisma.sql`${expr} IS NOT NULL`);
      if (after?.value != null) where.push(Prisma.sql`(${expr}, d.id) ${cmp} (${after.value}${cast}, ${after.id}::uuid)`);
    } else {
      where.push(Prisma.sql`${expr} IS NULL`);
      if (after && after.value === null) where.push(Prisma.sql`d.id ${cmp} ${after.id}::uuid`);
    }
    const order = withValues ? Prisma.sql`ORDER BY ${expr} ${dir}, d.id ${dir}` : Prisma.sql`ORDER BY d.id ${dir}`;
    return db.$queryRaw<InventoryRow[]>`
      SELECT d.id, d.platform::text AS platform, d.ownership::text AS ownership, d.status::text AS status, d."displayName", d.model,
             d."serialNumber", ${OS_VERSION} AS "osVersion", ${ENROLLMENT_TYPE} AS "enrollmentType", d."enrolledAt", d."lastSeenAt",
             d."assetTag", d."userId", u.name AS "userName", u.email AS "userEmail", u."managerId" AS "userManagerId",
             COALESCE(c.state::text, 'UNKNOWN') AS state, COALESCE(c."failingRules", ARRAY[]::text[]) AS "failingRules",
             COALESCE(c.blocked, false) AS blocked, c."graceDeadline",
             CASE WHEN ${expr} IS NULL THEN NULL ELSE ${sortText(sort, expr)} END AS "sortValue"
      ${from}
      ${whereSql(where)}
      ${order}
      LIMIT ${limit}`;
  }

  return {
    /** One page: `limit` rows after `cursor` (plus one more, so the caller knows whether another page follows). */
    async page(scope: InventoryScope, filter: InventoryFilter, sort: InventorySort, direction: SortDirection, limit: number, cursor?: InventoryCursor): Promise<InventoryRow[]> {
      const after = cursor ? { value: cursor.value, id: cursor.id } : null;
      const rows = after?.value === null ? [] : await segment(scope, filter, sort, direction, limit, true, after);
      if (rows.length >= limit) return rows;
      return [...rows, ...(await segment(scope, filter, sort, direction, limit - rows.length, false, after?.value === null ? after : null))];
    },

    /** Every matching device id, for bulk actions (the selection is resolved once, when the action is accepted). */
    async ids(scope: InventoryScope, filter: InventoryFilter): Promise<{ id: string; ownership: 'CORPORATE' | 'PERSONAL'; status: InventoryRow['status']; platform: InventoryRow['platform']; userId: string | null }[]> {
      return db.$queryRaw`SELECT d.id, d.ownership::text AS ownership, d.status::text AS status, d.platform::text AS platform, d."userId" ${fromFor(scope, filter)} ${whereSql(conditions(scope, filter))}`;
    },
  };
}

/** The sort value as text the cursor can carry back exactly (timestamps to the millisecond, as stored). */
function sortText(sort: InventorySort, expr: Prisma.Sql): Prisma.Sql {
  return sort === 'lastSeenAt' || sort === 'enrolledAt' ? Prisma.sql`to_char(${expr}, 'YYYY-MM-DD"T"HH24:MI:SS.MS')` : Prisma.sql`${expr}::text`;
}


