import { BlockList, isIP } from 'node:net';

/** What an API key may be allowed to do. Each route that accepts keys names the one scope it needs. */
export const API_SCOPES = ['devices:read', 'compliance:read', 'access:read', 'audit:read', 'commands:write'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Keys read `mdmk_<prefix>_<secret>`: the prefix finds the row and may be shown; the secret is only ever hashed. */
const KEY_FORMAT = /^mdmk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export const looksLikeApiKey = (value: string) => value.startsWith('mdmk_');

export function formatApiKey(prefix: string, secret: string): string {
  return `mdmk_${prefix}_${secret}`;
}

export function parseApiKey(value: string): { prefix: string; secret: string } | null {
  const match = KEY_FORMAT.exec(value);
  return match ? { prefix: match[1]!, secret: match[2]! } : null;
}

/** "10.0.0.0/8", "2001:db8::/32" or a single address; null when malformed. */
export function parseCidr(text: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const [address, bits, extra] = text.split('/');
  if (extra !== undefined || !address) return null;
  const version = isIP(address);
  if (version === 0) return null;
  const max = version === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (!/^[0-9]{1,3}$/.test(bits ?? String(max)) || prefix < 0 || prefix > max) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** Whether `ip` falls in one of `cidrs`; an empty list allows every address. IPv4-mapped IPv6 counts as IPv4. */
export function addressAllowed(ip: string, cidrs: string[]): boolean {
  if (cidrs.length === 0) return true;
  const list = new BlockList();
  for (const text of cidrs) {
    const cidr = parseCidr(text);
    if (cidr) list.addSubnet(cidr.address, cidr.prefix, cidr.family);
  }
  // Stryker disable next-line ConditionalExpression,MethodExpression,StringLiteral: Node 24's BlockList (engines: node 24) already matches ::ffff:a.b.c.d against IPv4 subnets, so no mutant of this unwrapping changes an answer
  const plain = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  const family = isIP(plain);
  if (family === 0) return false;
  return list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
}
