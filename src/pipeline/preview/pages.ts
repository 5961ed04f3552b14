/** The pages the preview server writes itself: the index of the output, and "not found". */

/** Text made safe for HTML text and quoted attributes: names and paths can hold markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#222}h2{margin-top:1.5rem;font-size:1.1rem}ul{padding-left:1.2rem}code{font-size:.9em}</style>
</head><body>
${body}
</body></html>
`;
}

/** The folder's briefs first, then the rest (sections, reports) in path order. */
function byImportance(a: string, b: string): number {
  const rank = (file: string) => (file === 'brief.html' ? 0 : file.includes('/') ? 2 : 1);
  return rank(a) - rank(b) || a.localeCompare(b);
}

/**
 * Links to every HTML file under the folder, grouped by its first folder (a language: its brief,
 * its sections, any report beside them). `base` is the folder's URL path, encoded, ending in `/`.
 */
export function indexPage(base: string, outDir: string, files: readonly string[]): string {
  const groups = new Map<string, string[]>();
  for (const file of files) {
    const slash = file.indexOf('/');
    const group = slash === -1 ? '' : file.slice(0, slash);
    groups.set(group, [...(groups.get(group) ?? []), slash === -1 ? file : file.slice(slash + 1)]);
  }
  const href = (path: string) => `${base}${path.split('/').map(encodeURIComponent).join('/')}`;
  const link = (path: string) => `<li><a href="${escapeHtml(href(path))}">${escapeHtml(path)}</a></li>`;
  const sections = [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, inGroup]) => {
      const items = inGroup
        .sort(byImportance)
        .map((file) => link(group ? `${group}/${file}` : file))
        .join('\n');
      return `${group ? `<h2>${escapeHtml(group)}</h2>` : ''}<ul>\n${items}\n</ul>`;
    });
  return page(
    'ets-brief preview',
    `<h1>ets-brief preview</h1>
<p>Serving <code>${escapeHtml(outDir)}${escapeHtml(decodeURIComponent(base.slice(0, -1)))}</code>. Open pages reload after each rebuild that changes them.</p>
${sections.length > 0 ? sections.join('\n') : '<p>No HTML here yet: the first build is running, or it failed (its errors are shown below and in the terminal).</p>'}`,
  );
}

export function notFoundPage(path: string): string {
  return page(
    'Not found',
    `<h1>Not found</h1>
<p><code>${escapeHtml(path)}</code> is not in the output. <a href="/">All pages of the preview</a>.</p>`,
  );
}
