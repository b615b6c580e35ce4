import { describe, expect, it } from 'vitest';
import { decodePlist, PlistError } from '../../../src/mdm/apple/plist.js';

const reason = (body: string) => {
  try {
    decodePlist(body);
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(PlistError);
    return (error as Error).message;
  }
};

describe('plist decoding: DOCTYPEs and parser complaints', () => {
  it('an unterminated DOCTYPE opening an internal subset is refused as such, even after the plist', () => {
    // No ">" follows it, so it is not a complete DOCTYPE for the Apple-DOCTYPE check: only the subset check sees it.
    expect(reason('<plist version="1.0"><dict/></plist>\n<!DOCTYPE x [')).toBe('DOCTYPE internal subsets are not allowed');
    expect(reason('<plist version="1.0"><dict/></plist><!doctype plist PUBLIC "x" [')).toBe('DOCTYPE internal subsets are not allowed');
  });

  it('a DOCTYPE with an internal subset before the plist is refused', () => {
    expect(reason('<?xml version="1.0"?><!DOCTYPE plist [ <!ATTLIST dict a CDATA "x"> ]><plist version="1.0"><dict/></plist>')).not.toBe('accepted');
  });

  it('a <date> that is not a date is refused before anything stores it, naming where', () => {
    // A result the device signed with an unreadable date used to reach storage and fail there with a 500.
    const body = '<plist version="1.0"><dict><key>Status</key><string>Acknowledged</string><key>QueryResponses</key><dict><key>When</key><date>garbage</date></dict></dict></plist>';
    expect(reason(body)).toBe('/QueryResponses/When must be a valid date');
    expect(decodePlist(body.replace('garbage', '2026-12-02T10:00:00Z')).QueryResponses).toEqual({ When: new Date('2026-12-02T10:00:00Z') });
  });

  it("a malformed plist is refused with the parser's complaint, first line only", () => {
    const message = reason('<plist version="1.0"><dict><key>a</key><strin>x</string></dict></plist>');
    expect(message).toMatch(/^malformed plist: .*tag mismatch.*strin/);
    expect(message).not.toContain('\n');
  });

  it("Apple's standard DOCTYPE, with or without \"Computer\", is accepted", () => {
    for (const owner of ['Apple', 'Apple Computer']) {
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//${owner}//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0"><dict><key>a</key><string>b</string></dict></plist>`;
      expect(decodePlist(body)).toEqual({ a: 'b' });
    }
  });
});
