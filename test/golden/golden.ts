import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { ROOT } from '../support.js';

/**
 * Golden files: what the brief says, kept in the repository, so that a change in it shows up in
 * review as a diff of text rather than only as a failing assertion somewhere.
 */
export const GOLDEN_DIR = join(ROOT, 'test', 'golden');

/** How to rewrite the golden files after a change that is meant. */
export const REGENERATE = 'UPDATE_GOLDEN=1 npx vitest run test/golden (or npm run golden:update)';

/**
 * An embeddable section with what is not its meaning taken out: its style element (the CSS and
 * the font subsets, whose bytes follow every glyph used), one tag per line so a diff points at
 * the sentence that changed. Text, markup, ids, links and sources stay as they are.
 */
export function normaliseFragment(html: string): string {
  const styles = html.match(/<style>[\s\S]*?<\/style>/g) ?? [];
  if (styles.length !== 1) throw new Error(`expected one <style> element in the fragment, found ${styles.length}`);
  return `${html
    .replace(/<style>[\s\S]*?<\/style>/, '<style>/* styles and font subsets: not compared */</style>')
    .replace(/>\s*</g, '>\n<')
    .trimEnd()}\n`;
}

/**
 * Compares `actual` with the golden file `name`: undefined when they agree, else a readable
 * unified diff and how to regenerate. With UPDATE_GOLDEN=1 it writes the file instead.
 */
export async function checkGolden(name: string, actual: string, dir = GOLDEN_DIR, update = process.env.UPDATE_GOLDEN === '1'): Promise<string | undefined> {
  const file = join(dir, name);
  if (update) {
    await writeFile(file, actual);
    return undefined;
  }
  const expected = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (expected === undefined) return `golden file ${name} is missing; write it with ${REGENERATE}`;
  if (expected === actual) return undefined;
  const patch = createTwoFilesPatch(`golden/${name}`, `now/${name}`, expected, actual, '', '', { context: 3 });
  return `${name} differs from its golden file (- golden, + now):\n\n${patch}\nIf the change is meant, regenerate with ${REGENERATE} and commit the diff.`;
}
