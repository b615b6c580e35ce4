import { describe, expect, it } from 'vitest';
import { belongsToEnterprise, decodePush, deviceNameOfOperation, type PubsubPushBody } from '../../../src/mdm/android/notifications.js';
import { androidFixture } from '../../support/fixtures.js';

/**
 * A Pub/Sub push is untrusted JSON (the OIDC token proves Google sent it, not that every field is well-formed):
 * each field is type-checked before use, and anything the decoder cannot read is a MalformedPushError (a 400).
 */
const base64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64');
const push = (message: Record<string, unknown>) => ({ message }) as unknown as PubsubPushBody;
const statusReport = (data: unknown, extra: Record<string, unknown> = {}) =>
  push({ messageId: '7', attributes: { notificationType: 'STATUS_REPORT' }, data: base64(data), ...extra });
const problem = (body: PubsubPushBody) => {
  try {
    decodePush(body);
    return 'decoded';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('Pub/Sub push decoding', () => {
  it('returns the message id, publish time and the decoded device of a fixture', () => {
    const body = androidFixture<PubsubPushBody>('pubsub-push-status-report-byod-noncompliant.json');
    const decoded = decodePush(body);
    expect(decoded.messageId).toBe('14503912235820011');
    expect(decoded.publishTime?.toISOString()).toBe('2026-09-19T22:10:18.402Z');
    expect(decoded.notification).toEqual({ kind: 'device', type: 'STATUS_REPORT', device: JSON.parse(Buffer.from(body.message!.data!, 'base64').toString('utf8')) });
  });

  it('accepts the snake_case spellings Pub/Sub also sends, and no publish time', () => {
    const decoded = decodePush(push({ message_id: '42', publish_time: '2026-01-02T03:04:05.000Z', attributes: { notificationType: 'ENROLLMENT' }, data: base64({ name: 'enterprises/e/devices/d' }) }));
    expect(decoded).toEqual({ messageId: '42', publishTime: new Date('2026-01-02T03:04:05.000Z'), notification: { kind: 'device', type: 'ENROLLMENT', device: { name: 'enterprises/e/devices/d' } } });
    expect(decodePush(statusReport({ name: 'enterprises/e/devices/d' })).publishTime).toBeNull();
    expect(decodePush(statusReport({ name: 'enterprises/e/devices/d' }, { publishTime: 'yesterday' })).publishTime).toBeNull();
    expect(decodePush(statusReport({ name: 'enterprises/e/devices/d' }, { publishTime: 12 })).publishTime).toBeNull();
  });

  it('decodes a COMMAND operation and acknowledges other types without reading their data', () => {
    const operation = { name: 'enterprises/e/devices/d/operations/1', done: true };
    expect(decodePush(push({ messageId: '1', attributes: { notificationType: 'COMMAND' }, data: base64(operation) })).notification).toEqual({ kind: 'command', type: 'COMMAND', operation });
    expect(decodePush(push({ messageId: '1', attributes: { notificationType: 'USAGE_LOGS' }, data: 'not base64 json' })).notification).toEqual({ kind: 'other', type: 'USAGE_LOGS' });
    expect(decodePush(push({ messageId: '1', data: base64({}) })).notification).toEqual({ kind: 'other', type: 'NOTIFICATION_TYPE_UNSPECIFIED' });
    expect(decodePush(push({ messageId: '1', attributes: 'ENROLLMENT', data: base64({}) })).notification).toEqual({ kind: 'other', type: 'NOTIFICATION_TYPE_UNSPECIFIED' });
    expect(decodePush(push({ messageId: '1', attributes: { notificationType: ['ENROLLMENT'] }, data: base64({}) })).notification).toEqual({ kind: 'other', type: 'NOTIFICATION_TYPE_UNSPECIFIED' });
  });

  it('refuses a missing or non-object message, and a message id that is not a non-empty string', () => {
    expect(problem({} as PubsubPushBody)).toBe('message is missing');
    expect(problem({ message: 'x' } as unknown as PubsubPushBody)).toBe('message is missing');
    expect(problem(push({ attributes: {} }))).toBe('message.messageId is missing');
    expect(problem(push({ messageId: '' }))).toBe('message.messageId is missing');
    expect(problem(push({ messageId: { id: 1 } }))).toBe('message.messageId is missing');
    expect(problem(push({ messageId: 5 }))).toBe('message.messageId is missing');
  });

  it('refuses data that is not a string, not base64 JSON, not a JSON object, or not storable', () => {
    expect(problem(push({ messageId: '1', data: { name: 'x' } }))).toBe('message.data is not a string');
    expect(problem(push({ messageId: '1', attributes: { notificationType: 'STATUS_REPORT' } }))).toBe('message.data is empty');
    expect(problem(push({ messageId: '1', attributes: { notificationType: 'STATUS_REPORT' }, data: '' }))).toBe('message.data is empty');
    expect(problem(statusReport('{"name": '))).toBe('message.data is not base64 JSON');
    for (const notAnObject of [[{ name: 'x' }], null, 3, 'text']) expect(problem(statusReport(JSON.stringify(notAnObject)))).toBe('message.data is not a JSON object');
    expect(problem(statusReport({ name: 'enterprises/e/devices/d', hardwareInfo: { model: 'a\u0000b' } }))).toBe('message.data /hardwareInfo/model must not contain NUL characters or unpaired surrogates');
  });

  it('refuses a device or operation without a name', () => {
    expect(problem(statusReport({ state: 'ACTIVE' }))).toBe('STATUS_REPORT payload has no device name');
    expect(problem(push({ messageId: '1', attributes: { notificationType: 'ENROLLMENT' }, data: base64({ name: 7 }) }))).toBe('ENROLLMENT payload has no device name');
    expect(problem(push({ messageId: '1', attributes: { notificationType: 'COMMAND' }, data: base64({ done: true }) }))).toBe('COMMAND payload has no operation name');
  });
});

describe('AMAPI resource names', () => {
  it('the device of an operation, and nothing for other shapes', () => {
    expect(deviceNameOfOperation('enterprises/e1/devices/d1/operations/9')).toBe('enterprises/e1/devices/d1');
    expect(deviceNameOfOperation('x/enterprises/e1/devices/d1/operations/9')).toBeNull();
    expect(deviceNameOfOperation('enterprises/e1/devices/d1/operations/9/x')).toBeNull();
    expect(deviceNameOfOperation('enterprises/e1/devices/d1/operations/')).toBeNull();
    expect(deviceNameOfOperation('enterprises/e1/devices/d1')).toBeNull();
  });

  it('a resource belongs to an enterprise only under its exact name', () => {
    expect(belongsToEnterprise('enterprises/e1/devices/d1', 'enterprises/e1')).toBe(true);
    expect(belongsToEnterprise('enterprises/e10/devices/d1', 'enterprises/e1')).toBe(false);
    expect(belongsToEnterprise('enterprises/e1', 'enterprises/e1')).toBe(false);
  });
});
