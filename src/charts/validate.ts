import { positionOf } from '../json-source.js';
import { didYouMean } from '../suggest.js';

/**
 * Chart specs are templates anyone may override, so they are checked before use: a spec binds the
 * data ets-brief gives it and draws; it may not load data from a URL, link anywhere, embed images
 * or name a resource in a style (each would make a static brief fetch something or carry a link
 * nobody reviewed). Errors name the spec file and the JSON path of each problem.
 *
 * The check is an allow-list where it can be one: the top-level keys a single-view or layered
 * Vega-Lite chart uses, keys that are plain names, and string values that hold no CSS resource
 * reference in any spelling. Expressions are checked separately, when the chart renders (see
 * expressions.ts).
 */
export function validateSpec(spec: unknown, where: string, text?: string): void {
  const problems: Problem[] = [];
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) problems.push({ path: [], text: 'the spec must be a JSON object' });
  else {
    const schema = (spec as { $schema?: unknown }).$schema;
    if (schema !== undefined && (typeof schema !== 'string' || !/^https:\/\/vega\.github\.io\/schema\/vega-lite\/v6(\.\d+)*\.json$/.test(schema))) {
      problems.push({ path: ['$schema'], text: `$schema must be Vega-Lite v6 (got ${JSON.stringify(schema)})` });
    }
    for (const key of Object.keys(spec)) {
      if (!TOP_LEVEL.has(key))
        problems.push({ path: [key], text: `${key}: not a key ets-brief allows at the top of a chart spec (allowed: ${[...TOP_LEVEL].join(', ')})` });
    }
    walk(spec, [], problems);
  }
  if (problems.length === 0) return;
  // With the spec's text, each problem is located at its line and column; without, by its JSON path.
  if (text === undefined) throw new Error(`${where}: invalid chart spec: ${problems.map((p) => p.text).join('; ')}`);
  throw new Error(problems.map((p) => `${located(where, text, p.path)}: invalid chart spec: ${p.text}`).join('\n'));
}

/** A problem at a place in the spec; its text starts with the place as a path (`layer[0].mark`). */
interface Problem {
  readonly path: JsonPath;
  readonly text: string;
}

/** `file:line:column` of the value at `path` in the spec's text, or the file alone. */
function located(file: string, text: string, path: JsonPath): string {
  const at = positionOf(text, path);
  return at ? `${file}:${at.line}:${at.column}` : file;
}

/** A JSON path as the messages write it: layer[0].mark.fill. */
const pathText = (path: JsonPath) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');

/** Top-level keys of a Vega-Lite unit, layer or concatenated spec that draw from bound data. */
const TOP_LEVEL = new Set([
  '$schema',
  'name',
  'description',
  'title',
  'data',
  'mark',
  'encoding',
  'layer',
  'transform',
  'params',
  'projection',
  'width',
  'height',
  'view',
  'resolve',
  'concat',
  'hconcat',
  'vconcat',
  'facet',
  'spec',
  'repeat',
  'columns',
  'spacing',
  'align',
  'bounds',
  'center',
]);

const FORBIDDEN_KEYS: Readonly<Record<string, string>> = {
  url: 'loading data from a URL is not allowed (charts are bound to data/ at build time)',
  href: 'links are not allowed in charts',
  loader: 'custom loaders are not allowed',
  image: 'images are not allowed in charts (they load pictures by URL)',
  src: 'sources by URL are not allowed in charts',
  datasets: 'datasets are given by ets-brief (the spec names them with {"name": …})',
  config: 'the look comes from ets-brief and the configuration (theme), not from a spec',
  usermeta: 'usermeta is not allowed (nothing reads it, and it would be carried unchecked)',
  ['__proto__']: 'not a chart spec key',
  constructor: 'not a chart spec key',
  prototype: 'not a chart spec key',
};

/**
 * Transforms and generators whose output grows with a number the spec writes rather than with the
 * data: each is bounded, so no spec can ask for more rows or points than a chart could draw (two
 * `flatten` steps over sequence() arrays multiplied into a heap exhaustion).
 */
