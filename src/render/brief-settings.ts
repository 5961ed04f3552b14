import { didYouMean } from '../suggest.js';
import type { TemplateFiles } from './template-files.js';

/**
 * The power paragraph's sources: the brief's own powerMix.highlight, else the built-in brief's
 * (templates/brief.json), so that which sources a brief follows is configuration, not code. A
 * source that power-generation.csv does not list is an error, not a paragraph that silently
 * goes missing; a brief with no generation rows at all has no paragraph to write, so it is not
 * checked.
 */
export async function powerHighlight(
  files: TemplateFiles,
  own: { readonly highlight: readonly string[] } | undefined,
  sourceTypes: ReadonlySet<string>,
): Promise<readonly string[]> {
  const where = own ? (files.custom ? `${files.custom}/brief.json` : 'the configuration') : 'templates/brief.json';
  const highlight = own?.highlight ?? (JSON.parse(await files.readBuiltin('brief.json')) as { powerMix?: { highlight?: string[] } }).powerMix?.highlight ?? [];
  if (sourceTypes.size === 0) return highlight;
  for (const type of highlight) {
    if (!sourceTypes.has(type)) {
      throw new Error(
        `${where}: powerMix.highlight names "${type}", which is not a source_type of data/power-generation.csv${didYouMean(type, sourceTypes)}; it has ${[...sourceTypes].join(', ')}`,
      );
    }
  }
  return highlight;
}
