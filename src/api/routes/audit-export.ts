import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { exportAuditEvents } from '../../use-cases/audit/export-audit-events.js';
import { errors } from '../schemas/common.js';
import { keyOrBearer } from '../schemas/security.js';

/** GET /v1/audit/export: the audit log of a time range as NDJSON, for SIEMs. */
export const auditExportRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/audit/export',
    {
      preHandler: app.allowScoped('audit:read', 'ADMIN'),
      schema: {
        operationId: 'exportAuditEvents',
        tags: ['audit'],
        summary: 'Audit events of a time range as NDJSON, in chain order, each with its hash, previous hash and chain position',
        security: keyOrBearer('audit:read'),
        querystring: Type.Object({ from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }) }, { additionalProperties: false }),
        response: {
          200: { description: 'One JSON object per line', content: { 'application/x-ndjson': { schema: Type.String() } } },
          ...errors(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const lines = exportAuditEvents(deps, request.actor, request.query);
      // The first line is pulled before answering, so a refusal is a clean 4xx rather than a broken stream.
      const first = await lines.next();
      async function* all() {
        if (!first.done) yield first.value;
        yield* lines;
      }
      return reply.type('application/x-ndjson').send(Readable.from(all()) as unknown as string);
    },
  );
};
