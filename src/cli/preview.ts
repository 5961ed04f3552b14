import { resolve } from 'node:path';
import { onInterrupt } from '../interrupt.js';
import { DEFAULTS } from '../pipeline/config.js';
import { startPreviewServer, type PreviewServer } from '../pipeline/preview/server.js';
import { runWatch, type BuildCliOptions } from './build.js';
import { EXIT } from './exit.js';

export interface PreviewCliOptions extends BuildCliOptions {
  /** Defaults are the command line's (src/cli.ts). */
  port: string;
  host: string;
}

/** What a browser shows; PDFs are built only when --format asks for them. */
const PREVIEW_FORMATS = 'html,sections';
/** Edits are seen sooner than in `watch`: the point is to see them. */
const PREVIEW_DEBOUNCE_MS = 50;

/**
 * `watch`, with the output folder served over HTTP: open pages reload after each rebuild that
 * changed the output, and show a failed rebuild's errors over the last good output.
 */
export async function runPreview(options: PreviewCliOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const port = Number(options.port);
  if (!/^\d{1,5}$/.test(options.port) || port > 65_535) {
    err.write(`ets-brief preview: --port: expected a number from 0 to 65535 (0: any free port), got "${options.port}"\n`);
    return EXIT.usage;
  }
  const host = options.host;
  const outDir = resolve(options.out ?? DEFAULTS.outDir);
  let server: PreviewServer;
  try {
    server = await startPreviewServer({ root: outDir, host, port });
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
        ? 'the port is in use (choose another with --port, or 0 for any free one)'
        : (error as Error).message;
    err.write(`ets-brief preview: cannot listen on ${host} port ${port}: ${reason}\n`);
    return EXIT.usage;
  }
  onInterrupt(() => server.close());
  out.write(`preview: ${server.url} (serving ${outDir}; open pages reload after each rebuild)\n`);
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) out.write(`preview: listening on ${host}: other machines on the network can read the output\n`);
  const code = await runWatch({ ...options, format: options.format ?? PREVIEW_FORMATS }, out, err, {
    debounceMs: PREVIEW_DEBOUNCE_MS,
    building: () => server.building(),
    built: (code, errors) => server.built(code === EXIT.ok ? undefined : errors.trim() || `the build failed (exit code ${code}); see the terminal`),
  });
  await server.close();
  return code;
}