export const ROW_LIMIT = 10_000;
function rowGrowthProblem(key: string, value: unknown): string | undefined {
  if (key === 'flatten') return 'flatten is not allowed: it multiplies rows by the length of arrays a spec can make as long as it likes';
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  if ((key === 'steps' || key === 'maxbins' || key === 'maxsteps') && value !== undefined) {
    const v = n(value);
    return v === undefined || v > ROW_LIMIT ? `${key} must be a number of at most ${ROW_LIMIT} (got ${JSON.stringify(value)})` : undefined;
  }
  if ((key === 'sequence' || key === 'keyvals') && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    // {start, stop, step}: Vega-Lite's sequence generator, and impute's key values.
    const { start = 0, stop, step = 1 } = value as { start?: unknown; stop?: unknown; step?: unknown };
    const [a, b, c] = [n(start), n(stop), n(step)];
    const count = a === undefined || b === undefined || c === undefined || c === 0 ? Infinity : Math.ceil((b - a) / c);
    return count > ROW_LIMIT
      ? `${key} would make ${Number.isFinite(count) ? count : 'unbounded'} values (at most ${ROW_LIMIT}, with numbers written in the spec)`
      : undefined;
  }
  if (key === 'transform' && Array.isArray(value)) {
    // A quantile transform makes one row per step of probability: 1/step rows.
    for (const t of value as unknown[]) {
      const q = t as { quantile?: unknown; step?: unknown; probs?: unknown };
      if (typeof q !== 'object' || q === null || q.quantile === undefined) continue;
      if (q.step !== undefined && (n(q.step) === undefined || n(q.step)! < 1 / ROW_LIMIT))
        return `a quantile step must be at least ${1 / ROW_LIMIT} (got ${JSON.stringify(q.step)})`;
      if (Array.isArray(q.probs) && q.probs.length > ROW_LIMIT) return `a quantile asks for ${q.probs.length} probabilities (at most ${ROW_LIMIT})`;
    }
  }
  if (key === 'bin' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    // A fixed step makes as many bins as the data's extent divided by it: bins are asked by count.
    const { step, steps } = value as { step?: unknown; steps?: unknown };
    if (step !== undefined || steps !== undefined)
      return `bin.${step !== undefined ? 'step' : 'steps'} is not allowed: ask for bins with maxbins (at most ${ROW_LIMIT})`;
  }
  return undefined;
}

/** Keys are plain names (field names in inline data may be any text but are checked the same). */
const PLAIN_KEY = /^\$?[A-Za-z_][\w-]*$/;

/** CSS text as a parser reads it: escapes decoded, comments and whitespace gone, lower case. */
function cssPlain(value: string): string {
  return value
    .replace(/\\([0-9a-fA-F]{1,6})\s?/g, (_, hex: string) => String.fromCodePoint(Math.min(parseInt(hex, 16) || 0xfffd, 0x10ffff)))
    .replace(/\\([\s\S])/g, '$1')
    .replace(/\/\*[\s\S]*?(\*\/|$)/g, '')
    .replace(/[\s\u0000]+/g, '')
    .toLowerCase();
}

/** SVG attributes read as CSS values, where url() loads a resource. */
const PAINT_OR_STYLE = /^(fill|stroke|style|clip-path|mask|filter|marker(-start|-mid|-end)?|cursor|font-family|color)$/i;

/**
 * The last gate, on the rendered SVG: a colour or style computed at run time (from data with
 * `scale: null`, or an expression building "ur" + "l(") is caught here. Only references inside
 * the SVG itself (`url(#gradient_0)`, Vega's gradients) may remain.
 */
