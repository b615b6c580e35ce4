import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { RULE_IDS } from '../../domain/compliance/rules.js';
import { getUserCompliance } from '../../use-cases/compliance/get-user-compliance.js';
import { listNoncompliant, type NoncompliantItem } from '../../use-cases/compliance/list-noncompliant.js';
import { getComplianceSummary } from '../../use-cases/compliance/get-compliance-summary.js';
import { listDeviceComplianceHistory } from '../../use-cases/compliance/list-device-compliance-history.js';
import { listMyNotifications } from '../../use-cases/notifications/list-my-notifications.js';
import { errors, IdParams, Uuid } from '../schemas/common.js';
import { keyOrBearer } from '../schemas/security.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const State = Type.Enum(['COMPLIANT', 'IN_GRACE', 'NONCOMPLIANT', 'UNKNOWN']);
const Platform = Type.Union([Type.Literal('APPLE'), Type.Literal('ANDROID')]);
const Ownership = Type.Union([Type.Literal('CORPORATE'), Type.Literal('PERSONAL')]);

const DeviceDetails = Type.Object(
  { displayName: Nullable(Type.String()), model: Nullable(Type.String()), serialNumber: Nullable(Type.String()), osVersion: Nullable(Type.String()), osBuild: Nullable(Type.String()) },
  { $id: 'ComplianceDeviceDetails', description: 'Only for the device user, IT and ADMIN' },
);

