// @ts-nocheck
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/clock.js';
import { loadConfig } from '../../../src/config/index.js';
import { createAppleKeyStore } from '../../../src/integrations/apple/key-store.js';
import { signAttached } from '../../../src/mdm/apple/pki.js';

function config(dir: string, passphrase?: string) {
  return loadConfig({
    DATABASE_URL: 'postgresql://unused@127.0.0.1/unused',
    REDIS_URL: 'redis://127.0.0.1:1',
    JWT_SECRET: 'x'.repeat(32),
    DATA_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString('base64'),
    APPLE_CA_DIR: dir,
    ...(passphrase ? { APPLE_CA_PASSPHRASE: passphrase } : {}),
  });
}

describe('Apple key store', () => {
  it('creates the CA once, keeps its key encrypted on disk, and every process loads the same CA', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apple-ca-'));
    const first = await createAppleKeyStore(config(dir), systemClock).ca();
    const file = readFileSync(join(dir, 'device-ca.pem'), 'utf8');
    expect(file).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    expect(file).not.toContain('BEGIN PRIVATE KEY');
    const second = await createAppleKeyStore(config(dir), systemClock).ca();
    expect(second.certPem).toBe(first.certPem);
    await expect(createAppleKeyStore(config(dir, 'a-different-passphrase'), systemClock).ca()).rejects.toThrow();
  });

  it('signs profiles with a signer chained to the CA; the CMS verifies and carries the exact profile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apple-ca-'));
    const store = createAppleKeyStore(config(dir), systemClock);
    const { signer, chain } = await store.profileSigner();
    const content = Buffer.from('<?xml version="1.0"?><plist version="1.0"><dict/></plist>');
    const der = signAttached(content, signer, chain, new Date());
    const signed = new pkijs.SignedData({ schema: new pkijs.ContentInfo({ schema: asn1js.fromBER(new Uint8Array(der)).result }).content });
    expect(await signed.verify({ signer: 0, checkChain: false })).toBe(true);
    expect(Buffer.from(signed.encapContentInfo.eContent!.getValue()).equals(content)).toBe(true);
    expect(signed.certificates).toHaveLength(2); // signer + our CA, so a device can build the chain
  });
});
