import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EVENTS_PATH, pagePolicy, WORKER_PATH, WORKER_SCRIPT, withReloadScript, type PreviewState } from './client.js';
import { contentType, htmlFiles, isHtml, outputSignature, resolveServed } from './files.js';
import { indexPage, notFoundPage } from './pages.js';

export interface PreviewServerOptions {
  /** The output folder served: only files under it are. */
  readonly root: string;
  /** Where to listen; a loopback address unless the user chose otherwise. */
  readonly host: string;
  /** 0: any free port. */
  readonly port: number;
}

export interface PreviewServer {
  /** Where to open the preview. */
  readonly url: string;
  /** A build started: open pages say so. */
  building(): void;
  /**
   * A build ended. Without an error, open pages reload if the output changed; with one, they show
   * it over the output they have, which stays the last good build's.
   */
  built(error?: string): Promise<void>;
  close(): Promise<void>;
}

const TEXT = 'text/plain; charset=utf-8';
/** Comments on the event stream keep proxies and idle timeouts from closing it. */
const HEARTBEAT_MS = 30_000;

/** Serves an output folder, with every HTML page it sends reloading after a rebuild. */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  // A new server's generations never match an old one's: pages left open across a restart reload.
  const boot = randomBytes(4).toString('hex');
  let builds = 0;
  let signature = await outputSignature(options.root);
  let state: PreviewState = { generation: `${boot}-0`, building: false };
  const streams = new Set<ServerResponse>();
  const publish = (next: PreviewState) => {
    state = next;
    for (const stream of streams) stream.write(`data: ${JSON.stringify(state)}\n\n`);
  };
  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.write(': still here\n\n');
  }, HEARTBEAT_MS).unref();
  const hostAllowed = allowedHosts(options.host);

  const sendPage = (req: IncomingMessage, res: ServerResponse, status: number, html: string, generation = state.generation) => {
    const nonce = randomBytes(16).toString('base64');
    send(req, res, status, 'text/html; charset=utf-8', withReloadScript(html, generation, nonce), { 'Content-Security-Policy': pagePolicy(nonce) });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    // A web page elsewhere could otherwise reach this server through a domain of its own that it
    // points at 127.0.0.1 (DNS rebinding) and read the output.
    if (!hostAllowed(req.headers.host)) return send(req, res, 403, TEXT, `This preview answers to ${options.host} and localhost only.\n`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(req, res, 405, TEXT, 'Only GET and HEAD.\n', { Allow: 'GET, HEAD' });
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === EVENTS_PATH) return openStream(req, res);
    if (pathname === WORKER_PATH)
      return send(req, res, 200, 'text/javascript; charset=utf-8', WORKER_SCRIPT, { 'Content-Security-Policy': "default-src 'none'; connect-src 'self'" });
    // Taken before the file is read: a page read just before a rebuild lands then reloads once more
    // rather than keep old content under a new generation.
    const generation = state.generation;
    const served = await resolveServed(options.root, pathname);
    if (served.kind === 'none') return sendPage(req, res, 404, notFoundPage(safeDecode(pathname)));
    if (served.kind === 'folder') {
      const base = `/${served.segments.map(encodeURIComponent).join('/')}${served.segments.length > 0 ? '/' : ''}`;
      // Relative links in the index need the trailing slash.
      if (!pathname.endsWith('/')) return send(req, res, 301, TEXT, '', { Location: base });
      return sendPage(req, res, 200, indexPage(base, options.root, await htmlFiles(served.path)), generation);
    }
    if (isHtml(served.path)) return sendPage(req, res, 200, await readFile(served.path, 'utf8'), generation);
    const headers: OutgoingHttpHeaders = { 'Content-Type': contentType(served.path), 'Content-Length': served.size };
    // An SVG opened on its own is a document that could run script: not from this server.
    if (served.path.toLowerCase().endsWith('.svg'))
      headers['Content-Security-Policy'] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return res.end();
    createReadStream(served.path)
      .on('error', () => res.destroy())
      .pipe(res);
  };

  const openStream = (req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    res.write(`retry: 1000\ndata: ${JSON.stringify(state)}\n\n`);
    streams.add(res);
    req.on('close', () => streams.delete(res));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else send(req, res, 500, TEXT, `ets-brief preview: ${(error as Error).message}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${urlHost(options.host)}:${port}/`,
    building: () => publish({ ...state, building: true }),
    built: async (error) => {
      if (error !== undefined) return publish({ generation: state.generation, building: false, error });
      const next = await outputSignature(options.root);
      if (next !== signature) {
        signature = next;
        builds++;
      }
      publish({ generation: `${boot}-${builds}`, building: false });
    },
    close: async () => {
      clearInterval(heartbeat);
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string, headers: OutgoingHttpHeaders = {}): void {
  const bytes = Buffer.from(body);
  res.writeHead(status, { ...headers, 'Content-Type': type, 'Content-Length': bytes.length });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

function safeDecode(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

const LOOPBACK = /^(?:localhost|.+\.localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

/**
 * Which Host headers to answer: bound to a loopback address, only loopback names (and whatever
 * name the user bound to); bound elsewhere, the user has chosen to be reachable: any.
 */
function allowedHosts(bound: string): (host: string | undefined) => boolean {
  if (!LOOPBACK.test(bound)) return () => true;
  return (host) => {
    if (host === undefined) return true; // HTTP/1.0 clients, not browsers
    const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '');
    return LOOPBACK.test(name) || name.toLowerCase() === bound.toLowerCase();
  };
}

/** The host part of the URL to print: all interfaces are best opened as localhost. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
