// Builds the variants whose config files are given, in this one process with one BuildSession:
// what a site generator using the library does. Exits when done.
import { join } from 'node:path';
import { buildBrief, BuildSession } from '../../dist/index.js';
import { loadConfig } from '../../dist/pipeline/config.js';

// Outputs go to <root>/<prefix><n>, so every build shares the cache at <root>/.ets-brief-cache.
const [data, root, prefix, ...files] = process.argv.slice(2);
const session = new BuildSession();
try {
  for (const [i, file] of files.entries()) {
    const config = await loadConfig(file);
    await buildBrief({ dataDir: data, outDir: join(root, `${prefix}${i + 1}`), langs: config.languages, formats: config.formats, config, session });
  }
} finally {
  await session.close();
}
