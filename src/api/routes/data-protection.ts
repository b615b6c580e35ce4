import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { DATA_LEAK_CONTROL_IDS } from '../../domain/compliance/data-leak.js';
import { getDataProtectionNotice } from '../../use-cases/compliance/get-data-protection-notice.js';
import { getDeviceDataProtection } from '../../use-cases/compliance/get-device-data-protection.js';
import { errors, IdParams, Uuid } from '../schemas/common.js';

const security = [{ bearerAuth: [] }];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** Data-leak controls explained to staff: per device, and as a section of the privacy notice. */
export const dataProtectionRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/devices/:id/data-protection',
    {
      preHandler: app.allow('ANY'),
      schema: {
        tags: ['compliance'],
        summary: 'What keeps work data in work apps on this device, why, and what the organisation does not control (its user, their manager, IT, ADMIN)',
        security,
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

  app.get(
    '/v1/privacy-notices/data-protection',
    {
      preHandler: app.allow('ANY'),
      schema: {
        tags: ['consent'],
        summary: 'The privacy-notice section on data-leak controls, written from the policy in force (include it in the published notice)',
        security,
        querystring: Type.Object({ ownership: Type.Enum(['CORPORATE', 'PERSONAL'], { default: 'PERSONAL' }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ ownership: Type.Enum(['CORPORATE', 'PERSONAL']), policyVersion: Type.Integer(), text: Type.String() }), ...errors(400, 401) },
      },
    },
    async (request) => getDataProtectionNotice(deps, request.query.ownership),
  );
};
