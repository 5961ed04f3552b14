import { CHARTS } from '../charts/registry.js';
import { LANGS, type Lang } from '../render/format.js';
import { loadMessages, lookupString } from '../render/i18n.js';
import { EXIT } from './exit.js';
import { table } from './metrics.js';
import { PACKAGE_ROOT } from './paths.js';

/**
 * The charts a brief's templates may place ({{chart "id"}}), each with the fields its data
 * table and spec receive, named as the built-in strings name them in `lang`.
 */
export async function runCharts(options: { json?: boolean; lang?: string }, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const lang = (options.lang ?? 'en') as Lang;
  if (!LANGS.includes(lang)) {
    err.write(`ets-brief charts: --lang: expected one of ${LANGS.join(', ')}, got "${options.lang}"\n`);
    return EXIT.usage;
  }
  const messages = await loadMessages(`${PACKAGE_ROOT}templates`, lang);
  const named = (key: string) => lookupString(messages.strings, key) ?? '';
  const charts = CHARTS.map((c) => ({
    id: c.id,
    title: named(`charts.${c.id}.title`),
    spec: `charts/${c.id}.vl.json`,
    fields: c.fields.map((field) => ({ field, column: named(`charts.${c.id}.${field}`) })),
  }));
  out.write(
    options.json
      ? `${JSON.stringify(charts, null, 2)}\n`
      : `${table(
          ['chart', 'fields (column)', 'title'],
          charts.map((c) => [c.id, c.fields.map((f) => `${f.field} (${f.column})`).join(', '), c.title]),
        )}\n`,
  );
  return EXIT.ok;
}
