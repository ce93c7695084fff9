// The web shell: serves the built renderer and the engine API on 127.0.0.1 only. Every HTTP request and
// WebSocket connection must carry the per-launch token (URL query on first load, then a cookie, or a
// Bearer header); Host and Origin are checked; the HTML carries a CSP.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiEvent } from '../../src-shared/api/contract';
import { callMessageSchema, MAX_WIRE_MESSAGE_BYTES, type EventMessage, type ResultMessage } from '../../src-shared/api/wire';
import type { Engine } from '../engine/engine';
import {
  contentSecurityPolicy,
  cookieName,
  generateToken,
  hostAllowed,
  originAllowed,
  readCookie,
  tokenMatches,
} from './security';
import { mimeOf, resolveStatic } from './static-files';

export interface ServerOptions {
  engine: Engine;
  /** Folder with the built renderer (index.html). */
  rendererDir: string;
  /** 0 = any free port. */
  port?: number;
  /** Fixed token (tests); default: a fresh random one. */
  token?: string;
  log?(line: string): void;
}

export interface RunningServer {
  port: number;
  token: string;
  /** The URL to open, token included. */
  url: string;
  close(): Promise<void>;
}

/** Above this many buffered bytes a slow client misses progress events (records and results still go). */
const SLOW_CLIENT_BYTES = 8 * 1024 * 1024;
const MAX_HTTP_BODY_BYTES = MAX_WIRE_MESSAGE_BYTES;

function securityHeaders(res: http.ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text + '\n');
}

/** A request body above MAX_HTTP_BODY_BYTES: answered 413, not by a reset connection. */
class BodyTooLarge extends Error {}

/** Bytes of an oversized body read (and discarded) so the client sees the 413; past this the socket is cut. */
const MAX_DRAIN_BYTES = 4 * MAX_HTTP_BODY_BYTES;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_HTTP_BODY_BYTES) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > MAX_HTTP_BODY_BYTES) {
        req.off('data', onData);
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Answers 413 and discards the rest of the body (up to MAX_DRAIN_BYTES), so the client reads the answer. */
function refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse): void {
  res.setHeader('Connection', 'close');
  sendText(res, 413, `request body too large: at most ${MAX_HTTP_BODY_BYTES / (1024 * 1024)} MiB`);
  let drained = 0;
  req.on('data', (c: Buffer) => {
    drained += c.length;
    if (drained > MAX_DRAIN_BYTES) req.destroy();
  });
  req.resume();
}

function parseRequestUrl(raw: string | undefined, port: number): URL | null {
  try {
    return new URL(raw ?? '/', `http://127.0.0.1:${port}`);
  } catch {
    return null;
  }
}

