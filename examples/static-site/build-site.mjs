#!/usr/bin/env node
// A static website page that embeds ets-brief sections, chosen by id, from the manifest that
// `ets-brief build` writes. It needs no ets-brief code at all: only the output folder.
//
//   node examples/static-site/build-site.mjs [OUTPUT_DIR] [LANG] [SITE_DIR] [SECTION_ID...]
//
// Each fragment's sha256 is checked against the manifest before it is pasted in, so a page is
// never published with a half-written or edited fragment.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const [outputDir = 'output', lang = 'en', siteDir = 'examples/static-site/site', ...wanted] = process.argv.slice(2);
const sectionsDir = join(outputDir, lang, 'sections');
const manifest = JSON.parse(await readFile(join(sectionsDir, 'manifest.json'), 'utf8'));
const chosen = wanted.length > 0 ? wanted.map((id) => manifest.sections.find((s) => s.id === id) ?? fail(`no section "${id}" in the manifest`)) : manifest.sections;

const escape = (text) => String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
function fail(message) {
  console.error(`build-site: ${message}`);
  process.exit(1);
}

const parts = [];
for (const section of chosen) {
  const fragment = await readFile(join(sectionsDir, section.file));
  const sha256 = createHash('sha256').update(fragment).digest('hex');
  if (sha256 !== section.sha256) fail(`${section.file} does not match its manifest hash; rebuild the briefs`);
  parts.push(`<article class="site-card">\n${fragment.toString('utf8')}</article>`);
}

const page = `<!doctype html>
<html lang="${escape(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Carbon markets: EU and China</title>
<style>
  body { margin: 0; font-family: Georgia, serif; background: #f4f1ea; color: #222; }
  header, footer { background: #222; color: #eee; padding: 1rem 2rem; }
  main { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
  .site-card { background: #fff; margin: 0 0 2rem; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
</style>
</head>
<body>
<header><strong>Example policy site</strong> — sections embedded from ets-brief (data as of ${escape(manifest.asOf)})</header>
<main>
${parts.join('\n')}
</main>
<footer>Sections © their sources, as listed in each section.</footer>
</body>
</html>
`;
await mkdir(siteDir, { recursive: true });
await writeFile(join(siteDir, 'index.html'), page);
console.log(`wrote ${join(siteDir, 'index.html')} with ${chosen.length} section(s): ${chosen.map((s) => s.id).join(', ')}`);
