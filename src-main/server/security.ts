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

/** Host names that always mean this machine. A DNS-rebinding page has a foreign name in its Host header. */
export const LOOPBACK_HOST_NAMES: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/** Host header -> lower-case name and port ("" when absent), or null when it is not a plain host[:port]. */
export function parseHostHeader(host: string | undefined): { name: string; port: string } | null {
  if (typeof host !== 'string') return null;
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(host.trim());
  if (!m) return null;
  const port = m[2] ?? '';
  if (port !== '' && (Number(port) < 1 || Number(port) > 65535)) return null;
  return { name: m[1].toLowerCase(), port };
}

/**
 * Host headers the server answers to: a loopback name with any port. The port is not checked, so an SSH tunnel
 * on another local port (ssh -L 9000:127.0.0.1:8737) works; DNS rebinding is stopped by the name alone, since
 * a rebound page's Host header carries the attacker's host name.
 */
export function hostAllowed(host: string | undefined): boolean {
  const parsed = parseHostHeader(host);
  return parsed !== null && LOOPBACK_HOST_NAMES.includes(parsed.name);
}

/**
 * A browser Origin must be the page's own: http://<the request's Host>, itself a loopback host. So the UI works
 * through a tunnel (Origin and Host both name the tunnel's port) while pages of other local servers, which
 * are other origins, are refused. A request without Origin (curl, scripts) is judged by its token.
 */
export function originAllowed(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  const parsed = parseHostHeader(host);
  if (parsed === null || !hostAllowed(host)) return false;
  const own = `http://${parsed.name}${parsed.port ? `:${parsed.port}` : ''}`;
  return origin.toLowerCase() === own;
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
    if (part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null; // a broken percent-encoding is no token
    }
  }
  return null;
}

/**
 * Content-Security-Policy of the served UI: only its own scripts; the WebSocket on the host:port the page was
 * loaded from (the server's own port, or a tunnel's: `host` is the request's Host header when allowed).
 */
export function contentSecurityPolicy(port: number, host?: string): string {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const parsed = hostAllowed(host) ? parseHostHeader(host) : null;
  if (parsed) {
    const own = `${parsed.name}${parsed.port ? `:${parsed.port}` : ''}`;
    if (!hosts.includes(own)) hosts.push(own);
  }
  const ws = hosts.map((h) => `ws://${h}`).join(' ');
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
