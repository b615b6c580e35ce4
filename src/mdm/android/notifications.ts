import { findInputProblem } from '../../domain/input-hygiene.js';
import type { AmapiDevice, AmapiOperation } from './amapi-types.js';

/** The Pub/Sub push body (cloud.google.com/pubsub/docs/push). */
export interface PubsubPushBody {
  message?: {
    attributes?: Record<string, string>;
    data?: string;
    messageId?: string;
    message_id?: string;
    publishTime?: string;
    publish_time?: string;
  };
  subscription?: string;
}

export type AndroidNotification =
  | { kind: 'device'; type: 'ENROLLMENT' | 'STATUS_REPORT'; device: AmapiDevice }
  | { kind: 'command'; type: 'COMMAND'; operation: AmapiOperation }
  /** Test messages, USAGE_LOGS, ENTERPRISE_UPGRADE and future types: acknowledged, not acted on. */
  | { kind: 'other'; type: string };

export interface DecodedPush {
  messageId: string;
  publishTime: Date | null;
  notification: AndroidNotification;
}

export class MalformedPushError extends Error {}

function decodeJson(data: string | undefined): Record<string, unknown> {
  if (!data) throw new MalformedPushError('message.data is empty');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(data, 'base64').toString('utf8'));
  } catch {
    throw new MalformedPushError('message.data is not base64 JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new MalformedPushError('message.data is not a JSON object');
  const problem = findInputProblem(parsed);
  if (problem) throw new MalformedPushError(`message.data ${problem.path} ${problem.message}`);
  return parsed as Record<string, unknown>;
}

/** Decodes an AMAPI notification from a push body: attributes.notificationType names the resource in data. */
export function decodePush(body: PubsubPushBody): DecodedPush {
  // The route's schema types these already; checked again because this decoder trusts nothing it is given.
  const message = body.message;
  if (!message || typeof message !== 'object') throw new MalformedPushError('message is missing');
  const messageId = message.messageId ?? message.message_id;
  if (typeof messageId !== 'string' || messageId.length === 0) throw new MalformedPushError('message.messageId is missing');
  if (message.data !== undefined && typeof message.data !== 'string') throw new MalformedPushError('message.data is not a string');
  const published = message.publishTime ?? message.publish_time;
  const publishTime = typeof published === 'string' && !Number.isNaN(Date.parse(published)) ? new Date(published) : null;
  const attributes = message.attributes;
  const declared = attributes && typeof attributes === 'object' ? attributes.notificationType : undefined;
  const type = typeof declared === 'string' ? declared : 'NOTIFICATION_TYPE_UNSPECIFIED';
  let notification: AndroidNotification;
  if (type === 'ENROLLMENT' || type === 'STATUS_REPORT') {
    const device = decodeJson(message.data) as AmapiDevice;
    if (typeof device.name !== 'string') throw new MalformedPushError(`${type} payload has no device name`);
    notification = { kind: 'device', type, device };
  } else if (type === 'COMMAND') {
    const operation = decodeJson(message.data) as AmapiOperation;
    if (typeof operation.name !== 'string') throw new MalformedPushError('COMMAND payload has no operation name');
    notification = { kind: 'command', type, operation };
  } else {
    notification = { kind: 'other', type };
  }
  return { messageId, publishTime, notification };
}

/** enterprises/{e}/devices/{d}/operations/{o} → enterprises/{e}/devices/{d}. */
export function deviceNameOfOperation(operationName: string): string | null {
  const match = /^(enterprises\/[^/]+\/devices\/[^/]+)\/operations\/[^/]+$/.exec(operationName);
  return match ? match[1]! : null;
}

export function belongsToEnterprise(resourceName: string, enterprise: string): boolean {
  return resourceName.startsWith(`${enterprise}/`);
}
