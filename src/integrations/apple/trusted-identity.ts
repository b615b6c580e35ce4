import type { X509Certificate } from 'node:crypto';
import type { SignerCertificate } from '../../mdm/apple/signature.js';

/**
 * A device identity certificate found issued by our CA. Parsing it and checking the CA's signature on it cost more
 * than the rest of a signed check-in, and the answer never changes for the same DER and the same CA, so each
 * process keeps the answer. Validity dates and revocation are still checked on every request.
 */
export interface TrustedIdentity extends SignerCertificate {
  /** The CA certificate it was verified against: a different CA object (a new CA loaded) means check again. */
  issuer: X509Certificate;
  notBefore: Date;
  notAfter: Date;
}

/**
 * How many identities a process keeps (least recently used dropped first): the devices checking in within the
 * same hours. An entry is the parsed certificate and its key, a few kilobytes; a miss costs one parse and one
 * signature check, as every request did before.
 */
export const TRUSTED_IDENTITIES_KEPT = 5_000;
