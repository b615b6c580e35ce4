import { describe, expect, it } from 'vitest';
import { isOurCommandUuid, parseCheckin, parseReport, resolveIdentity } from '../../../src/mdm/apple/messages.js';
import { containerDepth, decodePlist, fromJsonValue, toJsonValue } from '../../../src/mdm/apple/plist.js';
import { fixtureBytes } from '../../support/fixtures.js';

/**
 * What a device (or anyone holding a device identity) sends is untrusted: each check of the plist decoder and the
 * check-in / command-report decoders, one hostile variation at a time.
 */
const fixture = (name: string) => decodePlist(fixtureBytes('apple', name));
const plist = (inner: string, prolog = '') => `${prolog}<plist version="1.0">${inner}</plist>`;
const dict = (entries: string) => plist(`<dict>${entries}</dict>`);
const refusal = (run: () => unknown) => {
  try {
    run();
    return 'accepted';
  } catch (error) {
    return (error as Error).message;
  }
};
const DOCTYPE = '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">';
const nested = (levels: number) => dict(`<key>a</key>${'<array>'.repeat(levels - 1)}${'</array>'.repeat(levels - 1)}`);

describe('plist decoding of hostile bodies', () => {
  it('size cap counts bytes, inclusive', () => {
    const body = dict('<key>a</key><string>é</string>');
    const bytes = Buffer.byteLength(body);
    expect(decodePlist(body, bytes)).toEqual({ a: 'é' });
    expect(refusal(() => decodePlist(body, bytes - 1))).toBe('plist too large');
    expect(refusal(() => decodePlist(Buffer.from(body), body.length))).toBe('plist too large'); // 'é' is two bytes
  });

  it('entity declarations are refused in any letter case', () => {
    expect(refusal(() => decodePlist(`<!doctype plist [<!entity a "b">]>${dict('')}`))).toBe('XML entity declarations are not allowed');
  });

  it("only Apple's DOCTYPE (either spelling), once", () => {
    expect(decodePlist(`<?xml version="1.0" encoding="UTF-8"?>\n${DOCTYPE}\n${dict('<key>a</key><true/>')}`)).toEqual({ a: true });
    expect(decodePlist(`${DOCTYPE.replace('Apple', 'Apple Computer')}${dict('')}`)).toEqual({});
    expect(refusal(() => decodePlist(`${DOCTYPE}${DOCTYPE}${dict('')}`))).toBe('unexpected DOCTYPE');
    expect(refusal(() => decodePlist(`${DOCTYPE.replace('Apple', 'Evil')}${dict('')}`))).toBe('unexpected DOCTYPE');
    expect(refusal(() => decodePlist(`${DOCTYPE.toLowerCase()}${dict('')}`))).toBe('unexpected DOCTYPE');
    expect(refusal(() => decodePlist(`<!DOCTYPE plist [<!ELEMENT plist ANY>]>${dict('')}`))).toBe('unexpected DOCTYPE');
  });

  it('the body must start as a plist (leading whitespace and XML declaration allowed)', () => {
    expect(decodePlist(`  \n${dict('')}`)).toEqual({});
    expect(refusal(() => decodePlist(`junk${dict('')}`))).toBe('not an XML plist');
    expect(refusal(() => decodePlist('<plistx><dict/></plistx>'))).toBe('not an XML plist');
    expect(refusal(() => decodePlist(`<?xml version="1.0"?><!-- c -->${dict('')}`))).toBe('not an XML plist');
  });

  it('nesting is capped at 64 containers, counted before parsing; self-closing ones do not nest', () => {
    expect(decodePlist(nested(64))).toHaveProperty('a');
    expect(refusal(() => decodePlist(nested(65)))).toBe('plist nested more than 64 levels deep');
    expect(containerDepth('<dict><array><dict/><array/></array></dict>')).toBe(2);
    expect(containerDepth('<dict></dict><dict><array ></array></dict>')).toBe(2);
    expect(containerDepth('<key>dict</key><string>array</string>')).toBe(0);
  });

  it('malformed XML is reported by its first line only; a non-dict top level is refused', () => {
    const message = refusal(() => decodePlist(dict('<key>a</key><integer>1</integer><date>bad</date>')));
    expect(message).toMatch(/^malformed plist: /);
    expect(message).not.toContain('\n');
    for (const top of ['<array/>', '<string>a</string>', '<data>AQID</data>', '<date>2020-01-01T00:00:00Z</date>', '<integer>1</integer>']) {
      expect(refusal(() => decodePlist(plist(top))), top).toBe('plist top level is not a dict');
    }
  });

  it('values PostgreSQL cannot store are refused with their path', () => {
    expect(refusal(() => decodePlist(dict('<key>a</key><array><string>x&#0;y</string></array>')))).toBe('/a/0 must not contain NUL characters or unpaired surrogates');
    expect(refusal(() => decodePlist(dict('<key>a</key><real>1e400</real>')))).toBe('/a must be a finite number');
  });
});

