import { describe, expect, it } from 'vitest';
import { parseCheckin, parseReport, resolveIdentity } from '../../../src/mdm/apple/messages.js';
import { decodePlist, encodePlist, fromJsonValue, PlistError, toJsonValue } from '../../../src/mdm/apple/plist.js';
import { fixtureBytes, fixtureNames } from '../../support/fixtures.js';

const fixture = (name: string) => fixtureBytes('apple', name);

describe('plist decoding', () => {
  it('reads every captured device message', () => {
    const names = fixtureNames('apple').filter((n) => n.endsWith('.plist'));
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) expect(decodePlist(fixture(name)), name).toEqual(expect.any(Object));
  });

  it('refuses entity declarations (billion laughs) before parsing', () => {
    const hostile = `<?xml version="1.0"?><!DOCTYPE plist [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><plist version="1.0"><dict><key>x</key><string>&b;</string></dict></plist>`;
    expect(() => decodePlist(Buffer.from(hostile))).toThrow(PlistError);
  });

  it('refuses external entities and foreign DOCTYPEs', () => {
    const external = `<?xml version="1.0"?><!DOCTYPE plist SYSTEM "file:///etc/passwd"><plist version="1.0"><dict/></plist>`;
    expect(() => decodePlist(Buffer.from(external))).toThrow('unexpected DOCTYPE');
  });

  it('refuses non-plist XML, truncated XML, a non-dict top level and oversize bodies', () => {
    expect(() => decodePlist(Buffer.from('<html><body/></html>'))).toThrow(PlistError);
    expect(() => decodePlist(Buffer.from('<plist version="1.0"><dict><key>a</key>'))).toThrow(PlistError);
    expect(() => decodePlist(Buffer.from('<plist version="1.0"><array/></plist>'))).toThrow('not a dict');
    expect(() => decodePlist(Buffer.from(`<plist version="1.0"><dict><key>a</key><string>${'x'.repeat(200)}</string></dict></plist>`), 100)).toThrow('too large');
  });

  it('round-trips binary through the JSON storage form', () => {
    const value = { Payload: Buffer.from([1, 2, 3]), Nested: [{ When: new Date('2024-01-01T00:00:00Z') }] };
    const json = toJsonValue(value);
    expect(json).toEqual({ Payload: { $data: 'AQID' }, Nested: [{ When: '2024-01-01T00:00:00.000Z' }] });
    expect(decodePlist(encodePlist(fromJsonValue(json) as Record<string, unknown>)).Payload).toEqual(new Uint8Array([1, 2, 3]));
  });
});

describe('check-in messages', () => {
  it('normalises a device channel to its UDID and keeps the serial it sent', () => {
    const message = parseCheckin(decodePlist(fixture('authenticate_ios11_iphone_cellular.plist')));
    expect(message.type).toBe('Authenticate');
    expect(message.identity.kind).toBe('DEVICE');
    expect(message.identity.id).toBe(message.identity.udid);
    if (message.type === 'Authenticate') expect(message.serialNumber).toBeTruthy();
  });

  it('normalises User Enrolment to its EnrollmentID and invents no UDID or serial', () => {
    const message = parseCheckin(decodePlist(fixture('authenticate_user_enrollment_ios18.plist')));
    expect(message.identity).toEqual({ kind: 'USER', id: 'FB833D84-50C0-41DD-99DE-F748E44FFEF5', enrollmentId: 'FB833D84-50C0-41DD-99DE-F748E44FFEF5' });
    if (message.type === 'Authenticate') expect(message.serialNumber).toBeUndefined();
  });

  it('reads the push triple from TokenUpdate as hex token and magic', () => {
    const message = parseCheckin(decodePlist(fixture('tokenupdate_user_enrollment_ios18.plist')));
    expect(message).toMatchObject({ type: 'TokenUpdate', pushMagic: '7B8A04B0-E9B8-4BB3-8A85-4FD5FA1F70E9', awaitingConfiguration: false });
    if (message.type === 'TokenUpdate') expect(message.tokenHex).toBe(Buffer.from('ftAoCo4gNk3mxQgFVRXRJfO8qYsMpS46kHClaugCnt8=', 'base64').toString('hex'));
  });

  it('marks macOS user-channel messages so they can be declined', () => {
    const message = parseCheckin(decodePlist(fixture('tokenupdate_macos10.12_user_channel.plist')));
    expect(message.identity.userChannel).toBeTruthy();
  });

  it('decodes CheckOut and refuses messages without an identity or with both identities', () => {
    expect(parseCheckin(decodePlist(fixture('checkout_ios11.plist'))).type).toBe('CheckOut');
    expect(() => resolveIdentity({ MessageType: 'Authenticate' })).toThrow('neither');
    expect(() => resolveIdentity({ UDID: 'a', EnrollmentID: 'b' })).toThrow('both');
  });
});

describe('command reports', () => {
  it('reads results, errors and NotNow from captures', () => {
    const ack = parseReport(decodePlist(fixture('securityinfo_response_ios11.plist')));
    expect(ack).toMatchObject({ status: 'Acknowledged', commandUuid: 'f1048316-6628-4b32-b2f2-708d7f4d7105' });
    expect(ack.result.SecurityInfo).toMatchObject({ HardwareEncryptionCaps: 3 });
    const error = parseReport(decodePlist(fixture('error_response_invalid_request_type.plist')));
    expect(error.status).toBe('Error');
    expect(error.errorChain?.[0]).toMatchObject({ ErrorCode: 12021, ErrorDomain: 'MCMDMErrorDomain' });
    expect(parseReport(decodePlist(fixture('notnow_response_ios11.plist'))).status).toBe('NotNow');
    expect(parseReport(decodePlist(fixture('commandformaterror_response_ios11.plist'))).status).toBe('CommandFormatError');
    expect(parseReport(decodePlist(fixture('idle_user_enrollment_ios18.plist')))).toMatchObject({ status: 'Idle', commandUuid: undefined });
  });

  it('refuses an unknown Status or a result without CommandUUID', () => {
    expect(() => parseReport({ UDID: 'x', Status: 'Bogus' })).toThrow('unknown Status');
    expect(() => parseReport({ UDID: 'x', Status: 'Acknowledged' })).toThrow('without CommandUUID');
  });
});
