import Handlebars from 'handlebars';
import { didYouMean } from '../suggest.js';

/**
 * Names a template uses that nothing provides stop the build at their file, line and column, with
 * the name meant. Handlebars' strict mode stops only a plain `{{view.x}}`: a helper's argument,
 * `#if` and `#each` on a misspelt path read undefined and printed an empty section, exit 0.
 */

/** An error already located in a template file (not to be located again by an outer template). */
export class TemplateError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TemplateError';
  }
}

interface Loc {
  readonly start: { readonly line: number; readonly column: number };
}

const at = (file: string, loc: Loc | undefined) => (loc ? `${file}:${loc.start.line}:${loc.start.column + 1}` : file);

/** The helper the compiled templates call to read a path from their context (see checkedLookups). */
const LOOKUP = 'etsbLookup';

type Compiler = new () => { resolvePath(type: string, parts: string[], start: number, falsy: boolean, strict: boolean): void };
interface CompilerInternals {
  options: { strict?: boolean };
  source: { currentLocation?: Loc };
  popStack(): unknown;
  push(expression: unknown): void;
  quotedString(text: string): string;
}

/**
 * Makes every path a template reads from its context, however it is used (printed, a helper's
 * argument, a block's), fail when a step of it is not there: compiled templates call the LOOKUP
 * helper, which walks the path and knows the template file being rendered (`file()`). A value that
 * is there but null or undefined ends the walk (an optional part of the view the data left empty).
 */
export function checkedLookups(hb: typeof Handlebars, file: () => string): void {
  const env = hb as unknown as { JavaScriptCompiler: Compiler };
  const Base = env.JavaScriptCompiler;
  class CheckedCompiler extends Base {
    override resolvePath(type: string, parts: string[], start: number, falsy: boolean, strict: boolean): void {
      if (type !== 'context') {
        super.resolvePath(type, parts, start, falsy, strict);
        return;
      }
      const self = this as unknown as CompilerInternals;
      const loc = self.source.currentLocation?.start;
      const names = `[${parts.map((p) => self.quotedString(p)).join(',')}]`;
      // The place goes last, as an object: Handlebars gives a helper's last argument its lookupProperty.
      const place = `{line:${loc?.line ?? 0},column:${loc?.column ?? 0}}`;
      self.push(['helpers.', LOOKUP, '(', self.popStack(), ',', names, ',', String(start), ',', place, ')']);
    }
  }
  env.JavaScriptCompiler = CheckedCompiler;
  hb.registerHelper(LOOKUP, (context: unknown, parts: string[], start: number, { line, column }: { line: number; column: number }) => {
    let value = context;
    for (let i = start; i < parts.length; i++) {
      if (value === null || value === undefined) return value;
      const part = parts[i]!;
      if (typeof value === 'object' && Object.hasOwn(value, part)) {
        value = (value as Record<string, unknown>)[part];
        continue;
      }
      const path = parts.join('.');
      const owner = i === 0 ? 'the template' : `"${parts.slice(0, i).join('.')}"`;
      const known = typeof value === 'object' ? Object.keys(value) : [];
      const where = at(file(), line > 0 ? { start: { line, column } } : undefined);
      const hint = i === 0 ? didYouMean(part, [...known, ...Object.keys(hb.helpers).filter((h) => h !== LOOKUP)]) : didYouMean(part, known);
      throw new TemplateError(
        `${where}: unknown variable "${path}": ${owner} has no "${part}"${hint}${known.length > 0 && known.length <= 30 ? `; it has: ${known.join(', ')}` : ''}`,
      );
    }
    return value;
  });
}

/**
 * Partials and helpers a template calls by name, checked when it is loaded: `{{> figur}}` and
 * `{{percnt x}}` are errors at their place, before anything renders.
 */
