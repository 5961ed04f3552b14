import type { TemplateFiles } from './template-files.js';

/**
 * The power paragraph's sources: the brief's own powerMix.highlight, else the built-in brief's
 * (templates/brief.json), so that which sources a brief follows is configuration, not code.
 */
export async function powerHighlight(files: TemplateFiles, own: { readonly highlight: readonly string[] } | undefined): Promise<readonly string[]> {
  if (own) return own.highlight;
  const builtin = JSON.parse(await files.readBuiltin('brief.json')) as { powerMix?: { highlight?: string[] } };
  return builtin.powerMix?.highlight ?? [];
}