describe('JSON storage form of plist values', () => {
  it('only a dict whose single key is $data with a string becomes binary again', () => {
    expect(fromJsonValue({ $data: 'AQID' })).toEqual(Buffer.from([1, 2, 3]));
    expect(fromJsonValue([{ $data: 'AQID' }])).toEqual([Buffer.from([1, 2, 3])]);
    expect(fromJsonValue({ $data: 'AQID', other: 1 })).toEqual({ $data: 'AQID', other: 1 });
    expect(fromJsonValue({ $data: 5 })).toEqual({ $data: 5 });
    expect(fromJsonValue({ data: 'AQID' })).toEqual({ data: 'AQID' });
    expect(fromJsonValue({ a: { b: [{ $data: 'AA==' }] } })).toEqual({ a: { b: [Buffer.from([0])] } });
    expect(toJsonValue({ a: [new Uint8Array([255])], b: null, c: 1 })).toEqual({ a: [{ $data: '/w==' }], b: null, c: 1 });
  });
});

describe('check-in decoding', () => {
  it('Authenticate keeps exactly what the device said', () => {
    const message = parseCheckin(fixture('authenticate_ios11_iphone_cellular.plist'));
    const raw = fixture('authenticate_ios11_iphone_cellular.plist');
    expect(message).toEqual({
      type: 'Authenticate',
      identity: { kind: 'DEVICE', id: raw.UDID, udid: raw.UDID },
      topic: raw.Topic,
      osVersion: raw.OSVersion,
      buildVersion: raw.BuildVersion,
      productName: raw.ProductName,
      serialNumber: raw.SerialNumber,
      model: 'iPhone7,2', // the capture has no Model key: the product name stands in
      deviceName: raw.DeviceName,
      raw,
    });
  });

  it('without Model the product name stands in; User Enrolment never keeps a serial, even one it was sent', () => {
    const noModel = parseCheckin({ MessageType: 'Authenticate', UDID: 'u1', Topic: 't', ProductName: 'iPad8,1' });
    expect(noModel).toMatchObject({ model: 'iPad8,1', productName: 'iPad8,1' });
    expect(parseCheckin({ MessageType: 'Authenticate', UDID: 'u1', Topic: 't', Model: 'MacBookPro18,1', ProductName: 'Mac' })).toMatchObject({ model: 'MacBookPro18,1' });
    const ue = parseCheckin({ MessageType: 'Authenticate', EnrollmentID: 'e1', Topic: 't', SerialNumber: 'C02XXXX' });
    expect(ue.type === 'Authenticate' && ue.serialNumber).toBeUndefined();
    expect(refusal(() => parseCheckin({ MessageType: 'Authenticate', UDID: 'u1' }))).toBe('Topic missing');
  });

  it('TokenUpdate needs a token of 1–256 bytes of data, a topic and push magic', () => {
    const update = (Token: unknown, extra: Record<string, unknown> = {}) => () =>
      parseCheckin({ MessageType: 'TokenUpdate', UDID: 'u1', Topic: 't', PushMagic: 'm', Token, ...extra });
    expect(update(new Uint8Array(256).fill(0xab))()).toMatchObject({ tokenHex: 'ab'.repeat(256), pushMagic: 'm', topic: 't', awaitingConfiguration: false });
    expect(update(new Uint8Array([1]), { AwaitingConfiguration: true })()).toMatchObject({ tokenHex: '01', awaitingConfiguration: true });
    expect(update(new Uint8Array([1]), { AwaitingConfiguration: 'true' })()).toMatchObject({ awaitingConfiguration: false });
    for (const bad of [new Uint8Array(0), new Uint8Array(257), 'abcd', undefined]) expect(refusal(update(bad))).toBe('TokenUpdate Token must be data');
    expect(refusal(update(new Uint8Array([1]), { PushMagic: undefined }))).toBe('PushMagic missing');
  });

  it('CheckOut and unknown message types keep the identity and the type', () => {
    expect(parseCheckin({ MessageType: 'CheckOut', UDID: 'u1' })).toEqual({ type: 'CheckOut', identity: { kind: 'DEVICE', id: 'u1', udid: 'u1' }, topic: undefined, raw: { MessageType: 'CheckOut', UDID: 'u1' } });
    expect(parseCheckin({ MessageType: 'GetBootstrapToken', EnrollmentID: 'e1' })).toMatchObject({ type: 'Other', messageType: 'GetBootstrapToken' });
    expect(refusal(() => parseCheckin({ UDID: 'u1' }))).toBe('MessageType missing');
  });
});

