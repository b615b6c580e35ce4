import { createHash, createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkpointMessage,
  checkpointSignerFor,
  createCheckpointSigner,
  keyIdOf,
  verifyCheckpoint,
  type CheckpointStatement,
} from '../../../src/domain/audit/checkpoint.js';
import { rsaIdentity } from '../apple/device-identity.js';

// Fixed Ed25519 test keys (made with `openssl genpkey -algorithm ed25519`): never used outside these tests.
const signingKeyPem = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJKGcmWne+BVX0FZlfei+I1IRBtXXgx2TtZ8BTelBy9j\n-----END PRIVATE KEY-----\n';
const otherKeyPem = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIIg0vB0UI5I5eS7k9L/CEXgE+NOY0rsBAsT3hQTnK1o9\n-----END PRIVATE KEY-----\n';

const statement: CheckpointStatement = {
  count: 1234n,
  headHash: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  at: new Date('2026-03-01T12:00:00.000Z'),
};

/** What an auditor rebuilds by hand, e.g. with printf, before running `openssl pkeyutl -verify -rawin`. */
const rebuiltByAuditor =
  'mdm-audit-checkpoint/v1\ncount=1234\nheadHash=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\nat=2026-03-01T12:00:00.000Z\n';

describe('audit checkpoint statement', () => {
  it('is plain text, one field a line, that an outside party can rebuild byte for byte', () => {
    expect(checkpointMessage(statement)).toBe(rebuiltByAuditor);
  });

  it('writes counts beyond 2^53 exactly', () => {
    expect(checkpointMessage({ ...statement, count: 9007199254740993n })).toContain('\ncount=9007199254740993\n');
  });
});

describe('signing audit checkpoints', () => {
  it('makes a signature an outside party verifies with the published public key alone', () => {
    const signer = createCheckpointSigner(signingKeyPem);
    const signature = signer.sign(statement);
    const publicKey = createPublicKey(signer.publicKeyPem);
    expect(publicKey.asymmetricKeyType).toBe('ed25519');
    expect(verify(null, Buffer.from(rebuiltByAuditor), publicKey, Buffer.from(signature, 'base64'))).toBe(true);
  });

  it('publishes only a public key', () => {
    const signer = createCheckpointSigner(signingKeyPem);
    expect(signer.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
    expect(signer.publicKeyPem).not.toContain('PRIVATE');
  });

  it('verifies its own signature, by key object or by published PEM', () => {
    const signer = createCheckpointSigner(signingKeyPem);
    const signature = signer.sign(statement);
    expect(signer.verify(statement, signature)).toBe(true);
    expect(verifyCheckpoint(signer.publicKeyPem, statement, signature)).toBe(true);
    expect(verifyCheckpoint(createPublicKey(signer.publicKeyPem), statement, signature)).toBe(true);
  });

  it.each([
    ['a changed count', { count: 1235n }],
    ['a changed head hash', { headHash: statement.headHash.replace(/^9/, '8') }],
    ['a changed time', { at: new Date('2026-03-01T12:00:00.001Z') }],
  ])('fails verification for %s', (_why, change) => {
    const signer = createCheckpointSigner(signingKeyPem);
    const signature = signer.sign(statement);
    const changed = { ...statement, ...change };
    expect(signer.verify(changed, signature)).toBe(false);
    expect(verifyCheckpoint(signer.publicKeyPem, changed, signature)).toBe(false);
  });

  it('fails verification for a changed signature or one made with another key', () => {
    const signer = createCheckpointSigner(signingKeyPem);
    const signature = Buffer.from(signer.sign(statement), 'base64');
    signature[10] = signature[10]! ^ 1;
    expect(signer.verify(statement, signature.toString('base64'))).toBe(false);
    const forged = createCheckpointSigner(otherKeyPem).sign(statement);
    expect(signer.verify(statement, forged)).toBe(false);
    expect(verifyCheckpoint(signer.publicKeyPem, statement, forged)).toBe(false);
  });

  it('names each key by the first 16 hex characters of the SHA-256 of its DER public key', () => {
    const signer = createCheckpointSigner(signingKeyPem);
    const der = createPublicKey(signer.publicKeyPem).export({ type: 'spki', format: 'der' });
    expect(signer.keyId).toBe(createHash('sha256').update(der).digest('hex').slice(0, 16));
    expect(keyIdOf(createPublicKey(signer.publicKeyPem))).toBe(signer.keyId);
    expect(createCheckpointSigner(otherKeyPem).keyId).not.toBe(signer.keyId);
  });

  it('accepts the PEM base64-encoded, as one environment variable holds it', () => {
    const signer = createCheckpointSigner(signingKeyPem);
    const fromBase64 = createCheckpointSigner(Buffer.from(signingKeyPem).toString('base64'));
    expect(fromBase64.keyId).toBe(signer.keyId);
    expect(signer.verify(statement, fromBase64.sign(statement))).toBe(true);
  });

  it('refuses a key that is not Ed25519, and says what is needed', () => {
    expect(() => createCheckpointSigner(rsaIdentity.keyPem)).toThrow('AUDIT_CHECKPOINT_SIGNING_KEY must be an Ed25519 private key');
  });
});

describe('the signer of the configured key', () => {
  it('is absent when no key is configured', () => {
    expect(checkpointSignerFor(undefined)).toBeUndefined();
    expect(checkpointSignerFor('')).toBeUndefined();
  });

  it('is made once per key text and reused', () => {
    const signer = checkpointSignerFor(signingKeyPem);
    expect(signer?.keyId).toBe(createCheckpointSigner(signingKeyPem).keyId);
    expect(checkpointSignerFor(signingKeyPem)).toBe(signer);
    expect(checkpointSignerFor(otherKeyPem)?.keyId).not.toBe(signer?.keyId);
  });
});
