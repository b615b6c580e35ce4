import { createHash, timingSafeEqual } from 'node:crypto';

/** Checks the API keys identity providers and VPNs present to GET /v1/devices/{id}/access. */
export interface AccessKeyVerifier {
  readonly enabled: boolean;
  verify(presented: string): boolean;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

export function createAccessKeyVerifier(keys: string): AccessKeyVerifier {
  // Compare digests so every comparison takes the same time whatever the key lengths.
  const digests = keys.split(',').map((k) => k.trim()).filter(Boolean).map(digest);
  return {
    enabled: digests.length > 0,
    verify(presented) {
      const candidate = digest(presented);
      let match = false;
      for (const d of digests) match = timingSafeEqual(d, candidate) || match;
      return match;
    },
  };
}
