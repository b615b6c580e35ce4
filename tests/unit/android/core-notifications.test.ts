import { describe, expect, it } from 'vitest';
import { decodePush, MalformedPushError, type PubsubPushBody } from '../../../src/mdm/android/notifications.js';
import { androidFixture } from '../../../tools/fixtures.js';

const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

describe('Pub/Sub push attributes', () => {
  it('a null attributes object is an unspecified notification, acknowledged rather than a crash', () => {
    const body = { message: { messageId: '9', attributes: null, data: base64({ name: 'enterprises/e/devices/d' }) } } as unknown as PubsubPushBody;
    expect(decodePush(body).notification).toEqual({ kind: 'other', type: 'NOTIFICATION_TYPE_UNSPECIFIED' });
  });

  it('the COMMAND fixture decodes to its wipe operation', () => {
    const decoded = decodePush(androidFixture<PubsubPushBody>('pubsub-push-command-wipe.json'));
    expect(decoded.notification).toMatchObject({ kind: 'command', type: 'COMMAND', operation: { metadata: { type: 'WIPE' } } });
  });

  it('a declared device notification whose payload is an operation-less array is refused', () => {
    const body = { message: { messageId: '9', attributes: { notificationType: 'COMMAND' }, data: base64([]) } } as PubsubPushBody;
    expect(() => decodePush(body)).toThrow(MalformedPushError);
  });
});
