/**
 * What `preview` adds to the HTML it serves (never to the files on disk, which hold no script): a
 * small script that reloads the page after a rebuild changed the output, and shows a failed
 * rebuild's errors over the page, which keeps the last good output.
 */

/** The server's event stream (server-sent events): one JSON PreviewState per message. */
export const EVENTS_PATH = '/__ets-brief/events';
/** The shared worker that holds one event stream for every open page of the preview. */
export const WORKER_PATH = '/__ets-brief/reload-worker.js';

export interface PreviewState {
  /** Changes whenever the output does: a page served at another generation reloads. */
  readonly generation: string;
  readonly building: boolean;
  /** The last build's errors, when it failed (the output is then the last good build's). */
  readonly error?: string;
}

/**
 * Runs in the shared worker. A browser opens at most six connections to one host over HTTP/1.1,
 * and an event stream holds one for as long as its page is open: with one stream per page, the
 * seventh open page would never load. The worker holds the one stream and relays it to the pages.
 */
export const WORKER_SCRIPT = `'use strict';
const ports = new Set();
let last;
new EventSource(${JSON.stringify(EVENTS_PATH)}).onmessage = (event) => {
  last = event.data;
  for (const port of ports) port.postMessage(last);
};
onconnect = (event) => {
  const port = event.ports[0];
  ports.add(port);
  port.onmessage = (message) => { if (message.data === 'bye') ports.delete(port); };
  if (last !== undefined) port.postMessage(last);
};
`;

/**
 * Runs in each served page. The error text comes from the build and can hold text from data files:
 * it is only ever set as textContent, never parsed as HTML. The banner lives in a shadow root so the
 * brief's styles cannot hide or restyle it.
 */
function pageScript(generation: string): string {
  return `(() => {
  'use strict';
  const generation = ${JSON.stringify(generation).replace(/</g, '\\u003c')};
  let host;
  const show = (state) => {
    if (state.generation !== generation) { location.reload(); return; }
    host?.remove();
    host = undefined;
    if (!state.error && !state.building) return;
    host = document.createElement('ets-brief-preview');
    const root = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = ':host{all:initial}div{position:fixed;z-index:2147483647;font:14px/1.4 system-ui,sans-serif;box-shadow:0 2px 12px #0004}'
      + '.error{inset:auto 0 0 0;max-height:60vh;overflow:auto;background:#fff4f4;color:#5c0000;border-top:4px solid #c00;padding:12px 16px}'
      + '.building{top:8px;right:8px;background:#1f4e79;color:#fff;padding:4px 10px;border-radius:4px}'
      + 'pre{white-space:pre-wrap;font:12px/1.4 ui-monospace,monospace;margin:8px 0 0}';
    const box = document.createElement('div');
    box.setAttribute('role', state.error ? 'alert' : 'status');
    box.className = state.error ? 'error' : 'building';
    const title = document.createElement('strong');
    title.textContent = state.error ? 'ets-brief: the last rebuild failed; this page shows the last good output.' : 'ets-brief: rebuilding…';
    box.append(title);
    if (state.error) {
      const text = document.createElement('pre');
      text.textContent = state.error;
      box.append(text);
    }
    root.append(style, box);
    (document.body ?? document.documentElement).append(host);
  };
  const receive = (data) => show(JSON.parse(data));
  if (typeof SharedWorker === 'function') {
    const port = new SharedWorker(${JSON.stringify(WORKER_PATH)}, { name: 'ets-brief-preview' }).port;
    port.onmessage = (message) => receive(message.data);
    addEventListener('pagehide', () => port.postMessage('bye'));
    addEventListener('pageshow', (event) => { if (event.persisted) location.reload(); });
  } else {
    new EventSource(${JSON.stringify(EVENTS_PATH)}).onmessage = (event) => receive(event.data);
  }
})();`;
}

/** The page with the reload script at the end of its body (or its end, for a section fragment). */
export function withReloadScript(html: string, generation: string, nonce: string): string {
  const script = `<script nonce="${nonce}">${pageScript(generation)}</script>`;
  const end = html.toLowerCase().lastIndexOf('</body>');
  return end === -1 ? `${html}${script}` : `${html.slice(0, end)}${script}${html.slice(end)}`;
}

/**
 * What served pages may do: run only the injected script (by its nonce) and the worker, connect
 * only to the server, and load styles, images and fonts only from the page itself or the server.
 */
export function pagePolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    "worker-src 'self'",
    "connect-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
