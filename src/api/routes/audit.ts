import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { archiveAuditSegment } from '../../use-cases/audit/archive-audit-segment.js';
import { auditAnomalies } from '../../use-cases/audit/audit-anomalies.js';
import { exportAuditArchiveSegment } from '../../use-cases/audit/export-audit-archive-segment.js';
import { exportAuditEvents } from '../../use-cases/audit/export-audit-events.js';
import { listAuditCheckpoints } from '../../use-cases/audit/list-audit-checkpoints.js';
import { listAuditEvents } from '../../use-cases/audit/list-audit-events.js';
import { verifyAuditLog } from '../../use-cases/audit/verify-audit-log.js';
import { errors, Nullable, NumericPage } from '../schemas/common.js';
import { bearerOnly, keyOrBearer } from '../schemas/security.js';


const AuditEvent = Type.Object({
  id: Type.String({ description: 'Insertion order; also the pagination cursor' }),
  seq: Nullable(Type.String({ description: 'Position in the sealed hash chain; null until the sealer links the event (normally within a second)' })),
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

/** Pulls the first line before answering, so a refusal is a clean 4xx rather than a broken stream. */
async function ndjson(reply: FastifyReply, lines: AsyncGenerator<string>) {
  const first = await lines.next();
  async function* all() {
    if (!first.done) yield first.value;
    yield* lines;
  }
  return reply.type('application/x-ndjson').send(Readable.from(all()) as unknown as string);
}

export const auditRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/audit',
    {
      preHandler: app.allow('ADMIN'),
      schema: {
        operationId: 'listAuditEvents',
        tags: ['audit'],
        summary: 'Search the audit log (newest first)',
        security: bearerOnly,
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
        operationId: 'verifyAuditChain',
        tags: ['audit'],
        summary: 'Recompute the sealed hash chain, report the first broken link and the events awaiting sealing',
        security: bearerOnly,
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            checked: Type.Integer({ description: 'Events verified before the first break (all of them when ok)' }),
            firstBroken: Type.Union([
              Type.Object({
                id: Type.String({ description: 'Event id, checkpoint-<id> for a checkpoint the chain no longer matches, or archive-<id> for an archive boundary' }),
                reason: Type.Union([
                  Type.Literal('prev_hash_mismatch'),
                  Type.Literal('hash_mismatch'),
                  Type.Literal('unchained'),
                  Type.Literal('position_gap'),
                  Type.Literal('checkpoint_mismatch'),
                  Type.Literal('truncated'),
                ]),
                at: Type.String({ format: 'date-time' }),
              }),
              Type.Null(),
            ]),
            headHash: Type.String({ description: 'Hash of the last verified event; record it elsewhere to detect a truncated tail later' }),
            pending: Type.Integer({ description: 'Events recorded but not yet sealed into the chain' }),
            oldestPendingAgeSeconds: Type.Union([Type.Number(), Type.Null()], { description: 'How long the oldest unsealed event has waited' }),
            checkpointsChecked: Type.Integer({ description: 'Signed checkpoints found to match the chain (archive boundaries included)' }),
            archivedThrough: Nullable(Type.String({ description: 'Last archived position: the chain is verified from the kept boundary hash after it' })),
          }),
          ...errors(401, 403),
        },
      },
    },
    async (request) => verifyAuditLog(deps, request.actor),
  );

  app.get(
    '/v1/audit/checkpoints',
    {
      preHandler: app.allow('ADMIN'),
      schema: {
        operationId: 'listAuditCheckpoints',
        tags: ['audit'],
        summary: 'Export the signed checkpoints of the audit chain (newest first) and the public key that verifies them',
        description:
          'Each signature is Ed25519 over `message` (the exact bytes). Keep copies outside this system: the chain must later still have `headHash` at position `count`.',
        security: bearerOnly,
        querystring: NumericPage,
        response: {
          200: Type.Object({
            publicKey: Type.Union([Type.Object({ keyId: Type.String(), pem: Type.String() }), Type.Null()], { description: 'Null when no signing key is configured' }),
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                count: Type.String({ description: 'Sealed events in the chain at that time; the head is at this position' }),
                headHash: Type.String(),
                at: Type.String({ format: 'date-time' }),
                keyId: Type.String(),
                algorithm: Type.Literal('Ed25519'),
                signature: Type.String({ description: 'base64' }),
                message: Type.String({ description: 'The signed text' }),
              }),
            ),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => listAuditCheckpoints(deps, request.actor, request.query),
  );

  app.get(
    '/v1/audit/anomalies',
    {
      preHandler: app.allow('ADMIN'),
      schema: {
        operationId: 'listAuditAnomalies',
        tags: ['audit'],
        summary: 'Flags for review: many wipes by one actor, many failed logins, activity outside office hours',
        security: bearerOnly,
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
    async (request, reply) => ndjson(reply, exportAuditEvents(deps, request.actor, request.query)),
  );

  app.get(
    '/v1/audit/archive',
    {
      preHandler: app.allow('ADMIN'),
      schema: {
        operationId: 'exportAuditArchiveSegment',
        tags: ['audit'],
        summary: 'Archiving, step 1: export the oldest sealed audit segment with its boundary hashes (nothing is removed)',
        description:
          'NDJSON. The first line is `{"segment": {firstPosition, lastPosition, events, prevHash, lastHash, checkpoint}}`: the segment runs from the ' +
          'first position still held to the oldest signed checkpoint after it, `prevHash` is what its first event links to and `lastHash` equals the ' +
          "checkpoint's signed `headHash`. Every further line is an event as in GET /v1/audit/export. The text is deterministic; keep it unchanged " +
          'and confirm with POST /v1/audit/archive. 409 when no segment ends at a checkpoint or the segment is younger than AUDIT_ARCHIVE_MIN_AGE_DAYS.',
        security: bearerOnly,
        response: {
          200: { description: 'Segment header line, then one event per line', content: { 'application/x-ndjson': { schema: Type.String() } } },
          ...errors(401, 403, 409),
        },
      },
    },
    async (request, reply) => ndjson(reply, exportAuditArchiveSegment(deps, request.actor)),
  );

  app.post(
    '/v1/audit/archive',
    {
      preHandler: [app.allow('ADMIN'), app.requireRecentMfa],
      schema: {
        operationId: 'archiveAuditSegment',
        tags: ['audit'],
        summary: 'Archiving, step 2: remove the exported oldest segment, keeping its boundary so the rest of the chain still verifies',
        description:
          'Needs a recent MFA. Names the segment by its last position and hash and proves the export is held by its SHA-256. Removes exactly that ' +
          'segment through the database procedure audit_archive_segment (the only way the trigger lets sealed events go), keeps an archive boundary ' +
          'row and records audit.archived. 409 when the segment is not (or no longer) the oldest, or the SHA-256 does not match.',
        security: bearerOnly,
        body: Type.Object(
          {
            lastPosition: Type.String({ pattern: '^[1-9][0-9]{0,18}$' }),
            lastHash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
            exportSha256: Type.String({ pattern: '^[0-9a-fA-F]{64}$' }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            archiveId: Type.String(),
            firstPosition: Type.String(),
            lastPosition: Type.String(),
            prevHash: Type.String({ description: 'What the first archived event linked to' }),
            lastHash: Type.String({ description: 'Hash of the last archived event: the remaining chain links to it' }),
            checkpointId: Type.String(),
            removed: Type.Integer(),
          }),
          ...errors(400, 401, 403, 409),
        },
      },
    },
    async (request) => archiveAuditSegment(deps, request.actor, request.body),
  );
};
