/**
 * "Did you mean …?" for names an author types: template variables, chart fields, partials. One
 * place, so every error suggests the same way.
 */

/**
 * Edit distance with adjacent transpositions (optimal string alignment): insertions, deletions,
 * substitutions and swaps of two neighbours each cost one, by code point ("yaer" is one from "year").
 */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[s.length]![t.length]!;
}

/**
 * The known name closest to `name`, if it is close enough to be a likely misspelling: at most a
 * third of the longer name's length in edits (at least one), so "reslts" finds "results" but "x"
 * does not find "year". Ties go to the name listed first; case differences count as edits but a
 * name that differs only in case always qualifies; failing that, a known name that is one of the
 * name's hyphenated ends (an id renamed to a part of itself).
 */
export function closest(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    if (candidate === name) continue;
    const distance = candidate.toLowerCase() === name.toLowerCase() ? 0.5 : editDistance(name, candidate);
    const limit = Math.max(1, Math.floor(Math.max([...name].length, [...candidate].length) / 3));
    if (distance <= limit && distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  // A renamed id whose new name is a part of the old one ("china-compared" -> "compared").
  return best ?? [...known].find((candidate) => name.endsWith(`-${candidate}`) || name.startsWith(`${candidate}-`));
}

/** ` (did you mean "results"?)`, or '' when nothing is close. */
export function didYouMean(name: string, known: Iterable<string>): string {
  const match = closest(name, known);
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}
