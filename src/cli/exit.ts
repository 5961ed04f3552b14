/** Exit codes, documented in the README. */
export const EXIT = {
  ok: 0,
  /** The data is invalid. */
  data: 1,
  /** The command line is wrong. */
  usage: 2,
  /** Rendering, the browser, or an unexpected internal failure. */
  failure: 3,
} as const;
