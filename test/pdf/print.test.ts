import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printPdfs } from '../../src/pdf/print.js';
import { trapServer } from '../support.js';

// A local server stands in for "the internet": the renderer must never reach it.
let server: Awaited<ReturnType<typeof trapServer>>;
let base = '';
beforeAll(async () => {
  server = await trapServer();
  base = server.base;
});
afterAll(() => server.close());

describe('printing offline', () => {
  it('blocks and reports every request that is not the page itself or a data: URL', async () => {
    const html = `<!doctype html><html><head><link rel="stylesheet" href="${base}/a.css"><style>@import url("${base}/b.css"); body { background: url(${base}/c.png) }</style></head>
      <body><p>text</p><img src="${base}/d.png"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><iframe src="${base}/e.html"></iframe><script src="${base}/f.js"></script></body></html>`;
    const [result] = await printPdfs([{ name: 'offline', html, marginText: '' }], { timeoutMs: 30_000 });
    expect(server.hits()).toBe(0);
    // Each reference was attempted, refused, and reported; none reached the server.
    expect([...new Set(result!.blocked.map((u) => u.replace(base, '')))].sort()).toEqual(['/a.css', '/b.css', '/c.png', '/d.png', '/e.html', '/f.js']);
    expect(Buffer.from(result!.pdf.subarray(0, 5)).toString()).toBe('%PDF-');
  }, 60_000);
});
