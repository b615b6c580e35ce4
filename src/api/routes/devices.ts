import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { auditActorOf } from '../../domain/access.js';
import { DATA_LEAK_CONTROL_IDS } from '../../domain/compliance/data-leak.js';
import { AppError } from '../../errors.js';
import { APPLE_REQUEST_TYPES } from '../../mdm/apple/commands.js';
import { MANAGED_PROFILE_KINDS } from '../../mdm/apple/managed-profiles.js';
import { requestAppleDeviceCommand } from '../../use-cases/apple/request-device-command.js';
import { CommandStatusSchema } from '../../use-cases/commands/command-view.js';
import { listDeviceCommands } from '../../use-cases/commands/list-device-commands.js';
import { requestDeviceAction, type DeviceActionResult } from '../../use-cases/commands/request-device-action.js';
import { getDeviceAccess } from '../../use-cases/compliance/get-device-access.js';
import { getDeviceDataProtection } from '../../use-cases/compliance/get-device-data-protection.js';
import { listDeviceComplianceHistory } from '../../use-cases/compliance/list-device-compliance-history.js';
import { retireDevice } from '../../use-cases/devices/retire-device.js';
import type { DeviceListItem } from '../../use-cases/inventory/device-list-item.js';
import { getDevice } from '../../use-cases/inventory/get-device.js';
import { allDevices, listDevices } from '../../use-cases/inventory/list-devices.js';
import { updateDevice } from '../../use-cases/inventory/update-device.js';
import { csvField } from '../csv.js';
import { accessCaller } from '../plugins/access-caller.js';
import { DateTime, errors, IdParams, Nullable, Page, Uuid } from '../schemas/common.js';
import { AccessDecision, State } from '../schemas/compliance.js';
import { ActionAccepted, IdempotencyHeaders, Reason } from '../schemas/device-actions.js';
import { DeviceDocumentSchema, DeviceListItemSchema, DeviceListQuery, DevicePatchBody, RetirementResult } from '../schemas/devices.js';
import { bearerOnly, keyOrBearer } from '../schemas/security.js';

const CSV_COLUMNS = ['id', 'platform', 'ownership', 'status', 'enrollmentType', 'displayName', 'model', 'serialNumber', 'osVersion', 'assetTag', 'enrolledAt', 'lastSeenAt', 'userName', 'userEmail', 'state', 'failingRules', 'blocked', 'graceDeadline'] as const;

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

const accepted = (result: DeviceActionResult) => (result.replayed ? 200 : 202);

