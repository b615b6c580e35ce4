import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { PolicyDocumentSchema, type PolicyDocument } from '../../domain/compliance/policy.js';
import { closeObjectSchemas } from '../validation.js';
import { PRESETS } from '../../domain/compliance/presets.js';
import { getPolicy } from '../../use-cases/compliance/get-policy.js';
import { updatePolicy } from '../../use-cases/compliance/update-policy.js';
import { getDeviceAccess } from '../../use-cases/compliance/get-device-access.js';
import { findDeviceAccess } from '../../use-cases/compliance/find-device-access.js';
import { authenticateApiKey } from '../../use-cases/service-accounts/authenticate-api-key.js';
import { presentedApiKey } from '../plugins/api-keys.js';
import { keyOrBearer } from '../schemas/security.js';
import { errors, IdParams, Uuid } from '../schemas/common.js';
import { exactValidator } from '../schemas/exact-body.js';
import { complianceReportRoutes } from './compliance-reports.js';

const PresetId = Type.Enum(PRESETS.map((p) => p.id));

/** HTTP routes of the compliance area: policy, presets, device access decisions, and (in compliance-reports.ts) reports. */
export const complianceRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  // A copy closed to unknown properties, like every body schema (the domain's own schema stays as it is).
  const closedPolicyDocument = structuredClone(PolicyDocumentSchema);
  closeObjectSchemas(closedPolicyDocument);
  app.addSchema(closedPolicyDocument);
  const security = [{ bearerAuth: [] }];
  const Policy = Type.Object({
    version: Type.Integer(),
    preset: Type.Union([Type.String(), Type.Null()]),
    document: Type.Ref('CompliancePolicyDocument'),
    createdById: Type.Union([Uuid, Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  });

  app.get(
    '/v1/compliance/policy',
    {
      preHandler: app.allow('IT', 'ADMIN'),
      schema: {
        tags: ['compliance'],
        summary: 'The compliance policy in force, or an older version',
        security,
        querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: { 200: Policy, ...errors(401, 403, 404) },
      },
    },
    async (request) => getPolicy(deps, request.actor, request.query.version),
  );

  app.put(
    '/v1/compliance/policy',
    {
      preHandler: app.allow('IT', 'ADMIN'),
      schema: {
        tags: ['compliance'],
        summary: 'Save a new policy version (a whole document, or a preset by id) and re-judge every device',
        security,
        body: Type.Union([
          Type.Object({ preset: PresetId, expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
          Type.Object({ document: Type.Ref('CompliancePolicyDocument'), expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
        ]),
        response: { 200: Policy, ...errors(400, 401, 403, 409) },
      },
      // GET then PUT of the same document must change nothing: the shared validator coerces (null → 0), this one does not.
      validatorCompiler: exactValidator({ CompliancePolicyDocument: PolicyDocumentSchema }),
    },
    async (request) => {
      const body = request.body as { preset?: string; document?: PolicyDocument; expectedVersion?: number };
      const input = body.preset !== undefined ? { preset: body.preset } : { document: body.document! };
      return updatePolicy(deps, request.actor, { ...input, expectedVersion: body.expectedVersion });
    },
  );

  app.get(
    '/v1/compliance/presets',
    {
      preHandler: app.allow('IT', 'ADMIN'),
      schema: {
        tags: ['compliance'],
        summary: 'Ready-made policies and the guidance each follows',
        security,
        response: {
          200: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), guidance: Type.String(), document: Type.Ref('CompliancePolicyDocument') })),
          ...errors(401, 403),
        },
      },
    },
    async () => PRESETS,
  );

  // Identity providers and VPNs call this on every sign-in or tunnel, so besides IT/ADMIN tokens it accepts a
  // static API key (COMPLIANCE_ACCESS_API_KEYS) in X-Api-Key: such a caller has no user to sign in as.
  const allowFleetAdmin = app.allow('IT', 'ADMIN');
  const AccessDecision = Type.Object({
    deviceId: Uuid,
    access: Type.Union([Type.Literal('allow'), Type.Literal('deny')]),
    blocked: Type.Boolean(),
    state: Type.Enum(['COMPLIANT', 'IN_GRACE', 'NONCOMPLIANT', 'UNKNOWN']),
    reason: Type.String(),
  });
  const accessCaller = async (request: FastifyRequest, reply: FastifyReply) => {
    // Service account keys (scope access:read) first; the static keys stay accepted until they are retired.
    const serviceKey = presentedApiKey(request);
    if (serviceKey !== null) {
      request.actor = await authenticateApiKey(deps, serviceKey, request.ip, 'access:read');
      return;
    }
    const key = request.headers['x-api-key'];
    if (key === undefined) return allowFleetAdmin.call(app, request, reply);
    if (typeof key === 'string' && deps.compliance.accessKeys.enabled && deps.compliance.accessKeys.verify(key)) return;
    throw new AppError('UNAUTHENTICATED', 'Invalid API key');
  };

  app.get(
    '/v1/devices/:id/access',
    {
      preHandler: accessCaller,
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
    '/v1/device-access',
    {
      preHandler: accessCaller,
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

  await app.register(complianceReportRoutes, { deps });
};
