/** Exit codes, documented in the README. */
export const EXIT = {
  ok: 0,
  /** The data is invalid. */
  data: 1,
  /** The command line is wrong. */
  usage: 2,
  /** Rendering, the browser, or an unexpected internal failure. */
  failure: 3,
  /** The output folder was refused: it holds files ets-brief did not write, or cannot be written. */
  output: 4,
} as const;