const RuleFinding = Type.Object(
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

const DeviceCompliance = Type.Object(
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

const NoncompliantItemSchema = Type.Object(
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

const Counts = (keys: readonly string[]) => Type.Object(Object.fromEntries(keys.map((k) => [k, Type.Integer()])));

const CSV_COLUMNS = ['deviceId', 'userName', 'userEmail', 'platform', 'ownership', 'state', 'graceDeadline', 'failingRules', 'unknownRules', 'blocked', 'serialNumber', 'osVersion'] as const;

/** Quotes a CSV field; a leading = + - @ is defused so a spreadsheet never runs a name as a formula. */
function csvField(value: string | null | undefined): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r']/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function toCsv(items: NoncompliantItem[], withDetails: boolean): string {
  const columns = CSV_COLUMNS.filter((c) => withDetails || (c !== 'serialNumber' && c !== 'osVersion'));
  const lines = items.map((item) => {
    const values: Record<(typeof CSV_COLUMNS)[number], string | null> = {
      deviceId: item.deviceId,
      userName: item.user?.name ?? null,
      userEmail: item.user?.email ?? null,
      platform: item.platform,
      ownership: item.ownership,
      state: item.state,
      graceDeadline: item.graceDeadline,
      failingRules: item.failingRules.join(' '),
      unknownRules: item.unknownRules.join(' '),
      blocked: String(item.blocked),
      serialNumber: item.device?.serialNumber ?? null,
      osVersion: item.device?.osVersion ?? null,
    };
    return columns.map((c) => csvField(values[c])).join(',');
  });
  return [columns.join(','), ...lines].join('\r\n') + '\r\n';
}

/** Compliance reports: a person's devices, the non-compliant list and the summary. */
export const complianceReportRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.addSchema(DeviceDetails);
  app.addSchema(RuleFinding);
  app.addSchema(DeviceCompliance);
  app.addSchema(NoncompliantItemSchema);
  const security = [{ bearerAuth: [] }];
  const UserCompliance = Type.Object({ userId: Uuid, name: Type.String(), devices: Type.Array(Type.Ref('DeviceCompliance')) });

  app.get(
    '/v1/me/devices',
    {
      preHandler: app.allow('ANY'),
      schema: {
        tags: ['compliance'],
        summary: 'My devices, their compliance state, what to fix and by when',
        security,
        response: { 200: UserCompliance, ...errors(401) },
      },
    },
    async (request) => getUserCompliance(deps, request.actor, request.actor.userId),
  );

  app.get(
    '/v1/users/:id/compliance',
    {
      preHandler: app.allow('ANY'),
      schema: {
        tags: ['compliance'],
        summary: "A person's devices and their compliance (self, their manager without device details, IT, ADMIN)",
        security,
        params: IdParams,
        response: { 200: UserCompliance, ...errors(401, 404) },
      },
    },
    async (request) => getUserCompliance(deps, request.actor, request.params.id),
  );

  app.get(
    '/v1/devices/:id/compliance/history',
    {
      preHandler: app.allow('ANY'),
      schema: {
        tags: ['compliance'],
        summary: "A device's compliance state changes with their reasons, newest first (its user, their manager, IT, ADMIN)",
        security,
        params: IdParams,
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }) }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ at: DateTime, from: Nullable(State), to: State, reason: Type.String(), failingRules: Type.Array(Type.String()), policyVersion: Type.Integer() })),
          }),
          ...errors(401, 404),
        },
      },
    },
    async (request) => listDeviceComplianceHistory(deps, request.actor, request.params.id, request.query.limit),
  );

  app.get(
    '/v1/me/notifications',
    {
      preHandler: app.allow('ANY'),
      schema: {
        tags: ['compliance'],
        summary: 'Compliance messages for me: what to fix on my devices, or (managers) which team devices fail',
        security,
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ id: Uuid, deviceId: Uuid, kind: Type.String(), subject: Type.String(), body: Type.String(), createdAt: DateTime })),
          }),
          ...errors(401),
        },
      },
    },
    async (request) => listMyNotifications(deps, request.actor, request.query.limit),
  );

  app.get(
    '/v1/reports/noncompliant',
    {
      preHandler: app.allowScoped('compliance:read', 'MANAGER', 'IT', 'ADMIN'),
      schema: {
        tags: ['compliance'],
        summary: 'Devices failing the policy, soonest grace deadline first (managers: their team only). Accept: text/csv for CSV',
        security: keyOrBearer('compliance:read'),
        querystring: Type.Object({
          state: Type.Optional(Type.Array(Type.Union([Type.Literal('IN_GRACE'), Type.Literal('NONCOMPLIANT'), Type.Literal('UNKNOWN')]), { description: 'Default IN_GRACE and NONCOMPLIANT' })),
          platform: Type.Optional(Platform),
          ownership: Type.Optional(Ownership),
          rule: Type.Optional(Type.Enum(RULE_IDS, { description: 'Only devices failing this rule' })),
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 50 }),
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        produces: ['application/json', 'text/csv'],
        response: {
          200: {
            content: {
              'application/json': { schema: Type.Object({ items: Type.Array(Type.Ref('NoncompliantDevice')), nextCursor: Nullable(Type.String()) }) },
              'text/csv': { schema: Type.String({ description: 'One row per device; the next page cursor is in the X-Next-Cursor header' }) },
            },
          },
          ...errors(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const page = await listNoncompliant(deps, request.actor, request.query);
      const accepts = request.headers.accept ?? '';
      if (accepts.includes('text/csv') && !accepts.includes('application/json')) {
        if (page.nextCursor) reply.header('x-next-cursor', page.nextCursor);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="noncompliant-devices.csv"')
          .send(toCsv(page.items, request.actor.role !== 'MANAGER'));
      }
      return reply.type('application/json').send(page);
    },
  );

  app.get(
    '/v1/reports/summary',
    {
      preHandler: app.allowScoped('compliance:read', 'MANAGER', 'IT', 'ADMIN'),
      schema: {
        tags: ['compliance'],
        summary: 'Device counts by state, platform, ownership and failing rule (managers: their team only)',
        security: keyOrBearer('compliance:read'),
        response: {
          200: Type.Object({
            scope: Type.Union([Type.Literal('fleet'), Type.Literal('team')]),
            total: Type.Integer(),
            byState: Counts(['COMPLIANT', 'IN_GRACE', 'NONCOMPLIANT', 'UNKNOWN']),
            byPlatform: Counts(['APPLE', 'ANDROID']),
            byOwnership: Counts(['CORPORATE', 'PERSONAL']),
            byFailingRule: Counts(RULE_IDS),
            groups: Type.Array(Type.Object({ state: State, platform: Platform, ownership: Ownership, count: Type.Integer() })),
          }),
          ...errors(401, 403),
        },
      },
    },
    async (request) => getComplianceSummary(deps, request.actor),
  );
};