export function checkCalledNames(source: string, file: string, partials: readonly string[], hb: typeof Handlebars): void {
  const helpers = Object.keys(hb.helpers).filter((h) => h !== LOOKUP);
  const problems: string[] = [];
  const visitor = new Handlebars.Visitor();
  const called = (node: hbs.AST.PathExpression | hbs.AST.Literal | hbs.AST.SubExpression, params: readonly unknown[], hash: unknown) => {
    if (node.type !== 'PathExpression' || (params.length === 0 && !hash)) return;
    const path = node as hbs.AST.PathExpression;
    const name = path.original;
    if (!path.data && path.parts.length === 1 && path.depth === 0 && !helpers.includes(name)) {
      problems.push(`${at(file, path.loc)}: unknown helper "${name}"${didYouMean(name, helpers)}; helpers: ${helpers.join(', ')}`);
    }
  };
  const partial = (node: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement) => {
    if (node.name.type !== 'PathExpression') return;
    const name = node.name.original;
    if (!partials.includes(name))
      problems.push(`${at(file, node.name.loc)}: unknown partial "${name}"${didYouMean(name, partials)}; partials: ${partials.join(', ')}`);
  };
  const base = {
    MustacheStatement: visitor.MustacheStatement,
    SubExpression: visitor.SubExpression,
    BlockStatement: visitor.BlockStatement,
    PartialStatement: visitor.PartialStatement,
    PartialBlockStatement: visitor.PartialBlockStatement,
  };
  Object.assign(visitor, {
    MustacheStatement(this: Handlebars.Visitor, node: hbs.AST.MustacheStatement) {
      called(node.path, node.params, node.hash);
      base.MustacheStatement.call(this, node);
    },
    SubExpression(this: Handlebars.Visitor, node: hbs.AST.SubExpression) {
      called(node.path, node.params, node.hash);
      base.SubExpression.call(this, node);
    },
    BlockStatement(this: Handlebars.Visitor, node: hbs.AST.BlockStatement) {
      called(node.path, node.params, node.hash);
      base.BlockStatement.call(this, node);
    },
    PartialStatement(this: Handlebars.Visitor, node: hbs.AST.PartialStatement) {
      partial(node);
      base.PartialStatement.call(this, node);
    },
    PartialBlockStatement(this: Handlebars.Visitor, node: hbs.AST.PartialBlockStatement) {
      partial(node);
      base.PartialBlockStatement.call(this, node);
    },
  });
  visitor.accept(Handlebars.parse(source));
  if (problems.length > 0) throw new TemplateError(problems.join('\n'));
}

/**
 * An error raised while parsing or rendering `file` (whose text is `source`), located there
 * unless it already names its place.
 */
export function locatedTemplateError(error: unknown, file: string, source?: string): Error {
  if (error instanceof TemplateError) return error;
  const e = error as Error & { lineNumber?: number; column?: number };
  if (typeof e.message === 'string' && e.message.startsWith(`${file}:`)) return new TemplateError(e.message, { cause: error });
  const parsed = source === undefined ? undefined : parseErrorPosition(String(e.message), source);
  const where = typeof e.lineNumber === 'number' ? `${file}:${e.lineNumber}:${(e.column ?? 0) + 1}` : parsed ? `${file}:${parsed.line}:${parsed.column}` : file;
  // Handlebars appends " - line:column" to its own messages; the place now leads.
  return new TemplateError(`${where}: ${String(e.message ?? error).replace(/ - \d+:\d+$/, '')}`, { cause: error });
}

/**
 * Where a Handlebars syntax error is. Its parser says only "Parse error on line N:" above an
 * excerpt of the text read so far (line breaks removed, "..." before the last 20 characters) and
 * a caret under the error; the column is where line N's start meets the end of that excerpt.
 */
export function parseErrorPosition(message: string, source: string): { line: number; column: number } | undefined {
  const m = /^Parse error on line (\d+):\n(.*)\n(-*)\^/.exec(message);
  if (!m) return undefined;
  const line = Number(m[1]);
  const before = m[2]!.slice(0, m[3]!.length).replace(/^\.\.\./, '');
  const text = source.split('\n')[line - 1] ?? '';
  for (let k = Math.min(before.length, text.length); k >= 0; k--) {
    if (text.slice(0, k) === before.slice(before.length - k)) return { line, column: k + 1 };
  }
  return { line, column: 1 };
}
