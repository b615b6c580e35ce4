import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { PolicyDocumentSchema, type PolicyDocument } from '../../domain/compliance/policy.js';
import { PRESETS } from '../../domain/compliance/presets.js';
import { getPolicy } from '../../use-cases/compliance/get-policy.js';
import { updatePolicy } from '../../use-cases/compliance/update-policy.js';
import { errors } from '../schemas/common.js';
import { closedPolicyDocumentSchema, Policy, PresetId } from '../schemas/compliance.js';
import { exactValidator } from '../schemas/exact-body.js';
import { bearerOnly } from '../schemas/security.js';

/** The compliance policy (versions, presets). */
export const complianceRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.addSchema(closedPolicyDocumentSchema());

  app.get(
    '/v1/compliance/policy',
    {
      preHandler: app.allow('IT', 'ADMIN'),
      schema: {
        operationId: 'getCompliancePolicy',
        tags: ['compliance'],
        summary: 'The compliance policy in force, or an older version',
        security: bearerOnly,
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
        operationId: 'updateCompliancePolicy',
        tags: ['compliance'],
        summary: 'Save a new policy version (a whole document, or a preset by id) and re-judge every device',
        security: bearerOnly,
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
        operationId: 'listCompliancePresets',
        tags: ['compliance'],
        summary: 'Ready-made policies and the guidance each follows',
        security: bearerOnly,
        response: {
          200: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), guidance: Type.String(), document: Type.Ref('CompliancePolicyDocument') })),
          ...errors(401, 403),
        },
      },
    },
    async () => PRESETS,
  );
};
