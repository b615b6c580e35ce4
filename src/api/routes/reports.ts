import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { RULE_IDS } from '../../domain/compliance/rules.js';
import { getComplianceSummary } from '../../use-cases/compliance/get-compliance-summary.js';
import { listNoncompliant, type NoncompliantItem } from '../../use-cases/compliance/list-noncompliant.js';
import { csvField } from '../csv.js';
import { errors, Nullable } from '../schemas/common.js';
import { Counts, NoncompliantItemSchema, Ownership, Platform, State } from '../schemas/compliance.js';
import { keyOrBearer } from '../schemas/security.js';

const CSV_COLUMNS = ['deviceId', 'userName', 'userEmail', 'platform', 'ownership', 'state', 'graceDeadline', 'failingRules', 'unknownRules', 'blocked', 'serialNumber', 'osVersion'] as const;

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


/** Fleet and team compliance reports: the non-compliant list (JSON or CSV) and the summary counts. */
export const reportRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.addSchema(NoncompliantItemSchema);

  app.get(
    '/v1/reports/noncompliant',
    {
      preHandler: app.allowScoped('compliance:read', 'MANAGER', 'IT', 'ADMIN'),
      schema: {
        operationId: 'listNoncompliantDevices',
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
        operationId: 'getComplianceSummary',
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
