// @ts-nocheck
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../../container.js';
import { auditAnomalies } from '../../../use-cases/operations/audit/audit-anomalies.js';
import { listAuditEvents } from '../../../use-cases/operations/audit/list-audit-events.js';
import { verifyAuditLog } from '../../../use-cases/operations/audit/verify-audit-log.js';
import { errors, NumericPage } from '../../schemas/common.js';

const security = [{ bearerAuth: [] }];
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const AuditEvent = Type.Object({
  id: Type.String({ description: 'Insertion order; also the pagination cursor' }),
  at: Type.String({ format: 'date-time' }),
  actorType: Type.String(),
  actorId: Nullable(Type.String()),
  action: Type.String(),
  targetType: Nullable(Type.String()),
  targetId: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  details: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  prevHash: Nullable(Type.String()),
  hash: Nullable(Type.String()),
});

export const auditRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/audit',
    {
      preHandler: app.allow('ADMIN'),
      schema: {
        tags: ['audit'],
        summary: 'Search the audit log (newest first)',
        security,
        querystring: Type.Intersect([
          NumericPage,
          Type.Object({
            actorId: Type.Optional(Type.String({ maxLength: 100 })),
            targetType: Type.Optional(Type.String({ maxLength: 100 })),
            targetId: Type.Optional(Type.String({ maxLength: 100 })),
            action: Type.Optional(Type.String({ maxLength: 100, description: 'Exact action, or a prefix such as command.*' })),
            from: Type.Optional(Type.String({ format: 'date-time' })),
            to: Type.Optional(Type.String({ format: 'date-time' })),
          }),
        ]),
        response: { 200: Type.Object({ items: Type.Array(AuditEvent), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...errors(400, 401, 403) },
      },
    },
    async (request) => listAuditEvents(deps, request.actor, request.query),
  );

  app.get(
    '/v1/audit/verify',
    {
      preHandler: app.allow('ADMIN'),
      schema: {
        tags: ['audit'],
        summary: 'Recompute the hash chain and report the first broken link',
        security,
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            checked: Type.Integer({ description: 'Events verified before the first break (all of them when ok)' }),
            firstBroken: Type.Union([
              Type.Object({
                id: Type.String(),
                reason: Type.Union([Type.Literal('prev_hash_mismatch'), Type.Literal('hash_mismatch'), Type.Literal('unchained')]),
                at: Type.String({ format: 'date-time' }),
              }),
              Type.Null(),
            ]),
            headHash: Type.String({ description: 'Hash of the last verified event; record it elsewhere to detect a truncated tail later' }),
          }),
          ...errors(401, 403),
        },
      },
    },
    async (request) => verifyAuditLog(deps, request.actor),
  );

  app.get(
    '/v1/audit/anomalies',
    {
      preHandler: app.allow('ADMIN'),
      schema: {
        tags: ['audit'],
        summary: 'Flags for review: many wipes by one actor, many failed logins, activity outside office hours',
        security,
        querystring: Type.Object({ windowMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 43_200 })) }),
        response: {
          200: Type.Object({
            from: Type.String({ format: 'date-time' }),
            to: Type.String({ format: 'date-time' }),
            officeHoursUtc: Type.String(),
            flags: Type.Array(
              Type.Object({
                kind: Type.Union([Type.Literal('many_wipes'), Type.Literal('many_failed_logins'), Type.Literal('password_spraying'), Type.Literal('device_takeover_attempt'), Type.Literal('outside_office_hours')]),
                subject: Type.String(),
                count: Type.Integer(),
                threshold: Type.Integer(),
                firstAt: Type.String({ format: 'date-time' }),
                lastAt: Type.String({ format: 'date-time' }),
              }),
            ),
          }),
          ...errors(401, 403),
        },
      },
    },
    async (request) => auditAnomalies(deps, request.actor, request.query),
  );
};
