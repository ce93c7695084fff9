// Guards of the web shell: a per-launch token compared in constant time, and Host/Origin checks that stop
// DNS-rebinding and cross-site pages from reaching the API on 127.0.0.1.
import crypto from 'node:crypto';

/** 256 random bits, URL-safe. */
export function generateToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison: both sides are hashed first so lengths never leak through timing, then compared
 * with timingSafeEqual.
 */
export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0 || given.length > 1024) return false;
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** Host headers the server answers to: the loopback names with its port. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function hostAllowed(host: string | undefined, port: number): boolean {
  return typeof host === 'string' && allowedHosts(port).includes(host.toLowerCase());
}

/** A browser Origin must be the page's own; a request without Origin (curl, scripts) is judged by its token. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return allowedHosts(port).some((h) => origin.toLowerCase() === `http://${h}`);
}

/** Name of the auth cookie; cookies ignore ports, so the port is part of the name. */
export function cookieName(port: number): string {
  return `vecwb_token_${port}`;
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** Content-Security-Policy of the served UI: only its own scripts; the WebSocket on the same host:port. */
export function contentSecurityPolicy(port: number): string {
  const ws = allowedHosts(port).map((h) => `ws://${h}`).join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    // ECharts and Vue set style attributes at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
