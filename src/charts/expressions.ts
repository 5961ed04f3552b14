/**
 * Limits on chart expressions. They are interpreted (vega-interpreter), so they cannot run code,
 * but a few functions allocate or run as long as their arguments say: `sequence(0, 300000000)`
 * asked V8 for a 2.4 GB array and the process aborted with a raw trace. Expressions have no
 * loops and no user functions, so bounding those functions bounds the work: each expression's
 * syntax tree is checked before anything runs, against an allow-list of functions whose cost
 * follows their input, with literal, bounded arguments for the few that do not.
 */

/** A node of a vega-expression syntax tree (ESTree subset). */
interface Node {
  readonly type: string;
  readonly [key: string]: unknown;
}

/** The most elements `sequence` may make, characters `pad` may pad to, and width a format may ask. */
export const LIMITS = { sequence: 10_000, pad: 1_000, formatWidth: 100 } as const;

/** Functions whose work grows with their input only (Vega's expression language, 6.x). */
const BOUNDED = new Set([
  // type checks and coercion, control
  'isArray',
  'isBoolean',
  'isDate',
  'isDefined',
  'isNumber',
  'isObject',
  'isRegExp',
  'isString',
  'isValid',
  'toBoolean',
  'toDate',
  'toNumber',
  'toString',
  'if',
  // math and statistics
  'isNaN',
  'isFinite',
  'abs',
  'acos',
  'asin',
  'atan',
  'atan2',
  'ceil',
  'clamp',
  'cos',
  'exp',
  'expm1',
  'floor',
  'hypot',
  'log',
  'log1p',
  'max',
  'min',
  'pow',
  'random',
  'round',
  'sign',
  'sin',
  'sqrt',
  'tan',
  'trunc',
  'sampleNormal',
  'cumulativeNormal',
  'densityNormal',
  'quantileNormal',
  'sampleLogNormal',
  'cumulativeLogNormal',
  'densityLogNormal',
  'quantileLogNormal',
  'sampleUniform',
  'cumulativeUniform',
  'densityUniform',
  'quantileUniform',
  // dates
  'now',
  'datetime',
  'date',
  'day',
  'dayofyear',
  'year',
  'quarter',
  'month',
  'week',
  'hours',
  'minutes',
  'seconds',
  'milliseconds',
  'time',
  'timezoneoffset',
  'timeOffset',
  'utc',
  'utcdate',
  'utcday',
  'utcdayofyear',
  'utcyear',
  'utcquarter',
  'utcmonth',
  'utcweek',
  'utchours',
  'utcminutes',
  'utcseconds',
  'utcmilliseconds',
  'utcOffset',
  // arrays and strings
  'extent',
  'clampRange',
  'indexof',
  'inrange',
  'join',
  'lastindexof',
  'length',
  'lerp',
  'peek',
  'pluck',
  'reverse',
  'slice',
  'sort',
  'span',
  'lower',
  'parseFloat',
  'parseInt',
  'replace',
  'split',
  'substring',
  'trim',
  'truncate',
  'upper',
  'merge',
  // formatting (format is checked below)
  'dayFormat',
  'dayAbbrevFormat',
  'monthFormat',
  'monthAbbrevFormat',
  'timeUnitSpecifier',
  'timeFormat',
  'timeParse',
  'utcFormat',
  'utcParse',
  // colours, scales, data, geometry, scenegraph
  'rgb',
  'hsl',
  'lab',
  'hcl',
  'luminance',
  'contrast',
  'scale',
  'invert',
  'copy',
  'domain',
  'range',
  'bandwidth',
  'bandspace',
  'gradient',
  'panLinear',
  'panLog',
  'panPow',
  'panSymlog',
  'zoomLinear',
  'zoomLog',
  'zoomPow',
  'zoomSymlog',
  'data',
  'indata',
  'geoArea',
  'geoBounds',
  'geoCentroid',
  'geoScale',
  'geoShape',
  'geoPath',
  'treePath',
  'treeAncestors',
  'item',
  'group',
  'xy',
  'x',
  'y',
  'containerSize',
  'screen',
  'windowSize',
  'warn',
  'info',
  'debug',
  // what Vega-Lite's compiled specs call
  'vlSelectionTest',
  'vlSelectionIdTest',
  'vlSelectionResolve',
  'vlSelectionTuples',
  'encode',
  // binning (Vega-Lite's bin extent signals write the data they bin)
  'setdata',
  // and what Vega's own axes, legends and interactions call
  'flush',
  'interpolateLinear',
  'isTuple',
  'isoweek',
  'utcisoweek',
  'inScope',
  'intersect',
  'pinchDistance',
  'pinchAngle',
  'pathShape',
  'geoTranslate',
  'lassoPath',
  'intersectLasso',
]);

/** Refused with a reason: their time or size is not bounded by their input. */
const REFUSED: Readonly<Record<string, string>> = {
  regexp: 'regular expressions can take unbounded time (catastrophic backtracking)',
  test: 'regular expressions can take unbounded time (catastrophic backtracking)',
  timeSequence: 'it makes as many dates as its arguments ask',
  utcSequence: 'it makes as many dates as its arguments ask',
  modify: 'charts may not change their data',
};

