/** Edits (insert, delete, replace) turning one name into another. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length]!;
}

/** The known name nearest a misspelt one, for "did you mean"; undefined when none is near. */
export function closest(name: string, known: Iterable<string>): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (!best || d < best.d) best = { name: candidate, d };
  }
  // Further than half the name away is another name, not a misspelling of this one.
  return best && best.d <= Math.max(2, Math.ceil(name.length / 2)) ? best.name : undefined;
}

/** " (did you mean "x"?)", or nothing. */
export function suggestion(name: string, known: Iterable<string>): string {
  const near = closest(name, known);
  return near === undefined ? '' : ` (did you mean "${near}"?)`;
}
