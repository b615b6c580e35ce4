import { fixtureText } from '../../support/fixtures.js';

/**
 * Fixed device identities signed by a fixed test CA (tests/fixtures/apple/generated, see SOURCES.md there). Loaded
 * rather than generated: mutation testing re-runs these files once per mutant, and RSA key generation at the top of
 * a test file made each run take seconds.
 */
const read = (name: string) => fixtureText('apple', `generated/${name}`);

export const testCaCertPem = read('test_ca.cert.pem');
export const rsaIdentity = { keyPem: read('device_rsa.key.pem'), certPem: read('device_rsa.cert.pem') };
export const certificatePem = (name: OpensslVector['certificate']) => read(`${name}.cert.pem`);

export interface OpensslVector {
  key: 'rsa' | 'ec';
  digest: 'sha1' | 'sha256' | 'sha384' | 'sha512';
  signedAttributes: boolean;
  signerId: 'issuerAndSerialNumber' | 'subjectKeyIdentifier';
  header: string;
  certificate: 'device_rsa' | 'device_ec' | 'device_v1';
}
const vectors = JSON.parse(read('mdm_signature_openssl_vectors.json')) as { body: string; vectors: OpensslVector[] };
/** Detached signatures made by `openssl cms -sign` with the identities above, over `opensslBody`. */
export const opensslVectors = vectors.vectors;
export const opensslBody = Buffer.from(vectors.body, 'base64');
