import { describe, expect, it } from 'vitest';
import {
  allowedHosts,
  contentSecurityPolicy,
  cookieName,
  generateToken,
  hostAllowed,
  originAllowed,
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

  it('accepts only the loopback Host names with the right port', () => {
    expect(allowedHosts(8737)).toEqual(['127.0.0.1:8737', 'localhost:8737']);
    expect(hostAllowed('127.0.0.1:8737', 8737)).toBe(true);
    expect(hostAllowed('LOCALHOST:8737', 8737)).toBe(true);
    expect(hostAllowed('127.0.0.1:8738', 8737)).toBe(false);
    expect(hostAllowed('evil.example:8737', 8737)).toBe(false);
    expect(hostAllowed(undefined, 8737)).toBe(false);
  });

  it('accepts a missing Origin (non-browser clients) but no foreign one', () => {
    expect(originAllowed(undefined, 1234)).toBe(true);
    expect(originAllowed('http://127.0.0.1:1234', 1234)).toBe(true);
    expect(originAllowed('http://localhost:1234', 1234)).toBe(true);
    expect(originAllowed('https://127.0.0.1:1234', 1234)).toBe(false);
    expect(originAllowed('http://evil.example', 1234)).toBe(false);
    expect(originAllowed('null', 1234)).toBe(false);
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
  });
});
