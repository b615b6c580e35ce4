import { describe, expect, it } from 'vitest';
import { parseCheckin, parseReport } from '../../../src/mdm/apple/messages.js';
import { decodePlist } from '../../../src/mdm/apple/plist.js';
import { fixtureBytes } from '../../../tools/fixtures.js';

describe('check-in messages: required keys must carry a value', () => {
  it('an empty MessageType is missing, not an unknown message type', () => {
    expect(() => parseCheckin({ MessageType: '', UDID: 'device-1' })).toThrow('MessageType missing');
  });

  it('an empty Topic or PushMagic is missing', () => {
    const token = new Uint8Array([1, 2, 3]);
    expect(() => parseCheckin({ MessageType: 'Authenticate', UDID: 'device-1', Topic: '' })).toThrow('Topic missing');
    expect(() => parseCheckin({ MessageType: 'TokenUpdate', UDID: 'device-1', Topic: 'com.apple.mgmt.x', Token: token, PushMagic: '' })).toThrow('PushMagic missing');
  });

  it('an empty Status in a command report is missing', () => {
    expect(() => parseReport({ UDID: 'device-1', Status: '' })).toThrow('Status missing');
  });

  it('CheckOut keeps the push topic the device named', () => {
    const message = parseCheckin(decodePlist(fixtureBytes('apple', 'checkout_ios11.plist')));
    expect(message).toMatchObject({ type: 'CheckOut', topic: expect.stringMatching(/^com\.apple\.mgmt\./) });
    expect(parseCheckin({ MessageType: 'CheckOut', UDID: 'device-1', Topic: 'com.apple.mgmt.External.abc' })).toMatchObject({ topic: 'com.apple.mgmt.External.abc' });
    expect(parseCheckin({ MessageType: 'CheckOut', UDID: 'device-1' })).toMatchObject({ topic: undefined });
  });
});
