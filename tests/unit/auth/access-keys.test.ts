import { describe, expect, it } from 'vitest';
import { createAccessKeyVerifier } from '../../../src/domain/auth/access-keys.js';

describe('access keys for identity providers and VPNs', () => {
  it('is off when no key is configured, and then accepts nothing', () => {
    for (const setting of ['', ' ', ',', ' , ,']) {
      const verifier = createAccessKeyVerifier(setting);
      expect(verifier.enabled).toBe(false);
      expect(verifier.verify('')).toBe(false);
      expect(verifier.verify(' ')).toBe(false);
    }
  });

  it('accepts each configured key, whichever position it has in the list', () => {
    const verifier = createAccessKeyVerifier('idp-key-0001,vpn-key-0002,nac-key-0003');
    expect(verifier.enabled).toBe(true);
    expect(verifier.verify('idp-key-0001')).toBe(true);
    expect(verifier.verify('vpn-key-0002')).toBe(true);
    expect(verifier.verify('nac-key-0003')).toBe(true);
  });

  it('refuses a key that is not configured, even a near miss', () => {
    const verifier = createAccessKeyVerifier('idp-key-0001,vpn-key-0002');
    expect(verifier.verify('idp-key-0003')).toBe(false);
    expect(verifier.verify('idp-key-000')).toBe(false);
    expect(verifier.verify('idp-key-00011')).toBe(false);
    expect(verifier.verify('IDP-KEY-0001')).toBe(false);
    expect(verifier.verify('idp-key-0001,vpn-key-0002')).toBe(false);
    expect(verifier.verify('')).toBe(false);
  });

  it('ignores spaces around keys in the setting but not in what is presented', () => {
    const verifier = createAccessKeyVerifier(' idp-key-0001 , vpn-key-0002\n');
    expect(verifier.verify('idp-key-0001')).toBe(true);
    expect(verifier.verify('vpn-key-0002')).toBe(true);
    expect(verifier.verify(' idp-key-0001 ')).toBe(false);
  });

  it('skips empty entries without accepting an empty key', () => {
    const verifier = createAccessKeyVerifier(',idp-key-0001,,');
    expect(verifier.enabled).toBe(true);
    expect(verifier.verify('idp-key-0001')).toBe(true);
    expect(verifier.verify('')).toBe(false);
  });
});