/** A number written in the expression (`3`, `-3`), or undefined. */
function literalNumber(node: unknown): number | undefined {
  const n = node as Node | undefined;
  if (n?.type === 'Literal' && typeof n.value === 'number') return n.value;
  if (n?.type === 'UnaryExpression' && (n.operator === '-' || n.operator === '+')) {
    const v = literalNumber(n.argument);
    return v === undefined ? undefined : n.operator === '-' ? -v : v;
  }
  return undefined;
}

function literalString(node: unknown): string | undefined {
  const n = node as Node | undefined;
  return n?.type === 'Literal' && typeof n.value === 'string' ? n.value : undefined;
}

/** A d3-format specifier's width (`>1000000f` pads to a million characters). */
export function formatWidthProblem(specifier: string): string | undefined {
  const width = /^(?:.?[<>=^])?[-+( ]?[$#]?0?(\d+)/.exec(specifier)?.[1];
  return width !== undefined && Number(width) > LIMITS.formatWidth
    ? `the format "${specifier}" asks for a width of ${width} (at most ${LIMITS.formatWidth})`
    : undefined;
}

function callProblem(name: string, args: readonly unknown[]): string | undefined {
  if (name in REFUSED) return `${name}() is not allowed: ${REFUSED[name]}`;
  if (name === 'sequence') {
    const [a, b, c] = args.map(literalNumber);
    if (a === undefined || (args.length > 1 && b === undefined) || (args.length > 2 && c === undefined))
      return 'sequence() takes numbers written in the expression, so its length is known';
    const [start, stop, step] = args.length === 1 ? [0, a, 1] : [a, b!, c ?? 1];
    const count = step === 0 ? Infinity : Math.ceil((stop - start) / step);
    return count > LIMITS.sequence || !Number.isFinite(count)
      ? `sequence(${args.map(literalNumber).join(', ')}) would make ${count} numbers (at most ${LIMITS.sequence})`
      : undefined;
  }
  if (name === 'pad') {
    const length = literalNumber(args[1]);
    if (length === undefined) return 'pad() takes a length written in the expression';
    return length > LIMITS.pad ? `pad() to ${length} characters (at most ${LIMITS.pad})` : undefined;
  }
  if (name === 'format') {
    const specifier = literalString(args[1]);
    if (specifier === undefined) return 'format() takes a specifier written in the expression';
    return formatWidthProblem(specifier);
  }
  return BOUNDED.has(name) || /^ease[A-Z]\w*$/.test(name) ? undefined : `${name}() is not a chart expression function ets-brief allows`;
}

/** The first problem in an expression's syntax tree, or undefined when it may run. */
export function expressionProblem(ast: unknown): string | undefined {
  const node = ast as Node;
  if (!node || typeof node !== 'object') return undefined;
  if (Array.isArray(node)) {
    for (const item of node) {
      const p = expressionProblem(item);
      if (p) return p;
    }
    return undefined;
  }
  if (node.type === 'Literal' && node.regex) return 'regular expressions are not allowed: they can take unbounded time';
  if (node.type === 'CallExpression') {
    const callee = node.callee as Node;
    if (callee.type !== 'Identifier') return `only named functions may be called (got a ${callee.type} callee, e.g. "x".repeat())`;
    // Vega's encoders call internal names with a leading underscore for the same functions.
    const p = callProblem(String(callee.name).replace(/^_/, ''), node.arguments as unknown[]);
    if (p) return p;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'type' || typeof value !== 'object' || value === null) continue;
    const p = expressionProblem(value);
    if (p) return p;
  }
  return undefined;
}

/** Spec keys whose string value is an expression (Vega-Lite), and `format` specifiers. */
const EXPRESSION_KEYS = new Set(['calculate', 'filter', 'expr', 'test', 'labelExpr', 'signal', 'update']);

/**
 * Checks every expression written in a Vega-Lite spec, naming its JSON path and text. `parse` is
 * Vega's expression parser (loaded with Vega, which is loaded lazily).
 */
export function checkSpecExpressions(spec: unknown, parse: (code: string) => unknown, where: string): void {
  const problems: string[] = [];
  const visit = (node: unknown, path: string) => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) visit(item, `${path}[${i}]`);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      const at = path ? `${path}.${key}` : key;
      if (typeof value === 'string' && EXPRESSION_KEYS.has(key)) {
        let problem: string | undefined;
        try {
          problem = expressionProblem(parse(value));
        } catch (error) {
          problem = (error as Error).message;
        }
        if (problem) problems.push(`${at}: expression ${JSON.stringify(value)}: ${problem}`);
      } else if (typeof value === 'string' && key === 'format') {
        const problem = formatWidthProblem(value);
        if (problem) problems.push(`${at}: ${problem}`);
      } else visit(value, at);
    }
  };
  visit(spec, '');
  if (problems.length > 0) throw new Error(`${where}: invalid chart spec: ${problems.join('; ')}`);
}

/**
 * Checks the expressions of a parsed Vega runtime (vega.parse with `ast: true`), which include
 * those Vega-Lite wrote itself from formats, sorts and encodings: the last gate before any runs.
 */
export function checkRuntimeExpressions(runtime: unknown, where: string): void {
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    const { ast, code } = node as { ast?: unknown; code?: unknown };
    if (ast && typeof ast === 'object') {
      const problem = expressionProblem(ast);
      if (problem)
        throw new Error(`${where}: invalid chart spec: expression ${typeof code === 'string' ? JSON.stringify(code.replace(/this\./g, '')) : ''}: ${problem}`);
    }
    Object.values(node).forEach(visit);
  };
  visit(runtime);
}
