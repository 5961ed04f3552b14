import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../src/pipeline/preview/server.js';

// The preview's HTTP server over a small output folder of its own: what it serves, what it
// refuses, what it adds to pages, and what its event stream says.
let dir: string;
let out: string;
let server: PreviewServer;
let port: number;

const BRIEF = '<!doctype html><html><head><title>Brief</title></head><body><p>The brief.</p></body></html>';
const SECTION = '<section class="etsb"><p>A section.</p></section>';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ets-preview-server-'));
  out = join(dir, 'out');
  await mkdir(join(out, 'en', 'sections'), { recursive: true });
  await mkdir(join(out, '.ets-brief-cache'), { recursive: true });
  await writeFile(join(out, 'en', 'brief.html'), BRIEF);
  await writeFile(join(out, 'en', 'sections', 'key-figures.html'), SECTION);
  await writeFile(join(out, 'en', 'changes.html'), '<p>What changed.</p>');
  await writeFile(join(out, 'en', 'numbers.json'), '{"numbers":[]}');
  await writeFile(join(out, 'en', 'chart.csv'), 'a,b\n1,2\n');
  await writeFile(join(out, 'en', 'brief.pdf'), '%PDF-1.7\n');
  await writeFile(join(out, 'en', 'chart.svg'), '<svg xmlns="http://www.w3.org/2000/svg"></svg>');
  await writeFile(join(out, 'en', '<b>odd name.html'), '<p>odd</p>');
  await writeFile(join(out, '.ets-brief-output'), 'marker');
  await writeFile(join(out, '.ets-brief-cache', 'entry'), 'cached');
  await writeFile(join(dir, 'secret.txt'), 'SECRET OUTSIDE THE OUTPUT');
  await symlink(join(dir, 'secret.txt'), join(out, 'en', 'link-out.html'));
  await symlink(dir, join(out, 'en', 'folder-out'));
  await symlink(join(out, 'en', 'brief.html'), join(out, 'en', 'link-in.html'));
  execFileSync('mkfifo', [join(out, 'en', 'pipe.html')]);
  server = await startPreviewServer({ root: out, host: '127.0.0.1', port: 0 });
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with the path sent exactly as written (fetch would normalise `..` away). */
function get(path: string, options: { method?: string; host?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: options.host ?? `127.0.0.1:${port}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The first `count` messages of the event stream. */
function events(count: number, during: () => Promise<void> = async () => {}): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/__ets-brief/events' }, (res) => {
      const messages: unknown[] = [];
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        buffer += d;
        for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
          const data = buffer
            .slice(0, end)
            .split('\n')
            .find((l) => l.startsWith('data: '));
          buffer = buffer.slice(end + 2);
          if (data) messages.push(JSON.parse(data.slice(6)));
          if (messages.length === 1) void during();
          if (messages.length === count) {
            req.destroy();
            resolve(messages);
          }
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('preview server: what it serves', () => {
  it('serves a page with the reload script added, allowed by a nonce, and leaves the file on disk as it was', async () => {
    const reply = await get('/en/brief.html');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    const nonce = /<script nonce="([^"]+)">/.exec(reply.body)?.[1];
    expect(nonce).toBeDefined();
    expect(reply.headers['content-security-policy']).toContain(`script-src 'nonce-${nonce}'`);
    expect(reply.headers['content-security-policy']).toContain("default-src 'none'");
    expect(reply.body).toMatch(/<p>The brief\.<\/p><script nonce="[^"]+">[\s\S]*<\/script><\/body><\/html>$/);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(await readFile(join(out, 'en', 'brief.html'), 'utf8')).toBe(BRIEF);
    // A fresh nonce each time: a nonce is worth nothing if it can be guessed.
    expect((await get('/en/brief.html')).body).not.toContain(`nonce="${nonce}"`);
  });

  it('adds the script at the end of a section fragment, which has no body', async () => {
    const reply = await get('/en/sections/key-figures.html');
    expect(reply.body.startsWith(SECTION)).toBe(true);
    expect(reply.body.slice(SECTION.length)).toMatch(/^<script nonce="[^"]+">[\s\S]*<\/script>$/);
  });

  it('gives each kind of file its content type, and no script to anything but HTML', async () => {
    const types: Record<string, string> = {
      '/en/numbers.json': 'application/json; charset=utf-8',
      '/en/chart.csv': 'text/csv; charset=utf-8',
      '/en/brief.pdf': 'application/pdf',
      '/en/chart.svg': 'image/svg+xml',
    };
    for (const [path, type] of Object.entries(types)) {
      const reply = await get(path);
      expect(reply.headers['content-type'], path).toBe(type);
      expect(reply.headers['x-content-type-options'], path).toBe('nosniff');
      expect(reply.body, path).not.toContain('<script');
    }
    expect((await get('/en/numbers.json')).body).toBe('{"numbers":[]}');
    expect((await get('/en/chart.svg')).headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('answers HEAD with the headers alone, and anything but GET and HEAD with 405', async () => {
    const head = await get('/en/chart.csv', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe('8');
    expect(head.body).toBe('');
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const reply = await get('/en/brief.html', { method });
      expect(reply.status, method).toBe(405);
      expect(reply.headers.allow).toBe('GET, HEAD');
    }
  });

  it("lists every HTML page on the index, each language's brief first, names escaped", async () => {
    const reply = await get('/');
    expect(reply.status).toBe(200);
    const links = [...reply.body.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]);
    expect(links[0]).toBe('/en/brief.html');
    expect(links).toContain('/en/sections/key-figures.html');
    expect(links).toContain('/en/changes.html');
    expect(links).toContain('/en/%3Cb%3Eodd%20name.html');
    expect(reply.body).toContain('&#60;b&#62;odd name.html');
    expect(reply.body).not.toContain('<b>odd');
    expect(links.some((l) => l?.includes('.ets-brief'))).toBe(false);
    expect(reply.body).toMatch(/<script nonce=/); // it reloads too, when the first build lands
    // A folder without its trailing slash is sent to it, so relative links work.
    const folder = await get('/en');
    expect(folder.status).toBe(301);
    expect(folder.headers.location).toBe('/en/');
  });
});

describe('preview server: what it refuses', () => {
  it('serves nothing outside the output folder, however the path is written', async () => {
    for (const path of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/en/..%2f..%2fsecret.txt',
      '/en/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/en/..%5c..%5csecret.txt',
      '/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    ]) {
      const reply = await get(path);
      expect([400, 404], path).toContain(reply.status);
      expect(reply.body, path).not.toContain('SECRET');
      expect(reply.body, path).not.toContain('root:');
    }
  });

  it('follows no link out of the output folder, and follows one inside it', async () => {
    expect((await get('/en/link-out.html')).status).toBe(404);
    expect((await get('/en/folder-out/secret.txt')).status).toBe(404);
    expect((await get('/en/folder-out/')).status).toBe(404);
    const inside = await get('/en/link-in.html');
    expect(inside.status).toBe(200);
    expect(inside.body).toContain('The brief.');
  });

  it('hides the cache, the marker and other hidden files', async () => {
    expect((await get('/.ets-brief-cache/entry')).status).toBe(404);
    expect((await get('/.ets-brief-output')).status).toBe(404);
    expect((await get('/en/%2e%2e/.ets-brief-output')).status).toBe(404);
  });

  it('does not hang on a FIFO (not a regular file)', async () => {
    expect((await get('/en/pipe.html')).status).toBe(404);
  });

  it('escapes the path it names on the not-found page', async () => {
    const reply = await get('/%3Cimg%20src=x%20onerror=alert(1)%3E');
    expect(reply.status).toBe(404);
    expect(reply.body).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(reply.body).not.toContain('<img');
  });

  it('answers only to loopback host names when it listens on loopback (DNS rebinding)', async () => {
    expect((await get('/en/brief.html', { host: 'attacker.example' })).status).toBe(403);
    expect((await get('/en/brief.html', { host: `attacker.example:${port}` })).status).toBe(403);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `app.localhost:${port}`]) {
      expect((await get('/en/brief.html', { host })).status, host).toBe(200);
    }
  });
});

describe('preview server: the event stream', () => {
  it('sends the state on connecting, then building, a failure with its text, and a new generation only when the output changed', async () => {
    const [first, building, failed, unchanged, changed] = (await events(5, async () => {
      server.building();
      await server.built('facts.csv:3:7: error [value]: invalid value (got "<img src=x onerror=alert(1)>")');
      await server.built(); // nothing new in the output: no reload
      await writeFile(join(out, 'en', 'brief.html'), BRIEF.replace('The brief.', 'The brief, rebuilt.'));
      await server.built();
    })) as { generation: string; building: boolean; error?: string }[];
    expect(first!.building).toBe(false);
    expect(building).toEqual({ ...first, building: true });
    expect(failed).toEqual({
      generation: first!.generation,
      building: false,
      error: 'facts.csv:3:7: error [value]: invalid value (got "<img src=x onerror=alert(1)>")',
    });
    expect(unchanged).toEqual({ generation: first!.generation, building: false });
    expect(changed!.generation).not.toBe(first!.generation);
    expect(changed!.error).toBeUndefined();
  });
});