describe('enrolment identity', () => {
  it('user channels are noted, whichever key names them', () => {
    expect(resolveIdentity({ UDID: 'u1', UserID: 'a' })).toEqual({ kind: 'DEVICE', id: 'u1', udid: 'u1', userChannel: 'a' });
    expect(resolveIdentity({ EnrollmentID: 'e1', EnrollmentUserID: 'b' })).toEqual({ kind: 'USER', id: 'e1', enrollmentId: 'e1', userChannel: 'b' });
    expect(resolveIdentity({ UDID: 'u1', UserShortName: 'c' })).toMatchObject({ userChannel: 'c' });
    expect(resolveIdentity({ UDID: 'u1', UserID: '' })).toEqual({ kind: 'DEVICE', id: 'u1', udid: 'u1' });
  });

  it('identifiers are 1–128 characters of letters, digits and :._-', () => {
    expect(resolveIdentity({ UDID: `0000:a.B_c-${'x'.repeat(117)}` }).id).toHaveLength(128);
    for (const bad of ['x'.repeat(129), 'a b', 'a/b', '../etc', 'a\nb']) expect(refusal(() => resolveIdentity({ UDID: bad })), bad).toBe('malformed enrolment identifier');
    expect(refusal(() => resolveIdentity({ UDID: '' }))).toBe('message carries neither UDID nor EnrollmentID');
    expect(refusal(() => resolveIdentity({ UDID: 7 }))).toBe('UDID must be a string');
    expect(refusal(() => resolveIdentity({ EnrollmentID: 'x'.repeat(1025) }))).toBe('EnrollmentID must be a string');
  });

  it('strings are capped at 1024 characters', () => {
    expect(parseCheckin({ MessageType: 'Authenticate', UDID: 'u', Topic: 't'.repeat(1024), DeviceName: 'd'.repeat(1024) })).toMatchObject({ topic: 't'.repeat(1024) });
    expect(refusal(() => parseCheckin({ MessageType: 'Authenticate', UDID: 'u', Topic: 't'.repeat(1025) }))).toBe('Topic too long');
    expect(refusal(() => parseCheckin({ MessageType: 'Authenticate', UDID: 'u', Topic: 't', DeviceName: 'd'.repeat(1025) }))).toBe('DeviceName must be a string');
    expect(refusal(() => parseCheckin({ MessageType: 7, UDID: 'u' }))).toBe('MessageType missing');
  });
});

describe('command report decoding', () => {
  const uuid = '0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0';

  it('the result is everything but the envelope', () => {
    const report = parseReport({ UDID: 'u1', UserID: 'x', EnrollmentUserID: 'y', UserShortName: 'z', UserLongName: 'Z', Status: 'Acknowledged', CommandUUID: uuid, RequestType: 'SecurityInfo', ErrorChain: [], SecurityInfo: { PasscodePresent: true } });
    expect(report.result).toEqual({ SecurityInfo: { PasscodePresent: true } });
    expect(report).toMatchObject({ status: 'Acknowledged', commandUuid: uuid, errorChain: [] });
    expect(parseReport({ EnrollmentID: 'e1', Status: 'Idle' }).result).toEqual({});
  });

  it('Idle carries no command even if it names one; every other status must name one', () => {
    expect(parseReport({ UDID: 'u1', Status: 'Idle', CommandUUID: uuid }).commandUuid).toBeUndefined();
    for (const status of ['Acknowledged', 'Error', 'CommandFormatError', 'NotNow']) {
      expect(parseReport({ UDID: 'u1', Status: status, CommandUUID: uuid }).status).toBe(status);
      expect(refusal(() => parseReport({ UDID: 'u1', Status: status }))).toBe(`${status} report without CommandUUID`);
    }
    expect(refusal(() => parseReport({ UDID: 'u1', Status: 'idle' }))).toBe('unknown Status idle');
  });

  it('ErrorChain must be an array; entries that are not dicts are dropped', () => {
    expect(parseReport({ UDID: 'u1', Status: 'Error', CommandUUID: uuid, ErrorChain: [1, null, 'x', { ErrorCode: 5 }] }).errorChain).toEqual([{ ErrorCode: 5 }]);
    expect(parseReport({ UDID: 'u1', Status: 'Error', CommandUUID: uuid }).errorChain).toBeUndefined();
    expect(refusal(() => parseReport({ UDID: 'u1', Status: 'Error', CommandUUID: uuid, ErrorChain: { ErrorCode: 5 } }))).toBe('ErrorChain must be an array');
  });

  it('only UUIDs can be our command ids', () => {
    expect(isOurCommandUuid(uuid)).toBe(true);
    expect(isOurCommandUuid(uuid.toLowerCase())).toBe(true);
    for (const bad of [`x${uuid}`, `${uuid}x`, uuid.replace(/-/g, ''), uuid.slice(1), uuid.replace('0F1E', 'GF1E'), '']) expect(isOurCommandUuid(bad), bad).toBe(false);
  });
});
