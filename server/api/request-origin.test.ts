import { describe, it, expect } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { clientAddress, isSecureRequest, normalisePublicOrigin, originMatches, ownOrigin, rateLimitAddressKey } from './request-origin.ts';

/** A request as node:http hands it over: headers lower-cased, a socket with the peer address (encrypted only for TLS). */
function requestWith(headers: Record<string, string | string[]>, socket: { remoteAddress?: string; encrypted?: boolean } = { remoteAddress: '203.0.113.7' }): IncomingMessage {
  return { headers, socket } as unknown as IncomingMessage;
}

const trusted = { trustProxy: true };
const untrusted = { trustProxy: false };

describe('whether a request came over TLS', () => {
  it('believes a TLS socket, and X-Forwarded-Proto only from a trusted proxy', () => {
    expect(isSecureRequest(requestWith({}, { encrypted: true }), untrusted)).toBe(true);
    expect(isSecureRequest(requestWith({}), untrusted)).toBe(false);
    expect(isSecureRequest(requestWith({ 'x-forwarded-proto': 'https' }), untrusted)).toBe(false);
    expect(isSecureRequest(requestWith({ 'x-forwarded-proto': 'https' }), trusted)).toBe(true);
    expect(isSecureRequest(requestWith({ 'x-forwarded-proto': 'http' }), trusted)).toBe(false);
    // The proxy appends: what the client wrote first does not count.
    expect(isSecureRequest(requestWith({ 'x-forwarded-proto': 'https, http' }), trusted)).toBe(false);
  });
});

describe('the client address', () => {
  it('is the socket peer unless a trusted proxy names the client, in the last X-Forwarded-For entry', () => {
    const forwarded = requestWith({ 'x-forwarded-for': '198.51.100.1, 192.0.2.44' });
    expect(clientAddress(forwarded, untrusted)).toBe('203.0.113.7');
    expect(clientAddress(forwarded, trusted)).toBe('192.0.2.44');
    expect(clientAddress(requestWith({}), trusted)).toBe('203.0.113.7');
  });

  it('counts IPv6 clients by their /64 network, however the address is written', () => {
    const key = rateLimitAddressKey('2001:db8:85a3:8d3:1319:8a2e:370:7348');
    expect(rateLimitAddressKey('2001:0db8:85a3:08d3::1')).toBe(key);
    expect(rateLimitAddressKey('2001:DB8:85A3:8D3:ffff::')).toBe(key);
    expect(rateLimitAddressKey('2001:db8:85a3:8d4::1')).not.toBe(key);
    expect(rateLimitAddressKey('::1')).toBe(rateLimitAddressKey('0:0:0:0:0:0:0:1'));
  });

  it('counts IPv4 addresses, plain or IPv4-mapped, one by one', () => {
    expect(rateLimitAddressKey('::ffff:192.0.2.1')).toBe(rateLimitAddressKey('192.0.2.1'));
    expect(rateLimitAddressKey('192.0.2.1')).not.toBe(rateLimitAddressKey('192.0.2.2'));
  });
});

describe('the origin the browser addressed', () => {
  it('comes from the Host header and the scheme, or from the configured public origin', () => {
    expect(ownOrigin(requestWith({ host: 'map.example.org' }), untrusted, null)).toBe('http://map.example.org');
    expect(ownOrigin(requestWith({ host: 'map.example.org:8443' }, { encrypted: true }), untrusted, null)).toBe('https://map.example.org:8443');
    expect(ownOrigin(requestWith({ host: 'internal:8080', 'x-forwarded-host': 'map.example.org', 'x-forwarded-proto': 'https' }), trusted, null)).toBe('https://map.example.org');
    expect(ownOrigin(requestWith({ host: 'internal:8080', 'x-forwarded-host': 'evil.example' }), untrusted, null)).toBe('http://internal:8080');
    expect(ownOrigin(requestWith({ host: 'anything' }), untrusted, 'https://map.example.org')).toBe('https://map.example.org');
    expect(ownOrigin(requestWith({}), untrusted, null)).toBeNull();
  });

  it('matches an Origin header only for the same scheme, host and port', () => {
    expect(originMatches('http://map.example.org', 'http://map.example.org')).toBe(true);
    expect(originMatches('https://map.example.org:443', 'https://MAP.example.org')).toBe(true);
    expect(originMatches('https://map.example.org', 'http://map.example.org')).toBe(false);
    expect(originMatches('http://map.example.org:8080', 'http://map.example.org')).toBe(false);
    expect(originMatches('http://evil.example', 'http://map.example.org')).toBe(false);
    expect(originMatches('null', 'http://map.example.org')).toBe(false);
    expect(originMatches('http://map.example.org', null)).toBe(false);
  });

  it('accepts a public origin of scheme and host only', () => {
    expect(normalisePublicOrigin('https://Map.Example.org:443')).toBe('https://map.example.org');
    expect(() => normalisePublicOrigin('https://map.example.org/app')).toThrow(/PUBLIC_ORIGIN/);
    expect(() => normalisePublicOrigin('map.example.org')).toThrow(/PUBLIC_ORIGIN/);
    expect(() => normalisePublicOrigin('ftp://map.example.org')).toThrow(/PUBLIC_ORIGIN/);
  });
});
