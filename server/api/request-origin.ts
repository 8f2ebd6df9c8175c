// Where a request came from and how: the client's address (for rate limits), whether it arrived
// over TLS (for the cookie's Secure attribute) and the origin the browser was talking to (for the
// Origin check). Behind a reverse proxy the socket only shows the proxy, so the X-Forwarded-*
// headers are read, but only when the server is told to trust a proxy (TRUST_PROXY): otherwise
// any client could write them.
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

export interface ProxyTrust {
  /** A reverse proxy in front of the server sets X-Forwarded-For, -Proto and -Host, and strips what clients sent. */
  trustProxy: boolean;
}

function firstHeader(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The last entry of a comma-separated forwarding header: the one our own proxy wrote (earlier ones come from the client). */
function lastForwarded(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  const joined = Array.isArray(value) ? value.join(',') : value;
  const last = joined?.split(',').at(-1)?.trim();
  return last === undefined || last === '' ? undefined : last;
}

/** True when the request reached us over TLS, or our trusted proxy says the browser used https. */
export function isSecureRequest(request: IncomingMessage, trust: ProxyTrust): boolean {
  if ((request.socket as Partial<TLSSocket>).encrypted === true) return true;
  return trust.trustProxy && lastForwarded(request, 'x-forwarded-proto')?.toLowerCase() === 'https';
}

/** The eight 16-bit groups of an IPv6 address written in any RFC 4291 §2.2 form, or null. */
function ipv6Groups(address: string): number[] | null {
  let text = address.split('%')[0] ?? '';
  const embeddedIpv4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (embeddedIpv4) {
    const octets = embeddedIpv4.slice(1).map(Number);
    if (octets.some((octet) => octet > 255)) return null;
    const [a = 0, b = 0, c = 0, d = 0] = octets;
    text = `${text.slice(0, embeddedIpv4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string | undefined): number[] | null => {
    if (part === undefined || part === '') return [];
    const groups = part.split(':');
    return groups.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group)) ? groups.map((group) => parseInt(group, 16)) : null;
  };
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  if (head === null || tail === null) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...new Array<number>(missing).fill(0), ...tail] : null;
}

/**
 * The key a client is counted under for rate limits: an IPv4 address as it is, and for IPv6 its
 * /64 network, because one subscriber is usually given a whole /64 (RFC 6177) and could otherwise
 * take a new address for every request. IPv4-mapped addresses (::ffff:a.b.c.d) count as IPv4.
 */
export function rateLimitAddressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1] ?? address;
  if (!address.includes(':')) return address;
  const groups = ipv6Groups(address);
  if (groups === null) return address;
  return `${groups.slice(0, 4).map((group) => group.toString(16)).join(':')}::/64`;
}

/** The client's address: the socket's peer, or the address our trusted proxy saw. */
export function clientAddress(request: IncomingMessage, trust: ProxyTrust): string {
  const forwarded = trust.trustProxy ? lastForwarded(request, 'x-forwarded-for') : undefined;
  return forwarded ?? request.socket.remoteAddress ?? 'unknown';
}

/**
 * The origin (scheme://host[:port]) the browser addressed: `publicOrigin` when the server is
 * configured with one, else the request's scheme and Host (X-Forwarded-Host behind a trusted
 * proxy). A browser always sends the Host of the server it talks to, so a page on another site
 * cannot make this match its own Origin. Null when there is no Host to go by.
 */
export function ownOrigin(request: IncomingMessage, trust: ProxyTrust, publicOrigin: string | null): string | null {
  if (publicOrigin !== null) return publicOrigin;
  const host = (trust.trustProxy ? lastForwarded(request, 'x-forwarded-host') : undefined) ?? firstHeader(request, 'host');
  if (host === undefined || host === '') return null;
  try {
    return new URL(`${isSecureRequest(request, trust) ? 'https' : 'http'}://${host}`).origin;
  } catch {
    return null;
  }
}

/** True when an Origin header names `expected` (scheme, host and port; default ports and case ignored). "null" and malformed origins never match. */
export function originMatches(originHeader: string, expected: string | null): boolean {
  if (expected === null) return false;
  try {
    const origin = new URL(originHeader);
    return origin.origin !== 'null' && origin.origin === new URL(expected).origin;
  } catch {
    return false;
  }
}

/** Checks a configured public origin (PUBLIC_ORIGIN): scheme and host only; returns it normalised, or throws saying what is wrong. */
export function normalisePublicOrigin(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`PUBLIC_ORIGIN must be an origin such as https://map.example.org, not "${text}".`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '') {
    throw new Error(`PUBLIC_ORIGIN must be only a scheme (http or https), host and optional port, such as https://map.example.org, not "${text}".`);
  }
  return url.origin;
}
