import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** What a checkpoint states: the sealed chain held `count` events, the last one hashing to `headHash`, at `at`. */
export interface CheckpointStatement {
  count: bigint;
  headHash: string;
  at: Date;
}

export interface CheckpointSigner {
  keyId: string;
  /** SubjectPublicKeyInfo PEM: hand it to whoever must verify checkpoints later. */
  publicKeyPem: string;
  sign(statement: CheckpointStatement): string;
  verify(statement: CheckpointStatement, signature: string): boolean;
}

/**
 * The exact bytes signed. Plain text, one field a line, so an outside party can rebuild it with any tool
 * (e.g. `printf` + `openssl pkeyutl -verify -rawin`) without our code.
 */
export function checkpointMessage(statement: CheckpointStatement): string {
  return `mdm-audit-checkpoint/v1\ncount=${statement.count}\nheadHash=${statement.headHash}\nat=${statement.at.toISOString()}\n`;
}

/** First 16 hex characters of the SHA-256 of the DER public key: names the key so it can be rotated. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** Accepts a PKCS#8 PEM, or the same PEM base64-encoded (easier to pass in one environment variable). */
export function createCheckpointSigner(privateKeyText: string): CheckpointSigner {
  const pem = privateKeyText.includes('-----BEGIN') ? privateKeyText : Buffer.from(privateKeyText, 'base64').toString('utf8');
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('AUDIT_CHECKPOINT_SIGNING_KEY must be an Ed25519 private key');
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (statement) => sign(null, Buffer.from(checkpointMessage(statement)), privateKey).toString('base64'),
    verify: (statement, signature) => verifyCheckpoint(publicKey, statement, signature),
  };
}

export function verifyCheckpoint(publicKey: KeyObject | string, statement: CheckpointStatement, signature: string): boolean {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return verify(null, Buffer.from(checkpointMessage(statement)), key, Buffer.from(signature, 'base64'));
}

const signers = new Map<string, CheckpointSigner>();

/** One signer per configured key text: parsing a key per request or per sealing round would be wasted work. */
export function checkpointSignerFor(privateKeyText: string | undefined): CheckpointSigner | undefined {
  if (!privateKeyText) return undefined;
  let signer = signers.get(privateKeyText);
  if (!signer) {
    signer = createCheckpointSigner(privateKeyText);
    signers.set(privateKeyText, signer);
  }
  return signer;
}
