import { basename } from 'node:path';
import { closest } from '../suggest.js';
import type { Lang } from './format.js';
import { flattenStrings, type Messages } from './i18n.js';
import type { TemplateFiles } from './template-files.js';

/**
 * A brief folder checked against the built-in brief, so that a misspelt file or string does not
 * pass silently (the built-in one would be used instead, and the build would look right):
 *
 * - a file whose path matches no built-in file and that nothing refers to (a section the brief
 *   does not list, a partial no template includes) is an error naming it, with the closest
 *   built-in name;
 * - a string the built-in brief does not have and no template of the folder uses is a warning
 *   naming its file and key.
 */
export interface BriefProblems {
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

/** Files of a brief folder that are not templates: its configuration and notes for its authors. */
const NOT_TEMPLATES = /^(?:brief\.json|[^/]*\.md|\.[^/]*)$/;

export async function checkBriefFolder(files: TemplateFiles, sections: readonly string[], messages: Messages): Promise<BriefProblems> {
  if (!files.custom) return { errors: [], warnings: [] };
  const [own, builtin] = await Promise.all([files.customFiles(), files.builtinFiles()]);
  const builtinSet = new Set(builtin);
  const texts = await Promise.all(own.filter((f) => /\.(hbs|json)$/.test(f) && !f.startsWith('i18n/')).map((f) => files.read(f)));
  const included = new Set(texts.flatMap((text) => [...text.matchAll(/\{\{~?#?>\s*([\w-]+)/g)].map((m) => m[1]!)));
  const referenced = (file: string): boolean => {
    if (builtinSet.has(file) || NOT_TEMPLATES.test(file)) return true;
    const section = /^sections\/([a-z0-9-]+?)(?:\.(zh-CN|en))?\.hbs$/.exec(file);
    if (section) return sections.includes(section[1]!);
    const partial = /^partials\/([\w-]+)\.hbs$/.exec(file);
    return partial ? included.has(partial[1]!) : false;
  };
  const errors = own
    .filter((f) => !referenced(f))
    .map((f) => {
      const near =
        closest(f, builtin) ??
        closest(
          basename(f),
          builtin.map((b) => basename(b)),
        );
      return `${files.custom}/${f}: matches no file of the built-in brief and nothing refers to it${near ? ` (did you mean "${builtin.find((b) => b === near || basename(b) === near)}"?)` : ''}; a new section needs its id in brief.json's "sections"`;
    });
  return { errors, warnings: await unusedStrings(files, sections, messages, texts) };
}

/** Strings of an override that are neither built-in nor used by any of the folder's templates. */
async function unusedStrings(files: TemplateFiles, sections: readonly string[], messages: Messages, texts: readonly string[]): Promise<string[]> {
  if (!messages.override) return [];
  const lang: Lang = messages.lang;
  const { locale: _locale, ...builtin } = JSON.parse(await files.readBuiltin(`i18n/${lang}.json`)) as Record<string, unknown>;
  const builtinKeys = Object.keys(flattenStrings(builtin, lang));
  const known = new Set(builtinKeys);
  const used = (key: string) =>
    sections.some((id) => key === `sections.${id}`) ||
    texts.some((text) => text.includes(`"${key}"`) || text.includes(`'${key}'`) || text.includes(`i18n:${key}`));
  return messages.override.keys
    .filter((key) => !known.has(key) && !used(key))
    .map((key) => {
      const near = closest(key, builtinKeys);
      return `${messages.override!.file}: string "${key}" is not a built-in string and no template of the brief uses it${near ? ` (did you mean "${near}"?)` : ''}`;
    });
}
