import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support.js';

/**
 * Data flows one way: data → metrics → charts → render → pdf → pipeline → cli. A module may
 * import from its own stage or an earlier one, never a later one, so each stage can be read,
 * tested and reused without what comes after it. Stages are the folders of src/; fonts serve
 * charts and render (they import nothing of ours); changes compares finished builds, after
 * render and beside pdf. Files at the top of src/ are the entry points (cli.ts, index.ts,
 * api.ts), except the few shared leaves every stage may use (version.ts, interrupt.ts, suggest.ts,
 * json-source.ts, missing.ts).
 */
const STAGES: Readonly<Record<string, number>> = {
  data: 0,
  metrics: 1,
  fonts: 1,
  charts: 2,
  render: 3,
  pdf: 4,
  changes: 4,
  pipeline: 5,
  cli: 6,
};
const SHARED_LEAVES = new Set(['version.ts', 'interrupt.ts', 'types', 'suggest.ts', 'json-source.ts', 'missing.ts']);
const ENTRY = 7;

const SRC = join(ROOT, 'src');

function stageOf(file: string): number | 'shared' {
  const [top, ...rest] = relative(SRC, file).split('/');
  if (SHARED_LEAVES.has(top!)) return 'shared';
  if (rest.length === 0) return ENTRY;
  const stage = STAGES[top!];
  if (stage === undefined) throw new Error(`src/${top}/ is not a known stage: add it to STAGES in ${relative(ROOT, import.meta.filename)}`);
  return stage;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(path) : /\.ts$/.test(e.name) ? [path] : [];
  });
}

/** Relative specifiers of static imports, re-exports and dynamic import() calls, with their lines. */
function importsOf(text: string): { specifier: string; line: number }[] {
  const out: { specifier: string; line: number }[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.[^'"]+)['"]/gm;
  for (const m of text.matchAll(pattern)) out.push({ specifier: m[1]!, line: text.slice(0, m.index).split('\n').length });
  return out;
}

/** Every import against the flow, as "src/a.ts:line imports src/b.ts (stage x after y)". */
function violations(files: readonly string[], read: (file: string) => string = (f) => readFileSync(f, 'utf8')): string[] {
  const found: string[] = [];
  for (const file of files) {
    const from = stageOf(file);
    for (const { specifier, line } of importsOf(read(file))) {
      const target = resolve(dirname(file), specifier).replace(/\.js$/, '.ts');
      if (!target.startsWith(SRC)) continue;
      const to = stageOf(target);
      if (from === 'shared' ? to !== 'shared' : to !== 'shared' && to > from) {
        found.push(`${relative(ROOT, file)}:${line} imports ${relative(ROOT, target)}, a later stage`);
      }
    }
  }
  return found;
}

describe('imports flow one way', () => {
  it('finds an import against the flow (the check itself can fail)', () => {
    const file = join(SRC, 'render', 'example.ts');
    expect(violations([file], () => "import { x } from '../pipeline/cache.js';\nconst y = await import('../pdf/print.js');\n")).toEqual([
      'src/render/example.ts:1 imports src/pipeline/cache.ts, a later stage',
      'src/render/example.ts:2 imports src/pdf/print.ts, a later stage',
    ]);
    expect(violations([join(SRC, 'version.ts')], () => "import { DATASETS } from './data/datasets/index.js';\n")).toEqual([
      'src/version.ts:1 imports src/data/datasets/index.ts, a later stage',
    ]);
    expect(violations([join(SRC, 'pipeline', 'x.ts')], () => "import { x } from '../render/html.js';\nimport { v } from '../version.js';\n")).toEqual([]);
  });

  it('holds for every module in src/', () => {
    expect(violations(sourceFiles(SRC))).toEqual([]);
  });
});
