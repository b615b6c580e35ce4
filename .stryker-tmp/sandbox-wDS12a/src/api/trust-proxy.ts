/**
 * TRUST_PROXY as Fastify's `trustProxy`: empty (default) trusts nobody, so the client address is the socket's peer
 * and X-Forwarded-For is ignored; a number trusts that many proxy hops; otherwise a comma-separated list of proxy
 * addresses or CIDRs. `true` (trust any sender's header) is deliberately not expressible: it lets every client
 * pick its own address, and with it a fresh rate-limit budget and a made-up address in the audit log.
 */
// @ts-nocheck

export function trustProxySetting(raw: string): false | string[] | ((address: string, hop: number) => boolean) {
  const value = raw.trim();
  if (value === '' || value === 'false' || value === '0') return false;
  if (/^[0-9]+$/.test(value)) {
    const hops = Number(value);
    // What proxy-addr does for a number: believe the header for the nearest `hops` proxies only.
    return (_address: string, hop: number) => hop < hops;
  }
  return value.split(',').map((part) => part.trim()).filter((part) => part.length > 0);
}