/** Everything under /v1/devices: the inventory (list, CSV, one device, IT labels) and each device's commands, compliance history, access decision, data protection, lock, wipe and retirement. */
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

  app.get(
    '/v1/devices/:id/commands',
    {
      preHandler: app.allow('ANY'),
      schema: {
        operationId: 'listDeviceCommands',
        tags: ['commands'],
        summary: "A device's command queue and history, newest first (owner, their manager, IT, ADMIN)",
        security: bearerOnly,
        params: IdParams,
        querystring: Type.Intersect([Page, Type.Object({ status: Type.Optional(CommandStatusSchema) })]),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Command')), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...errors(400, 401, 404) },
      },
    },
    async (request) =>
      listDeviceCommands(deps, request.actor, request.params.id, {
        limit: request.query.limit,
        cursor: request.query.cursor,
        status: request.query.status as never,
      }),
  );

  app.post(
    '/v1/devices/:id/commands',
    {
      preHandler: app.allow('IT', 'ADMIN'),
      schema: {
        operationId: 'queueAppleCommand',
        tags: ['commands'],
        summary: 'Queue an MDM command on an Apple device (EraseDevice needs a recent MFA; refused on personal devices and User Enrolment)',
        security: bearerOnly,
        params: IdParams,
        body: Type.Object(
          {
            requestType: Type.Union(APPLE_REQUEST_TYPES.map((t) => Type.Literal(t))),
            queries: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z0-9]+$', maxLength: 64 }), { minItems: 1, maxItems: 64 })),
            identifier: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
            profile: Type.Optional(Type.Union(MANAGED_PROFILE_KINDS.map((k) => Type.Literal(k)), { description: 'InstallProfile: which profile derived from the compliance policy to send again' })),
            message: Type.Optional(Type.String({ maxLength: 200 })),
            phoneNumber: Type.Optional(Type.String({ maxLength: 40 })),
            pin: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
            reason: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref('Command'), ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      if (request.body.requestType === 'EraseDevice') await app.requireRecentMfa.call(app, request, reply);
      if (request.body.requestType === 'InstallProfile' && !request.body.profile) {
        throw new AppError('VALIDATION_FAILED', `InstallProfile needs profile: one of ${MANAGED_PROFILE_KINDS.map((k) => `"${k}"`).join(', ')}`);
      }
      return reply.status(201).send(await requestAppleDeviceCommand(deps, request.actor, request.params.id, request.body));
    },
  );

  app.get(
    '/v1/devices/:id/compliance/history',
    {
      preHandler: app.allow('ANY'),
      schema: {
        operationId: 'listDeviceComplianceHistory',
        tags: ['compliance'],
        summary: "A device's compliance state changes with their reasons, newest first (its user, their manager, IT, ADMIN)",
        security: bearerOnly,
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
    '/v1/devices/:id/access',
    {
      preHandler: accessCaller(app, deps),
      schema: {
        tags: ['compliance'],
        operationId: 'getDeviceAccess',
        summary: 'Whether an identity provider or VPN should let this device in (an access:read key, or an IT/ADMIN token)',
        security: [...keyOrBearer('access:read'), { accessApiKey: [] }],
        params: IdParams,
        response: { 200: AccessDecision, ...errors(401, 403, 404) },
      },
    },
    async (request) => getDeviceAccess(deps, request.params.id),
  );

  app.get(
    '/v1/devices/:id/data-protection',
    {
      preHandler: app.allow('ANY'),
      schema: {
        operationId: 'getDeviceDataProtection',
        tags: ['compliance'],
        summary: 'What keeps work data in work apps on this device, why, and what the organisation does not control (its user, their manager, IT, ADMIN)',
        security: bearerOnly,
        params: IdParams,
        response: {
          200: Type.Object({
            deviceId: Uuid,
            platform: Type.Enum(['APPLE', 'ANDROID']),
            ownership: Type.Enum(['CORPORATE', 'PERSONAL']),
            status: Nullable(Type.Enum(['pass', 'fail', 'unknown'], { description: 'The data_leak rule at the last evaluation' })),
            remediation: Nullable(Type.String()),
            controls: Type.Array(Type.Object({
              control: Type.Enum(DATA_LEAK_CONTROL_IDS),
              title: Type.String(),
              what: Type.String(),
              why: Type.String(),
              enforced: Type.Boolean({ description: 'False when this device cannot carry the control; reason says why' }),
              reason: Nullable(Type.String()),
            })),
            notControlled: Type.Array(Type.String(), { description: 'Personal devices: what the organisation does not see or control' }),
          }),
          ...errors(401, 404),
        },
      },
    },
    async (request) => getDeviceDataProtection(deps, request.actor, request.params.id),
  );

  app.post(
    '/v1/devices/:id/lock',
    {
      preHandler: app.allow('IT', 'ADMIN'),
      schema: {
        operationId: 'lockDevice',
        tags: ['commands'],
        summary: 'Lock a device (optionally with a lock-screen message and phone number)',
        security: bearerOnly,
        params: IdParams,
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            reason: Reason,
            message: Type.Optional(Type.String({ maxLength: 200 })),
            phoneNumber: Type.Optional(Type.String({ maxLength: 40 })),
            pin: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: 'macOS only' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: ActionAccepted, 202: ActionAccepted, ...errors(400, 401, 403, 404, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const result = await requestDeviceAction(deps, request.actor, {
        ...request.body,
        deviceId: request.params.id,
        action: 'LOCK',
        idempotencyKey: request.headers['idempotency-key'],
      });
      return reply.status(accepted(result)).send(result);
    },
  );

  app.post(
    '/v1/devices/:id/wipe',
    {
      preHandler: [
        app.allow('IT', 'ADMIN'),
        async (request, reply) => {
          // A full wipe cannot be undone: it needs an MFA proven within the last few minutes.
          if ((request.body as { kind?: string } | undefined)?.kind === 'full') await app.requireRecentMfa.call(app, request, reply);
        },
      ],
      schema: {
        operationId: 'wipeDevice',
        tags: ['commands'],
        summary: 'Wipe a device: selective (organisation data and enrolment only) or full (factory reset; corporate devices only)',
        description:
          'selective: Apple removes the enrolment profile and everything installed through it (RemoveProfile); Android removes the work profile (WIPE). ' +
          'full: erases the whole device; needs a recent MFA, a second approval when FULL_WIPE_REQUIRES_APPROVAL is on, and is refused for personally-owned devices.',
        security: bearerOnly,
        params: IdParams,
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('selective'), Type.Literal('full')]),
            reason: Reason,
            pin: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: 'macOS Find My PIN for a full wipe' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: ActionAccepted, 202: ActionAccepted, ...errors(400, 401, 403, 404, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const { kind, ...rest } = request.body;
      const result = await requestDeviceAction(deps, request.actor, {
        ...rest,
        deviceId: request.params.id,
        action: kind === 'full' ? 'WIPE_FULL' : 'WIPE_SELECTIVE',
        idempotencyKey: request.headers['idempotency-key'],
      });
      return reply.status(accepted(result)).send(result);
    },
  );

  app.post(
    '/v1/devices/:id/retire',
    {
      preHandler: app.allow('IT', 'ADMIN'),
      schema: {
        operationId: 'retireDevice',
        tags: ['devices'],
        summary: 'Cancel a pending enrolment or retire a device: management removed from the device, identity revoked, waiting commands cancelled, record kept',
        description:
          'Apple: RemoveProfile of the enrolment profile is queued (on User Enrolment it removes only the managed data); the device is RETIRING until it ' +
          'acknowledges or checks out, or the command fails or expires, then UNENROLLED with its identity revoked. Android: the device is deleted at Google ' +
          '(enterprises.devices.delete): a personal phone loses its work profile only, a company-owned one is factory reset; a personal phone Google does not ' +
          'report as a work profile is refused (422). `retirement` records what was asked and what happened.',
        security: bearerOnly,
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 500, pattern: '^[^\\u0000]*$' }) }, { additionalProperties: false }),
        response: { 200: RetirementResult, ...errors(400, 401, 403, 404, 409, 422, 503) },
      },
    },
    async (request) => retireDevice(deps, request.actor, request.params.id, request.body.reason),
  );
};
