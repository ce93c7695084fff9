import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  cookieName,
  generateToken,
  hostAllowed,
  originAllowed,
  parseHostHeader,
  readCookie,
  tokenMatches,
} from '../../src-main/server/security';

describe('server security helpers', () => {
  it('makes 256-bit URL-safe tokens that differ per launch', () => {
    const a = generateToken();
    const b = generateToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });

  it('compares tokens exactly, whatever their length', () => {
    const t = generateToken();
    expect(tokenMatches(t, t)).toBe(true);
    expect(tokenMatches(t.slice(0, -1), t)).toBe(false);
    expect(tokenMatches(t + 'x', t)).toBe(false);
    expect(tokenMatches('', t)).toBe(false);
    expect(tokenMatches(null, t)).toBe(false);
    expect(tokenMatches(undefined, t)).toBe(false);
    expect(tokenMatches('x'.repeat(5000), t)).toBe(false);
  });

  it('accepts the loopback Host names with any port (SSH tunnels), and nothing else', () => {
    expect(hostAllowed('127.0.0.1:8737')).toBe(true);
    expect(hostAllowed('LOCALHOST:8737')).toBe(true);
    // ssh -L 9000:127.0.0.1:8737: the browser sends the tunnel's port.
    expect(hostAllowed('127.0.0.1:9000')).toBe(true);
    expect(hostAllowed('localhost:9000')).toBe(true);
    expect(hostAllowed('[::1]:9000')).toBe(true);
    expect(hostAllowed('localhost')).toBe(true);
    // DNS rebinding: the attacker's name is in the Host header, whatever the port.
    expect(hostAllowed('evil.example:8737')).toBe(false);
    expect(hostAllowed('127.0.0.1.evil.example:8737')).toBe(false);
    expect(hostAllowed('localhost.:8737')).toBe(false);
    expect(hostAllowed('127.0.0.2:8737')).toBe(false);
    expect(hostAllowed('[::2]:8737')).toBe(false);
    expect(hostAllowed('127.0.0.1:0')).toBe(false);
    expect(hostAllowed('127.0.0.1:65536')).toBe(false);
    expect(hostAllowed('127.0.0.1:80:81')).toBe(false);
    expect(hostAllowed('user@127.0.0.1:8737')).toBe(false);
    expect(hostAllowed('')).toBe(false);
    expect(hostAllowed(undefined)).toBe(false);
  });

  it('parses Host headers into a lower-case name and port', () => {
    expect(parseHostHeader('LocalHost:9000')).toEqual({ name: 'localhost', port: '9000' });
    expect(parseHostHeader('[::1]:8737')).toEqual({ name: '[::1]', port: '8737' });
    expect(parseHostHeader('127.0.0.1')).toEqual({ name: '127.0.0.1', port: '' });
    expect(parseHostHeader('a b:1')).toBeNull();
    expect(parseHostHeader(undefined)).toBeNull();
  });

  it('accepts a missing Origin (non-browser clients) or the page own origin, no foreign one', () => {
    expect(originAllowed(undefined, '127.0.0.1:1234')).toBe(true);
    expect(originAllowed('http://127.0.0.1:1234', '127.0.0.1:1234')).toBe(true);
    expect(originAllowed('http://localhost:1234', 'localhost:1234')).toBe(true);
    // Through a tunnel on port 9000, Origin and Host both carry 9000.
    expect(originAllowed('http://127.0.0.1:9000', '127.0.0.1:9000')).toBe(true);
    expect(originAllowed('http://[::1]:9000', '[::1]:9000')).toBe(true);
    // Another local server's page (other port, or other loopback name) is another origin.
    expect(originAllowed('http://localhost:3000', 'localhost:1234')).toBe(false);
    expect(originAllowed('http://localhost:1234', '127.0.0.1:1234')).toBe(false);
    expect(originAllowed('https://127.0.0.1:1234', '127.0.0.1:1234')).toBe(false);
    expect(originAllowed('http://evil.example', '127.0.0.1:1234')).toBe(false);
    expect(originAllowed('http://evil.example:1234', 'evil.example:1234')).toBe(false);
    expect(originAllowed('null', '127.0.0.1:1234')).toBe(false);
    expect(originAllowed('http://127.0.0.1:1234', undefined)).toBe(false);
  });

  it('reads the per-port cookie', () => {
    expect(cookieName(99)).toBe('vecwb_token_99');
    expect(readCookie('a=1; vecwb_token_99=abc%2Bd; b=2', 'vecwb_token_99')).toBe('abc+d');
    expect(readCookie('vecwb_token_98=x', 'vecwb_token_99')).toBeNull();
    expect(readCookie(undefined, 'x')).toBeNull();
  });

  it('builds a CSP that allows only own scripts and the local WebSocket', () => {
    const csp = contentSecurityPolicy(4000);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:4000 ws://localhost:4000");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    // Loaded through a tunnel: the WebSocket of the tunnel's host:port is allowed too; foreign hosts never.
    expect(contentSecurityPolicy(4000, '127.0.0.1:9000')).toContain("connect-src 'self' ws://127.0.0.1:4000 ws://localhost:4000 ws://127.0.0.1:9000;");
    expect(contentSecurityPolicy(4000, 'localhost:4000')).toContain("connect-src 'self' ws://127.0.0.1:4000 ws://localhost:4000;");
    expect(contentSecurityPolicy(4000, 'evil.example:9000')).toContain("connect-src 'self' ws://127.0.0.1:4000 ws://localhost:4000;");
  });
});