/** The API method of /api/<method>, or null when its percent-encoding is broken. */
function apiMethodOf(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname.slice(5));
  } catch {
    return null;
  }
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? generateToken();
  const log = opts.log ?? (() => {});
  const { engine } = opts;
  let port = opts.port ?? 0;
  const sockets = new Set<WebSocket>();

  const authorised = (req: http.IncomingMessage, url: URL): boolean => {
    const bearer = req.headers.authorization?.startsWith('Bearer ') ? req.headers.authorization.slice(7) : null;
    return (
      tokenMatches(url.searchParams.get('token'), token) ||
      tokenMatches(bearer, token) ||
      tokenMatches(readCookie(req.headers.cookie, cookieName(port)), token)
    );
  };

  const serveFile = (req: http.IncomingMessage, res: http.ServerResponse, file: string, isHtml: boolean) => {
    const headers: http.OutgoingHttpHeaders = { 'Content-Type': mimeOf(file) };
    if (isHtml) {
      headers['Content-Security-Policy'] = contentSecurityPolicy(port, req.headers.host);
      headers['Cache-Control'] = 'no-store';
    } else headers['Cache-Control'] = 'private, max-age=3600';
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    securityHeaders(res);
    if (!hostAllowed(req.headers.host)) return sendText(res, 421, 'wrong Host header: use http://127.0.0.1:<port>/ (or localhost)');
    const url = parseRequestUrl(req.url, port);
    if (!url) return sendText(res, 400, 'malformed request URL');
    if (!originAllowed(req.headers.origin, req.headers.host)) return sendText(res, 403, 'cross-origin request refused');
    if (!authorised(req, url)) {
      return sendText(res, 401, 'missing or wrong token: open the URL that `vecwb serve` printed (it ends in ?token=...)');
    }
    // First load with ?token=: remember it in a same-site cookie for the assets and the WebSocket.
    if (url.searchParams.has('token')) {
      res.setHeader('Set-Cookie', `${cookieName(port)}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
    }
    try {
      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return sendText(res, 405, 'API calls are POST /api/<method> with a JSON body');
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendText(res, 415, 'Content-Type must be application/json');
        const method = apiMethodOf(url.pathname);
        if (method === null) return sendText(res, 400, 'bad percent-encoding in the API path');
        let body: string;
        try {
          body = await readBody(req);
        } catch (err) {
          if (err instanceof BodyTooLarge) return refuseTooLarge(req, res);
          throw err;
        }
        let params: unknown = {};
        if (body.trim()) {
          try {
            params = JSON.parse(body);
          } catch {
            return sendText(res, 400, 'body is not valid JSON');
          }
        }
        const outcome = await engine.call(method, params);
        res.writeHead(outcome.ok ? 200 : outcome.error.code === 'internal' ? 500 : outcome.error.code === 'not-found' ? 404 : 400, {
          'Content-Type': 'application/json; charset=utf-8',
          'Cache-Control': 'no-store',
        });
        res.end(JSON.stringify(outcome));
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'method not allowed');
      const file = resolveStatic(opts.rendererDir, url.pathname);
      // Unknown paths fall back to the app (its views are not URL routes, but a reload must not 404).
      const target = file ?? resolveStatic(opts.rendererDir, '/');
      if (!target) return sendText(res, 503, `the UI is not built: ${opts.rendererDir}/index.html is missing`);
      serveFile(req, res, target, target.endsWith('.html'));
    } catch (err) {
      log(`request ${req.method ?? '?'} ${url.pathname} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      if (!res.headersSent) sendText(res, 500, 'internal error');
      else res.end();
    }
  };
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // Nothing may escape as an unhandled rejection (that would stop the server); log it and answer 500.
      log(`request failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      if (!res.headersSent) sendText(res, 500, 'internal error');
      else res.end();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WIRE_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = parseRequestUrl(req.url, port);
    const refuse = (status: string) => {
      socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
      socket.destroy();
    };
    if (!url || url.pathname !== '/ws') return refuse('404 Not Found');
    if (!hostAllowed(req.headers.host)) return refuse('421 Misdirected Request');
    if (!originAllowed(req.headers.origin, req.headers.host)) return refuse('403 Forbidden');
    if (!authorised(req, url)) return refuse('401 Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', () => sockets.delete(ws));
    ws.on('message', async (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'text frames only');
      let raw: unknown;
      try {
        raw = JSON.parse(data.toString());
      } catch {
        return ws.close(1007, 'invalid JSON');
      }
      const msg = callMessageSchema.safeParse(raw);
      if (!msg.success) return ws.close(1008, 'not a call message');
      const outcome = await engine.call(msg.data.method, msg.data.params);
      const reply: ResultMessage = outcome.ok
        ? { type: 'result', id: msg.data.id, ok: true, result: outcome.result }
        : { type: 'result', id: msg.data.id, ok: false, error: outcome.error };
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
    });
  });

  const unsubscribe = engine.onEvent((event: ApiEvent) => {
    const text = JSON.stringify({ type: 'event', event: event.event, payload: event.payload } satisfies EventMessage);
    for (const ws of sockets) {
      if (ws.readyState !== ws.OPEN) continue;
      if (event.event === 'job.progress' && ws.bufferedAmount > SLOW_CLIENT_BYTES) continue;
      ws.send(text);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/?token=${token}`;
  log(`listening on ${url}`);

  return {
    port,
    token,
    url,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
