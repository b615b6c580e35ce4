import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { auditActorOf } from '../../domain/access.js';
import { allDevices, listDevices } from '../../use-cases/inventory/list-devices.js';
import { getDevice } from '../../use-cases/inventory/get-device.js';
import { updateDevice } from '../../use-cases/inventory/update-device.js';
import type { DeviceListItem } from '../../use-cases/inventory/device-list-item.js';
import { errors, IdParams } from '../schemas/common.js';
import { DeviceDocumentSchema, DeviceListItemSchema, DeviceListQuery, DevicePatchBody } from '../schemas/devices.js';
import { bearerOnly, keyOrBearer } from '../schemas/security.js';

const CSV_COLUMNS = ['id', 'platform', 'ownership', 'status', 'enrollmentType', 'displayName', 'model', 'serialNumber', 'osVersion', 'assetTag', 'enrolledAt', 'lastSeenAt', 'userName', 'userEmail', 'state', 'failingRules', 'blocked', 'graceDeadline'] as const;

/** Quotes a CSV field; a leading = + - @ is defused so a spreadsheet never runs a name as a formula. */
function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r']/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csvRow(item: Partial<DeviceListItem>, columns: readonly string[]): string {
  const flat: Record<string, unknown> = {
    ...item,
    userName: item.user?.name,
    userEmail: item.user?.email,
    state: item.compliance?.state,
    failingRules: item.compliance?.failingRules.join(' '),
    blocked: item.compliance?.blocked,
    graceDeadline: item.compliance?.graceDeadline,
  };
  return columns.map((c) => csvField(flat[c])).join(',') + '\r\n';
}

/** The device inventory: list (JSON pages or a CSV stream), one device's document, and IT's labels. */
export const deviceRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.addSchema(DeviceListItemSchema);
  app.addSchema(DeviceDocumentSchema);

  app.get(
    '/v1/devices',
    {
      preHandler: app.allowScoped('devices:read', 'ANY'),
      schema: {
        operationId: 'listDevices',
        tags: ['devices'],
        summary: 'The device inventory: filter, search and sort; one page at a time, or every page as CSV (Accept: text/csv)',
        description:
          'IT, ADMIN and devices:read keys see the whole fleet; managers their reports\' devices (state and failing rules only, searchable by the user\'s name or email, never by serial number); anyone else their own devices.',
        security: keyOrBearer('devices:read'),
        querystring: DeviceListQuery,
        produces: ['application/json', 'text/csv'],
        response: {
          200: {
            description: 'A page of devices, or with Accept: text/csv every matching device from the cursor on',
            content: {
              'application/json': { schema: Type.Object({ items: Type.Array(Type.Ref('DeviceListItem')), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
              'text/csv': { schema: Type.String() },
            },
          },
          ...errors(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const accepts = request.headers.accept ?? '';
      if (!(accepts.includes('text/csv') && !accepts.includes('application/json'))) {
        return reply.type('application/json').send(await listDevices(deps, request.actor, request.query));
      }
      const { limit: _limit, ...query } = request.query;
      // The first page is read before answering, so a bad cursor is still a 400 rather than a broken stream.
      const pages = allDevices(deps, request.actor, query);
      const first = await pages.next();
      const columns = CSV_COLUMNS.filter((c) => first.done || !first.value[0] || c in first.value[0] || ['userName', 'userEmail', 'state', 'failingRules', 'blocked', 'graceDeadline'].includes(c));
      await deps.audit.record({ ...auditActorOf(request.actor), action: 'device.inventory_exported', targetType: 'fleet', details: { filter: { ...query, cursor: undefined } } });
      async function* lines() {
        yield columns.join(',') + '\r\n';
        if (!first.done) for (const item of first.value) yield csvRow(item, columns);
        for await (const page of pages) for (const item of page) yield csvRow(item, columns);
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="devices.csv"')
        // The type provider types the JSON variant; a stream is a payload Fastify sends as it is read.
        .send(Readable.from(lines()) as unknown as string);
    },
  );

  app.get(
    '/v1/devices/:id',
    {
      preHandler: app.allowScoped('devices:read', 'ANY'),
      schema: {
        operationId: 'getDevice',
        tags: ['devices'],
        summary: 'One device: enrolment, posture with report times, compliance, escalation, recent commands, open incidents',
        description: 'Its user, their manager (state and failing rule names only), IT, ADMIN and devices:read keys; 404 for anyone else.',
        security: keyOrBearer('devices:read'),
        params: IdParams,
        response: { 200: Type.Ref('DeviceDocument'), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => getDevice(deps, request.actor, request.params.id),
  );

  app.patch(
    '/v1/devices/:id',
    {
      preHandler: app.allow('IT', 'ADMIN'),
      schema: {
        operationId: 'updateDevice',
        tags: ['devices'],
        summary: "Set a device's asset tag, display name or notes (IT, ADMIN); audited with the values before and after",
        security: bearerOnly,
        params: IdParams,
        body: DevicePatchBody,
        response: { 200: Type.Ref('DeviceDocument'), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => updateDevice(deps, request.actor, request.params.id, request.body),
  );
};
