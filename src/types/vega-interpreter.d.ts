// vega-interpreter ships no types; it evaluates Vega expressions without `new Function` (CSP-safe).
declare module 'vega-interpreter' {
  export const expressionInterpreter: unknown;
}
