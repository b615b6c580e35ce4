import { Type, type Static } from 'typebox';
import type { Command } from '../../generated/prisma/client.js';
import type { COMMAND_STATUSES } from '../../domain/commands/status.js';

const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const CommandStatusSchema = Type.Union([
  Type.Literal('REQUESTED'),
  Type.Literal('AWAITING_APPROVAL'),
  Type.Literal('QUEUED'),
  Type.Literal('SENT'),
  Type.Literal('ACKNOWLEDGED'),
  Type.Literal('FAILED'),
  Type.Literal('CANCELLED'),
  Type.Literal('EXPIRED'),
]);
// The schema lists every status of the domain's machine (a compile error here when one is added there only).
const _everyStatus: (typeof COMMAND_STATUSES)[number] extends Static<typeof CommandStatusSchema> ? true : never = true;

/** One command as the API shows it, the same for Apple and Android, in responses, lists and webhooks. */
export const CommandSchema = Type.Object(
  {
    id: Uuid,
    deviceId: Uuid,
    action: Type.Union([Type.String(), Type.Null()], { description: 'LOCK, WIPE_SELECTIVE or WIPE_FULL when requested through the lock/wipe API' }),
    requestType: Type.String({ description: 'The platform command: DeviceLock, EraseDevice, InstallProfile, ... (Apple); LOCK, WIPE, RESET_PASSWORD, ... (Android)' }),
    status: CommandStatusSchema,
    priority: Type.Integer(),
    payload: Type.Unknown(),
    result: Type.Unknown(),
    error: Type.Unknown(),
    reason: Type.Union([Type.String(), Type.Null()]),
    requestedById: Type.Union([Uuid, Type.Null()]),
    approvedById: Type.Union([Uuid, Type.Null()], { description: 'The second IT/ADMIN who approved a full wipe' }),
    attempts: Type.Integer({ description: 'Delivery attempts and fetches by the device' }),
    pushes: Type.Integer({ description: 'Wake-ups the platform accepted (APNs push, AMAPI command); more than one: re-pushed because the device did not fetch or answer' }),
    requestedAt: DateTime,
    approvedAt: Nullable(DateTime),
    queuedAt: Nullable(DateTime),
    dispatchedAt: Type.Union([DateTime, Type.Null()], { description: 'Last wake-up accepted by the platform: APNs push (Apple) or command issued (Android)' }),
    nextPushAt: Type.Union([DateTime, Type.Null()], { description: 'When the device is woken again unless it fetches or answers first' }),
    sentAt: Type.Union([DateTime, Type.Null()], { description: 'When the device fetched it (Apple) or Google accepted it (Android)' }),
    acknowledgedAt: Nullable(DateTime),
    failedAt: Nullable(DateTime),
    cancelledAt: Nullable(DateTime),
    expiresAt: Type.Union([DateTime, Type.Null()], { description: 'Deadline: EXPIRED when not delivered and answered by then' }),
    expiredAt: Nullable(DateTime),
  },
  { $id: 'Command' },
);

export type CommandView = Static<typeof CommandSchema>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// Install payloads can be large binary profiles; the API shows that one is there, not its bytes.
function redactPayload(payload: unknown): unknown {
  if (payload && typeof payload === 'object' && !Array.isArray(payload) && 'Payload' in payload) {
    return { ...(payload as Record<string, unknown>), Payload: '(profile data)' };
  }
  return payload;
}

export function toCommandView(command: Command): CommandView {
  return {
    id: command.id,
    deviceId: command.deviceId,
    action: command.action,
    requestType: command.requestType,
    status: command.status,
    priority: command.priority,
    payload: redactPayload(command.payload),
    result: command.result ?? null,
    error: command.error ?? null,
    reason: command.reason,
    requestedById: command.requestedById,
    approvedById: command.approvedById,
    attempts: command.attempts,
    pushes: command.pushes,
    requestedAt: command.requestedAt.toISOString(),
    approvedAt: iso(command.approvedAt),
    queuedAt: iso(command.queuedAt),
    dispatchedAt: iso(command.dispatchedAt),
    nextPushAt: iso(command.nextPushAt),
    sentAt: iso(command.sentAt),
    acknowledgedAt: iso(command.acknowledgedAt),
    failedAt: iso(command.failedAt),
    cancelledAt: iso(command.cancelledAt),
    expiresAt: iso(command.expiresAt),
    expiredAt: iso(command.expiredAt),
  };
}
