import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { findDeviceAccess } from '../../use-cases/compliance/find-device-access.js';
import { accessCaller } from '../plugins/access-caller.js';
import { errors } from '../schemas/common.js';
import { AccessDecision } from '../schemas/compliance.js';
import { keyOrBearer } from '../schemas/security.js';

/** Access decisions for devices named by an identifier an identity provider knows (serial number, UDID, Android device name). */
export const deviceAccessRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/device-access',
    {
      preHandler: accessCaller(app, deps),
      schema: {
        operationId: 'findDeviceAccess',
        tags: ['compliance'],
        summary: 'The same decision, for a device named by serial number, UDID or Android device name (exactly one)',
        security: [...keyOrBearer('access:read'), { accessApiKey: [] }],
        querystring: Type.Object(
          {
            serialNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\u0000-\\u001f]+$' })),
            udid: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\u0000-\\u001f]+$' })),
            androidDeviceName: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^enterprises/[^/]+/devices/[^/]+$' })),
          },
          { additionalProperties: false, minProperties: 1, maxProperties: 1 },
        ),
        response: { 200: AccessDecision, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => findDeviceAccess(deps, request.query),
  );
};