export function externalReferences(svg: string): string[] {
  // Text attributes (aria-label…) carry the data's words, which may mention url( as text; so does
  // element text (a legend's market name), where `<` is escaped: only attributes inside tags count.
  const found: string[] = [];
  const attributes = [...svg.matchAll(/<[A-Za-z][^>]*>/g)].flatMap((tag) => [...tag[0].matchAll(/\s([\w:-]+)="([^"]*)"/g)]);
  for (const m of attributes) {
    const [, name, value] = m as unknown as [string, string, string];
    if (/^(xlink:)?href$|^src$/i.test(name)) found.push(`${name}="${value}"`);
    else if (
      PAINT_OR_STYLE.test(name) &&
      /url\((?!['"]?#)|image(-set)?\(|@import|javascript:/.test(cssPlain(value.replace(/&quot;/g, '"').replace(/&amp;/g, '&')))
    )
      found.push(`${name}="${value}"`);
  }
  for (const m of svg.matchAll(/<(script|image|foreignObject|use|style)\b/gi)) found.push(`<${m[1]}>`);
  return found;
}

/**
 * Does a string name a resource in CSS or SVG? `url(` in any case, with CSS escapes (`u\72l(`,
 * `\75 rl(`), comments or whitespace inside, and `image(`, `image-set(`, `src(`, `@import`.
 */
export function namesResource(value: string): boolean {
  return /url\(|image(-set)?\(|src\(|@import|javascript:/.test(cssPlain(value));
}

function walk(node: unknown, path: JsonPath, problems: Problem[]): void {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) walk(item, [...path, i], problems);
    return;
  }
  if (typeof node === 'string') {
    if (namesResource(node))
      problems.push({
        path,
        text: `${pathText(path)}: ${JSON.stringify(node.length > 60 ? `${node.slice(0, 60)}…` : node)} names a resource (url(), image(), @import…), which a brief would fetch`,
      });
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    const path2 = [...path, key];
    const problem = (detail: string) => problems.push({ path: path2, text: `${pathText(path2)}: ${detail}` });
    if (Object.hasOwn(FORBIDDEN_KEYS, key)) problem(FORBIDDEN_KEYS[key]!);
    else if (!PLAIN_KEY.test(key)) problem(`${JSON.stringify(key)} is not a plain key name`);
    const growth = rowGrowthProblem(key, value);
    if (growth) problem(growth);
    if (key === 'mark' && value === 'image') problem('image marks are not allowed (they load pictures by URL)');
    if (key === 'mark' && typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'image') {
      problem('image marks are not allowed (they load pictures by URL)');
    }
    walk(value, path2, problems);
  }
}

type JsonPath = readonly (string | number)[];

/** A field (or dataset) a spec names that the data it is bound to does not carry. */
export interface UnboundName {
  readonly path: JsonPath;
  readonly kind: 'field' | 'dataset';
  readonly name: string;
  /** The dataset a field was looked for in. */
  readonly dataset?: string;
  readonly known: readonly string[];
}

/**
 * Fields and datasets a spec names that its data does not have. Vega-Lite draws nothing for a
 * misspelt field, silently: a spec is checked against the rows ets-brief binds to it. A view reads
 * the dataset it names or the one its parent names; a field is known if the dataset's rows carry
 * it or a transform on the way makes it (`as`, fold's key and value). A dataset without rows this
 * build is not checked (its fields cannot be known), nor a view under a pivot (its fields come
 * from the data's values).
 */
export function unboundNames(spec: unknown, datasets: Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>): UnboundName[] {
  const found: UnboundName[] = [];
  const fieldsOf = (name: string) => [...new Set(datasets[name]!.flatMap((row) => Object.keys(row)))];
  const visit = (node: unknown, path: JsonPath, dataset: string | undefined, made: ReadonlySet<string>, pivoted: boolean): void => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) visit(item, [...path, i], dataset, made, pivoted);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const view = node as Record<string, unknown>;
    const named = (view.data as { name?: unknown } | undefined)?.name;
    if (typeof named === 'string') {
      if (Object.hasOwn(datasets, named)) dataset = named;
      else found.push({ path: [...path, 'data', 'name'], kind: 'dataset', name: named, known: Object.keys(datasets) });
    }
    let fields = made;
    if (Array.isArray(view.transform)) {
      const more = new Set(made);
      for (const step of view.transform as unknown[]) {
        if (typeof step !== 'object' || step === null) continue;
        const s = step as Record<string, unknown>;
        if (s.pivot !== undefined) pivoted = true;
        if (s.fold !== undefined && s.as === undefined) for (const f of ['key', 'value']) more.add(f);
        for (const out of outputNames(s)) more.add(out);
      }
      fields = more;
    }
    for (const [key, value] of Object.entries(view)) {
      if (key === 'data') continue;
      const at = [...path, key];
      if (key === 'field' && typeof value === 'string' && dataset !== undefined && !pivoted && datasets[dataset]!.length > 0) {
        const known = fieldsOf(dataset);
        const head = value.split(/(?<!\\)[.[]/)[0]!.replace(/\\(.)/g, '$1');
        if (!known.includes(head) && !fields.has(head)) found.push({ path: at, kind: 'field', name: value, dataset, known: [...known, ...fields] });
      } else visit(value, at, dataset, fields, pivoted);
    }
  };
  visit(spec, [], undefined, new Set(), false);
  return found;
}

/** The fields a transform step makes: its `as` names, and those of aggregate, window and joinaggregate operations. */
function outputNames(step: Readonly<Record<string, unknown>>): string[] {
  const names = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const ops = ['aggregate', 'window', 'joinaggregate'].flatMap((k) =>
    Array.isArray(step[k]) ? (step[k] as { as?: unknown }[]).flatMap((op) => names(op?.as)) : [],
  );
  return [...names(step.as), ...ops];
}

/**
 * Fails on a field or dataset the spec names and its data lacks, at its line and column in the
 * spec file, with the closest name the data has.
 */
export function checkBoundNames(
  spec: unknown,
  text: string,
  datasets: Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>,
  file: string,
): void {
  const problems = unboundNames(spec, datasets).map((p) => {
    const where = located(file, text, p.path);
    const what =
      p.kind === 'field'
        ? `field "${p.name}" is not in the ${p.dataset} data the chart receives${didYouMean(p.name, p.known)}; its fields: ${p.known.join(', ')}`
        : `dataset "${p.name}" is not one ets-brief gives this chart${didYouMean(p.name, p.known)}; its datasets: ${p.known.join(', ')}`;
    return `${where}: ${what}`;
  });
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

/**
 * Fails on an "i18n:key" string of the spec that the language's strings lack, at its line and
 * column, with the key meant (the chart would otherwise stop later, naming only the file).
 */
export function checkStringKeys(spec: unknown, text: string, strings: Readonly<Record<string, string>>, file: string): void {
  const problems: string[] = [];
  const visit = (node: unknown, path: JsonPath): void => {
    if (typeof node === 'string' && node.startsWith('i18n:') && !Object.hasOwn(strings, node.slice(5))) {
      const key = node.slice(5);
      problems.push(`${located(file, text, path)}: unknown string "${key}"${didYouMean(key, Object.keys(strings))}`);
    } else if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) visit(item, [...path, i]);
    } else if (typeof node === 'object' && node !== null) for (const [key, value] of Object.entries(node)) visit(value, [...path, key]);
  };
  visit(spec, []);
  if (problems.length > 0) throw new Error(problems.join('\n'));
}
