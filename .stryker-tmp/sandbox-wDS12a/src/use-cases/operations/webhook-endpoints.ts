// @ts-nocheck
import { randomBytes } from 'node:crypto';
import type { Deps } from '../../container.js';
import type { Actor } from '../../domain/access.js';
import { AppError, notFound } from '../../errors.js';
import type { WebhookDelivery, WebhookEndpoint } from '../../generated/prisma/client.js';

type EndpointDeps = Pick<Deps, 'db' | 'audit' | 'config' | 'operations'>;

export interface EndpointInput {
  url?: string;
  description?: string | null;
  eventTypes?: string[];
  active?: boolean;
}

export function toEndpointView(endpoint: WebhookEndpoint) {
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    eventTypes: endpoint.eventTypes,
    active: endpoint.active,
    createdAt: endpoint.createdAt.toISOString(),
    updatedAt: endpoint.updatedAt.toISOString(),
  };
}

export function toDeliveryView(delivery: WebhookDelivery) {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt.toISOString(),
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
  };
}

function assertAdmin(actor: Actor) {
  if (actor.role !== 'ADMIN') throw new AppError('FORBIDDEN', 'Only an ADMIN can manage webhooks');
}

/** Events leave the organisation: only HTTPS, unless a development setting says otherwise. */
function checkUrl(deps: Pick<Deps, 'config'>, url: string) {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The webhook URL is not a valid URL');
  }
  const allowed = parsed.protocol === 'https:' || (parsed.protocol === 'http:' && deps.config.WEBHOOK_ALLOW_HTTP);
  if (!allowed) throw new AppError('VALIDATION_FAILED', 'Webhook URLs must use https://');
  if (parsed.username || parsed.password) throw new AppError('VALIDATION_FAILED', 'Put no credentials in the webhook URL; requests are signed');
}

/** Creates an endpoint and returns its signing secret, the only time it is shown. */
export async function createWebhookEndpoint(deps: EndpointDeps, actor: Actor, input: EndpointInput & { url: string }) {
  assertAdmin(actor);
  checkUrl(deps, input.url);
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const endpoint = await deps.db.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: {
        url: input.url,
        description: input.description ?? null,
        eventTypes: input.eventTypes ?? [],
        active: input.active ?? true,
        secretSealed: deps.operations.secrets.seal(secret),
        createdById: actor.userId,
      },
    });
    await deps.audit.record({ actorType: 'user', actorId: actor.userId, action: 'webhook.created', targetType: 'webhook', targetId: created.id, ip: actor.ip ?? null, details: { url: created.url, eventTypes: created.eventTypes } }, tx);
    return created;
  });
  return { endpoint: toEndpointView(endpoint), secret };
}

export async function listWebhookEndpoints(deps: EndpointDeps, actor: Actor) {
  assertAdmin(actor);
  const endpoints = await deps.db.webhookEndpoint.findMany({ orderBy: { createdAt: 'asc' } });
  return { items: endpoints.map(toEndpointView) };
}

export async function updateWebhookEndpoint(deps: EndpointDeps, actor: Actor, id: string, input: EndpointInput) {
  assertAdmin(actor);
  if (input.url !== undefined) checkUrl(deps, input.url);
  return deps.db.$transaction(async (tx) => {
    const existing = await tx.webhookEndpoint.findUnique({ where: { id } });
    if (!existing) throw notFound('Webhook');
    const updated = await tx.webhookEndpoint.update({ where: { id }, data: input });
    await deps.audit.record({ actorType: 'user', actorId: actor.userId, action: 'webhook.updated', targetType: 'webhook', targetId: id, ip: actor.ip ?? null, details: { changes: input } }, tx);
    return toEndpointView(updated);
  });
}

export async function deleteWebhookEndpoint(deps: EndpointDeps, actor: Actor, id: string) {
  assertAdmin(actor);
  await deps.db.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.deleteMany({ where: { id } });
    if (count === 0) throw notFound('Webhook');
    await deps.audit.record({ actorType: 'user', actorId: actor.userId, action: 'webhook.deleted', targetType: 'webhook', targetId: id, ip: actor.ip ?? null }, tx);
  });
}

export async function listWebhookDeliveries(deps: EndpointDeps, actor: Actor, id: string, limit: number) {
  assertAdmin(actor);
  if (!(await deps.db.webhookEndpoint.findUnique({ where: { id }, select: { id: true } }))) throw notFound('Webhook');
  const deliveries = await deps.db.webhookDelivery.findMany({ where: { endpointId: id }, orderBy: { createdAt: 'desc' }, take: limit });
  return { items: deliveries.map(toDeliveryView) };
}
