// @ts-nocheck
import { createPrivateKey, hkdfSync, X509Certificate } from 'node:crypto';
import { constants } from 'node:fs';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config/index.js';
import { createCa, issueCertificate, newRsaKeyPem, publicKeyPemOf, type KeyPairPem } from '../../mdm/apple/pki.js';

/**
 * Where the Apple area's long-lived keys live: the device CA and the profile signer, each one PEM file in
 * APPLE_CA_DIR holding the certificate and the private key encrypted with the CA passphrase. Created on first use;
 * a process that loses the creation race reads the winner's file, so API and workers always share one CA.
 */
export interface AppleKeyStore {
  ca(): Promise<KeyPairPem>;
  /** The CA certificate parsed once, for verifying device certificates on every request. */
  caCertificate(): Promise<X509Certificate>;
  /** Signs enrolment profiles: a configured certificate (ideally publicly trusted), or one issued by our CA. */
  profileSigner(): Promise<{ signer: KeyPairPem; chain: string[] }>;
}

export function createAppleKeyStore(config: Config, clock: Clock): AppleKeyStore {
  const passphrase = config.APPLE_CA_PASSPHRASE ?? derivedPassphrase(config.DATA_ENCRYPTION_KEY);
  const organization = config.APPLE_ORGANIZATION_NAME;
  let ca: Promise<KeyPairPem> | undefined;
  let signer: Promise<{ signer: KeyPairPem; chain: string[] }> | undefined;
  let caCertificate: X509Certificate | undefined;

  const loadCa = () =>
    loadOrCreate(config.APPLE_CA_DIR, 'device-ca.pem', passphrase, () => createCa(`${organization} MDM device CA`, organization, clock.now()));

  return {
    ca() {
      ca ??= loadCa().catch((error) => {
        ca = undefined;
        throw error;
      });
      return ca;
    },
    async caCertificate() {
      caCertificate ??= new X509Certificate((await this.ca()).certPem);
      return caCertificate;
    },
    profileSigner() {
      signer ??= (async () => {
        if (config.APPLE_PROFILE_SIGNING_CERT_PATH && config.APPLE_PROFILE_SIGNING_KEY_PATH) {
          const pem = await readFile(config.APPLE_PROFILE_SIGNING_CERT_PATH, 'utf8');
          const [certPem, ...chain] = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
          if (!certPem) throw new Error('APPLE_PROFILE_SIGNING_CERT_PATH holds no certificate');
          return { signer: { certPem, keyPem: await readFile(config.APPLE_PROFILE_SIGNING_KEY_PATH, 'utf8') }, chain };
        }
        const authority = await this.ca();
        const own = await loadOrCreate(config.APPLE_CA_DIR, 'profile-signer.pem', passphrase, () => {
          const keyPem = newRsaKeyPem();
          const issued = issueCertificate(authority, {
            commonName: `${organization} profile signing`,
            organization,
            publicKeyPem: publicKeyPemOf(keyPem),
            purpose: 'profile-signer',
            now: clock.now(),
            days: 3 * 365,
          });
          return { certPem: issued.certPem, keyPem };
        });
        return { signer: own, chain: [authority.certPem] };
      })().catch((error) => {
        signer = undefined;
        throw error;
      });
      return signer;
    },
  };
}

async function loadOrCreate(dir: string, file: string, passphrase: string, create: () => KeyPairPem): Promise<KeyPairPem> {
  const path = join(dir, file);
  try {
    return decode(await readFile(path, 'utf8'), passphrase);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const pair = create();
  const sealed = createPrivateKey(pair.keyPem).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }) as string;
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, `${pair.certPem.trim()}\n${sealed.trim()}\n`, { mode: 0o600, flag: constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY });
  try {
    await link(temp, path); // fails if another process created it first: then theirs wins
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(temp, { force: true });
  }
  return decode(await readFile(path, 'utf8'), passphrase);
}

function decode(pem: string, passphrase: string): KeyPairPem {
  const certPem = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)?.[0];
  const sealed = pem.match(/-----BEGIN ENCRYPTED PRIVATE KEY-----[\s\S]+?-----END ENCRYPTED PRIVATE KEY-----/)?.[0];
  if (!certPem || !sealed) throw new Error('Apple key file is missing its certificate or encrypted key');
  const keyPem = createPrivateKey({ key: sealed, format: 'pem', passphrase }).export({ type: 'pkcs8', format: 'pem' }) as string;
  return { certPem: `${certPem}\n`, keyPem };
}

function derivedPassphrase(dataKeyBase64: string): string {
  return Buffer.from(hkdfSync('sha256', Buffer.from(dataKeyBase64, 'base64'), Buffer.alloc(0), 'apple-ca-passphrase', 32)).toString('base64');
}
