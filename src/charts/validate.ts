/**
 * Chart specs are templates anyone may override, so they are checked before use: a spec binds the
 * data ets-brief gives it and draws; it may not load data from a URL, link anywhere, or embed
 * images (each would make a static brief fetch something or carry a link nobody reviewed).
 * Expressions are safe already: they are interpreted (vega-interpreter), never compiled.
 */
export function validateSpec(spec: unknown, where: string): void {
  const problems: string[] = [];
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) problems.push('the spec must be a JSON object');
  else {
    const schema = (spec as { $schema?: unknown }).$schema;
    if (schema !== undefined && (typeof schema !== 'string' || !/vega-lite\/v6/.test(schema))) problems.push(`$schema must be Vega-Lite v6 (got ${JSON.stringify(schema)})`);
    walk(spec, '', problems);
  }
  if (problems.length > 0) throw new Error(`${where}: invalid chart spec: ${problems.join('; ')}`);
}

const FORBIDDEN_KEYS: Readonly<Record<string, string>> = {
  url: 'loading data from a URL is not allowed (charts are bound to data/ at build time)',
  href: 'links are not allowed in charts',
  loader: 'custom loaders are not allowed',
};

function walk(node: unknown, path: string, problems: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, `${path}[${i}]`, problems));
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    const at = path ? `${path}.${key}` : key;
    if (key in FORBIDDEN_KEYS) problems.push(`${at}: ${FORBIDDEN_KEYS[key]}`);
    if (key === 'mark' && (value === 'image' || (typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'image'))) {
      problems.push(`${at}: image marks are not allowed (they load pictures by URL)`);
    }
    walk(value, at, problems);
  }
}
